import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config.ts';
import { NewsdeskError } from '../errors.ts';
import { openDesk } from '../local-desk.ts';
import type { Logger } from '../log.ts';
import { fileHash, prepareExamples } from '../eval/examples.ts';
import type { Example } from '../eval/fit.ts';
import { readQuestions } from '../eval/questions.ts';

/** A question file and the corpus its questions are about. */
export interface QuestionSet {
  file: string;
  corpusDir: string;
}

/** `FILE=CORPUS` as given on the command line, both resolved; a bare FILE is about `defaultCorpus`. */
export function parseQuestionSet(argument: string, defaultCorpus: string): QuestionSet {
  const at = argument.lastIndexOf('=');
  const [file, corpus] = at > 0 ? [argument.slice(0, at), argument.slice(at + 1)] : [argument, defaultCorpus];
  if (!file || !corpus) throw new NewsdeskError('QUESTION_INVALID', `"${argument}" is not FILE.jsonl or FILE.jsonl=CORPUS_DIR.`);
  return { file: path.resolve(file), corpusDir: path.resolve(corpus) };
}

/** Where the index of a question set's corpus is kept between fits: one folder per corpus path. */
export function setIndexDir(cacheDir: string, corpusDir: string): string {
  return path.join(cacheDir, `${path.basename(corpusDir)}-${createHash('sha256').update(corpusDir).digest('hex').slice(0, 8)}`);
}

/**
 * Every question of the sets prepared over its own corpus's index (brought up to date first,
 * with the configured embedder), marked with its set so that folds never mix two corpora's
 * ids. Also returns what the model's provenance records of each set.
 */
export async function prepareSets(sets: readonly QuestionSet[], config: Config, log: Logger, cacheDir: string, onProgress?: (done: number, total: number) => void): Promise<{ examples: Example[]; provenance: Record<string, unknown>[] }> {
  const examples: Example[] = [];
  const provenance: Record<string, unknown>[] = [];
  for (const [n, set] of sets.entries()) {
    const indexDir = setIndexDir(cacheDir, set.corpusDir);
    const desk = await openDesk({ ...config, corpusDir: set.corpusDir, indexDir }, log);
    await desk.refresh({ startedBy: 'npm run fit' });
    const status = await desk.status();
    const questions = await readQuestions(set.file);
    const prepared = await prepareExamples(desk, questions, onProgress);
    examples.push(...prepared.map((example) => ({ ...example, set: n })));
    provenance.push({ questionFile: path.basename(set.file), sha256: await fileHash(set.file), questions: questions.length, corpus: path.basename(set.corpusDir), articles: status.articles, passages: status.chunks, embedder: status.embedder.id });
  }
  return { examples, provenance };
}
