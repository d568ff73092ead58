import { statSync } from 'node:fs';
import type { Config } from './config.ts';
import { NewsdeskError } from './errors.ts';
import { describeFsError } from './fs-errors.ts';

/**
 * Throws NewsdeskError `CONFIG_INVALID` naming `key` unless `folder` is a folder, or does not
 * exist yet and `mayBeMissing` (it is then created when first written). A file in its place, or
 * a file among the folders above it, is a configuration mistake, said before any work starts.
 */
export function checkFolder(key: string, folder: string, mayBeMissing: boolean): void {
  let problem: string | null = null;
  try {
    if (!statSync(folder).isDirectory()) problem = 'is a file, not a folder';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') problem = mayBeMissing ? null : 'does not exist';
    else if (code === 'ENOTDIR') problem = 'goes through a file, not a folder';
    else problem = `cannot be checked (${describeFsError(error)})`;
  }
  const fix = key.startsWith('--') ? `give ${key} a folder` : `set ${key} to a folder`;
  if (problem !== null) throw new NewsdeskError('CONFIG_INVALID', `${key}: ${folder} ${problem}; ${fix}.`);
}

/**
 * Checks every configured path before an entry point starts: INDEX_DIR and MODEL_CACHE_DIR may
 * not exist yet, MODEL_LOCAL_DIR must. CORPUS_DIR may be missing here (a missing corpus is
 * reported by the ingest, which says how to fix it) but may not be a file.
 */
export function checkConfigPaths(config: Config): void {
  checkFolder('CORPUS_DIR', config.corpusDir, true);
  checkFolder('INDEX_DIR', config.indexDir, true);
  checkFolder('MODEL_CACHE_DIR', config.model.cacheDir, true);
  if (config.model.localDir !== null) checkFolder('MODEL_LOCAL_DIR', config.model.localDir, false);
}
