import type { Answer, Passage } from './answer/answer.ts';
import type { AskFilter } from './answer/ask-filter.ts';
import type { EarlierQuestion } from './answer/follow-up.ts';
import { NewsdeskError } from './errors.ts';
import type { ArticleMeta } from './ingest/article.ts';
import type { RefreshHolder } from './store/refresh-lock.ts';
import type { RefreshSummary } from './store/refresh-summary.ts';
import type { Upload, UploadOutcome } from './corpus/add-articles.ts';

/**
 * Longest question accepted, in characters, by every front end: `/ask` registers it as the
 * option's limit, and the desk refuses longer text from mentions, the chat and the CLI.
 */
export const MAX_QUESTION_CHARS = 1000;

/** Details of one indexed article, for source lookup. */
export interface ArticleDetails {
  meta: ArticleMeta;
  /** The first paragraph of the cleaned text. */
  opening: string;
  /** ISO timestamp of the refresh that embedded this version of the article. */
  indexedAt: string;
}

/** What `/status` shows. */
export interface DeskStatus {
  articles: number;
  chunks: number;
  embedder: { id: string; offline: boolean };
  /** ISO timestamp of the build of the index being served; null before the first build. */
  builtAt: string | null;
  /** Name of the index version being served; null before the first build. */
  version: string | null;
  /** The refresh under way, if any. */
  refreshing: RefreshHolder | null;
  /** The last refresh this process ran, and what it changed; null before one. */
  lastRefresh: LastRefresh | null;
}

/** When a refresh ended, who started it, and what it changed. */
export interface LastRefresh {
  /** ISO time it ended. */
  at: string;
  startedBy: string;
  added: number;
  changed: number;
  removed: number;
}

/** What `/add` did: each upload saved or refused, and the refresh that indexed the saved ones. */
export interface AddedArticles {
  outcomes: UploadOutcome[];
  /** Null when nothing was saved, so nothing needed indexing. */
  refresh: RefreshSummary | null;
}

/** What `/remove` did: the article, where its file went (relative to the corpus), the refresh. */
export interface RemovedArticle {
  removed: ArticleMeta;
  movedTo: string;
  refresh: RefreshSummary;
}

/** How a refresh is run, and who is told of its progress. */
export interface RefreshOptions {
  /** Who asked for it, in words; shown to whoever is refused while it runs. */
  startedBy: string;
  /** Let a corpus with no article empty an index that has some (refused otherwise). */
  allowEmpty?: boolean;
  /** Told `done` of `total` files read: first with 0, once the corpus folder is listed. */
  onReadProgress?: (done: number, total: number) => void;
  /** Told `done` of `total` chunks embedded. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Everything the front ends (terminal and Discord) can ask of Newsdesk. Implementations load the
 * index once and follow refreshes; none of this imports discord.js.
 */
export interface Desk {
  /**
   * With `earlier`, a question that reads as a follow-up (see isFollowUp) is read with that one
   * in mind; with `filter`, only articles of that span and outlet are quoted (QUESTION_INVALID
   * for a date that is none or an outlet no article has).
   */
  ask(question: string, options?: { top?: number; earlier?: EarlierQuestion; filter?: AskFilter }): Promise<Answer>;
  /** Top passages for a query; with `article`, only passages of that article; `filter` as for `ask`. */
  search(query: string, options?: { top?: number; article?: string; filter?: AskFilter }): Promise<Passage[]>;
  /** Indexed articles, newest `published` first, undated last; with `filter`, see filterArticles. */
  articles(options?: { filter?: string | null }): Promise<ArticleMeta[]>;
  article(id: string): Promise<ArticleDetails | null>;
  /**
   * Runs an incremental refresh. Throws RefreshBusyError (NewsdeskError `REFRESH_BUSY`, with its
   * `holder`) when one is already under way in this or another process.
   */
  refresh(options: RefreshOptions): Promise<RefreshSummary>;
  status(): Promise<DeskStatus>;
  /**
   * Saves checked article files in the corpus folder (see `addArticles`), then refreshes. While
   * this process is refreshing, it waits for that refresh first (a few minutes at most), then
   * throws RefreshBusyError before saving anything.
   */
  addArticles(uploads: readonly Upload[], options: { replace: boolean; startedBy: string }): Promise<AddedArticles>;
  /**
   * Moves an indexed article's file under `.removed/` and refreshes; ARTICLE_UNKNOWN for an
   * unknown id. Waits for a refresh of this process first, as `addArticles` does.
   */
  removeArticle(id: string, options: { startedBy: string }): Promise<RemovedArticle>;
  /**
   * The text `[start, end)` of an article with the sentence before and after it, to show a quote
   * in its place; null when the article or the offsets are no longer in the index.
   */
  passage(article: string, start: number, end: number): Promise<PassageInContext | null>;
}

/** A quote in its place: the article, the sentences around it, and the quote itself. */
export interface PassageInContext {
  meta: ArticleMeta;
  before: string;
  quote: string;
  after: string;
}

/** Trims a question and rejects what cannot be one, with NewsdeskError `QUESTION_INVALID`. */
export function normalizeQuestion(question: string): string {
  // NFKC: full-width letters ("Ｍｉａｍｉ") and other compatibility forms read as plain text.
  const text = question.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(text)) throw new NewsdeskError('QUESTION_INVALID', 'Please ask a question in words.');
  if (text.length > MAX_QUESTION_CHARS) {
    throw new NewsdeskError('QUESTION_INVALID', `Questions are limited to ${MAX_QUESTION_CHARS} characters; this one has ${text.length}.`);
  }
  return text;
}

/** The articles whose title, id, outlet or agency contains `filter` (case-insensitive), in order. */
export function filterArticles(articles: readonly ArticleMeta[], filter: string | null | undefined): ArticleMeta[] {
  const needle = filter?.trim().toLowerCase();
  if (!needle) return [...articles];
  return articles.filter((a) => [a.title, a.id, a.outlet ?? '', a.agency ?? ''].some((text) => text.toLowerCase().includes(needle)));
}
