import { isAnswer, type Answer } from '../answer/answer.ts';
import type { EvalQuestion } from './questions.ts';

/** How one answer fared against its question. */
export interface QuestionResult {
  question: string;
  answerable: boolean;
  /** Whether the reply quotes an answer (`answer`), shows the closest passages (`closest`) or refuses. */
  reply: 'answer' | 'closest' | 'refused';
  /** Rank (1-based) of the expected article among the answer's sources; null when absent. */
  rank: number | null;
  /** An answer reply whose first three sources quote the expected article with an expected string. */
  quoteHit: boolean;
  /** A closest reply whose passages quote the expected article with an expected string: the answer on screen, marked as not one. */
  closestShows: boolean;
  /** Forbidden strings found in any quote an answer reply shows. */
  violations: string[];
  /** Forbidden strings found in the passages a closest reply shows. */
  closestViolations: string[];
  /** The question's `style` (`plain`, `paraphrase`), when the file gives one. */
  style: string | null;
  ms: number;
  /** The question's `type` (answerable) or `kind` (unanswerable), when the file gives one. */
  group: string | null;
  /** The first quote shown, for reading misses; null for a refusal. */
  firstQuote: string | null;
  /** Why the answer refused, when it did. */
  refusal: string | null;
}

/** Totals for the questions of one `type`, `kind` or `style`. */
export interface GroupReport {
  /** `type:who`, `kind:near-miss`, `style:plain`... */
  group: string;
  answerable: boolean;
  questions: number;
  /** Answerable: quote hits. Unanswerable: not answered (refused or a closest reply). */
  correct: number;
  /** Closest replies. */
  closest: number;
  /** Refusals. */
  refused: number;
}

/** Totals over a question file. */
export interface EvalReport {
  answerable: number;
  unanswerable: number;
  hitAt1: number;
  hitAt3: number;
  quoteHits: number;
  /** Unanswerable questions not answered: refused or given a closest reply. */
  correctRefusals: number;
  /** Answerable questions that were refused. */
  wrongRefusals: number;
  /** Closest replies, to answerable and to unanswerable questions. */
  closestAnswerable: number;
  closestUnanswerable: number;
  /** Closest replies to answerable questions whose passages hold the answer. */
  closestShowing: number;
  /** Forbidden strings quoted in answer replies. */
  violations: number;
  /** Forbidden strings shown in closest replies. */
  closestViolations: number;
  meanMs: number;
  /** Per `type` and `kind`, in order of first appearance; empty when the file gives none. */
  groups: GroupReport[];
  results: QuestionResult[];
}

const contains = (text: string, part: string) => text.toLowerCase().includes(part.toLowerCase());

/** Scores one answer by the rules of shared/eval/README.md. */
export function scoreAnswer(question: EvalQuestion, answer: Answer, ms: number): QuestionResult {
  const reply = !answer.answered ? 'refused' : isAnswer(answer) ? 'answer' : 'closest';
  const sources = answer.answered ? answer.sources : [];
  const index = question.article === null ? -1 : sources.findIndex((source) => source.article === question.article);
  const firstThree = sources.slice(0, 3).filter((source) => source.article === question.article);
  const quotesExpected = question.article !== null && firstThree.some((source) => question.expect.some((part) => contains(source.quote, part)));
  // A refusal shows only the titles of related articles, never their text.
  const quotes = answer.sources.map((source) => source.quote);
  const forbidden = question.forbid.filter((part) => quotes.some((quote) => contains(quote, part)));
  return {
    question: question.q,
    answerable: question.article !== null,
    reply,
    rank: index >= 0 ? index + 1 : null,
    quoteHit: reply === 'answer' && quotesExpected,
    closestShows: reply === 'closest' && quotesExpected,
    violations: reply === 'answer' ? forbidden : [],
    closestViolations: reply === 'closest' ? forbidden : [],
    style: question.style ?? null,
    ms,
    group: (question.article !== null ? question.type : question.kind) ?? null,
    firstQuote: answer.sources[0]?.quote ?? null,
    refusal: answer.refusal ? answer.refusal.kind : null,
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
    correctRefusals: unanswerable.filter((r) => r.reply !== 'answer').length,
    wrongRefusals: answerable.filter((r) => r.reply === 'refused').length,
    closestAnswerable: answerable.filter((r) => r.reply === 'closest').length,
    closestUnanswerable: unanswerable.filter((r) => r.reply === 'closest').length,
    closestShowing: answerable.filter((r) => r.closestShows).length,
    violations: results.reduce((sum, r) => sum + r.violations.length, 0),
    closestViolations: results.reduce((sum, r) => sum + r.closestViolations.length, 0),
    meanMs: results.length ? results.reduce((sum, r) => sum + r.ms, 0) / results.length : 0,
    groups: groupResults(results),
    results,
  };
}

function groupResults(results: readonly QuestionResult[]): GroupReport[] {
  const groups = new Map<string, GroupReport>();
  const add = (key: string, r: QuestionResult) => {
    const group = groups.get(key) ?? { group: key, answerable: r.answerable, questions: 0, correct: 0, closest: 0, refused: 0 };
    group.questions++;
    if (r.answerable ? r.quoteHit : r.reply !== 'answer') group.correct++;
    if (r.reply === 'closest') group.closest++;
    if (r.reply === 'refused') group.refused++;
    groups.set(key, group);
  };
  for (const r of results) {
    if (r.group !== null) add(`${r.answerable ? 'type' : 'kind'}:${r.group}`, r);
    if (r.style !== null) add(`style:${r.style}${r.answerable ? '' : ' (unanswerable)'}`, r);
  }
  return [...groups.values()].sort((a, b) => Number(b.answerable) - Number(a.answerable) || a.group.localeCompare(b.group));
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
