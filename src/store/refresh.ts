import type { Embedder } from '../embed/embedder.ts';
import type { Article, Chunk } from '../ingest/article.ts';
import { chunkArticle, DEFAULT_CHUNK_SETTINGS, type ChunkSettings } from '../ingest/chunk.ts';
import { loadCorpus, type LoadedCorpus } from '../ingest/load-corpus.ts';
import { tagSentences } from '../ingest/tag.ts';
import { packSentences } from '../text/tags.ts';
import { isNewsdeskError, NewsdeskError } from '../errors.ts';
import { describeFsError } from '../fs-errors.ts';
import { unitVector } from './dense-search.ts';
import type { VectorStoreKind } from './dense-store.ts';
import { EmbeddingCache } from './embedding-cache.ts';
import { cleaningFingerprint, reuseStored } from './ingest-cache.ts';
import { loadIndexVersion, type StoredVersion } from './index-version.ts';
import { layout } from './layout.ts';
import type { ManifestArticle } from './manifest.ts';
import { INDEX_FORMAT } from './manifest.ts';
import { passageForEmbedding } from './passage.ts';
import { acquireRefreshLock } from './refresh-lock.ts';
import type { RefreshSummary } from './refresh-summary.ts';
import { readCurrentVersion, removeOldVersions } from './version-files.ts';
import { VersionWriter } from './version-writer.ts';
import { VectraLimit } from './vectra-store.ts';
import { indexWriteFailed, isFsError } from './write-error.ts';

export interface RefreshOptions {
  corpusDir: string;
  indexDir: string;
  maxFileBytes: number;
  embedder: Embedder;
  /** Where the new version keeps its vectors (VECTOR_STORE); vectra by default. */
  store?: VectorStoreKind;
  /** Most passages the vectra store is given; VECTRA_MAX_PASSAGES unless a test needs a small corpus to be too large. */
  maxVectraPassages?: number;
  chunker?: ChunkSettings;
  defaultOutlet?: string | null;
  /** Who asked, shown to anyone who tries a second refresh meanwhile. */
  startedBy: string;
  /** Called as chunks are embedded: `done` of `total` chunks. */
  onProgress?: (done: number, total: number) => void;
  /** Called as article files are read: `done` of `total` files; first with `done` 0. */
  onReadProgress?: (done: number, total: number) => void;
  /**
   * Allows a refresh that finds no article to empty an index that has some. Without it, such a
   * refresh throws NewsdeskError `CORPUS_EMPTY`: an unmounted volume or a mistyped CORPUS_DIR
   * must not silently empty the bot.
   */
  allowEmpty?: boolean;
  /** Told about things worth a warning that do not stop the refresh. */
  onWarning?: (message: string) => void;
  /** Chunks per embedding call; the embedder runs them in model batches of similar length. */
  batchSize?: number;
}

/**
 * Passages per embedding call: enough for the embedder to group them by length into full model
 * batches, few enough that progress is reported every few seconds.
 */
const DEFAULT_EMBED_CALL = 128;

/** The summary plus what only the terminal shows. */
export interface RefreshResult extends RefreshSummary {
  recoded: LoadedCorpus['recoded'];
  /** The version now served; unchanged when the refresh found nothing to do. */
  version: string | null;
}

/** An article of the corpus and what the refresh does with it: keep its chunks (`range`) or embed `chunks`. */
interface Planned {
  article: Article;
  previous: ManifestArticle | undefined;
  /** Its chunk numbers in the current version, when they are kept. */
  range?: { first: number; count: number };
  chunks?: Chunk[];
}

/** The chunk offsets of rows `first` to `first + count - 1` of a version. */
function range(version: StoredVersion, { first, count }: { first: number; count: number }): { startPos: number; endPos: number }[] {
  return Array.from({ length: count }, (_, i) => version.chunks.positionsOf(first + i));
}

async function openCurrent(indexDir: string, warn: (message: string) => void): Promise<StoredVersion | null> {
  try {
    const name = await readCurrentVersion(indexDir);
    if (name === null) return null;
    // Vectors are copied row by row from disk, never all held: the bot may hold them already.
    return await loadIndexVersion(layout.version(indexDir, name), name, { vectors: 'disk' });
  } catch (error) {
    if (!isNewsdeskError(error, 'INDEX_CORRUPT') && !isNewsdeskError(error, 'INDEX_OUTDATED')) throw error;
    warn(`${error.message} Building a new index from scratch.`);
    return null;
  }
}

function refusedEmpty(corpusDir: string, indexed: number, corpus: LoadedCorpus): NewsdeskError {
  const found = corpus.skipped.length === 0 ? 'no article files' : `no article among ${corpus.skipped.length} files (all skipped)`;
  return new NewsdeskError(
    'CORPUS_EMPTY',
    `The corpus folder ${corpusDir} has ${found}, so this refresh would remove all ${indexed} articles from the index. ` +
      'Nothing was changed. If the folder is on a volume that is not mounted or CORPUS_DIR is mistyped, fix that; ' +
      'to empty the index on purpose, run `npm run ingest -- --allow-empty`.',
  );
}

