import type { Answer, Passage } from './answer/answer.ts';
import type { ArticleMeta } from './ingest/article.ts';
import type { RefreshHolder } from './store/refresh-lock.ts';
import type { RefreshSummary } from './store/refresh-summary.ts';

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
  /** The refresh under way, if any. */
  refreshing: RefreshHolder | null;
}

/**
 * Everything the front ends (terminal and Discord) can ask of Newsdesk. Implementations load the
 * index once and follow refreshes; none of this imports discord.js.
 */
export interface Desk {
  ask(question: string, options?: { top?: number }): Promise<Answer>;
  /** Top passages for a query; with `article`, only passages of that article. */
  search(query: string, options?: { top?: number; article?: string }): Promise<Passage[]>;
  /** All indexed articles, newest `published` first, undated last. */
  articles(): Promise<ArticleMeta[]>;
  article(id: string): Promise<ArticleDetails | null>;
  /**
   * Runs an incremental refresh. Throws NewsdeskError `REFRESH_BUSY` (with `holder`) when one is
   * already under way in this or another process.
   */
  refresh(options: { startedBy: string; onProgress?: (done: number, total: number) => void }): Promise<RefreshSummary>;
  status(): Promise<DeskStatus>;
}
