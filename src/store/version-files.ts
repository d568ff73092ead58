import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import type { Chunk } from '../ingest/article.ts';
import { NewsdeskError } from '../errors.ts';
import { describeFsError } from '../fs-errors.ts';
import { writeFileAtomic, syncFolder } from './atomic-file.ts';
import type { StoredArticle, StoredChunk, VectorMetadata } from './index-version.ts';
import { buildKeywordData, type TermCounts } from './keyword-index.ts';
import { BUILDING_PREFIX, layout } from './layout.ts';
import type { Manifest } from './manifest.ts';
import type { PackedSentences } from '../text/tags.ts';
import { passageForEmbedding } from './passage.ts';
import { indexWriteFailed, isFsError } from './write-error.ts';

/** A version folder's name: one plain path segment, never a build under way. */
const VERSION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/u;

/**
 * The name of the version `CURRENT` points at, or null when no index was ever built. Throws
 * NewsdeskError `INDEX_CORRUPT` when CURRENT cannot be read or names anything but a version
 * folder of this index (a path such as `../../other/versions/v1` would serve another index).
 */
export async function readCurrentVersion(indexDir: string): Promise<string | null> {
  const file = layout.current(indexDir);
  let name: string;
  try {
    name = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new NewsdeskError('INDEX_CORRUPT', `${file} cannot be read (${describeFsError(error)}). Fix or delete it and run the ingest again.`, { cause: error });
  }
  if (name === '') return null;
  if (!VERSION_NAME.test(name)) {
    const shown = JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
    throw new NewsdeskError('INDEX_CORRUPT', `${file} names ${shown}, which is not a version folder of this index. Delete it and run the ingest again.`);
  }
  return name;
}

/** Everything a new version holds, before it is written. */
export interface VersionContent {
  manifest: Omit<Manifest, 'version'>;
  articles: StoredArticle[];
  chunks: Chunk[];
  /** One unit vector per chunk id. */
  vectors: ReadonlyMap<string, number[]>;
  /** Keyword term counts of chunks carried over unchanged, by chunk id. */
  termCounts?: TermCounts;
  /** Each article's tagged sentences, by article id. */
  sentences: ReadonlyMap<string, PackedSentences>;
}

/**
 * Vector components are stored with six decimals: JSON would otherwise spell out 17 digits of
 * each, doubling the file that every start parses, for cosine changes below 1e-5.
 */
function roundComponent(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Version names sort in build order. */
function newVersionName(): string {
  return `v${new Date().toISOString().replace(/[-:.TZ]/g, '')}-${process.pid}`;
}

/**
 * The `index.json` of a vectra LocalIndex holding one item per chunk. Written here rather than
 * with vectra's insertItem, which checks each new id against every item already inserted (time
 * quadratic in the number of chunks) and rethrows write errors as plain strings, losing the
 * ENOSPC or EACCES the operator needs to see. vectra still reads the file.
 */
function vectorIndexJson(content: VersionContent): string {
  const items = content.chunks.map((chunk) => {
    const vector = content.vectors.get(chunk.id);
    if (!vector) throw new Error(`no vector for chunk ${chunk.id}`);
    const rounded = vector.map(roundComponent);
    const metadata: VectorMetadata = { article: chunk.article, chunk: chunk.id };
    // vectra's own norm: the square root of the sum of squares.
    const norm = Math.sqrt(rounded.reduce((sum, x) => sum + x * x, 0));
    return { id: chunk.id, metadata, vector: rounded, norm };
  });
  return JSON.stringify({ version: 1, metadata_config: {}, items });
}

/**
 * Writes a complete version in a `.building-` folder, flushes it, renames it into place and
 * only then points `CURRENT` at it. A crash at any step leaves `CURRENT` naming a complete
 * version (the old one until the last rename). A write that fails (disk full, read-only,
 * permissions) removes what it wrote and throws NewsdeskError `INDEX_WRITE_FAILED` naming
 * INDEX_DIR; the version in use stays as it was. Returns the new version's name.
 */
export async function writeVersion(indexDir: string, content: VersionContent): Promise<string> {
  const name = newVersionName();
  const building = layout.version(indexDir, `${BUILDING_PREFIX}${name}`);
  const done = layout.version(indexDir, name);
  // Built before anything is written: a bug here is not a disk failure.
  const vectors = vectorIndexJson(content);
  const storedChunks: StoredChunk[] = content.chunks.map(({ text: _text, ...position }) => position);
  // Keyword search sees what the embedder sees: the headline with each passage.
  const titles = new Map(content.articles.map((article) => [article.id, article.title]));
  const keywordTexts = content.chunks.map((chunk) => ({ id: chunk.id, text: passageForEmbedding(titles.get(chunk.article) ?? '', chunk) }));
  const keywords = JSON.stringify(buildKeywordData(keywordTexts, content.termCounts));
  const sentences = JSON.stringify(Object.fromEntries(content.articles.map((article) => [article.id, content.sentences.get(article.id) ?? []])));
  const manifest: Manifest = { ...content.manifest, version: name };
  let written = building;
  try {
    await mkdir(layout.vectors(building), { recursive: true });
    await writeFileAtomic(layout.vectorFile(building), vectors);
    await writeFileAtomic(layout.articles(building), JSON.stringify(content.articles));
    await writeFileAtomic(layout.chunks(building), JSON.stringify(storedChunks));
    await writeFileAtomic(layout.keywords(building), keywords);
    await writeFileAtomic(layout.sentences(building), sentences);
    await writeFileAtomic(layout.manifest(building), JSON.stringify(manifest, null, 2));
    await rename(building, done);
    written = done;
    await syncFolder(layout.versions(indexDir));
    await writeFileAtomic(layout.current(indexDir), `${name}\n`);
  } catch (cause) {
    // CURRENT still names the old version; what was written would only be in the way.
    await rm(written, { recursive: true, force: true }).catch(() => {});
    throw isFsError(cause) ? indexWriteFailed(indexDir, cause) : cause;
  }
  return name;
}

/**
 * Deletes abandoned builds and every version but the current one and `previous` (the one
 * current before the switch, kept for readers that were loading it). Call only while holding
 * the refresh lock.
 */
export async function removeOldVersions(indexDir: string, previous: string | null): Promise<void> {
  const current = await readCurrentVersion(indexDir);
  let entries: string[];
  try {
    entries = await readdir(layout.versions(indexDir));
  } catch {
    return;
  }
  const keep = new Set([current, previous].filter((name): name is string => name !== null));
  for (const entry of entries) {
    if (!keep.has(entry)) await rm(layout.version(indexDir, entry), { recursive: true, force: true });
  }
}
