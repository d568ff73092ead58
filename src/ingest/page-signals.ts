/**
 * Reads what a page says about its article outside the body text: the `<head>` meta tags,
 * JSON-LD (schema.org) records, the headline element and dated `<time>` elements. Read before
 * Readability runs, since Readability rewrites the document as it works. Each field is the
 * page's own value, untouched; choosing among them is the caller's job.
 */
import { wordKey } from '../text/words.ts';
import { dayOf } from './timestamp.ts';

/** The slice of a DOM element this module reads; linkedom and browsers both provide it. */
interface DomElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
  closest(selector: string): DomElement | null;
}

interface DomDocument {
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

/** What a page states about its article, each as the page writes it. */
export interface PageSignals {
  titleTag: string | null;
  ogTitle: string | null;
  /** The JSON-LD article's `headline`. */
  headline: string | null;
  /** The headline element the page shows: the `<h1>` of the article or its header. */
  h1: string | null;
  /** `og:site_name`, or another meta tag naming the site. */
  siteName: string | null;
  /** The JSON-LD article's `publisher.name`. */
  publisher: string | null;
  /** Host of the page's canonical or `og:url` address, e.g. `www.example.com`. */
  host: string | null;
  /** People named as authors, best source first: meta tags, JSON-LD, `rel=author` links. */
  authors: string[];
  /** The publication day, `YYYY-MM-DD`, from the best dated signal, or null. */
  published: string | null;
  /** The dek: a subtitle element's text that the page also gives as its description. */
  deks: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ARTICLE_TYPE = /Article|Posting|Report|NewsArticle|WebPage|CreativeWork/i;
// Publish-date meta tags other than article:published_time, in the order they are trusted.
const PUBLISH_META = [
  'meta[property="og:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="publishdate"]',
  'meta[name="publish-date"]',
  'meta[name="parsely-pub-date"]',
  'meta[name="sailthru.date"]',
  'meta[name="dc.date.issued"]',
  'meta[name="DC.date.issued"]',
  'meta[name="dcterms.created"]',
  'meta[name="citation_publication_date"]',
  'meta[name="date"]',
  'meta[name="dc.date"]',
  'meta[name="DC.date"]',
];
// Where a dated <time> states when the article appeared: its header or byline, not a comment or sidebar.
const HEADER_TIME = [
  'time[itemprop="datePublished"]',
  'time[pubdate]',
  'article header time[datetime]',
  'header time[datetime]',
  '[class*="byline"] time[datetime]',
  '[class*="author"] time[datetime]',
  '[class*="dateline"] time[datetime]',
  '[class*="meta"] time[datetime]',
  'article time[datetime]',
];
// Elements that hold a subtitle or summary under the headline.
const SUBTITLE = '[class*="dek"], [class*="standfirst"], [class*="subtitle"], [class*="subhead"], [class*="sub-headline"], [class*="summary"], [id*="summary"], [class*="strapline"], header p';
const NOT_ARTICLE = 'aside, footer, nav, [class*="comment"], [id*="comment"], [class*="related"]';
const UPDATED = /updat|modif|edit/i;

function text(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').replace(/\s+/g, ' ').trim();
  return trimmed === '' ? null : trimmed;
}

function attribute(doc: DomDocument, selector: string, name = 'content'): string | null {
  return text(doc.querySelector(selector)?.getAttribute(name));
}

function first(doc: DomDocument, selectors: string[]): string | null {
  for (const selector of selectors) {
    const value = attribute(doc, selector);
    if (value !== null) return value;
  }
  return null;
}

/** Every object in the page's JSON-LD scripts, `@graph` members included; broken scripts are skipped. */
function jsonLdObjects(doc: DomDocument): JsonObject[] {
  const objects: JsonObject[] = [];
  const visit = (node: Json): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      objects.push(node);
      if (node['@graph'] !== undefined) visit(node['@graph']);
    }
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      // Some pages wrap the record in CDATA markers, as XHTML once required.
      visit(JSON.parse((script.textContent ?? '').replace(/^\s*(?:\/\/\s*)?<!\[CDATA\[|(?:\/\/\s*)?\]\]>\s*$/g, '')) as Json);
    } catch {
      // A page's broken JSON-LD says nothing; the other signals still do.
    }
  }
  return objects;
}

