import { createHash } from 'node:crypto';
import { countWords } from '../text/words.ts';
import type { Article } from './article.ts';
import { cleanText, type CleanResult } from './clean.ts';
import { extractHtml } from './html.ts';
import { markdownToText } from './markdown.ts';
import { extractMetadata } from './metadata.ts';
import { cleanByline } from './byline.ts';
import { dayOf } from './timestamp.ts';

/** Below this many words of body, a page is taken to be furniture only (a menu, a teaser). */
const MIN_ARTICLE_WORDS = 15;

/** What a page states about itself before its text is read: HTML metadata, Markdown front matter. */
type PageMeta = Pick<Article, 'outlet' | 'published' | 'byline'> & { title: string | null };

/** A cleaned article, or why the file gives none. `id` and `file` are the caller's to set. */
export type Prepared = { ok: true; article: Omit<Article, 'id' | 'file'> } | { ok: false; reason: string };

/** How a file's text is written; it decides how the article text is extracted. */
export type ArticleFormat = 'text' | 'markdown' | 'html';

/** The format of an article file, by its ending. */
export function formatOf(file: string): ArticleFormat {
  if (/\.html?$/iu.test(file)) return 'html';
  if (/\.(md|markdown)$/iu.test(file)) return 'markdown';
  return 'text';
}

/**
 * Cleans one decoded file into an article: furniture removed, metadata extracted, content
 * hashed. The hash covers the text and the metadata that is embedded or searched, so an edit to
 * either re-indexes. The byline is stored but neither embedded nor searched: a change to it alone
 * re-embeds nothing, and the next index version still carries it.
 */
export function prepareArticle(input: { file: string; raw: string; format: ArticleFormat; defaultOutlet: string | null }): Prepared {
  let raw = input.raw.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n');
  let fromPage: PageMeta = { title: null, outlet: null, published: null, byline: null };
  let cleaned: CleanResult;
  if (input.format === 'html') {
    // extractHtml cleans the body already; cleaning twice could take a short first line for a headline.
    const page = extractHtml(raw);
    raw = page.text;
    fromPage = page;
    cleaned = { text: page.text, title: page.title, removed: [] };
  } else {
    if (input.format === 'markdown') {
      // Plain text with the headline on the first line, as in a .txt article.
      const { text, title, byline, date } = markdownToText(raw);
      raw = title === null ? text : `${title}\n\n${text}`;
      fromPage = { title: null, outlet: null, published: date === null ? null : dayOf(date), byline: cleanByline(byline) };
    }
    cleaned = cleanText(raw);
  }
  const words = countWords(cleaned.text);
  if (words < MIN_ARTICLE_WORDS) {
    return { ok: false, reason: words === 0 ? 'no article text after removing page furniture' : `only ${words} words of article text after removing page furniture` };
  }
  const found = extractMetadata({ raw, cleaned, file: input.file, defaultOutlet: input.defaultOutlet });
  const meta = {
    title: fromPage.title ?? found.title,
    outlet: fromPage.outlet ?? found.outlet,
    agency: found.agency,
    byline: fromPage.byline ?? found.byline,
    published: fromPage.published ?? found.published,
  };
  const hash = createHash('sha256').update(JSON.stringify([cleaned.text, meta.title, meta.outlet, meta.agency, meta.published])).digest('hex');
  return { ok: true, article: { ...meta, text: cleaned.text, words, hash } };
}
