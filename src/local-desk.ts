import type { Answer } from './answer/answer.ts';
import { composeAnswer, DEFAULT_COMPOSE } from './answer/compose.ts';
import { indexVocabulary } from './answer/absent.ts';
import { retrieve, type Fusion } from './answer/retrieve.ts';
import type { Config } from './config.ts';
import type { ArticleDetails, Desk, DeskStatus } from './desk.ts';
import type { Embedder } from './embed/embedder.ts';
import { downloadLogger } from './embed/model-progress.ts';
import { openBuildEmbedder, openQueryEmbedder } from './embed/open-embedder.ts';
import { isNewsdeskError, NewsdeskError } from './errors.ts';
import type { ArticleMeta } from './ingest/article.ts';
import type { Logger } from './log.ts';
import { IndexReader } from './store/index-reader.ts';
import type { IndexVersion } from './store/index-version.ts';
import { refreshIndex, type RefreshResult } from './store/refresh.ts';
import { RefreshBusyError } from './store/refresh-lock.ts';

/** Longest question accepted, in characters; Discord's own option limit is 6,000. */
export const MAX_QUESTION_CHARS = 1000;

export interface DeskOptions {
  /** Passages retrieved to compose an answer from. */
  passages?: number;
  /** Of those, at most this many of one article. */
  perArticle?: number;
  fusion?: Fusion;
  minEvidence?: number;
  /** Build the index on open when none exists. */
  buildIfMissing?: boolean;
  /** Embedder for builds; when absent, the configured model (with offline fallback). */
  buildEmbedder?: Embedder;
  onRefreshProgress?: (done: number, total: number) => void;
}

/** Trims a question and rejects what cannot be one, with NewsdeskError `QUESTION_INVALID`. */
export function normalizeQuestion(question: string): string {
  const text = question.replace(/\s+/gu, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(text)) throw new NewsdeskError('QUESTION_INVALID', 'Please ask a question in words.');
  if (text.length > MAX_QUESTION_CHARS) {
    throw new NewsdeskError('QUESTION_INVALID', `Questions are limited to ${MAX_QUESTION_CHARS} characters; this one has ${text.length}.`);
  }
  return text;
}

function byNewest(a: ArticleMeta, b: ArticleMeta): number {
  if (a.published !== b.published) {
    if (a.published === null) return 1;
    if (b.published === null) return -1;
    return b.published.localeCompare(a.published);
  }
  return a.id.localeCompare(b.id);
}

/** Strips the stored text so callers get metadata only. */
function metaOf(article: ArticleMeta & { text?: string; indexedAt?: string }): ArticleMeta {
  const { id, file, title, outlet, agency, published, words, hash } = article;
  return { id, file, title, outlet, agency, published, words, hash };
}

/**
 * The Desk over an index folder on this machine: loads the index once, follows refreshes
 * (its own and other processes'), and runs refreshes under the cross-process lock.
 */
