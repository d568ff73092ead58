import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Article } from '../ingest/article.ts';
import type { StoredVersion } from './index-version.ts';

/** What decides the cleaned text of a file besides its bytes: this code and the lockfile. */
const CLEANING_SOURCES = ['../ingest/', '../text/'].map((folder) => fileURLToPath(new URL(folder, import.meta.url)));
const LOCKFILE = fileURLToPath(new URL('../../package-lock.json', import.meta.url));

/**
 * A fingerprint of everything that turns a file's bytes into an article: the source of the
 * ingest and text modules, the locked dependency versions, and the default outlet. A version
 * built under another fingerprint is not reused, so a change to the cleaning rules re-cleans
 * every file. Null when the sources cannot be read (then nothing is reused).
 */
export async function cleaningFingerprint(defaultOutlet: string | null): Promise<string | null> {
  try {
    const hash = createHash('sha256').update(JSON.stringify(defaultOutlet));
    for (const folder of CLEANING_SOURCES) {
      for (const name of (await readdir(folder)).sort()) hash.update(name).update(await readFile(`${folder}${name}`));
    }
    return hash.update(await readFile(LOCKFILE)).digest('hex');
  } catch {
    return null;
  }
}

/** sha256 of a file's bytes. */
export function sourceHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The `reuse` hook of loadCorpus for a refresh: an article of `current` whose file has the same
 * bytes, under the same fingerprint, is taken as stored instead of being cleaned again. Every
 * file's hash is recorded in `sources`, for the manifest of the new version.
 */
export function reuseStored(current: StoredVersion | null, fingerprint: string | null, sources: Map<string, string>) {
  const usable = current !== null && fingerprint !== null && current.manifest.cleanedBy === fingerprint;
  return (id: string, bytes: Buffer): Omit<Article, 'id' | 'file'> | undefined => {
    const source = sourceHash(bytes);
    sources.set(id, source);
    if (!usable || current.manifest.articles[id]?.source !== source) return undefined;
    const stored = current.articles.get(id);
    if (!stored) return undefined;
    const { title, outlet, agency, byline, published, words, hash, text } = stored;
    return { title, outlet, agency, byline: byline ?? null, published, words, hash, text };
  };
}
