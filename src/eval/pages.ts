/**
 * Scores HTML ingest against pages whose expected article text, headline, byline and date are
 * known (Mozilla Readability's test pages): how much of the expected body is kept, how much else
 * leaks in, and whether each metadata field matches.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { blockTexts } from '../ingest/html.ts';
import { plainWords, wordKey } from '../text/words.ts';

/** Where `npm run test-pages` puts the pages; the folder is not committed. */
export const PAGES_DIR = path.join('test-pages', 'readability');

/** What a test page's own project says the page holds. */
export interface ExpectedPage {
  name: string;
  source: string;
  /** The article body as paragraph texts. */
  paragraphs: string[];
  title: string | null;
  byline: string | null;
  /** The publication time as the project wrote it (an ISO timestamp), or null. */
  publishedTime: string | null;
  lang: string | null;
  readerable: boolean;
}

interface ExpectedMetadata {
  title?: string | null;
  byline?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
  readerable?: boolean;
}

/** Paragraph texts of an HTML fragment, read the way ingest reads an article body. */
export function paragraphsOfHtml(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  return blockTexts(document.body as never).map((block) => block.text);
}

/** Every page in `dir` that has a source, an expected body and expected metadata. */
export function readPages(dir: string): ExpectedPage[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'expected-metadata.json')))
    .map((entry) => {
      const folder = path.join(dir, entry.name);
      const meta = JSON.parse(readFileSync(path.join(folder, 'expected-metadata.json'), 'utf8')) as ExpectedMetadata;
      return {
        name: entry.name,
        source: readFileSync(path.join(folder, 'source.html'), 'utf8'),
        paragraphs: paragraphsOfHtml(readFileSync(path.join(folder, 'expected.html'), 'utf8')),
        title: meta.title ?? null,
        byline: meta.byline ?? null,
        publishedTime: meta.publishedTime ?? null,
        lang: meta.lang ?? null,
        readerable: meta.readerable ?? false,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The English articles among the pages: those whose expected metadata gives a language starting
 * with "en". The rule reads only the pages' own metadata, so no page is picked by hand.
 */
export function englishPages(pages: ExpectedPage[]): ExpectedPage[] {
  return pages.filter((page) => (page.lang ?? '').toLowerCase().startsWith('en'));
}

/** What ingest made of one page. */
export interface IngestedPage {
  text: string;
  title: string | null;
  byline: string | null;
  published: string | null;
}

/** How one page scored. */
export interface PageScore {
  name: string;
  /** Share of the expected body's words found in the ingested text, 0..1. */
  recall: number;
  /** Share of the ingested text's words that are not in the expected body, 0..1. */
  leakage: number;
  /** null when the page expects no value. */
  title: boolean | null;
  byline: boolean | null;
  date: boolean | null;
  /** True when a paragraph of the ingested text, or its first line, is the headline. */
  headlineInBody: boolean;
}


function counts(list: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const word of list) map.set(word, (map.get(word) ?? 0) + 1);
  return map;
}

/** Words the two texts share, counting each word as often as both hold it. */
function sharedWords(a: string[], b: string[]): number {
  const inB = counts(b);
  let shared = 0;
  for (const [word, n] of counts(a)) shared += Math.min(n, inB.get(word) ?? 0);
  return shared;
}

/** Case, spacing, quote and dash styles set aside. */
function sameTitle(a: string, b: string): boolean {
  return wordKey(a.normalize('NFKC')) === wordKey(b.normalize('NFKC'));
}

/**
 * The stored headline matches the expected title as it is, or with closing " | Site" parts of
 * the expected title set aside: ingest drops site and author suffixes that Readability keeps.
 */
function titleMatches(stored: string, expected: string): boolean {
  let rest = expected;
  for (;;) {
    if (sameTitle(stored, rest)) return true;
    const cuts = [...rest.matchAll(/\s+[|\-–—·]\s+/gu)];
    const last = cuts[cuts.length - 1];
    if (last?.index === undefined || plainWords(rest.slice(last.index)).length > 6) return false;
    rest = rest.slice(0, last.index);
  }
}

/**
 * A stored byline matches when it names someone and every name word of it is in the expected
 * byline; the expected one may still carry "By", dates or an outlet, which ingest drops.
 */
function sameByline(stored: string, expected: string): boolean {
  const names = (t: string) => t.toLowerCase().match(/\p{L}+/gu) ?? [];
  const mine = names(stored);
  const theirs = new Set(names(expected));
  return mine.length > 0 && mine.every((word) => theirs.has(word));
}

/** The calendar day of a timestamp in UTC; a time without a zone keeps the day it states. */
export function utcDay(timestamp: string): string | null {
  const day = /^(\d{4}-\d{2}-\d{2})/.exec(timestamp.trim())?.[1];
  if (day === undefined) return null;
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(timestamp.trim())) return day;
  const time = new Date(timestamp.trim());
  return Number.isNaN(time.getTime()) ? day : time.toISOString().slice(0, 10);
}

/** Scores what ingest made of a page against what the page's project expects. */
export function scorePage(expected: ExpectedPage, got: IngestedPage): PageScore {
  const want = plainWords(expected.paragraphs.join('\n'));
  const have = plainWords(got.text);
  const shared = sharedWords(want, have);
  const title = expected.title;
  // A paragraph, or the line opening one, that repeats the headline; a line inside a code block is content.
  const openings = got.text.split('\n\n').flatMap((p) => [p, p.split('\n')[0] ?? '']);
  const headlineInBody = got.title !== null && openings.some((p) => sameTitle(p, got.title ?? '') || (title !== null && sameTitle(p, title)));
  return {
    name: expected.name,
    recall: want.length === 0 ? 1 : shared / want.length,
    leakage: have.length === 0 ? 0 : (have.length - shared) / have.length,
    title: title === null ? null : got.title !== null && titleMatches(got.title, title),
    byline: expected.byline === null ? null : got.byline !== null && sameByline(got.byline, expected.byline),
    date: expected.publishedTime === null ? null : got.published !== null && got.published === utcDay(expected.publishedTime),
    headlineInBody,
  };
}

/** Totals over many pages. */
export interface PagesSummary {
  pages: number;
  recallMean: number;
  recallMedian: number;
  leakageMean: number;
  title: [number, number];
  byline: [number, number];
  date: [number, number];
  headlineInBody: number;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** [matches, pages that expect a value] for one field. */
function tally(scores: PageScore[], field: 'title' | 'byline' | 'date'): [number, number] {
  const expected = scores.filter((s) => s[field] !== null);
  return [expected.filter((s) => s[field] === true).length, expected.length];
}

export function summarizePages(scores: PageScore[]): PagesSummary {
  return {
    pages: scores.length,
    recallMean: mean(scores.map((s) => s.recall)),
    recallMedian: median(scores.map((s) => s.recall)),
    leakageMean: mean(scores.map((s) => s.leakage)),
    title: tally(scores, 'title'),
    byline: tally(scores, 'byline'),
    date: tally(scores, 'date'),
    headlineInBody: scores.filter((s) => s.headlineInBody).length,
  };
}