/**
 * Brings the index in line with the corpus under the refresh lock: articles whose content hash
 * is unchanged keep their chunks and vectors (no embedding call); new and changed ones are
 * chunked and embedded; removed ones are left out. The result is written as a new version and
 * switched to atomically; when nothing changed, no version is written. A change of embedder or
 * chunk settings re-embeds everything; a change of store rewrites the version, vectors copied.
 * A corpus too large for the vectra store is refused before anything is embedded or written.
 */
export async function refreshIndex(options: RefreshOptions): Promise<RefreshResult> {
  const started = performance.now();
  const warn = options.onWarning ?? (() => {});
  const chunker = options.chunker ?? DEFAULT_CHUNK_SETTINGS;
  const store = options.store ?? 'vectra';
  const release = await acquireRefreshLock(options.indexDir, options.startedBy).catch((error: unknown) => {
    throw isFsError(error) ? indexWriteFailed(options.indexDir, error) : error;
  });
  try {
    const current = await openCurrent(options.indexDir, warn);
    const fingerprint = await cleaningFingerprint(options.defaultOutlet ?? null);
    const info = options.embedder.info;
    const reusable =
      current !== null &&
      current.manifest.embedder.id === info.id &&
      current.manifest.embedder.dimensions === info.dimensions &&
      JSON.stringify(current.manifest.chunker) === JSON.stringify(chunker);
    // The vectra store's limit is checked as articles are read, with their chunks kept for the plan.
    const chunked = new Map<string, Chunk[]>();
    const limit = store === 'vectra' ? new VectraLimit(options.maxVectraPassages) : undefined;
    let files = 0;
    const sources = new Map<string, string>();
    const corpus = await loadCorpus(options.corpusDir, {
      maxFileBytes: options.maxFileBytes,
      defaultOutlet: options.defaultOutlet ?? null,
      onProgress: (done, total) => {
        files = total;
        options.onReadProgress?.(done, total);
      },
      // Files whose bytes are unchanged are not cleaned again: most of a refresh's reading time.
      reuse: reuseStored(current, fingerprint, sources),
      onArticle:
        limit &&
        ((article: Article) => {
          const previous = current?.manifest.articles[article.id];
          if (reusable && previous?.hash === article.hash) return limit.add(previous.chunks, files);
          const chunks = chunkArticle(article, chunker);
          chunked.set(article.id, chunks);
          limit.add(chunks.length, files);
        }),
    });
    const indexed = current ? Object.keys(current.manifest.articles).length : 0;
    if (corpus.articles.length === 0 && indexed > 0 && !options.allowEmpty) throw refusedEmpty(options.corpusDir, indexed, corpus);
    if (current && !reusable) warn(`The index was built with ${current.manifest.embedder.id} and other chunk settings or embedder are in use now (${info.id}): re-embedding every article.`);
    const sameStore = current !== null && current.manifest.store === store && current.manifest.format === INDEX_FORMAT;
    if (current && reusable && !sameStore) warn(`The index keeps its vectors in the ${current.manifest.store} store and VECTOR_STORE is ${store}: writing them to the ${store} store (nothing is embedded again).`);

    const now = new Date().toISOString();
    // Planned first, with only hashes compared, so a refresh with nothing to do writes nothing.
    const plan: Planned[] = [];
    const manifestArticles: Record<string, ManifestArticle> = {};
    let added = 0;
    let changed = 0;
    let unchanged = 0;
    let chunkCount = 0;
    let toEmbed = 0;
    for (const article of corpus.articles) {
      const previous = current?.manifest.articles[article.id];
      const range = reusable && previous?.hash === article.hash ? current.chunkRange(article.id) : undefined;
      const source = sources.get(article.id);
      if (range && range.count === previous!.chunks) {
        unchanged++;
        chunkCount += range.count;
        plan.push({ article, previous: previous!, range });
        manifestArticles[article.id] = { ...previous!, source };
        continue;
      }
      if (previous) changed++;
      else added++;
      const chunks = chunked.get(article.id) ?? chunkArticle(article, chunker);
      chunkCount += chunks.length;
      toEmbed += chunks.length;
      plan.push({ article, previous, chunks });
      manifestArticles[article.id] = { hash: article.hash, chunks: chunks.length, indexedAt: now, source };
    }
    const present = new Set(corpus.articles.map((article) => article.id));
    const removed = current ? Object.keys(current.manifest.articles).filter((id) => !present.has(id)).length : 0;

    const summary = (version: string | null): RefreshResult => ({
      articles: corpus.articles.length,
      chunks: chunkCount,
      embedded: toEmbed,
      unchanged,
      removed,
      added,
      changed,
      skipped: corpus.skipped,
      embedder: info.id,
      ms: Math.round(performance.now() - started),
      recoded: corpus.recoded,
      version,
    });
    // A version that lacks file hashes (or has other ones) is rewritten, so the next refresh can skip cleaning.
    const sameTagger = fingerprint !== null && current?.manifest.cleanedBy === fingerprint;
    const sourcesKnown = fingerprint === null || (current?.manifest.cleanedBy === fingerprint && corpus.articles.every((article) => current?.manifest.articles[article.id]?.source === sources.get(article.id)));
    if (current && reusable && sameStore && added === 0 && changed === 0 && removed === 0 && sourcesKnown) return summary(current.name);

    const dims = info.dimensions;
    const cache = await EmbeddingCache.open(options.indexDir, info);
    const writer = await VersionWriter.start(options.indexDir, dims, store);
    let committed = false;
    try {
      const batchSize = options.batchSize ?? DEFAULT_EMBED_CALL;
      // Articles wait here, in corpus order, until their chunks are embedded; the queue holds
      // at most one call's worth more than the embedder has in flight, so memory does not grow with the corpus.
      const queue: { planned: Planned; vectors: Float32Array; missing: number }[] = [];
      const pending: { entry: (typeof queue)[number]; row: number; text: string }[] = [];
      let embedded = 0;
      const writeReady = async () => {
        while (queue.length > 0 && queue[0]!.missing === 0) {
          const { planned, vectors } = queue.shift()!;
          const { article, previous } = planned;
          // Tags depend on the text and the tagger alone, so they survive a change of embedder;
          // a version cleaned under another fingerprint was tagged by other code and is tagged again.
          const keptSentences = previous?.hash === article.hash && sameTagger ? current?.packedSentences(article.id) : undefined;
          const sentences = keptSentences ?? packSentences(tagSentences(article.text));
          if (planned.range) {
            const chunks = range(current!, planned.range);
            cache?.keepStored(article, chunks, vectors);
            await writer.add({
              article: { ...article, indexedAt: planned.previous!.indexedAt },
              chunks,
              vectors,
              sentences,
              keywordsFrom: { index: current!.keywords, firstDoc: planned.range.first },
            });
          } else {
            await writer.add({ article: { ...article, indexedAt: now }, chunks: planned.chunks!, vectors, sentences });
          }
        }
      };
      const embedBatch = async (batch: typeof pending) => {
        const texts = batch.map(({ text }) => text);
        const vectors = cache ? await cache.vectorsFor(options.embedder, texts) : (await options.embedder.embedPassages(texts)).map(unitVector);
        batch.forEach(({ entry, row }, i) => {
          entry.vectors.set(vectors[i]!, row * dims);
          entry.missing--;
        });
        embedded += batch.length;
        options.onProgress?.(embedded, toEmbed);
      };
      // Calls run while the articles of earlier ones are tagged and written; with the model in
      // worker threads the next call waits in their queues while the last runs (`callsInFlight`),
      // so the workers never wait for this thread between calls.
      const running: Promise<void>[] = [];
      const inFlight = Math.max(1, options.embedder.callsInFlight ?? 1);
      const startBatch = async (count: number) => {
        const batch = pending.splice(0, count);
        if (running.length >= inFlight) await running.shift();
        const call = embedBatch(batch);
        // Awaited by a later call or at the end; an error before then must not go unhandled.
        call.catch(() => undefined);
        running.push(call);
      };
      for (const planned of plan) {
        if (planned.range) {
          queue.push({ planned, vectors: await current!.vectorRows(planned.range.first, planned.range.count), missing: 0 });
        } else {
          const chunks = planned.chunks!;
          const entry = { planned, vectors: new Float32Array(chunks.length * dims), missing: chunks.length };
          queue.push(entry);
          chunks.forEach((chunk, row) => pending.push({ entry, row, text: passageForEmbedding(planned.article.title, chunk) }));
          while (pending.length >= batchSize) await startBatch(batchSize);
        }
        await writeReady();
      }
      while (pending.length > 0) await startBatch(batchSize);
      for (const call of running) await call;
      await writeReady();
      const version = await writer.commit({
        format: INDEX_FORMAT,
        embedder: info,
        chunker,
        articles: manifestArticles,
        builtAt: new Date().toISOString(),
        skipped: corpus.skipped,
        ...(fingerprint === null ? {} : { cleanedBy: fingerprint }),
      });
      committed = true;
      // The version is complete without it: a cache that cannot be written costs time, not data.
      await cache?.save().catch((error: unknown) => warn(`The embedding cache could not be saved: ${describeFsError(error)}.`));
      // The new version is live; an old folder that cannot be deleted now goes next time.
      await removeOldVersions(options.indexDir, current?.name ?? null).catch((error: unknown) => warn(`Old index versions could not be removed: ${describeFsError(error)}.`));
      return summary(version);
    } finally {
      // An embedding failure or a bug leaves nothing half-built behind.
      if (!committed) await writer.abandon();
    }
  } finally {
    await release();
  }
}
