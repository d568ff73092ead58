/**
 * Turns what a page gives as its byline ("By JANE DOE | March 11, 2015 3:46 PM", "by Lucas
 * Nolan22 Dec 2016", "Jane Doe (https://example.org/jd)\nExample Health News") into the people
 * it names: "By", dates, times, update stamps, addresses, widget labels and the outlet's own
 * name are left out. Names never hold digits, so a digit ends the name it is glued to.
 */

const LEAD_IN = /^(?:(?:written|reported|edited|posted|compiled|words|story|text|article|photos?)\s+)?by\b[\s:]*/iu;
const LABEL = /^(?:author|authors|byline|posted|published|updated|last updated|contributors?)\s*:\s*/iu;
const WIDGET = /\b(?:link copied|copy link|follow|share|email|e-mail|twitter|facebook|more by|see all|view profile|bio)\b.*$/iu;
const URL_LIKE = /\(?\s*(?:https?:\/\/|www\.)\S*\s*\)?/giu;
// Text that is no one's name: a date stamp, a role line, or a label alone.
const NOT_A_NAME = /^(?:updated|published|posted|staff|contributor|correspondent|editor|reporter|follow author|author)$/iu;
const MAX_NAME_WORDS = 12;
// A line of a byline that names a publication or desk, not a person: "Example Health News".
const ORGANISATION = /\b(?:News|Times|Post|Press|Media|Magazine|Journal|Agency|Network|Daily|Herald|Tribune|Wire|Staff|Desk|Service)$/u;
// A date from its month on: "Jane Doe, March 11, 2015" → "Jane Doe" (but "Theresa May" stays).
const MONTH_DATE = /[\s,|–—-]*\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d.*$/iu;

function squash(value: string): string {
  return value.replace(/\s+/gu, ' ').trim();
}

function sameName(a: string, b: string): boolean {
  const key = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return key(a) !== '' && key(a) === key(b);
}

/** One line of a byline, cleaned to the names it holds, or null when it names no one. */
function namesIn(line: string, outlets: readonly string[]): string | null {
  let rest = squash(line).replace(URL_LIKE, ' ');
  rest = squash(rest).replace(LABEL, '').replace(LEAD_IN, '');
  // "Jane Doe22 Dec 2016", "Jane Doe | March 11, 2015", "Jane Doe, Updated 3:46 PM".
  rest = rest.replace(MONTH_DATE, '').replace(/\d.*$/u, '').replace(/\b(?:updated|published|posted|on|at)\b[\s,:|–—-]*$/iu, '');
  rest = rest.replace(WIDGET, '');
  rest = rest.replace(/[\s|,;:•·–—-]+$/u, '').replace(/^[\s|,;:•·–—-]+/u, '');
  rest = squash(rest);
  if (rest === '' || !/\p{Lu}/u.test(rest) || NOT_A_NAME.test(rest)) return null;
  // The outlet after the names: "Jane Doe, Example Health News" keeps "Jane Doe".
  for (const outlet of outlets) {
    const at = rest.toLowerCase().lastIndexOf(outlet.toLowerCase());
    if (at > 0) rest = rest.slice(0, at).replace(/[\s|,;:•·–—-]+$/u, '');
  }
  if (rest.split(' ').length > MAX_NAME_WORDS) return null;
  return rest;
}

/**
 * The people a byline names, joined by ", "; null when it names no one. `outlets` are names of
 * the publication: one that follows the names is dropped, as is a line naming a publication or
 * desk; one that is the whole byline (a blog's author, a desk's byline) is kept.
 */
export function cleanByline(raw: string | null, outlets: readonly (string | null)[] = []): string | null {
  if (raw === null) return null;
  const known = outlets.filter((o): o is string => o !== null && o.trim() !== '');
  const names = raw
    .split(/\n|\s{3,}|\s+\|\s+/u)
    .map((line) => namesIn(line, known))
    .filter((n): n is string => n !== null);
  const people = names.filter((n) => !known.some((o) => sameName(o, n)) && !ORGANISATION.test(n));
  const kept = people.length > 0 ? people : names;
  const unique = kept.filter((n, i) => kept.findIndex((m) => sameName(m, n)) === i);
  return unique.length === 0 ? null : unique.join(', ');
}

/** The first of `candidates` that names someone, cleaned. */
export function chooseByline(candidates: readonly (string | null)[], outlets: readonly (string | null)[]): string | null {
  for (const candidate of candidates) {
    const byline = cleanByline(candidate, outlets);
    if (byline !== null) return byline;
  }
  return null;
}
