import { readdir, readFile, rm } from 'node:fs/promises';
import type { Chunk } from '../ingest/article.ts';
import { NewsdeskError } from '../errors.ts';
import { describeFsError } from '../fs-errors.ts';
import type { PackedSentences } from '../text/tags.ts';
import { unitVector } from './dense-search.ts';
import type { StoredArticle } from './index-version.ts';
import { layout } from './layout.ts';
import type { Manifest } from './manifest.ts';
import { VersionWriter } from './version-writer.ts';

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
  /** One vector per chunk id. */
  vectors: ReadonlyMap<string, readonly number[]>;
  /** Each article's tagged sentences, by article id. */
  sentences: ReadonlyMap<string, PackedSentences>;
}

/**
 * Writes a complete version held in memory (see VersionWriter, which a refresh uses to stream
 * one) and makes it current. Throws before writing anything when a chunk has no vector.
 * Returns the new version's name.
 */
export async function writeVersion(indexDir: string, content: VersionContent): Promise<string> {
  const dims = content.manifest.embedder.dimensions;
  const byArticle = new Map<string, Chunk[]>();
  for (const chunk of content.chunks) {
    if (!content.vectors.has(chunk.id)) throw new Error(`no vector for chunk ${chunk.id}`);
    byArticle.set(chunk.article, [...(byArticle.get(chunk.article) ?? []), chunk]);
  }
  const writer = await VersionWriter.start(indexDir, dims, content.manifest.store);
  for (const article of content.articles) {
    const chunks = (byArticle.get(article.id) ?? []).sort((a, b) => a.index - b.index);
    const vectors = new Float32Array(chunks.length * dims);
    chunks.forEach((chunk, i) => vectors.set(unitVector(content.vectors.get(chunk.id)!), i * dims));
    await writer.add({ article, chunks, vectors, sentences: content.sentences.get(article.id) ?? [] });
  }
  return writer.commit(content.manifest);
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