export async function openDesk(config: Config, log: Logger, options: DeskOptions = {}): Promise<Desk> {
  const reader = new IndexReader(config.indexDir);
  // Embedders by id, shared by builds and questions, so a model is loaded once per process.
  const embedders = new Map<string, Embedder>();
  const queryEmbedders = new Map<string, Promise<Embedder>>();
  if (options.buildEmbedder) embedders.set(options.buildEmbedder.info.id, options.buildEmbedder);
  let buildEmbedder: Promise<Embedder> | null = options.buildEmbedder ? Promise.resolve(options.buildEmbedder) : null;
  let refreshing: { startedBy: string; startedAt: string } | null = null;

  const embedderFor = (version: IndexVersion): Promise<Embedder> => {
    const id = version.manifest.embedder.id;
    const known = embedders.get(id);
    if (known) return Promise.resolve(known);
    let embedder = queryEmbedders.get(id);
    if (!embedder) {
      embedder = openQueryEmbedder(version.manifest.embedder, { model: config.model });
      embedder.then((loaded) => embedders.set(id, loaded)).catch(() => queryEmbedders.delete(id));
      queryEmbedders.set(id, embedder);
    }
    return embedder;
  };

  const search = async (query: string, top: number, perArticle: number, article?: string) => {
    const version = await reader.current();
    const embedder = await embedderFor(version);
    // Embedded once: retrieval and sentence ranking both use it.
    const queryVector = await embedder.embedQuery(query);
    const passages = await retrieve(version, embedder, query, { top, article, perArticle, fusion: options.fusion, queryVector });
    return { version, embedder, passages, queryVector };
  };

  const refresh = async ({ startedBy, onProgress }: { startedBy: string; onProgress?: (done: number, total: number) => void }): Promise<RefreshResult> => {
    if (refreshing) throw new RefreshBusyError({ pid: process.pid, host: 'this process', ...refreshing });
    refreshing = { startedBy, startedAt: new Date().toISOString() };
    try {
      buildEmbedder ??= openBuildEmbedder({ model: config.model, onWarning: (message) => log.warn(message), onProgress: downloadLogger(log) });
      const embedder = await buildEmbedder.catch((error: unknown) => {
        buildEmbedder = null;
        throw error;
      });
      embedders.set(embedder.info.id, embedder);
      const result = await refreshIndex({
        corpusDir: config.corpusDir,
        indexDir: config.indexDir,
        maxFileBytes: config.maxFileBytes,
        embedder,
        startedBy,
        onProgress: onProgress ?? options.onRefreshProgress,
        onWarning: (message) => log.warn(message),
      });
      for (const { file, encoding } of result.recoded) log.warn('read in a fallback encoding', { file, encoding });
      log.info('refresh finished', { ...result, skipped: result.skipped.length, recoded: result.recoded.length });
      await reader.current();
      return result;
    } finally {
      refreshing = null;
    }
  };

  if (options.buildIfMissing) {
    try {
      await reader.current();
    } catch (error) {
      if (isNewsdeskError(error, 'INDEX_OUTDATED')) log.warn(error.message);
      else if (!isNewsdeskError(error, 'INDEX_MISSING')) throw error;
      else log.info('no index yet: building it from the corpus', { corpus: config.corpusDir });
      await refresh({ startedBy: 'first start' });
    }
  }

  return {
    async ask(question, askOptions): Promise<Answer> {
      const text = normalizeQuestion(question);
      const { version, embedder, passages, queryVector } = await search(text, options.passages ?? 10, options.perArticle ?? 3);
      const unseenWeight = Math.log(1 + (version.keywords.size + 0.5) / 0.5);
      return composeAnswer(text, passages, {
        ...DEFAULT_COMPOSE,
        maxSources: askOptions?.top ?? DEFAULT_COMPOSE.maxSources,
        minEvidence: options.minEvidence ?? DEFAULT_COMPOSE.minEvidence,
        idf: (term) => version.keywords.idf(term),
        vocabulary: indexVocabulary(version),
        articles: { text: (id) => version.articles.get(id)?.text, sentences: (id) => version.sentences(id) },
        unseenWeight,
        embedder,
        queryVector,
      });
    },
    async search(query, searchOptions) {
      const text = normalizeQuestion(query);
      const version = await reader.current();
      if (searchOptions?.article !== undefined && !version.articles.has(searchOptions.article)) {
        throw new NewsdeskError('ARTICLE_UNKNOWN', `No article with the id "${searchOptions.article}" is in the index.`);
      }
      const top = searchOptions?.top ?? 5;
      // Lookup shows distinct stories, unless it searches inside one.
      const { passages } = await search(text, top, searchOptions?.article ? top : 1, searchOptions?.article);
      return passages.map((passage) => ({ ...passage, article: metaOf(passage.article) }));
    },
    async articles() {
      const version = await reader.current();
      return [...version.articles.values()].map(metaOf).sort(byNewest);
    },
    async article(id): Promise<ArticleDetails | null> {
      const version = await reader.current();
      const stored = version.articles.get(id);
      if (!stored) return null;
      const opening = stored.text.split(/\n\s*\n/u).find((paragraph) => paragraph.trim() !== '')?.trim() ?? '';
      return { meta: metaOf(stored), opening, indexedAt: stored.indexedAt };
    },
    refresh,
    async status(): Promise<DeskStatus> {
      let version: IndexVersion | null = null;
      try {
        version = await reader.current();
      } catch (error) {
        if (!isNewsdeskError(error, 'INDEX_MISSING') && !isNewsdeskError(error, 'INDEX_OUTDATED')) throw error;
      }
      return {
        articles: version?.articles.size ?? 0,
        chunks: version?.chunks.size ?? 0,
        embedder: version ? { id: version.manifest.embedder.id, offline: version.manifest.embedder.offline } : { id: 'none', offline: false },
        builtAt: version?.manifest.builtAt ?? null,
        refreshing,
      };
    },
  };
}
