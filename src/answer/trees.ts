import type { LinearModel } from './ranker.ts';

/**
 * A model of boosted regression trees over named features, as data, and its scorer. A feature
 * value at most a split's threshold goes to `atMost`, a larger one (or NaN) to `above`. Every
 * node keeps its value (what the tree would give, stopped there), so a score can be explained by
 * the path it took: each split's feature is credited with the change from node to child.
 */
export type TreeNode = TreeLeaf | TreeSplit;

export interface TreeLeaf {
  value: number;
}

export interface TreeSplit {
  value: number;
  feature: string;
  threshold: number;
  atMost: TreeNode;
  above: TreeNode;
}

export interface TreeModel {
  type: 'trees';
  /** Added to the sum of the trees' leaves. */
  bias: number;
  /** A linear model the trees were fitted on top of (they correct its score), if any. */
  base?: LinearModel<string>;
  /** Each tree's leaves already carry the shrinkage the trees were fitted with. */
  trees: TreeNode[];
}

/** A feature's part in one score. */
export interface Contribution {
  feature: string;
  value: number;
  /** The value as the model reads it: standardized for a linear model (and a tree model's base), as is for trees alone. */
  normalized: number;
  contribution: number;
}

/** What scores a feature vector (in the order of the names it was compiled with) and explains the score. */
export interface Scorer {
  score(values: ArrayLike<number>): number;
  /** Each feature's part of the score, largest part first; features with no part are left out. */
  explain(values: ArrayLike<number>): Contribution[];
}

/** Deepest tree a model file may hold: far past what fitting grows, short of a runaway file. */
const MAX_DEPTH = 16;

/** Why a tree model cannot be used, naming the tree and what is wrong; null when it can. */
export function treeModelProblem(names: readonly string[], model: unknown): string | null {
  const trees = model as Partial<TreeModel>;
  if (!Number.isFinite(trees.bias) || !Array.isArray(trees.trees)) return 'a tree model needs a numeric "bias" and a "trees" list.';
  for (const [i, tree] of trees.trees.entries()) {
    const problem = nodeProblem(names, tree, 0);
    if (problem) return `tree ${i}: ${problem}`;
  }
  return null;
}

function nodeProblem(names: readonly string[], node: unknown, depth: number): string | null {
  const n = node as Partial<TreeSplit> | null;
  if (!n || typeof n !== 'object' || !Number.isFinite(n.value)) return 'a node without a numeric "value".';
  if (n.feature === undefined) return null;
  if (depth >= MAX_DEPTH) return `deeper than ${MAX_DEPTH} splits.`;
  if (!names.includes(n.feature)) return `unknown feature "${n.feature}".`;
  if (!Number.isFinite(n.threshold)) return `the split on "${n.feature}" has no numeric "threshold".`;
  return nodeProblem(names, n.atMost, depth + 1) ?? nodeProblem(names, n.above, depth + 1);
}

/** A checked tree model flattened into arrays for scoring: node i splits on `feature[i]`, or is a leaf when it is -1. */
export class CompiledTrees implements Scorer {
  readonly #names: readonly string[];
  readonly #bias: number;
  readonly #roots: number[] = [];
  readonly #feature: number[] = [];
  readonly #threshold: number[] = [];
  readonly #atMost: number[] = [];
  readonly #above: number[] = [];
  readonly #value: number[] = [];
  readonly #base: Scorer | undefined;

  /** `base` is the compiled `model.base`, whose score the trees add to. */
  constructor(names: readonly string[], model: TreeModel, base?: Scorer) {
    this.#names = names;
    this.#base = base;
    this.#bias = model.bias;
    for (const tree of model.trees) this.#roots.push(this.#add(tree));
  }

  #add(node: TreeNode): number {
    const i = this.#value.length;
    this.#value.push(node.value);
    this.#threshold.push('feature' in node ? node.threshold : 0);
    this.#feature.push('feature' in node ? this.#names.indexOf(node.feature) : -1);
    this.#atMost.push(-1);
    this.#above.push(-1);
    if ('feature' in node) {
      this.#atMost[i] = this.#add(node.atMost);
      this.#above[i] = this.#add(node.above);
    }
    return i;
  }

  #child(node: number, values: ArrayLike<number>): number {
    return values[this.#feature[node]!]! <= this.#threshold[node]! ? this.#atMost[node]! : this.#above[node]!;
  }

  score(values: ArrayLike<number>): number {
    let sum = this.#bias + (this.#base?.score(values) ?? 0);
    for (const root of this.#roots) {
      let node = root;
      while (this.#feature[node]! >= 0) node = this.#child(node, values);
      sum += this.#value[node]!;
    }
    return sum;
  }

  explain(values: ArrayLike<number>): Contribution[] {
    const parts = new Float64Array(this.#names.length);
    const standardized = new Map<string, number>();
    for (const { feature, normalized, contribution } of this.#base?.explain(values) ?? []) {
      parts[this.#names.indexOf(feature)]! += contribution;
      standardized.set(feature, normalized);
    }
    for (const root of this.#roots) {
      let node = root;
      while (this.#feature[node]! >= 0) {
        const next = this.#child(node, values);
        parts[this.#feature[node]!]! += this.#value[next]! - this.#value[node]!;
        node = next;
      }
    }
    return this.#names
      .map((feature, i) => ({ feature, value: values[i]!, normalized: standardized.get(feature) ?? values[i]!, contribution: parts[i]! }))
      .filter(({ contribution }) => contribution !== 0)
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  }
}
