import type { Answer } from '../answer/answer.ts';
import type { EvalQuestion } from './questions.ts';

/** How one answer fared against its question. */
export interface QuestionResult {
  question: string;
  answerable: boolean;
  answered: boolean;
  /** Rank (1-based) of the expected article among the answer's sources; null when absent. */
  rank: number | null;
  quoteHit: boolean;
  /** Forbidden strings found in any quote the answer shows. */
  violations: string[];
  ms: number;
}

/** Totals over a question file. */
export interface EvalReport {
  answerable: number;
  unanswerable: number;
  hitAt1: number;
  hitAt3: number;
  quoteHits: number;
  correctRefusals: number;
  /** Answerable questions that were refused. */
  wrongRefusals: number;
  violations: number;
  meanMs: number;
  results: QuestionResult[];
}

const contains = (text: string, part: string) => text.toLowerCase().includes(part.toLowerCase());

/** Scores one answer by the rules of shared/eval/README.md. */
export function scoreAnswer(question: EvalQuestion, answer: Answer, ms: number): QuestionResult {
  const sources = answer.answered ? answer.sources : [];
  const index = question.article === null ? -1 : sources.findIndex((source) => source.article === question.article);
  const firstThree = sources.slice(0, 3).filter((source) => source.article === question.article);
  // A refusal shows only the titles of related articles, never their text.
  const quotes = answer.sources.map((source) => source.quote);
  return {
    question: question.q,
    answerable: question.article !== null,
    answered: answer.answered,
    rank: index >= 0 ? index + 1 : null,
    quoteHit: question.article !== null && firstThree.some((source) => question.expect.some((part) => contains(source.quote, part))),
    violations: question.forbid.filter((part) => quotes.some((quote) => contains(quote, part))),
    ms,
  };
}

/** Adds up question results. */
export function summarize(results: QuestionResult[]): EvalReport {
  const answerable = results.filter((r) => r.answerable);
  const unanswerable = results.filter((r) => !r.answerable);
  return {
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    hitAt1: answerable.filter((r) => r.rank === 1).length,
    hitAt3: answerable.filter((r) => r.rank !== null && r.rank <= 3).length,
    quoteHits: answerable.filter((r) => r.quoteHit).length,
    correctRefusals: unanswerable.filter((r) => !r.answered).length,
    wrongRefusals: answerable.filter((r) => !r.answered).length,
    violations: results.reduce((sum, r) => sum + r.violations.length, 0),
    meanMs: results.length ? results.reduce((sum, r) => sum + r.ms, 0) / results.length : 0,
    results,
  };
}

/** Mean reciprocal rank at `k` and hit@1 from 1-based ranks (null: not in the first k). */
export function rankMetrics(ranks: readonly (number | null)[], k = 10): { mrr: number; hitAt1: number } {
  if (ranks.length === 0) return { mrr: 0, hitAt1: 0 };
  let reciprocal = 0;
  let first = 0;
  for (const rank of ranks) {
    if (rank !== null && rank <= k) reciprocal += 1 / rank;
    if (rank === 1) first++;
  }
  return { mrr: reciprocal / ranks.length, hitAt1: first / ranks.length };
}
