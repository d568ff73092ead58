import path from 'node:path';
import { loadConfigFromEnvFile, type Config } from '../config.ts';
import { checkFolder } from '../config-paths.ts';
import type { Flag } from './run.ts';

/** `--corpus DIR`, for the commands that read the articles. */
export const CORPUS_FLAG = { type: 'string', value: 'DIR', help: 'the folder of article files (default CORPUS_DIR)' } as const satisfies Flag;

/** `--index DIR`, for the commands that read or build an index. */
export const INDEX_FLAG = { type: 'string', value: 'DIR', help: 'the index folder (default INDEX_DIR)' } as const satisfies Flag;

/**
 * The configuration from `.env`, with `--corpus` and `--index` in place of CORPUS_DIR and
 * INDEX_DIR. Each is checked as the key it replaces, and a mistake names the flag (exit 78):
 * either may be missing (the ingest says how to fix a missing corpus), neither may be a file.
 */
export function configWithFolders(values: { corpus?: string | undefined; index?: string | undefined }): Config {
  const config = loadConfigFromEnvFile();
  if (values.corpus !== undefined) {
    config.corpusDir = path.resolve(values.corpus);
    checkFolder('--corpus', config.corpusDir, true);
  }
  if (values.index !== undefined) {
    config.indexDir = path.resolve(values.index);
    checkFolder('--index', config.indexDir, true);
  }
  return config;
}
