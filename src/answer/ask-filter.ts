import { NewsdeskError } from '../errors.ts';
import type { PassageFilter } from '../store/dense-store.ts';

/** What an asker narrowed a question to, as typed (`/ask since:`, `--since`...); empty parts are ignored. */
export interface AskFilter {
  /** Published on or after: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` for the first day of it. */
  since?: string | null;
  /** Published on or before: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` for the last day of it. */
  until?: string | null;
  /** An outlet's name, or part of it (any case). */
  outlet?: string | null;
}

/** The part of a passage filter an asker chooses. */
export type ChosenFilter = Pick<PassageFilter, 'since' | 'until' | 'outlets'>;

/** Outlets named in an error at most. */
const OUTLETS_SHOWN = 8;

const pad = (n: number) => String(n).padStart(2, '0');

function invalid(message: string): NewsdeskError {
  return new NewsdeskError('QUESTION_INVALID', message);
}

/**
 * `text` as an ISO day: itself for `YYYY-MM-DD`, the first (`since`) or last (`until`) day of a
 * month or a year. Throws QUESTION_INVALID naming the option for anything else.
 */
export function isoDayBound(text: string, option: 'since' | 'until'): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u.exec(text.trim());
  const year = Number(match?.[1]);
  const month = match?.[2] === undefined ? null : Number(match[2]);
  const day = match?.[3] === undefined ? null : Number(match[3]);
  const lastDay = (m: number) => new Date(Date.UTC(year, m, 0)).getUTCDate();
  if (!match || (month !== null && (month < 1 || month > 12)) || (day !== null && (day < 1 || day > lastDay(month!)))) {
    throw invalid(`${option}: "${text.trim()}" is not a date; write it as YYYY-MM-DD (or YYYY-MM, or YYYY).`);
  }
  if (day !== null) return `${year}-${pad(month!)}-${pad(day)}`;
  if (option === 'since') return `${year}-${pad(month ?? 1)}-01`;
  return `${year}-${pad(month ?? 12)}-${pad(lastDay(month ?? 12))}`;
}

/**
 * The outlets of the index that `typed` names: the one equal to it in any case, else every one
 * that contains it. Throws QUESTION_INVALID listing some outlets when none does.
 */
export function matchOutlets(typed: string, outlets: readonly string[]): string[] {
  const wanted = typed.trim().toLowerCase();
  const exact = outlets.filter((outlet) => outlet.toLowerCase() === wanted);
  if (exact.length > 0) return exact;
  const partial = outlets.filter((outlet) => outlet.toLowerCase().includes(wanted));
  if (partial.length > 0) return partial;
  const known = outlets.length === 0 ? 'no article in the index names its outlet' : `outlets in the index include ${outlets.slice(0, OUTLETS_SHOWN).join(', ')}${outlets.length > OUTLETS_SHOWN ? '…' : ''}`;
  throw invalid(`outlet: no article is from "${typed.trim()}"; ${known}.`);
}

/** The filter an asker typed, checked against the index's outlets; undefined when nothing was typed. */
export function resolveAskFilter(filter: AskFilter | undefined, outlets: () => readonly string[]): ChosenFilter | undefined {
  const given = (text: string | null | undefined) => (text?.trim() ? text : null);
  const since = given(filter?.since);
  const until = given(filter?.until);
  const outlet = given(filter?.outlet);
  if (since === null && until === null && outlet === null) return undefined;
  const chosen: ChosenFilter = {};
  if (since !== null) chosen.since = isoDayBound(since, 'since');
  if (until !== null) chosen.until = isoDayBound(until, 'until');
  if (chosen.since !== undefined && chosen.until !== undefined && chosen.since > chosen.until) {
    throw invalid(`since (${chosen.since}) is after until (${chosen.until}); swap them.`);
  }
  if (outlet !== null) chosen.outlets = matchOutlets(outlet, outlets());
  return chosen;
}
