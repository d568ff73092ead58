import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PreparedQuestion } from '../answer/compose.ts';
import { labelExample, type Example } from './fit.ts';
import type { EvalQuestion } from './questions.ts';

/** What prepares a question for the answer model: `LocalDesk.prepare`. */
export interface Preparer {
  prepare(question: string): Promise<{ prepared: PreparedQuestion }>;
}

/** Each question prepared once and its candidates labelled, in file order. */
export async function prepareExamples(desk: Preparer, questions: readonly EvalQuestion[], onProgress?: (done: number, total: number) => void): Promise<Example[]> {
  const examples: Example[] = [];
  for (const [i, question] of questions.entries()) {
    const { prepared } = await desk.prepare(question.q);
    examples.push(labelExample(question, prepared));
    onProgress?.(i + 1, questions.length);
  }
  return examples;
}

/** sha256 of a file's bytes, hex: which question file a model was fitted on. */
export async function fileHash(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}
