/**
 * Finds calendar dates written the ways news pages write them ("November 03, 2025",
 * "Dec 04 2025", "13 December,2021", "2025-12-04", "Mon Aug 03 12:45:00 EDT 2015",
 * "12-15-2016") and turns them into ISO `YYYY-MM-DD`. Only dates with a year count: "Nov 3"
 * alone cannot be placed in time, and "03/04/2016" could be either of two days.
 */

/** A date found in a text: where it is and what it means. */
export interface FoundDate {
  /** The date as `YYYY-MM-DD`. */
  iso: string;
  /** Offset of the match in the searched text, in UTF-16 code units. */
  index: number;
  /** The matched text, e.g. "13 December,2021". */
  text: string;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

// Full or abbreviated month name, with an optional abbreviation dot ("Sept.").
const MONTH = String.raw`(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`((?:19|20)\d{2})`;

// A capitalised month glued to the word before it, as scraped text joins them: "Washington PostDec 13, 2016".
const GLUED_MONTH = String.raw`(?<=\p{Ll})(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
// A clock time and zone between day and year, as Unix dates write it: "Aug 03 12:45:00 EDT 2015".
const CLOCK = String.raw`\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+[A-Z]{2,5})?`;

/** Each pattern with the order its groups come in. */
const PATTERNS: { re: RegExp; order: 'ymd' | 'mdy' | 'dmy' | 'numeric' }[] = [
  { re: new RegExp(String.raw`(?<!\d)${YEAR}-(\d{2})-(\d{2})(?!\d)`, 'g'), order: 'ymd' },
  { re: new RegExp(String.raw`\b${MONTH}\s+${DAY}(?:,\s*|\s+|${CLOCK}\s+)${YEAR}(?!\d)`, 'gi'), order: 'mdy' },
  { re: new RegExp(String.raw`${GLUED_MONTH}\s+${DAY}(?:,\s*|\s+)${YEAR}(?!\d)`, 'gu'), order: 'mdy' },
  { re: new RegExp(String.raw`(?<!\d)${DAY}\s+${MONTH}(?:,\s*|\s+)${YEAR}(?!\d)`, 'gi'), order: 'dmy' },
  // "12-15-2016", "15/12/2016": only when one of the first two numbers cannot be a month.
  { re: new RegExp(String.raw`(?<![\d/-])(\d{1,2})([-/])(\d{1,2})\2${YEAR}(?![\d/-])`, 'g'), order: 'numeric' },
];

function monthNumber(name: string): number | undefined {
  return MONTHS[name.slice(0, 3).toLowerCase()];
}

/** `YYYY-MM-DD` when the parts make a real calendar day (no 31 November), else null. */
function toIso(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function isoFromMatch(match: RegExpExecArray, order: 'ymd' | 'mdy' | 'dmy' | 'numeric'): string | null {
  const [, a = '', b = '', c = ''] = match;
  if (order === 'numeric') {
    const [first, second, year] = [Number(a), Number(c), Number(match[4])];
    if (first > 12 && second <= 12) return toIso(year, second, first);
    if (second > 12 && first <= 12) return toIso(year, first, second);
    return null;
  }
  if (order === 'ymd') return toIso(Number(a), Number(b), Number(c));
  if (order === 'mdy') {
    const month = monthNumber(a);
    return month === undefined ? null : toIso(Number(c), month, Number(b));
  }
  const month = monthNumber(b);
  return month === undefined ? null : toIso(Number(c), month, Number(a));
}

/** All dated mentions in `text`, in order of appearance, without overlaps. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const { re, order } of PATTERNS) {
    re.lastIndex = 0;
    for (let match = re.exec(text); match !== null; match = re.exec(text)) {
      const iso = isoFromMatch(match, order);
      if (iso === null) continue;
      const start = match.index;
      const end = start + match[0].length;
      // A later pattern may re-match part of an earlier hit ("04 2025-..." is not a date).
      if (found.some((f) => start < f.index + f.text.length && f.index < end)) continue;
      found.push({ iso, index: start, text: match[0] });
    }
  }
  return found.sort((x, y) => x.index - y.index);
}

/** The first date in `text` as `YYYY-MM-DD`, or null when it holds none. */
export function parseDate(text: string): string | null {
  return findDates(text)[0]?.iso ?? null;
}
