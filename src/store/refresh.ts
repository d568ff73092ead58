import type { Embedder } from '../embed/embedder.ts';
import type { Chunk } from '../ingest/article.ts';
import { chunkArticle, DEFAULT_CHUNK_SETTINGS, type ChunkSettings } from '../ingest/chunk.ts';
import { loadCorpus, type LoadedCorpus } from '../ingest/load-corpus.ts';
import { tagSentences } from '../ingest/tag.ts';
import { packSentences, type PackedSentences } from '../text/tags.ts';
import { isNewsdeskError, NewsdeskError } from '../errors.ts';
import { describeFsError } from '../fs-errors.ts';
import { loadIndexVersion, type IndexVersion, type StoredArticle } from './index-version.ts';
import { layout } from './layout.ts';
import type { ManifestArticle } from './manifest.ts';
import { INDEX_FORMAT } from './manifest.ts';
import { passageForEmbedding } from './passage.ts';
import { acquireRefreshLock } from './refresh-lock.ts';
import type { RefreshSummary } from './refresh-summary.ts';
import { readCurrentVersion, removeOldVersions, writeVersion } from './version-files.ts';
import { indexWriteFailed, isFsError } from './write-error.ts';

export interface RefreshOptions {
  corpusDir: string;
  indexDir: string;
  maxFileBytes: number;
  embedder: Embedder;
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
  /** Chunks per embedding call. */
  batchSize?: number;
}

/** The summary plus what only the terminal shows. */
export interface RefreshResult extends RefreshSummary {
  recoded: LoadedCorpus['recoded'];
  /** The version now served; unchanged when the refresh found nothing to do. */
  version: string | null;
}

async function openCurrent(indexDir: string, warn: (message: string) => void): Promise<IndexVersion | null> {
  try {
    const name = await readCurrentVersion(indexDir);
    if (name === null) return null;
    return await loadIndexVersion(layout.version(indexDir, name), name);
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
 * chunk settings re-embeds everything.
 */
export async function refreshIndex(options: RefreshOptions): Promise<RefreshResult> {
  const started = performance.now();
  const warn = options.onWarning ?? (() => {});
  const chunker = options.chunker ?? DEFAULT_CHUNK_SETTINGS;
  const release = await acquireRefreshLock(options.indexDir, options.startedBy).catch((error: unknown) => {
    throw isFsError(error) ? indexWriteFailed(options.indexDir, error) : error;
  });
  try {
    const corpus = await loadCorpus(options.corpusDir, {
      maxFileBytes: options.maxFileBytes,
      defaultOutlet: options.defaultOutlet ?? null,
      onProgress: options.onReadProgress,
    });
    const current = await openCurrent(options.indexDir, warn);
    const indexed = current ? Object.keys(current.manifest.articles).length : 0;
    if (corpus.articles.length === 0 && indexed > 0 && !options.allowEmpty) throw refusedEmpty(options.corpusDir, indexed, corpus);
    const info = options.embedder.info;
    const reusable =
      current !== null &&
      current.manifest.embedder.id === info.id &&
      current.manifest.embedder.dimensions === info.dimensions &&
      JSON.stringify(current.manifest.chunker) === JSON.stringify(chunker);
    if (current && !reusable) warn(`The index was built with ${current.manifest.embedder.id} and other chunk settings or embedder are in use now (${info.id}): re-embedding every article.`);

    const oldVectors = reusable ? await current.vectors() : new Map<string, number[]>();
    const oldTermCounts = reusable ? current.termCounts() : new Map<string, Record<string, number>>();
    // Only chunks carried over unchanged keep their counts: a changed article reuses chunk ids.
    const keptTermCounts = new Map<string, Record<string, number>>();
    const oldChunksByArticle = new Map<string, Chunk[]>();
    if (reusable) {
      for (const chunk of current.chunks.values()) {
        const list = oldChunksByArticle.get(chunk.article) ?? [];
        list.push(chunk);
        oldChunksByArticle.set(chunk.article, list);
      }
    }

    const now = new Date().toISOString();
    const chunks: Chunk[] = [];
    const vectors = new Map<string, number[]>();
    const toEmbed: { chunk: Chunk; title: string }[] = [];
    const stored: StoredArticle[] = [];
    const sentences = new Map<string, PackedSentences>();
    const manifestArticles: Record<string, ManifestArticle> = {};
    let added = 0;
    let changed = 0;
    let unchanged = 0;
    for (const article of corpus.articles) {
      const previous = current?.manifest.articles[article.id];
      // Tags depend on the text alone, so they survive a change of embedder.
      const keptSentences = previous?.hash === article.hash ? current?.packedSentences(article.id) : undefined;
      sentences.set(article.id, keptSentences ?? packSentences(tagSentences(article.text)));
      const kept = reusable && previous?.hash === article.hash ? oldChunksByArticle.get(article.id) : undefined;
      if (kept && kept.every((chunk) => oldVectors.has(chunk.id))) {
        unchanged++;
        kept.sort((a, b) => a.index - b.index);
        for (const chunk of kept) {
          chunks.push(chunk);
          vectors.set(chunk.id, oldVectors.get(chunk.id)!);
          const counts = oldTermCounts.get(chunk.id);
          if (counts) keptTermCounts.set(chunk.id, counts);
        }
        stored.push({ ...article, indexedAt: previous!.indexedAt });
        manifestArticles[article.id] = previous!;
        continue;
      }
      if (previous) changed++;
      else added++;
      const articleChunks = chunkArticle(article, chunker);
      chunks.push(...articleChunks);
      toEmbed.push(...articleChunks.map((chunk) => ({ chunk, title: article.title })));
      stored.push({ ...article, indexedAt: now });
      manifestArticles[article.id] = { hash: article.hash, chunks: articleChunks.length, indexedAt: now };
    }
    const present = new Set(corpus.articles.map((article) => article.id));
    const removed = current ? Object.keys(current.manifest.articles).filter((id) => !present.has(id)).length : 0;

    const summary = (version: string | null): RefreshResult => ({
      articles: corpus.articles.length,
      chunks: chunks.length,
      embedded: toEmbed.length,
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
    if (current && reusable && added === 0 && changed === 0 && removed === 0) return summary(current.name);

    const batchSize = options.batchSize ?? 32;
    for (let start = 0; start < toEmbed.length; start += batchSize) {
      const batch = toEmbed.slice(start, start + batchSize);
      const embedded = await options.embedder.embedPassages(batch.map(({ chunk, title }) => passageForEmbedding(title, chunk)));
      batch.forEach(({ chunk }, i) => vectors.set(chunk.id, embedded[i]!));
      options.onProgress?.(Math.min(start + batchSize, toEmbed.length), toEmbed.length);
    }

    const version = await writeVersion(options.indexDir, {
      manifest: { format: INDEX_FORMAT, embedder: info, chunker, articles: manifestArticles, builtAt: new Date().toISOString(), skipped: corpus.skipped },
      articles: stored,
      chunks,
      vectors,
      termCounts: keptTermCounts,
      sentences,
    });
    // The new version is live; an old folder that cannot be deleted now goes next time.
    await removeOldVersions(options.indexDir, current?.name ?? null).catch((error: unknown) => warn(`Old index versions could not be removed: ${describeFsError(error)}.`));
    return summary(version);
  } finally {
    await release();
  }
}
