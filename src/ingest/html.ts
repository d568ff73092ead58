/**
 * Extracts an article from a saved HTML page: Mozilla Readability (the Firefox Reader View engine)
 * finds the body, the page's own metadata tags give outlet and date, and the body then goes through
 * cleanText so the furniture rules that Readability leaves to us (captions, promos) still apply.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { cleanText } from './clean.ts';
import { parseDate } from './dates.ts';
import { extractMetadata } from './metadata.ts';

/** What one HTML page yields. */
export interface HtmlArticle {
  /** The cleaned body: paragraphs joined with "\n\n". */
  text: string;
  title: string | null;
  outlet: string | null;
  /** `YYYY-MM-DD`, from the page's publication-time metadata. */
  published: string | null;
  byline: string | null;
}

/** The slice of a DOM node this module reads; linkedom and browsers both provide it. */
interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
}

interface DomDocument {
  querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
// Elements that start a new paragraph of their own.
const BLOCKS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'UL', 'OL', 'LI', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TD', 'TH',
  'HR', 'ADDRESS', 'DETAILS', 'SUMMARY', 'CENTER',
]);
// Elements whose text is not article prose: pictures and their captions, code, forms.
const SKIP = new Set(['FIGURE', 'FIGCAPTION', 'PICTURE', 'IMG', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'FORM', 'IFRAME']);

/** Paragraph texts of a DOM subtree, whitespace collapsed as a browser renders it, <br> kept. */
export function blockTexts(root: DomNode): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const lines = current.split('\n').map((l) => l.replace(/[ \t\r\f\n]+/g, ' ').trim()).filter((l) => l !== '');
    if (lines.length > 0) paragraphs.push(lines.join('\n'));
    current = '';
  };
  const walk = (node: DomNode, pre: boolean): void => {
    if (node.nodeType === TEXT_NODE) {
      const value = node.nodeValue ?? '';
      // Inside <pre> line breaks are content; elsewhere they are layout.
      current += pre ? value : value.replace(/[\r\n]+/g, ' ');
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    if (name === 'BR') {
      current += '\n';
      return;
    }
    const block = BLOCKS.has(name);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child, pre || name === 'PRE');
    if (block) flush();
  };
  walk(root, false);
  flush();
  return paragraphs;
}

/** The first non-empty `content` (or text) among the selectors. */
function metaValue(document: DomDocument, selectors: string[]): string | null {
  for (const selector of selectors) {
    const element = document.querySelector(selector);
    const value = (element?.getAttribute('content') ?? element?.getAttribute('datetime') ?? element?.textContent ?? '').trim();
    if (value !== '') return value;
  }
  return null;
}

/**
 * The outlet closing a browser title: "<headline> | World - Outlet" → "Outlet". A dash alone is
 * trusted only after the known headline, since headlines contain dashes of their own.
 */
function outletFromTitleTag(titleTag: string | null, headline: string | null): string | null {
  if (titleTag === null) return null;
  const afterHeadline = headline !== null && headline !== titleTag && titleTag.startsWith(headline);
  const rest = afterHeadline ? titleTag.slice(headline.length) : titleTag.slice(Math.max(0, titleTag.indexOf(' | ')));
  if (!afterHeadline && !titleTag.includes(' | ')) return null;
  const parts = rest.split(/\s+[|–—-]\s+/).map((p) => p.trim()).filter(Boolean);
  return parts[parts.length - 1] ?? null;
}

/** Extracts body text and page metadata from the HTML of one article page. */
export function extractHtml(html: string): HtmlArticle {
  // linkedom builds no document element for a fragment or an empty string; give it a skeleton.
  const page = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(page);
  const doc = document as unknown as DomDocument;
  // Read the head before Readability, which rewrites the document as it works.
  const siteName = metaValue(doc, ['meta[property="og:site_name"]', 'meta[name="application-name"]', 'meta[name="publisher"]']);
  const publishedTag = metaValue(doc, [
    'meta[property="article:published_time"]',
    'meta[property="og:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="date"]',
    'meta[name="dc.date"]',
    'time[itemprop="datePublished"]',
  ]);
  const titleTag = metaValue(doc, ['title']);
  const ogTitle = metaValue(doc, ['meta[property="og:title"]', 'meta[name="twitter:title"]']);
  const author = metaValue(doc, ['meta[name="author"]', 'meta[property="article:author"]']);

  const reader = new Readability<string[]>(document as never, { serializer: (node) => blockTexts(node as DomNode) });
  const parsed = reader.parse();
  const title = parsed?.title?.trim() || ogTitle || titleTag;
  // The headline leads the text so cleanText recognises it and drops its repeats in the body.
  const cleaned = cleanText([title ?? '', ...(parsed?.content ?? [])].join('\n\n'));
  const fallback = extractMetadata({ raw: html, cleaned, file: 'page.html' });

  return {
    text: cleaned.text,
    title: cleaned.title ?? title ?? null,
    outlet: siteName ?? (parsed?.siteName?.trim() || null) ?? outletFromTitleTag(titleTag, title ?? null) ?? fallback.outlet,
    published: parseDate(publishedTag ?? '') ?? parseDate(parsed?.publishedTime ?? '') ?? fallback.published,
    byline: parsed?.byline?.trim() || author,
  };
}
