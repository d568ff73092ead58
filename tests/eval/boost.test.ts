import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES, type FeatureName } from '../../src/answer/features.ts';
import { CompiledModel } from '../../src/answer/ranker.ts';
import { CompiledTrees, type TreeNode } from '../../src/answer/trees.ts';
import { boostLogistic, boostRanker, type BoostOptions, type RankedList } from '../../src/eval/boost.ts';
import { fitRanker, fitTreeRanker, type Example } from '../../src/eval/fit.ts';

const row = (values: Partial<Record<FeatureName, number>>) => Float64Array.from(FEATURE_NAMES, (name) => values[name] ?? 0);

/**
 * Lists whose answer is the sentence with exactly one of two features (an exclusive or): in
 * two of three the candidates are (0,0), (1,1), (0,1); in the third (0,0), (1,1), (1,0). No
 * weighting of the two features ranks both kinds right (the first needs own < 0, the second
 * own > 0), so a linear ranker gets two in three at best; trees of depth 2 can get them all.
 * (Not one in two: a perfectly balanced exclusive or offers a greedy first split no gain.)
 */
function xorLists(count: number): RankedList[] {
  return Array.from({ length: count }, (_, i) => {
    const [own, context] = i % 3 === 0 ? [1, 0] : [0, 1];
    return { rows: [row({}), row({ own: 1, context: 1 }), row({ own, context })], labels: Uint8Array.of(0, 0, 1) };
  });
}

const asExamples = (lists: readonly RankedList[]) =>
  lists.map((list, i) => ({ question: { q: `q${i}`, article: `a${i}`, expect: [], forbid: [] }, labels: list.labels, prepared: { question: `q${i}`, refusal: null, signals: {}, candidates: list.rows.map((features) => ({ features })) } }) as unknown as Example);

const top1 = (lists: readonly RankedList[], score: (row: ArrayLike<number>) => number) =>
  lists.filter((list) => {
    const scores = list.rows.map(score);
    return list.labels[scores.indexOf(Math.max(...scores))] === 1;
  }).length;

const OPTIONS: BoostOptions = { depth: 2, shrinkage: 0.3, trees: 30, minLeaf: 2, lambda: 1 };

describe('boostRanker', () => {
  it('GIVEN an exclusive-or of two features THEN the trees rank every answer first, which the linear ranker cannot', () => {
    const lists = xorLists(36);
    const trees = new CompiledTrees(FEATURE_NAMES, boostRanker(lists, FEATURE_NAMES, OPTIONS));
    expect(top1(lists, (r) => trees.score(r))).toBe(36);
    const linear = new CompiledModel(FEATURE_NAMES, fitRanker(asExamples(lists), 0.01));
    expect(top1(lists, (r) => linear.score(r))).toBeLessThanOrEqual(24);
  });

  it('GIVEN trees fitted on top of the linear ranker THEN they still learn the interaction', () => {
    const lists = xorLists(36);
    const model = fitTreeRanker(asExamples(lists), 0.01, OPTIONS);
    expect(model.base).toBeDefined();
    const scorer = new CompiledTrees(FEATURE_NAMES, model, new CompiledModel(FEATURE_NAMES, model.base!));
    expect(top1(lists, (r) => scorer.score(r))).toBe(36);
  });

  it('GIVEN the same lists twice THEN the same trees, to the last digit', () => {
    const lists = xorLists(24);
    expect(JSON.stringify(boostRanker(lists, FEATURE_NAMES, OPTIONS))).toBe(JSON.stringify(boostRanker(lists, FEATURE_NAMES, OPTIONS)));
  });

  it('GIVEN a minimum leaf size larger than half the rows THEN no tree splits', () => {
    const lists = xorLists(4);
    const model = boostRanker(lists, FEATURE_NAMES, { ...OPTIONS, minLeaf: 7 });
    expect(model.trees.every((tree) => !('feature' in tree))).toBe(true);
  });

  it('GIVEN a depth THEN no path is longer', () => {
    const depthOf = (node: TreeNode): number => ('feature' in node ? 1 + Math.max(depthOf(node.atMost), depthOf(node.above)) : 0);
    const model = boostRanker(xorLists(36), FEATURE_NAMES, { ...OPTIONS, depth: 1 });
    expect(Math.max(...model.trees.map(depthOf))).toBe(1);
  });
});

describe('boostLogistic', () => {
  it('GIVEN labels that are an exclusive or of two features THEN the trees give every 1 a probability above one half and every 0 one below', () => {
    // Three of (0,1), two of (1,0) labelled 1; three of (0,0), two of (1,1) labelled 0: no line separates them.
    const cells = [[0, 1, 1, 3], [1, 0, 1, 2], [0, 0, 0, 3], [1, 1, 0, 2]] as const;
    const rows = cells.flatMap(([own, context, , times]) => Array.from({ length: times * 8 }, () => row({ own, context })));
    const labels = cells.flatMap(([, , label, times]) => Array.from({ length: times * 8 }, () => label));
    const trees = new CompiledTrees(FEATURE_NAMES, boostLogistic(rows, labels, FEATURE_NAMES, { ...OPTIONS, minLeaf: 5 }));
    expect(rows.every((r, i) => trees.score(r) > 0 === (labels[i] === 1))).toBe(true);
  });
});
