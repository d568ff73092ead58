import path from 'node:path';

/** Where each part of an index lives under `INDEX_DIR`. */
export const layout = {
  /** Names the complete version in use; replaced atomically. */
  current: (indexDir: string) => path.join(indexDir, 'CURRENT'),
  versions: (indexDir: string) => path.join(indexDir, 'versions'),
  version: (indexDir: string, name: string) => path.join(indexDir, 'versions', name),
  /** Inside a version folder: */
  manifest: (versionDir: string) => path.join(versionDir, 'manifest.json'),
  /** Article metadata, with where each one's text and sentences lie; no text. */
  articles: (versionDir: string) => path.join(versionDir, 'articles.json'),
  /** Every article's cleaned text, UTF-8, end to end; read by offset. */
  texts: (versionDir: string) => path.join(versionDir, 'texts.utf8'),
  /** Per chunk, in article order, its start and end offsets as two uint32. */
  chunks: (versionDir: string) => path.join(versionDir, 'chunks.bin'),
  /** The keyword vocabulary and the sizes of the postings sections. */
  keywords: (versionDir: string) => path.join(versionDir, 'keywords.json'),
  /** Keyword postings: term starts, docs, doc lengths (uint32), counts (uint16). */
  postings: (versionDir: string) => path.join(versionDir, 'keywords.bin'),
  /** Each article's sentences with their tags (names, dates, amounts), packed as int32. */
  sentences: (versionDir: string) => path.join(versionDir, 'sentences.bin'),
  /** The flat store: one unit vector per chunk, float32, little-endian, in chunk order. */
  vectors: (versionDir: string) => path.join(versionDir, 'vectors.f32'),
  /** The vectra store: a vectra LocalIndex folder, one item per chunk in chunk order. */
  vectra: (versionDir: string) => path.join(versionDir, 'vectra'),
} as const;

/** Folders of builds under way carry this prefix; a crash can leave one behind. */
export const BUILDING_PREFIX = '.building-';
