import type { EmbedderInfo } from '../embed/embedder.ts';
import type { ChunkSettings } from '../ingest/chunk.ts';
import { VECTOR_STORES, type VectorStoreKind } from './dense-store.ts';

/**
 * Bumped when the on-disk layout of a version changes; an older version is rebuilt, never read.
 * 3: vectors, chunk positions, postings and sentences in binary files, texts read by offset.
 * 4: the vectors in the store the manifest names; a format 3 version is read as `flat`, its store.
 */
export const INDEX_FORMAT = 4;

/** Formats this version of Newsdesk reads. */
const READABLE_FORMATS = [3, INDEX_FORMAT];

/** Per-article bookkeeping that makes refreshes incremental. */
export interface ManifestArticle {
  hash: string;
  chunks: number;
  /** ISO timestamp of the refresh that embedded this content. */
  indexedAt: string;
  /** sha256 of the file's bytes, for the next refresh to skip cleaning it again (see ingest-cache.ts). */
  source?: string;
}

/** Describes one complete index version; written last, read first. */
export interface Manifest {
  format: number;
  /** Folder name of this version under `versions/`. */
  version: string;
  embedder: EmbedderInfo;
  /** Which store holds the vectors, and so which files do (see layout). */
  store: VectorStoreKind;
  chunker: ChunkSettings;
  articles: Record<string, ManifestArticle>;
  /** ISO timestamp of the end of the build. */
  builtAt: string;
  /** Fingerprint of the code and settings that cleaned the articles (see ingest-cache.ts). */
  cleanedBy?: string;
  /** Files skipped by the build that made this version, with reasons. */
  skipped: { file: string; reason: string }[];
}

/** An index version written in another format; the next refresh rebuilds it. */
export class IndexFormatError extends Error {
  constructor(readonly found: number) {
    super(`it was written in index format ${found}, and this version of Newsdesk reads format ${INDEX_FORMAT}`);
    this.name = 'IndexFormatError';
  }
}

/** Throws unless `value` has the shape of a Manifest of a format this version reads. */
export function parseManifest(value: unknown): Manifest {
  const manifest = value as Partial<Manifest> | null;
  if (
    !manifest ||
    !READABLE_FORMATS.includes(manifest.format!) ||
    typeof manifest.version !== 'string' ||
    typeof manifest.embedder?.id !== 'string' ||
    typeof manifest.articles !== 'object' ||
    typeof manifest.builtAt !== 'string'
  ) {
    if (typeof manifest?.format === 'number' && !READABLE_FORMATS.includes(manifest.format)) throw new IndexFormatError(manifest.format);
    throw new Error(`manifest is not of index format ${INDEX_FORMAT}`);
  }
  const store = manifest.format === 3 ? 'flat' : manifest.store;
  if (!VECTOR_STORES.includes(store!)) throw new Error(`manifest names the vector store ${JSON.stringify(store)}, not one of ${VECTOR_STORES.join(', ')}`);
  return { ...manifest, store } as Manifest;
}
