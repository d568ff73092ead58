import type { TreeModel, TreeNode } from '../answer/trees.ts';

/**
 * Gradient boosting of regression trees on the listwise softmax loss (the loss of the linear
 * ranker: minus the log of the probability, by the softmax over one question's candidates, of
 * those that answer), or on the logistic loss (for the decision). Each tree is a Newton step: it splits on the feature value that most
 * lowers the second-order loss, and each leaf moves its rows by -Σgradient / (Σhessian + λ),
 * times the shrinkage. Split points are quantiles of each feature's training values, so growing
 * a level reads every row once per feature. No sampling: the same lists give the same trees.
 */
export interface BoostOptions {
  /** Splits from root to leaf, at most. */
  depth: number;
  /** Factor on each tree's leaves. */
  shrinkage: number;
  trees: number;
  /** Rows a leaf holds, at least. */
  minLeaf: number;
  /** L2 penalty on leaf values, in units of the hessian (one question's candidates sum to at most 1). */
  lambda: number;
}

/** One question's candidates: their feature vectors (in `names` order) and which answer. */
export interface RankedList {
  rows: readonly ArrayLike<number>[];
  labels: ArrayLike<number>;
}

/** Split points a feature offers, at most. */
const MAX_BINS = 64;

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** What `onTree` is told as each tree is added (for choosing how many to keep). */
export type OnTree = (tree: TreeNode, index: number) => void;

/** Fits `options.trees` trees ranking each list's rows; `base` gives the score they start from (0 without). */
export function boostRanker(lists: readonly RankedList[], names: readonly string[], options: BoostOptions, onTree?: OnTree, base?: (row: ArrayLike<number>) => number): TreeModel {
  const starts = [0];
  for (const list of lists) starts.push(starts[starts.length - 1]! + list.rows.length);
  const labels = Uint8Array.from(lists.flatMap((list) => Array.from(list.labels, (label) => (label ? 1 : 0))));
  const lossGradients: LossGradients = (scores, gradient, hessian) => void listwiseGradients(starts, labels, scores, gradient, hessian);
  return boost(lists.flatMap((list) => list.rows), names, options, lossGradients, onTree, base);
}

/** Fits `options.trees` trees on the logistic loss of rows labelled 1 or 0: a score whose sigmoid is the probability of 1. */
export function boostLogistic(rows: readonly ArrayLike<number>[], labels: ArrayLike<number>, names: readonly string[], options: BoostOptions, onTree?: OnTree, base?: (row: ArrayLike<number>) => number): TreeModel {
  const lossGradients: LossGradients = (scores, gradient, hessian) => {
    scores.forEach((score, r) => {
      const p = 1 / (1 + Math.exp(-score));
      gradient[r] = p - (labels[r] ? 1 : 0);
      hessian[r] = Math.max(p * (1 - p), 1e-9);
    });
  };
  return boost(rows, names, options, lossGradients, onTree, base);
}

/** Writes the gradient and hessian of a loss in each row's score. */
type LossGradients = (scores: Float64Array, gradient: Float64Array, hessian: Float64Array) => void;

function boost(rows: readonly ArrayLike<number>[], names: readonly string[], options: BoostOptions, lossGradients: LossGradients, onTree?: OnTree, base?: (row: ArrayLike<number>) => number): TreeModel {
  const n = rows.length;
  const d = names.length;
  const thresholds = names.map((_, c) => splitPoints(rows, c));
  // bins[c * n + r]: how many of feature c's split points row r's value is above.
  const bins = new Uint8Array(d * n);
  thresholds.forEach((points, c) => rows.forEach((row, r) => (bins[c * n + r] = binOf(points, row[c]!))));
  const scores = Float64Array.from(rows, (row) => base?.(row) ?? 0);
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n);
  const all = Uint32Array.from({ length: n }, (_, r) => r);
  const grower = { names, thresholds, bins, n, gradient, hessian, scores, options };
  const trees: TreeNode[] = [];
  for (let t = 0; t < options.trees; t++) {
    lossGradients(scores, gradient, hessian);
    const tree = grow(grower, all, 0);
    trees.push(tree);
    onTree?.(tree, t);
  }
  return { type: 'trees', bias: 0, trees };
}

/**
 * Gradient and (diagonal) hessian of the listwise loss in each row's score, for lists of rows
 * starting at `starts` (the last entry is the end); returns the loss summed over the lists.
 */
