/**
 * Chooses the headline of an HTML page among what it offers: the JSON-LD `headline` the article
 * declares, else the `<h1>` it shows when that says what its titles say, else the one Readability
 * found, then `og:title` / `<title>`, which often carry a site name or an SEO rewording. Site
 * suffixes ("| eHow", " - E! Online", "(Published 2016)") are removed.
 */

import { plainWords, wordKey } from '../text/words.ts';

/** What a page offers as its headline; any may be missing. */
export interface HeadlineCandidates {
  shown: string | null;
  jsonLd: string | null;
  readability: string | null;
  ogTitle: string | null;
  titleTag: string | null;
  /** Names of the site (og:site_name, publisher, host): a part of a title equal to one is a suffix. */
  siteNames: readonly (string | null)[];
}

const SEPARATOR = /\s+(?:\||-|–|—|::|·|•|»)\s+/gu;
// "(Published 2016)", "[Updated]": a note about the page, not part of its headline.
const PAGE_NOTE = /\s*[([](?:published|updated|video|photos?)\b[^)\]]*[)\]]\s*$/iu;
const MAX_SUFFIX_WORDS = 4;


/**
 * True when two headlines say the same thing: most words of the shorter are in the longer.
 * An `<h1>` that is the site's logo shares few words with the article's title.
 */
export function resembles(a: string, b: string): boolean {
  const wa = new Set(plainWords(a));
  const wb = new Set(plainWords(b));
  if (wa.size === 0 || wb.size === 0) return false;
  const shared = [...wa].filter((w) => wb.has(w)).length;
  return shared / Math.min(wa.size, wb.size) >= 0.6 && shared / Math.max(wa.size, wb.size) >= 0.4;
}

/**
 * `title` without a closing site name: a part after a separator that names the site, or is
 * short and follows a headline of its own (" | eHow", " - E! Online"), or a page note.
 */
export function stripSiteSuffix(title: string, siteNames: readonly (string | null)[] = []): string {
  let result = title.replace(PAGE_NOTE, '').trim();
  const names = siteNames.filter((n): n is string => n !== null).map((n) => wordKey(n)).filter((n) => n !== '');
  for (;;) {
    const cuts = [...result.matchAll(SEPARATOR)];
    const last = cuts[cuts.length - 1];
    if (last?.index === undefined) break;
    const head = result.slice(0, last.index).trim();
    const tail = result.slice(last.index + last[0].length).trim();
    const tailKey = wordKey(tail);
    const namesSite = names.some((n) => n === tailKey || n.replace(/ /g, '') === tailKey.replace(/ /g, '') || n.startsWith(`${tailKey} `));
    const pipe = /\|/.test(last[0]);
    const short = plainWords(tail).length <= MAX_SUFFIX_WORDS && plainWords(head).length >= 3;
    if (!(namesSite || (pipe && short))) break;
    result = head;
  }
  return result === '' ? title.trim() : result;
}

/** The headline the page shows, without site suffixes; null when the page offers none. */
export function chooseHeadline(c: HeadlineCandidates): string | null {
  const strip = (t: string | null) => (t === null ? null : stripSiteSuffix(t, c.siteNames));
  const announced = [c.readability, c.ogTitle, c.titleTag].filter((t): t is string => t !== null);
  // The article's own record names its headline, unless what it calls a headline is a description.
  const jsonLd = c.jsonLd;
  if (jsonLd !== null && [c.shown, ...announced].some((t) => t !== null && resembles(jsonLd, t))) return strip(jsonLd);
  // The shown headline wins over a title that says the same thing in other words or with a suffix.
  const shown = c.shown;
  if (shown !== null && announced.some((t) => resembles(shown, t) || wordKey(stripSiteSuffix(t, c.siteNames)) === wordKey(shown))) return strip(shown);
  return strip(c.readability ?? c.ogTitle ?? c.titleTag);
}
