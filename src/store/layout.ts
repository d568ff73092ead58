import path from 'node:path';

/** Where each part of an index lives under `INDEX_DIR`. */
export const layout = {
  /** Names the complete version in use; replaced atomically. */
  current: (indexDir: string) => path.join(indexDir, 'CURRENT'),
  versions: (indexDir: string) => path.join(indexDir, 'versions'),
  version: (indexDir: string, name: string) => path.join(indexDir, 'versions', name),
  /** Inside a version folder: */
  manifest: (versionDir: string) => path.join(versionDir, 'manifest.json'),
  articles: (versionDir: string) => path.join(versionDir, 'articles.json'),
  chunks: (versionDir: string) => path.join(versionDir, 'chunks.json'),
  keywords: (versionDir: string) => path.join(versionDir, 'keywords.json'),
  /** Each article's sentences with their tags (names, dates, amounts), packed. */
  sentences: (versionDir: string) => path.join(versionDir, 'sentences.json'),
  /** The vectra LocalIndex folder. */
  vectors: (versionDir: string) => path.join(versionDir, 'vectors'),
  /** The vectra index file inside `vectors`. */
  vectorFile: (versionDir: string) => path.join(versionDir, 'vectors', 'index.json'),
} as const;

/** Folders of builds under way carry this prefix; a crash can leave one behind. */
export const BUILDING_PREFIX = '.building-';
