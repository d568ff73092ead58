/**
 * Extracts an article from a saved HTML page: Mozilla Readability (the Firefox Reader View engine)
 * finds the body, the page's own signals (meta tags, JSON-LD, its headline and <time> elements)
 * give headline, outlet, byline and date, and the body then goes through cleanText so the
 * furniture rules that Readability leaves to us (captions, promos) still apply.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { chooseByline } from './byline.ts';
import { cleanText, type TextBlock } from './clean.ts';
import { chooseHeadline } from './headline.ts';
import { extractMetadata } from './metadata.ts';
import { chooseOutlet, outletFromTitleTag, readableHost } from './outlet.ts';
import { readPageSignals } from './page-signals.ts';
import { dayOf } from './timestamp.ts';

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

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
// Elements that start a new paragraph of their own.
const BLOCKS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'UL', 'OL', 'LI', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TD', 'TH',
  'HR', 'ADDRESS', 'DETAILS', 'SUMMARY', 'CENTER',
]);
// Elements whose text is not article prose: pictures and their captions, scripts, forms.
const SKIP = new Set(['FIGURE', 'FIGCAPTION', 'PICTURE', 'IMG', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'FORM', 'IFRAME']);

const CODE = new Set(['PRE', 'CODE', 'KBD', 'SAMP']);

/**
 * Paragraph texts of a DOM subtree, whitespace collapsed as a browser renders it, <br> kept. A
 * paragraph that is all code (`<pre>`, or `<code>` alone) is verbatim: its lines and their
 * indentation are kept as written, blank lines aside, and no line rule ever judges them.
 */
export function blockTexts(root: DomNode): TextBlock[] {
  const paragraphs: TextBlock[] = [];
  let current = '';
  let proseSeen = false;
  let codeSeen = false;
  const flush = (): void => {
    const verbatim = codeSeen && !proseSeen;
    const lines = verbatim
      ? current.split('\n').map((l) => l.replace(/[ \t\r\f]+$/g, '')).filter((l) => l.trim() !== '')
      : current.split('\n').map((l) => l.replace(/[ \t\r\f\n]+/g, ' ').trim()).filter((l) => l !== '');
    if (lines.length > 0) paragraphs.push(verbatim ? { text: dedent(lines).join('\n'), verbatim } : { text: lines.join('\n') });
    current = '';
    proseSeen = false;
    codeSeen = false;
  };
  const walk = (node: DomNode, pre: boolean, code: boolean): void => {
    if (node.nodeType === TEXT_NODE) {
      const value = node.nodeValue ?? '';
      if (value.trim() !== '') {
        if (code) codeSeen = true;
        else proseSeen = true;
      }
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
    for (const child of Array.from(node.childNodes)) walk(child, pre || name === 'PRE', code || CODE.has(name));
    if (block) flush();
  };
  walk(root, false, false);
  flush();
  return paragraphs;
}

/** Lines without the indentation they all share. */
function dedent(lines: string[]): string[] {
  const indent = Math.min(...lines.map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0));
  return lines.map((l) => l.slice(indent));
}

/**
 * Formulas typeset by MathJax hide their text in an accessible MathML copy and sit in elements
 * whose class names Readability takes for menus; each becomes its plain text, so sentences
 * that use them stay whole.
 */
function inlineFormulas(document: ReturnType<typeof parseHTML>['document']): void {
  const containers = document.querySelectorAll('mjx-container') as unknown as ArrayLike<{ querySelector(s: string): { textContent: string | null } | null; replaceWith(node: unknown): void }>;
  for (const container of Array.from(containers)) {
    const formula = (container.querySelector('math')?.textContent ?? '').replace(/\s+/g, ' ').trim();
    container.replaceWith(document.createTextNode(formula === '' ? '' : ` ${formula} `));
  }
}

/** Extracts body text and page metadata from the HTML of one article page. */
export function extractHtml(html: string): HtmlArticle {
  // linkedom builds no document element for a fragment or an empty string; give it a skeleton.
  const page = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(page);
  inlineFormulas(document);
  // Read the page's own signals before Readability, which rewrites the document as it works.
  const signals = readPageSignals(document as never);
  const reader = new Readability<TextBlock[]>(document as never, { serializer: (node) => blockTexts(node as DomNode) });
  const parsed = reader.parse();
  const siteNames = [signals.siteName, signals.publisher, parsed?.siteName ?? null, readableHost(signals.host)];
  const title = chooseHeadline({
    shown: signals.h1,
    jsonLd: signals.headline,
    readability: parsed?.title?.trim() || null,
    ogTitle: signals.ogTitle,
    titleTag: signals.titleTag,
    siteNames,
  });
  const cleaned = cleanText(parsed?.content ?? [], { title, headlines: signals.h1 === null ? [] : [signals.h1], deks: signals.deks });
  const fallback = extractMetadata({ raw: html, cleaned, file: 'page.html' });
  const outlet = chooseOutlet(
    [signals.siteName, signals.publisher, parsed?.siteName ?? null, outletFromTitleTag(signals.titleTag, title), readableHost(signals.host), fallback.outlet],
    title,
  );
  return {
    text: cleaned.text,
    title,
    outlet,
    published: signals.published ?? dayOf(parsed?.publishedTime ?? '') ?? fallback.published,
    byline: chooseByline([parsed?.byline ?? null, ...signals.authors, fallback.byline], [outlet, ...siteNames]),
  };
}
