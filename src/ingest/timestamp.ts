/**
 * Reads the publication time a page's metadata gives ("2019-04-28T22:30:00-07:00",
 * "Mon Aug 03 12:45:00 EDT 2015", "12-15-2016") as a calendar day. Parsed with chrono-node,
 * which knows far more formats and time zones than a list of patterns; a time with a zone is
 * counted in UTC, so one story has one date wherever its publisher sits.
 */
import * as chrono from 'chrono-node';

// Used only to fill parts a text leaves out; a day without a year is refused anyway.
const REFERENCE = new Date(Date.UTC(2000, 0, 1));
const MONTH_START = /(\p{Ll})(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)/gu;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The calendar day `value` states, `YYYY-MM-DD`: in UTC when it gives a time zone, else as
 * written. Null when it states no full date (no year, or no day).
 */
export function dayOf(value: string): string | null {
  // "Washington PostDec 13, 2016": a date glued to the word before it.
  const text = value.replace(MONTH_START, '$1 ').trim();
  if (text === '') return null;
  for (const result of chrono.parse(text, REFERENCE)) {
    const start = result.start;
    if (!start.isCertain('year') || !start.isCertain('day') || !start.isCertain('month')) continue;
    if (start.isCertain('timezoneOffset') && start.isCertain('hour')) return start.date().toISOString().slice(0, 10);
    return `${start.get('year')}-${pad(start.get('month') ?? 1)}-${pad(start.get('day') ?? 1)}`;
  }
  return null;
}
