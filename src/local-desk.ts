import type { Answer, Passage } from './answer/answer.ts';
import { resolveAskFilter, type AskFilter, type ChosenFilter } from './answer/ask-filter.ts';
import { indexVocabulary } from './answer/absent.ts';
import { DEFAULT_COMPOSE, prepareQuestion, replyFrom, type PreparedQuestion } from './answer/compose.ts';
import { shippedRanker, type Ranker } from './answer/ranker.ts';
import { isFollowUp, withoutFollowUpMark, type EarlierQuestion } from './answer/follow-up.ts';
import { retrieve, type Fusion } from './answer/retrieve.ts';
import type { Config } from './config.ts';
import { addArticles, type Upload } from './corpus/add-articles.ts';
import { removeArticleFile } from './corpus/remove-article.ts';
import { filterArticles, normalizeQuestion, type AddedArticles, type ArticleDetails, type Desk, type DeskStatus, type LastRefresh, type PassageInContext, type RefreshOptions, type RemovedArticle } from './desk.ts';
import type { Embedder } from './embed/embedder.ts';
import { Embedders } from './embed/embedders.ts';
import { downloadLogger, type ModelProgressEvent } from './embed/model-progress.ts';
import { isNewsdeskError, NewsdeskError } from './errors.ts';
import type { ArticleMeta } from './ingest/article.ts';
import { assertCorpusFolder, textKeyOf } from './ingest/load-corpus.ts';
import type { Logger } from './log.ts';
import { IndexReader } from './store/index-reader.ts';
import type { IndexVersion } from './store/index-version.ts';
import { refreshIndex, type RefreshResult } from './store/refresh.ts';
import { RefreshBusyError, type RefreshHolder } from './store/refresh-lock.ts';

/** How long a refresh after /add or /remove waits for one under way elsewhere, in ms. */
const BUSY_WAIT_MS = 5 * 60_000;
const BUSY_RETRY_MS = 500;

export interface DeskOptions {
  /** Passages retrieved to compose an answer from. */
  passages?: number;
  /** Of those, at most this many of one article. */
  perArticle?: number;
  fusion?: Fusion;
  /** The answer model; the shipped one by default. */
  model?: Ranker;
  /** Build the index on open when none exists. */
  buildIfMissing?: boolean;
  /** Embedder for builds; when absent, the configured model (with offline fallback). */
  buildEmbedder?: Embedder;
  /** Told how a model download goes; by default it is logged every tenth of each file. */
  onModelProgress?: (event: ModelProgressEvent) => void;
}

/** What retrieval found for one query, and what it was found with. */
interface Retrieved {
  version: IndexVersion;
  embedder: Embedder;
  queryVector: number[];
  passages: Passage[];
}

/**
 * The Desk over an index folder on this machine: loads the index once, follows refreshes (its
 * own and other processes'), and runs refreshes under the cross-process lock. Every front end
 * goes through it, the ingest command included, so a refresh is done one way.
 */
export class LocalDesk implements Desk {
  readonly #config: Config;
  readonly #log: Logger;
  readonly #options: DeskOptions;
  readonly #reader: IndexReader;
  readonly #embedders: Embedders;
  /** The refresh this process runs; other processes' show up as the lock's holder. */
  #refreshing: RefreshHolder | null = null;
  #lastRefresh: LastRefresh | null = null;

  constructor(config: Config, log: Logger, options: DeskOptions = {}) {
    this.#config = config;
    this.#log = log;
    this.#options = options;
    this.#reader = new IndexReader(config.indexDir);
    const onProgress = options.onModelProgress ?? downloadLogger(log);
    this.#embedders = new Embedders({ model: config.model, onWarning: (message) => log.warn(message), onProgress }, options.buildEmbedder);
  }

