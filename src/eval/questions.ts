import { readFile } from 'node:fs/promises';
import { NewsdeskError } from '../errors.ts';
import { describeFsError, errnoCode } from '../fs-errors.ts';

/** One line of a question file (docs/quality.md describes the format; docs/questions.jsonl is one). */
export interface EvalQuestion {
  q: string;
  /** Article id that answers it; null when no article does. */
  article: string | null;
  /** At least one must appear (case-insensitive) in a quote citing `article` among the first three sources. */
  expect: string[];
  /** None may appear in any quoted passage. */
  forbid: string[];
  /** For answerable questions, what is asked (`who`, `how-much`...), when the file says. */
  type?: string;
  /** For unanswerable questions, why (`absent`, `near-miss`, `general`), when the file says. */
  kind?: string;
  /** How it is asked (`plain`, `paraphrase`), when the file says. */
  style?: string;
}

/** Reads a JSON-lines question file; a malformed line is an error naming its line number. */
export async function readQuestions(file: string): Promise<EvalQuestion[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const problem = errnoCode(cause) === 'ENOENT' ? 'does not exist' : `cannot be read (${describeFsError(cause)})`;
    throw new NewsdeskError('INPUT_MISSING', `The question file ${file} ${problem}.`, { cause });
  }
  const questions: EvalQuestion[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: Partial<EvalQuestion>;
    try {
      value = JSON.parse(line) as Partial<EvalQuestion>;
    } catch (cause) {
      throw new NewsdeskError('INPUT_INVALID', `${file}:${i + 1}: not JSON (${(cause as Error).message}); a question file has one JSON object a line.`, { cause });
    }
    if (typeof value !== 'object' || value === null || typeof value.q !== 'string' || (value.article !== null && typeof value.article !== 'string')) {
      throw new NewsdeskError('INPUT_INVALID', `${file}:${i + 1}: needs "q" (text) and "article" (id or null).`);
    }
    const question: EvalQuestion = { q: value.q, article: value.article, expect: value.expect ?? [], forbid: value.forbid ?? [] };
    if (typeof value.type === 'string') question.type = value.type;
    if (typeof value.kind === 'string') question.kind = value.kind;
    if (typeof value.style === 'string') question.style = value.style;
    questions.push(question);
  });
  return questions;
}
