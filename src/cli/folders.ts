import path from 'node:path';
import { loadConfigFromEnvFile, type Config } from '../config.ts';
import { checkFolder } from '../config-paths.ts';
import { isNewsdeskError, NewsdeskError } from '../errors.ts';
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

/**
 * `error`, or for a missing index the ingest command that builds this one: with the same
 * `--corpus` and `--index` the failed command was given, so it can be run as printed.
 */
export function withIngestCommand(error: unknown, values: { corpus?: string | undefined; index?: string | undefined }): unknown {
  if (!isNewsdeskError(error, 'INDEX_MISSING') || (values.corpus === undefined && values.index === undefined)) return error;
  const flags = Object.entries({ corpus: values.corpus, index: values.index }).flatMap(([name, value]) => (value === undefined ? [] : [`--${name} ${shellWord(value)}`]));
  const index = values.index === undefined ? 'INDEX_DIR' : path.resolve(values.index);
  return new NewsdeskError('INDEX_MISSING', `No index in ${index} yet. Run \`npm run ingest -- ${flags.join(' ')}\` to build it.`, { cause: error });
}

/** `value` as one shell word: quoted only when it needs to be. */
function shellWord(value: string): string {
  return /^[\w./@:+-]+$/u.test(value) ? value : `'${value.replace(/'/gu, `'\\''`)}'`;
}
