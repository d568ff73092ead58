import { describe, expect, it } from 'vitest';
import type { PreparedQuestion } from '../../src/answer/compose.ts';
import type { Candidate, CandidateArticle } from '../../src/answer/candidates.ts';
import { FEATURE_NAMES, type FeatureName } from '../../src/answer/features.ts';
import { compileModel } from '../../src/answer/ranker.ts';
import { replyFrom } from '../../src/answer/compose.ts';
import { assignFolds, crossValidatedReplies, fitAnswerModel, fitRanker, labelExample, type Example } from '../../src/eval/fit.ts';
import type { EvalQuestion } from '../../src/eval/questions.ts';

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

const TEXT = 'The answer is here. Other words. More words. Still more.';
const SENTENCES = [0, 20, 33, 45].map((start, i, all) => ({ start, end: (all[i + 1] ?? TEXT.length + 1) - 1, tags: [] }));

function article(id: string): CandidateArticle {
  return { article: { id, file: `${id}.txt`, title: id, outlet: null, agency: null, byline: null, published: null, words: 10, hash: id }, rank: 0, sentences: SENTENCES, text: TEXT };
}

function features(values: Partial<Record<FeatureName, number>>): Float64Array {
  return Float64Array.from(FEATURE_NAMES, (name) => values[name] ?? 0);
}

/**
 * Synthetic questions: in an answerable one, the sentence holding the answer has a high `own`
 * (and the question has a high `context`); an unanswerable one has only noise.
 */
function examples(count: number, seed: number): Example[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const answerable = i % 4 !== 0;
    const id = `set/${i}`;
    const a = article(id);
    const answerAt = Math.floor(next() * SENTENCES.length);
    const candidates: Candidate[] = SENTENCES.map((sentence, index) => ({
      article: a,
      index,
      quote: { start: sentence.start, end: sentence.end },
      features: features({ own: answerable && index === answerAt ? 0.6 + 0.4 * next() : 0.5 * next(), context: answerable ? 0.8 : 0.2 * next(), position: index }),
    }));
    const question: EvalQuestion = { q: `question ${i}`, article: answerable ? id : null, expect: answerable ? [TEXT.slice(SENTENCES[answerAt]!.start, SENTENCES[answerAt]!.end)] : [], forbid: [], ...(answerable ? { type: 'what' } : { kind: 'near-miss' }) };
    const prepared: PreparedQuestion = { question: question.q, refusal: null, candidates, signals: {} };
    return labelExample(question, prepared);
  });
}

describe('assignFolds', () => {
  const questions = ['a', 'a', 'b', 'c', 'd', 'e', null, null].map((article, i) => ({ question: { q: `q${i}`, article, expect: [], forbid: [] } }));
  it('GIVEN questions of one article THEN they share a fold; the same input gives the same folds', () => {
    const folds = assignFolds(questions, 3);
    expect(folds[0]).toBe(folds[1]);
    expect(assignFolds(questions, 3)).toEqual(folds);
    expect(new Set(folds).size).toBe(3);
  });

  it('GIVEN the same article id in two question sets THEN they are kept apart', () => {
    const twoSets = [{ question: questions[0]!.question, set: 0 }, { question: questions[0]!.question, set: 1 }];
    const keys = [...Array(20).keys()].map((salt) => assignFolds(twoSets, 2, String(salt)));
    expect(keys.some(([x, y]) => x !== y)).toBe(true);
  });
});

describe('labelExample', () => {
  it('GIVEN candidates THEN those quoting an expected string from the expected article are 1', () => {
    const [example] = examples(2, 1).slice(1);
    expect([...example!.labels].filter((label) => label === 1)).toHaveLength(1);
  });
});

describe('fitting', () => {
  it('GIVEN sentences told apart by one feature THEN the ranker weighs it and ranks the answer first', () => {
    const ranker = fitRanker(examples(80, 2), 0.01);
    expect(ranker.weights.own).toBeGreaterThan(0);
    // Only the best-ranked sentence is sure enough to quote.
    const decision = { weights: { gap_to_best: -50 }, normalizer: { gap_to_best: { mean: 0, std: 1 } }, bias: 5 };
    const model = compileModel({ format: 'newsdesk-answer-model-1', ranker, decision, offtopic: { weights: {}, normalizer: {}, bias: 0 }, thresholds: { answer: 0.9, closest: 0, offtopic: 1 } });
    const held = examples(40, 3).filter((e) => e.question.article !== null);
    const firsts = held.filter((e) => {
      const reply = replyFrom(e.prepared, model, { maxSources: 1 });
      return reply.sources[0]?.quote === e.question.expect[0];
    });
    expect(firsts.length).toBeGreaterThan(held.length * 0.9);
  });

  it('GIVEN answerable and unanswerable questions THEN the fitted model answers the first and not the second, and checks as a model file', () => {
    const model = compileModel(JSON.parse(JSON.stringify(fitAnswerModel(examples(120, 4), { source: 'synthetic' }))));
    expect(model.model.fitted).toMatchObject({ source: 'synthetic', questions: 120 });
    const held = examples(40, 5);
    const replies = held.map((e) => replyFrom(e.prepared, model, { maxSources: 3 }));
    const answered = (want: boolean) => held.filter((e, i) => (e.question.article !== null) === want && replies[i]!.confidence === 'answer').length;
    expect(answered(true)).toBeGreaterThan(held.filter((e) => e.question.article !== null).length * 0.8);
    expect(answered(false)).toBe(0);
  });

  it('GIVEN examples THEN cross-validated replies come one per question, each from a model that did not see it', () => {
    const all = examples(60, 6);
    const replies = crossValidatedReplies(all, 3, { maxSources: 3 });
    expect(replies).toHaveLength(60);
    expect(replies.every((reply) => reply.question.startsWith('question '))).toBe(true);
  });
});