function types(object: JsonObject): string[] {
  const type = object['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

/** Names in a JSON-LD person or organisation value: a string, an object with `name`, or a list of them. */
function names(value: Json | undefined, byId: Map<string, JsonObject>): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((v) => names(v, byId));
  if (value === null || typeof value !== 'object') return [];
  const id = value['@id'];
  const resolved = value.name === undefined && typeof id === 'string' ? byId.get(id) : value;
  const name = resolved?.name;
  return typeof name === 'string' ? [name] : [];
}

/** The JSON-LD record of the article: the first with a headline or publish date, article types first. */
function jsonLdArticle(objects: JsonObject[]): JsonObject | null {
  const described = objects.filter((o) => o.headline !== undefined || o.datePublished !== undefined);
  return described.find((o) => types(o).some((t) => ARTICLE_TYPE.test(t) && t !== 'WebPage')) ?? described[0] ?? null;
}

function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/** The headline element: the article's or header's own `<h1>`, else the page's only one. */
function shownHeadline(doc: DomDocument): string | null {
  for (const selector of ['article h1', 'header h1', 'main h1', '[itemprop="headline"]']) {
    const found = text(doc.querySelector(selector)?.textContent);
    if (found !== null) return found;
  }
  const all = Array.from(doc.querySelectorAll('h1'));
  return all.length === 1 ? text(all[0]?.textContent) : null;
}

/** The publication day from a `<time>` in the article's header or byline, not one marked as an update. */
function headerTimeDay(doc: DomDocument): string | null {
  for (const selector of HEADER_TIME) {
    for (const time of Array.from(doc.querySelectorAll(selector))) {
      if (time.closest(NOT_ARTICLE) !== null) continue;
      const label = `${time.getAttribute('class') ?? ''} ${time.getAttribute('itemprop') ?? ''} ${time.textContent ?? ''}`;
      if (UPDATED.test(label) && time.getAttribute('itemprop') !== 'datePublished') continue;
      const day = dayOf(time.getAttribute('datetime') ?? time.textContent ?? '');
      if (day !== null) return day;
    }
  }
  // Plain <time> elements elsewhere count only when they all name one day.
  const days = new Set(
    Array.from(doc.querySelectorAll('time[datetime]'))
      .filter((time) => time.closest(NOT_ARTICLE) === null)
      .map((time) => dayOf(time.getAttribute('datetime') ?? '')),
  );
  const [only] = days;
  return days.size === 1 && only !== undefined ? only : null;
}

/** Subtitle texts that repeat the page's description: a dek, which Readability may keep as a paragraph. */
function deksOf(doc: DomDocument): string[] {
  const description = first(doc, ['meta[property="og:description"]', 'meta[name="description"]', 'meta[name="twitter:description"]']);
  if (description === null) return [];
  const key = wordKey(description);
  return Array.from(doc.querySelectorAll(SUBTITLE))
    .map((element) => text(element.textContent))
    .filter((t): t is string => t !== null && wordKey(t) === key);
}

/** Reads the page's own signals; `doc` is not changed. */
export function readPageSignals(doc: DomDocument): PageSignals {
  const objects = jsonLdObjects(doc);
  const byId = new Map(objects.flatMap((o) => (typeof o['@id'] === 'string' ? [[o['@id'], o] as const] : [])));
  const article = jsonLdArticle(objects);
  const stringField = (key: string) => (typeof article?.[key] === 'string' ? text(article[key] as string) : null);
  const publishedCandidates = [
    stringField('datePublished'),
    attribute(doc, 'meta[property="article:published_time"]'),
    first(doc, PUBLISH_META),
    attribute(doc, 'time[itemprop="datePublished"]', 'datetime'),
  ];
  const metaAuthors = [attribute(doc, 'meta[name="author"]'), attribute(doc, 'meta[property="article:author"]'), attribute(doc, 'meta[name="byl"]')];
  const relAuthor = text(doc.querySelector('a[rel="author"]')?.textContent);
  return {
    titleTag: text(doc.querySelector('title')?.textContent),
    ogTitle: first(doc, ['meta[property="og:title"]', 'meta[name="twitter:title"]']),
    headline: stringField('headline'),
    h1: shownHeadline(doc),
    siteName: first(doc, ['meta[property="og:site_name"]', 'meta[name="application-name"]', 'meta[name="publisher"]']),
    publisher: names(article?.publisher, byId)[0] ?? null,
    host: hostOf(attribute(doc, 'link[rel="canonical"]', 'href') ?? attribute(doc, 'meta[property="og:url"]')),
    authors: [...metaAuthors, ...names(article?.author, byId), relAuthor].filter((a): a is string => a !== null && a.trim() !== '' && !/^https?:/i.test(a)),
    published: publishedCandidates.map((c) => (c === null ? null : dayOf(c))).find((d) => d !== null) ?? headerTimeDay(doc),
    deks: deksOf(doc),
  };
}
