import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { LocalIndex } from 'vectra';
import type { Chunk } from '../ingest/article.ts';
import { writeFileAtomic, syncFolder } from './atomic-file.ts';
import type { StoredArticle, StoredChunk, VectorMetadata } from './index-version.ts';
import { buildKeywordData, type TermCounts } from './keyword-index.ts';
import { BUILDING_PREFIX, layout } from './layout.ts';
import type { Manifest } from './manifest.ts';
import type { PackedSentences } from '../text/tags.ts';
import { passageForEmbedding } from './passage.ts';

/** The name of the version `CURRENT` points at, or null when no index was ever built. */
export async function readCurrentVersion(indexDir: string): Promise<string | null> {
  try {
    const name = (await readFile(layout.current(indexDir), 'utf8')).trim();
    return name || null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
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

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes a complete version in a `.building-` folder, flushes it, renames it into place and
 * only then points `CURRENT` at it. A crash at any step leaves `CURRENT` naming a complete
 * version (the old one until the last rename). Returns the new version's name.
 */
export async function writeVersion(indexDir: string, content: VersionContent): Promise<string> {
  const name = newVersionName();
  const building = layout.version(indexDir, `${BUILDING_PREFIX}${name}`);
  await mkdir(building, { recursive: true });

  const vectors = new LocalIndex<VectorMetadata>(layout.vectors(building));
  await vectors.createIndex({ version: 1 });
  await vectors.beginUpdate();
  for (const chunk of content.chunks) {
    const vector = content.vectors.get(chunk.id);
    if (!vector) throw new Error(`no vector for chunk ${chunk.id}`);
    await vectors.insertItem({ id: chunk.id, vector: vector.map(roundComponent), metadata: { article: chunk.article, chunk: chunk.id } });
  }
  await vectors.endUpdate();
  // vectra writes in place without flushing; the folder is not live yet, so a flush suffices.
  await syncFile(`${layout.vectors(building)}/index.json`);

  const storedChunks: StoredChunk[] = content.chunks.map(({ text: _text, ...position }) => position);
  await writeFileAtomic(layout.articles(building), JSON.stringify(content.articles));
  await writeFileAtomic(layout.chunks(building), JSON.stringify(storedChunks));
  // Keyword search sees what the embedder sees: the headline with each passage.
  const titles = new Map(content.articles.map((article) => [article.id, article.title]));
  const keywordTexts = content.chunks.map((chunk) => ({ id: chunk.id, text: passageForEmbedding(titles.get(chunk.article) ?? '', chunk) }));
  await writeFileAtomic(layout.keywords(building), JSON.stringify(buildKeywordData(keywordTexts, content.termCounts)));
  await writeFileAtomic(layout.sentences(building), JSON.stringify(Object.fromEntries(content.articles.map((article) => [article.id, content.sentences.get(article.id) ?? []]))));
  const manifest: Manifest = { ...content.manifest, version: name };
  await writeFileAtomic(layout.manifest(building), JSON.stringify(manifest, null, 2));

  await rename(building, layout.version(indexDir, name));
  await syncFolder(layout.versions(indexDir));
  await writeFileAtomic(layout.current(indexDir), `${name}\n`);
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