export function listwiseGradients(starts: readonly number[], labels: Uint8Array, scores: Float64Array, gradient: Float64Array, hessian: Float64Array): number {
  let loss = 0;
  for (let q = 0; q + 1 < starts.length; q++) {
    const from = starts[q]!;
    const to = starts[q + 1]!;
    let max = -Infinity;
    for (let r = from; r < to; r++) max = Math.max(max, scores[r]!);
    let total = 0;
    let positive = 0;
    for (let r = from; r < to; r++) {
      const e = Math.exp(scores[r]! - max);
      total += e;
      if (labels[r]) positive += e;
    }
    loss += Math.log(total) - Math.log(positive);
    for (let r = from; r < to; r++) {
      const e = Math.exp(scores[r]! - max);
      const p = e / total;
      gradient[r] = p - (labels[r] ? e / positive : 0);
      hessian[r] = Math.max(p * (1 - p), 1e-9);
    }
  }
  return loss;
}

/** Distinct values of a feature, thinned to MAX_BINS - 1 quantiles: a row goes left of point k when its value is at most it. */
function splitPoints(rows: readonly ArrayLike<number>[], column: number): number[] {
  const values = Float64Array.from(rows, (row) => row[column]!).sort();
  const distinct: number[] = [];
  for (const value of values) if (distinct[distinct.length - 1] !== value && Number.isFinite(value)) distinct.push(value);
  distinct.pop(); // nothing is above the largest value
  if (distinct.length < MAX_BINS) return distinct;
  const points: number[] = [];
  for (let k = 1; k < MAX_BINS; k++) {
    const value = values[Math.floor((k * values.length) / MAX_BINS)]!;
    if (value !== points[points.length - 1] && value < values[values.length - 1]!) points.push(value);
  }
  return points;
}

function binOf(points: readonly number[], value: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value <= points[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface Grower {
  names: readonly string[];
  thresholds: number[][];
  bins: Uint8Array;
  n: number;
  gradient: Float64Array;
  hessian: Float64Array;
  scores: Float64Array;
  options: BoostOptions;
}

/** Grows a node over `rows`; a leaf adds its value to its rows' scores. */
function grow(g: Grower, rows: Uint32Array, depth: number): TreeNode {
  const { lambda, minLeaf, shrinkage } = g.options;
  let sumG = 0;
  let sumH = 0;
  for (const r of rows) {
    sumG += g.gradient[r]!;
    sumH += g.hessian[r]!;
  }
  const value = round((-shrinkage * sumG) / (sumH + lambda));
  const split = depth < g.options.depth && rows.length >= 2 * minLeaf ? bestSplit(g, rows, sumG, sumH) : null;
  if (!split) {
    for (const r of rows) g.scores[r]! += value;
    return { value };
  }
  const offset = split.column * g.n;
  const atMost = rows.filter((r) => g.bins[offset + r]! <= split.bin);
  const above = rows.filter((r) => g.bins[offset + r]! > split.bin);
  return { value, feature: g.names[split.column]!, threshold: g.thresholds[split.column]![split.bin]!, atMost: grow(g, atMost, depth + 1), above: grow(g, above, depth + 1) };
}

/** The split with the largest drop in second-order loss that leaves minLeaf rows each side; the first of equals. */
function bestSplit(g: Grower, rows: Uint32Array, sumG: number, sumH: number): { column: number; bin: number } | null {
  const { lambda, minLeaf } = g.options;
  const parent = (sumG * sumG) / (sumH + lambda);
  let best: { column: number; bin: number } | null = null;
  let bestGain = 1e-12;
  const histG = new Float64Array(MAX_BINS);
  const histH = new Float64Array(MAX_BINS);
  const histN = new Uint32Array(MAX_BINS);
  g.thresholds.forEach((points, column) => {
    if (points.length === 0) return;
    histG.fill(0);
    histH.fill(0);
    histN.fill(0);
    const offset = column * g.n;
    for (const r of rows) {
      const bin = g.bins[offset + r]!;
      histG[bin]! += g.gradient[r]!;
      histH[bin]! += g.hessian[r]!;
      histN[bin]!++;
    }
    let leftG = 0;
    let leftH = 0;
    let leftN = 0;
    for (let bin = 0; bin < points.length; bin++) {
      leftG += histG[bin]!;
      leftH += histH[bin]!;
      leftN += histN[bin]!;
      if (leftN < minLeaf) continue;
      if (rows.length - leftN < minLeaf) break;
      const rightG = sumG - leftG;
      const gain = (leftG * leftG) / (leftH + lambda) + (rightG * rightG) / (sumH - leftH + lambda) - parent;
      if (gain > bestGain) {
        bestGain = gain;
        best = { column, bin };
      }
    }
  });
  return best;
}