  async ask(question: string, options: { top?: number; earlier?: EarlierQuestion; filter?: AskFilter } = {}): Promise<Answer> {
    const { prepared, preferred } = await this.prepare(question, options);
    return replyFrom(prepared, this.#options.model ?? shippedRanker(), { maxSources: options.top ?? DEFAULT_COMPOSE.maxSources, ...(preferred && { preferred }) });
  }

  /**
   * Retrieves for the question and describes its candidate sentences, before the answer model
   * weighs them: what `ask` replies from, and what fitting and evaluation read.
   */
  async prepare(question: string, options: { earlier?: EarlierQuestion; filter?: AskFilter } = {}): Promise<{ prepared: PreparedQuestion; preferred?: ReadonlySet<string> }> {
    const text = normalizeQuestion(withoutFollowUpMark(question));
    const earlier = options.earlier && isFollowUp(question) ? options.earlier : undefined;
    const { version, embedder, passages, queryVector } = await this.#retrieve(text, {
      top: this.#options.passages ?? 10,
      perArticle: this.#options.perArticle ?? 3,
      ...(earlier && { earlier }),
      askFilter: options.filter,
    });
    const prepared = await prepareQuestion(text, passages, {
      ...DEFAULT_COMPOSE,
      idf: (term) => version.keywords.idf(term),
      vocabulary: indexVocabulary(version),
      articles: { text: (id) => version.articles.get(id)?.text, sentences: (id) => version.sentences(id) },
      unseenWeight: Math.log(1 + (version.keywords.size + 0.5) / 0.5),
      embedder,
      queryVector,
    });
    return earlier ? { prepared, preferred: new Set(earlier.articles) } : { prepared };
  }

  async search(query: string, options: { top?: number; article?: string; filter?: AskFilter } = {}): Promise<Passage[]> {
    const text = normalizeQuestion(query);
    const { article } = options;
    if (article !== undefined && !(await this.#reader.current()).articles.has(article)) {
      throw new NewsdeskError('ARTICLE_UNKNOWN', `No article with the id "${article}" is in the index.`);
    }
    const top = options.top ?? 5;
    // Lookup shows distinct stories, unless it searches inside one.
    const { passages } = await this.#retrieve(text, { top, perArticle: article ? top : 1, article, askFilter: options.filter });
    return passages.map((passage) => ({ ...passage, article: metaOf(passage.article) }));
  }

  async articles(options: { filter?: string | null } = {}): Promise<ArticleMeta[]> {
    const version = await this.#reader.current();
    return filterArticles([...version.articles.values()].map(metaOf).sort(byNewest), options.filter);
  }

  async article(id: string): Promise<ArticleDetails | null> {
    const stored = (await this.#reader.current()).articles.get(id);
    if (!stored) return null;
    const opening = stored.text.split(/\n\s*\n/u).find((paragraph) => paragraph.trim() !== '')?.trim() ?? '';
    return { meta: metaOf(stored), opening, indexedAt: stored.indexedAt };
  }

  async refresh(options: RefreshOptions): Promise<RefreshResult> {
    this.#assertIdle();
    this.#refreshing = { startedBy: options.startedBy, startedAt: new Date().toISOString() };
    try {
      // A missing corpus is said first, before a model is loaded or an index folder created.
      await assertCorpusFolder(this.#config.corpusDir);
      const result = await refreshIndex({
        corpusDir: this.#config.corpusDir,
        indexDir: this.#config.indexDir,
        maxFileBytes: this.#config.maxFileBytes,
        embedder: await this.#embedders.forBuild(),
        store: this.#config.vectorStore,
        startedBy: options.startedBy,
        allowEmpty: options.allowEmpty,
        onReadProgress: options.onReadProgress,
        onProgress: options.onProgress,
        onWarning: (message) => this.#log.warn(message),
      });
      for (const { file, encoding } of result.recoded) this.#log.warn('read in a fallback encoding', { file, encoding });
      this.#log.info('refresh finished', { ...result, skipped: result.skipped.length, recoded: result.recoded.length });
      const { added, changed, removed } = result;
      this.#lastRefresh = { at: new Date().toISOString(), startedBy: options.startedBy, added, changed, removed };
      // A desk that serves questions switches to the new version now, not during the next question.
      if (this.#reader.peek() !== null) await this.#reader.current();
      return result;
    } finally {
      this.#refreshing = null;
    }
  }

  async status(): Promise<DeskStatus> {
    let version: IndexVersion | null = null;
    try {
      version = await this.#reader.current();
    } catch (error) {
      if (!isNewsdeskError(error, 'INDEX_MISSING') && !isNewsdeskError(error, 'INDEX_OUTDATED')) throw error;
    }
    return {
      articles: version?.articles.size ?? 0,
      chunks: version?.chunks.size ?? 0,
      embedder: version ? { id: version.manifest.embedder.id, offline: version.manifest.embedder.offline } : { id: 'none', offline: false },
      builtAt: version?.manifest.builtAt ?? null,
      version: version?.name ?? null,
      refreshing: this.#refreshing,
      lastRefresh: this.#lastRefresh,
    };
  }

  async addArticles(uploads: readonly Upload[], options: { replace: boolean; startedBy: string }): Promise<AddedArticles> {
    await this.#untilIdle();
    let version: IndexVersion | null = null;
    try {
      version = await this.#reader.current();
    } catch (error) {
      if (!isNewsdeskError(error, 'INDEX_MISSING') && !isNewsdeskError(error, 'INDEX_OUTDATED')) throw error;
    }
    // Built only when an upload gets as far as the duplicate check.
    let keys: Map<string, string> | null = null;
    const articleWithText = (key: string) => {
      keys ??= new Map([...(version?.articles.values() ?? [])].map((article) => [textKeyOf(article.text), article.id]));
      return keys.get(key) ?? null;
    };
    const outcomes = await addArticles(uploads, { corpusDir: this.#config.corpusDir, maxFileBytes: this.#config.maxFileBytes, replace: options.replace, articleWithText });
    for (const outcome of outcomes) this.#log.info(outcome.saved ? 'article added' : 'article refused', { ...outcome, by: options.startedBy });
    if (!outcomes.some((outcome) => outcome.saved)) return { outcomes, refresh: null };
    return { outcomes, refresh: await this.#refreshAfterChange({ startedBy: options.startedBy }) };
  }

  async removeArticle(id: string, options: { startedBy: string }): Promise<RemovedArticle> {
    await this.#untilIdle();
    const stored = (await this.#reader.current()).articles.get(id);
    if (!stored) throw new NewsdeskError('ARTICLE_UNKNOWN', `No article with the id "${id}" is in the index.`);
    const movedTo = await removeArticleFile(this.#config.corpusDir, stored.file);
    this.#log.info('article removed', { id, movedTo, by: options.startedBy });
    // Removing the last article on purpose may empty the index.
    const refresh = await this.#refreshAfterChange({ startedBy: options.startedBy, allowEmpty: true });
    return { removed: metaOf(stored), movedTo, refresh };
  }

  /**
   * A refresh after this desk changed the corpus folder. The files are already saved, so a
   * refresh started meanwhile elsewhere (the CLI, AUTO_REFRESH) is waited for rather than
   * reported: it may have listed the folder before the change.
   */
  async #refreshAfterChange(options: RefreshOptions): Promise<RefreshResult> {
    return whileBusy(() => this.refresh(options));
  }

  async passage(article: string, start: number, end: number): Promise<PassageInContext | null> {
    const version = await this.#reader.current();
    const stored = version.articles.get(article);
    if (!stored || !(start >= 0 && start < end && end <= stored.text.length)) return null;
    const sentences = version.sentences(article);
    const first = sentences.findIndex((sentence) => sentence.end > start);
    const last = sentences.findLastIndex((sentence) => sentence.start < end);
    const from = first > 0 ? sentences[first - 1]!.start : start;
    const to = last >= 0 && last + 1 < sentences.length ? sentences[last + 1]!.end : end;
    const text = stored.text;
    return { meta: metaOf(stored), before: text.slice(Math.min(from, start), start).trim(), quote: text.slice(start, end), after: text.slice(end, Math.max(to, end)).trim() };
  }

  /** Throws RefreshBusyError while this process runs a refresh. */
  #assertIdle(): void {
    if (this.#refreshing) throw new RefreshBusyError({ pid: process.pid, host: 'this process', ...this.#refreshing });
  }

  /**
   * Waits while this process runs a refresh (one AUTO_REFRESH started after the last upload, say),
   * up to BUSY_WAIT_MS; then throws RefreshBusyError if it still does. A change to the corpus
   * waits its turn rather than being turned away.
   */
  async #untilIdle(): Promise<void> {
    await whileBusy(async () => this.#assertIdle());
  }

  /** Builds the index from the corpus when there is none (or only an outdated one), then loads it. */
  async buildIfMissing(): Promise<void> {
    try {
      await this.#reader.current();
      return;
    } catch (error) {
      if (isNewsdeskError(error, 'INDEX_OUTDATED')) this.#log.warn(error.message);
      else if (!isNewsdeskError(error, 'INDEX_MISSING')) throw error;
      else this.#log.info('no index yet: building it from the corpus', { corpus: this.#config.corpusDir });
    }
    await this.refresh({ startedBy: 'first start' });
    await this.#reader.current();
  }

  /** The passages for a query, from the version in use, with the embedder that built it. */
  async #retrieve(query: string, options: { top: number; perArticle: number; article?: string; earlier?: EarlierQuestion; askFilter?: AskFilter }): Promise<Retrieved> {
    const version = await this.#reader.current();
    const { askFilter, ...retrieveOptions } = options;
    const filter: ChosenFilter | undefined = resolveAskFilter(askFilter, () => outletsOf(version));
    const embedder = await this.#embedders.forIndex(version.manifest.embedder);
    // Embedded once: retrieval and sentence ranking both use it.
    const queryVector = await embedder.embedQuery(query);
    // A follow-up searches near both questions, its own weighing twice the earlier one.
    const searchVector = options.earlier ? blend(queryVector, await embedder.embedQuery(options.earlier.question)) : queryVector;
    const passages = await retrieve(version, embedder, query, { ...retrieveOptions, ...(filter && { filter }), fusion: this.#options.fusion, queryVector: searchVector });
    return { version, embedder, queryVector, passages };
  }
}

/** Runs `attempt` again every BUSY_RETRY_MS while it fails with REFRESH_BUSY, up to BUSY_WAIT_MS; then its error stands. */
async function whileBusy<T>(attempt: () => Promise<T>): Promise<T> {
  for (let waited = 0; ; waited += BUSY_RETRY_MS) {
    try {
      return await attempt();
    } catch (error) {
      if (!isNewsdeskError(error, 'REFRESH_BUSY') || waited >= BUSY_WAIT_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
    }
  }
}

/** A desk over `config.indexDir`; with `buildIfMissing`, the index is built before it returns. */
export async function openDesk(config: Config, log: Logger, options: DeskOptions = {}): Promise<LocalDesk> {
  const desk = new LocalDesk(config, log, options);
  if (options.buildIfMissing) await desk.buildIfMissing();
  return desk;
}

/** The outlets of a version's articles, sorted. */
function outletsOf(version: IndexVersion): string[] {
  return [...new Set([...version.articles.values()].map((article) => article.outlet).filter((outlet): outlet is string => outlet !== null))].sort();
}

/** The unit vector along `a + b / 2`. */
function blend(a: readonly number[], b: readonly number[]): number[] {
  const sum = a.map((value, i) => value + 0.5 * (b[i] ?? 0));
  const norm = Math.hypot(...sum) || 1;
  return sum.map((value) => value / norm);
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
  const { id, file, title, outlet, agency, byline, published, words, hash } = article;
  // An index written before bylines were kept has none stored.
  return { id, file, title, outlet, agency, byline: byline ?? null, published, words, hash };
}
