/** What a question says about when: a span of publication dates and/or a wish for the newest. */
export interface DateIntent {
  /** Inclusive `YYYY-MM-DD` bounds; null when the question names no year or month. */
  from: string | null;
  to: string | null;
  /** The question asks for the latest, most recent or newest news. */
  latest: boolean;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_PATTERN = `(${MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?`;

const pad = (n: number) => String(n).padStart(2, '0');

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads date intent from a question: "in March 2024" or "2021" give a span; "latest",
 * "most recent", "newest", "recently" ask for recency. Years are taken from 1900 to 2099 only
 * when they stand alone, so "5,000 troops" or "2,225 articles" are not years.
 */
export function parseDateIntent(question: string): DateIntent {
  const text = question.toLowerCase();
  const latest = /\b(latest|most recent|newest|recent(ly)?|last week|this week|today|current(ly)?)\b/u.test(text);
  const monthYear = new RegExp(`\\b${MONTH_PATTERN}\\s+(?:of\\s+)?((?:19|20)\\d\\d)\\b`, 'u').exec(text);
  if (monthYear) {
    const month = MONTHS.findIndex((name) => name.startsWith(monthYear[1]!.slice(0, 3))) + 1;
    const year = Number(monthYear[2]);
    return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(lastDay(year, month))}`, latest };
  }
  const year = /(?<![\d,.])\b((?:19|20)\d\d)\b(?!\d|,\d)/u.exec(text);
  if (year) return { from: `${year[1]}-01-01`, to: `${year[1]}-12-31`, latest };
  return { from: null, to: null, latest };
}

/** Whether a `YYYY-MM-DD` date falls inside the intent's span (true when there is no span). */
export function withinSpan(intent: DateIntent, published: string): boolean {
  return (intent.from === null || published >= intent.from) && (intent.to === null || published <= intent.to);
}
