import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from '../../src/answer/features.ts';
import { compileModel } from '../../src/answer/ranker.ts';
import type { TreeModel } from '../../src/answer/trees.ts';

const none = { weights: {}, normalizer: {}, bias: 0 };
const fileWith = (ranker: unknown) => ({ format: 'newsdesk-answer-model-1', ranker, decision: none, offtopic: none, thresholds: { answer: 0.5, closest: 0.2, offtopic: 0.5 } });

/** One split on `own` at 0.5: 0.1 at the root, -0.2 at most 0.5, 0.3 above. */
const stump: TreeModel = { type: 'trees', bias: 1, trees: [{ value: 0.1, feature: 'own', threshold: 0.5, atMost: { value: -0.2 }, above: { value: 0.3 } }] };
const values = (own: number) => Float64Array.from(FEATURE_NAMES, (name) => (name === 'own' ? own : 0));

describe('a tree model in the answer model file', () => {
  it('GIVEN a stump THEN it scores by the leaf each value reaches, at most the threshold going left', () => {
    const { ranker } = compileModel(fileWith(stump));
    expect(ranker.score(values(0.75))).toBeCloseTo(1.3, 12);
    expect(ranker.score(values(0.5))).toBeCloseTo(0.8, 12);
  });

  it('GIVEN a score THEN explain credits each split feature with the change along the path taken', () => {
    const { ranker } = compileModel(fileWith(stump));
    expect(ranker.explain(values(0.75))).toEqual([{ feature: 'own', value: 0.75, normalized: 0.75, contribution: expect.closeTo(0.2, 12) }]);
  });

  it('GIVEN trees on a linear base THEN the base adds its score and its parts to the explanation', () => {
    const base = { weights: { context: 2 }, normalizer: { context: { mean: 0, std: 1 } }, bias: 0 };
    const { ranker } = compileModel(fileWith({ ...stump, base }));
    const row = Float64Array.from(FEATURE_NAMES, (name) => (name === 'own' ? 0.75 : name === 'context' ? 0.5 : 0));
    expect(ranker.score(row)).toBeCloseTo(2.3, 12);
    expect(ranker.explain(row).map(({ feature, contribution }) => [feature, Number(contribution.toFixed(6))])).toEqual([
      ['context', 1],
      ['own', 0.2],
    ]);
  });

  it('GIVEN a linear ranker with or without "type" THEN both load as before', () => {
    const linear = { weights: { own: 1 }, normalizer: { own: { mean: 0, std: 1 } }, bias: 0 };
    expect(compileModel(fileWith(linear)).ranker.score(values(0.5))).toBeCloseTo(0.5, 12);
    expect(compileModel(fileWith({ ...linear, type: 'linear' })).ranker.score(values(0.5))).toBeCloseTo(0.5, 12);
  });

  const split = stump.trees[0] as Extract<TreeModel['trees'][number], { feature: string }>;
  it.each([
    ['an unknown type', { ...stump, type: 'forest' }, /ranker: unknown type "forest"/],
    ['no trees list', { type: 'trees', bias: 0 }, /ranker: a tree model needs a numeric "bias" and a "trees" list/],
    ['an unknown feature', { ...stump, trees: [{ ...split, feature: 'made_up' }] }, /ranker: tree 0: unknown feature "made_up"/],
    ['a split without a threshold', { ...stump, trees: [{ ...split, threshold: 'high' }] }, /tree 0: the split on "own" has no numeric "threshold"/],
    ['a missing branch', { ...stump, trees: [{ value: 0, feature: 'own', threshold: 0, atMost: { value: 1 } }] }, /tree 0: a node without a numeric "value"/],
    ['a node without a value', { ...stump, trees: [stump.trees[0], { value: null }] }, /tree 1: a node without a numeric "value"/],
    ['a base with an unknown feature', { ...stump, base: { weights: { made_up: 1 }, normalizer: { made_up: { mean: 0, std: 1 } }, bias: 0 } }, /ranker base: unknown feature "made_up"/],
  ])('GIVEN %s THEN compiling fails saying what is wrong', (_name, ranker, message) => {
    expect(() => compileModel(fileWith(ranker))).toThrow(message);
  });
});
