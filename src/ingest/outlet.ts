/**
 * Chooses the outlet of an HTML page: `og:site_name` or the JSON-LD publisher when present,
 * then the site named at the end of the browser title, then the page's host name. A value that
 * is only a section of a site ("U.S.", "Magazine") or repeats the headline is never taken.
 */

import { wordKey } from '../text/words.ts';

// Section names that pages put where the site's name belongs.
const SECTIONS = new Set([
  'u s', 'us', 'uk', 'world', 'world news', 'news', 'local', 'local news', 'national', 'international', 'politics',
  'business', 'money', 'markets', 'economy', 'finance', 'tech', 'technology', 'science', 'health', 'sport', 'sports',
  'entertainment', 'culture', 'arts', 'lifestyle', 'life', 'style', 'fashion', 'travel', 'food', 'opinion',
  'opinions', 'editorial', 'magazine', 'blog', 'blogs', 'home', 'homepage', 'video', 'videos', 'photos', 'live',
  'education', 'weather', 'region', 'metro', 'nation', 'asia', 'europe', 'africa', 'americas', 'middle east',
  'article', 'articles', 'story', 'stories', 'latest', 'latest news', 'breaking news', 'top stories',
]);

/** True when `value` can name an outlet: not empty, not a section label, not the headline. */
function isOutletName(value: string | null, headline: string | null): value is string {
  if (value === null) return false;
  const k = wordKey(value);
  if (k === '' || SECTIONS.has(k) || value.length > 80) return false;
  if (headline === null) return true;
  const h = wordKey(headline);
  // The headline, or a long piece of it, is not a site's name.
  return k !== h && !(k.split(' ').length >= 4 && h.includes(k));
}

/**
 * The outlet closing a browser title: "<headline> | World - Outlet" → "Outlet". A dash alone is
 * trusted only after the known headline, since headlines contain dashes of their own.
 */
export function outletFromTitleTag(titleTag: string | null, headline: string | null): string | null {
  if (titleTag === null) return null;
  const afterHeadline = headline !== null && headline !== titleTag && titleTag.startsWith(headline);
  if (!afterHeadline && !titleTag.includes(' | ')) return null;
  const rest = afterHeadline ? titleTag.slice(headline.length) : titleTag.slice(titleTag.indexOf(' | '));
  const parts = rest.split(/\s+[|–—·•-]\s+/).map((p) => p.replace(/^[|–—·•-]\s*/, '').trim()).filter(Boolean);
  return parts[parts.length - 1] ?? null;
}

/** "www.example-times.co.uk" → "example-times.co.uk": the host as a reader would name the site. */
export function readableHost(host: string | null): string | null {
  if (host === null) return null;
  const bare = host.toLowerCase().replace(/^(?:www\d*|m|amp|mobile)\./, '');
  return bare.includes('.') ? bare : null;
}

/**
 * A candidate as a name: "Example Times | News you can use" → "Example Times", "[Example.net]"
 * → "Example.net", "http://www.example.com" → "example.com"; a fragment cut from a title
 * (", 2003 Jane Doe", ": Part two") is no name.
 */
function asName(candidate: string | null): string | null {
  if (candidate === null) return null;
  const value = (candidate.split(' | ')[0] ?? candidate).trim();
  if (/^https?:\/\//i.test(value)) {
    try {
      return readableHost(new URL(value).hostname);
    } catch {
      return null;
    }
  }
  if (/^[,:;|–—·-]/.test(value)) return null;
  return value.replace(/^\[(.*)\]$/, '$1').trim();
}

/** The first candidate, best first, that names an outlet rather than a section or the headline. */
export function chooseOutlet(candidates: readonly (string | null)[], headline: string | null): string | null {
  return candidates.map(asName).find((c): c is string => isOutletName(c, headline)) ?? null;
}
