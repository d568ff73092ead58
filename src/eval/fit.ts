import { createHash } from 'node:crypto';
import { judgeCandidates, replyFrom, type PreparedQuestion } from '../answer/compose.ts';
import { DECISION_FEATURES, FEATURE_NAMES } from '../answer/features.ts';
import { CompiledModel, compileModel, sigmoid, type AnswerModel, type LinearModel, type Ranker, type ScoringModel } from '../answer/ranker.ts';
import { CompiledTrees, type TreeModel, type TreeNode } from '../answer/trees.ts';
import { boostLogistic, boostRanker, listwiseGradients, type BoostOptions } from './boost.ts';
import type { EvalQuestion } from './questions.ts';

/** One question with its prepared candidates and which of them answer it. */
export interface Example {
  question: EvalQuestion;
  prepared: PreparedQuestion;
  /** Per candidate: 1 when its quote, from the expected article, holds an expected string. */
  labels: Uint8Array;
  /** Which question set it comes from, when there are several (article ids are only unique within one). */
  set?: number;
}

const contains = (text: string, part: string) => text.toLowerCase().includes(part.toLowerCase());

/** Labels each candidate of a prepared question by the scoring rule of the question file. */
export function labelExample(question: EvalQuestion, prepared: PreparedQuestion): Example {
  const candidates = prepared.refusal ? [] : prepared.candidates;
  const labels = Uint8Array.from(candidates, ({ article, quote }) => {
    if (question.article === null || article.article.id !== question.article) return 0;
    const text = article.text.slice(quote.start, quote.end);
    return question.expect.some((part) => contains(text, part)) ? 1 : 0;
  });
  return { question, prepared, labels };
}

/**
 * What each kind of reply is worth, by whether the question has an answer in the articles. The
 * thresholds are chosen to make the sum largest. A wrong answer costs as much as a right one
 * gains; a closest reply to an answerable question gains nothing and costs nothing (the reader
 * sees the closest passages, marked as such); to an unanswerable one it is half as good as a
 * refusal.
 */
export const UTILITY = {
  answerable: { hit: 1, miss: -1, closest: 0, refused: -1 },
  unanswerable: { answer: -1, closest: 0.5, refused: 1 },
} as const;

/** Regularisation strengths tried; the inner cross-validation picks one for each model. */
const LAMBDAS = [0.01, 0.1, 1];
const INNER_FOLDS = 4;
const RANKER_STEPS = 200;
const DECISION_STEPS = 400;
/** Candidate thresholds tried, at most. */
const CUTS = 200;
/**
 * Tree rankers tried: boosted trees of each depth on top of the linear ranker, shrinkage 0.1,
 * as many trees (up to `trees`) as the inner cross-validation likes best.
 */
const TREE_DEPTHS = [2, 3];
const TREE_SEARCH: Omit<BoostOptions, 'depth'> = { shrinkage: 0.1, trees: 100, minLeaf: 20, lambda: 1 };

/** Which sentence rankers a fit may choose from: `auto` lets the inner cross-validation pick. */
export type RankerChoice = 'linear' | 'trees' | 'auto';

type RankerModel = ScoringModel<(typeof FEATURE_NAMES)[number]>;
type DecisionModel = ScoringModel<(typeof DECISION_FEATURES)[number]>;
/** Trees tried on top of the logistic decision model: as many (up to `trees`) as the inner log-loss likes best. */
const DECISION_TREES: BoostOptions = { depth: 2, shrinkage: 0.1, trees: 100, minLeaf: 20, lambda: 1 };

/** Folds of whole groups (one article's questions stay together), assigned by hash: the same on every run. */
export function assignFolds(examples: readonly Pick<Example, 'question' | 'set'>[], folds: number, salt = ''): number[] {
  const keys = examples.map(groupOf);
  const groups = [...new Set(keys)];
  const order = groups.map((group) => ({ group, key: createHash('sha256').update(salt + group).digest('hex') })).sort((a, b) => a.key.localeCompare(b.key));
  const foldOf = new Map(order.map(({ group }, i) => [group, i % folds]));
  return keys.map((key) => foldOf.get(key)!);
}

function groupOf({ question, set }: Pick<Example, 'question' | 'set'>): string {
  return `${set ?? 0}:${question.article !== null ? `article:${question.article}` : `question:${question.q}`}`;
}

interface Standardized {
  names: string[];
  columns: number[];
  mean: number[];
  std: number[];
}

/** Means and spreads of the columns that vary; constant columns get no weight. */
function standardize(rows: readonly ArrayLike<number>[], names: readonly string[]): Standardized {
  const out: Standardized = { names: [], columns: [], mean: [], std: [] };
  names.forEach((name, c) => {
    let sum = 0;
    for (const row of rows) sum += row[c]!;
    const mean = rows.length ? sum / rows.length : 0;
    let sq = 0;
    for (const row of rows) sq += (row[c]! - mean) ** 2;
    const std = rows.length ? Math.sqrt(sq / rows.length) : 0;
    if (std > 1e-9) {
      out.names.push(name);
      out.columns.push(c);
      out.mean.push(mean);
      out.std.push(std);
    }
  });
  return out;
}

function project(row: ArrayLike<number>, s: Standardized): Float64Array {
  return Float64Array.from(s.columns, (c, k) => (row[c]! - s.mean[k]!) / s.std[k]!);
}

/** Adam on a differentiable loss of a weight vector. */
function minimize(dimension: number, steps: number, lossAndGradient: (w: Float64Array, gradient: Float64Array) => number): Float64Array {
  const w = new Float64Array(dimension);
  const m = new Float64Array(dimension);
  const v = new Float64Array(dimension);
  const gradient = new Float64Array(dimension);
  const rate = 0.05;
  for (let t = 1; t <= steps; t++) {
    gradient.fill(0);
    lossAndGradient(w, gradient);
    for (let i = 0; i < dimension; i++) {
      m[i] = 0.9 * m[i]! + 0.1 * gradient[i]!;
      v[i] = 0.999 * v[i]! + 0.001 * gradient[i]! ** 2;
      const mHat = m[i]! / (1 - 0.9 ** t);
      const vHat = v[i]! / (1 - 0.999 ** t);
      w[i] = w[i]! - (rate * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
  return w;
}

function toLinear<Name extends string>(s: Standardized, w: Float64Array, bias: number): LinearModel<Name> {
  const weights: Partial<Record<Name, number>> = {};
  const normalizer: Partial<Record<Name, { mean: number; std: number }>> = {};
  s.names.forEach((name, k) => {
    weights[name as Name] = round(w[k]!);
    normalizer[name as Name] = { mean: round(s.mean[k]!), std: round(s.std[k]!) };
  });
  return { weights, normalizer, bias: round(bias) };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Questions the ranker learns from: some candidate answers, and there is more than one. */
function rankable(examples: readonly Example[]): Example[] {
  return examples.filter((e) => e.labels.length > 1 && e.labels.some((label) => label === 1));
}

/**
 * A listwise logistic ranker (the softmax over one question's candidates, maximising the
 * probability of those that answer), with an L2 penalty of strength `lambda`.
 */
export function fitRanker(examples: readonly Example[], lambda: number): LinearModel<(typeof FEATURE_NAMES)[number]> {
  const lists = rankable(examples);
  const all = lists.flatMap((e) => (e.prepared.refusal ? [] : e.prepared.candidates.map((c) => c.features)));
  const s = standardize(all, FEATURE_NAMES);
  const d = s.names.length;
  // One flat matrix of standardized rows, and where each question's rows start.
  const x = new Float64Array(all.length * d);
  all.forEach((row, r) => x.set(project(row, s), r * d));
  const starts = [0];
  const labels = new Uint8Array(all.length);
  for (const e of lists) {
    labels.set(e.labels, starts[starts.length - 1]!);
    starts.push(starts[starts.length - 1]! + e.labels.length);
  }
  const scores = new Float64Array(all.length);
  const rowGradient = new Float64Array(all.length);
  const rowHessian = new Float64Array(all.length);
  const w = minimize(d, RANKER_STEPS, (weights, gradient) => {
    for (let r = 0; r < all.length; r++) {
      let sum = 0;
      for (let k = 0, o = r * d; k < d; k++) sum += weights[k]! * x[o + k]!;
      scores[r] = sum;
    }
    const loss = listwiseGradients(starts, labels, scores, rowGradient, rowHessian);
    for (let r = 0; r < all.length; r++) {
      const share = rowGradient[r]! / lists.length;
      if (share === 0) continue;
      for (let k = 0, o = r * d; k < d; k++) gradient[k]! += share * x[o + k]!;
    }
    for (let k = 0; k < d; k++) gradient[k]! += lambda * weights[k]!;
    return loss / Math.max(1, lists.length);
  });
  return toLinear(s, w, 0);
}

/** Boosted trees (of `options`) fitted on top of the linear ranker of strength `lambda`, correcting its scores. */
export function fitTreeRanker(examples: readonly Example[], lambda: number, options: BoostOptions, onTree?: Parameters<typeof boostRanker>[3]): TreeModel {
  const base = fitRanker(examples, lambda);
  const linear = new CompiledModel(FEATURE_NAMES, base);
  const lists = rankable(examples).map((e) => ({ rows: candidateFeatures(e), labels: e.labels }));
  return { ...boostRanker(lists, FEATURE_NAMES, options, onTree, (row) => linear.score(row)), base };
}

const candidateFeatures = (e: Example) => (e.prepared.refusal ? [] : e.prepared.candidates.map((c) => c.features));

function dotProduct(w: ArrayLike<number>, x: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += w[i]! * x[i]!;
  return sum;
}

interface DecisionRow {
  example: number;
  /** 0 for the question's best-ranked sentence. */
  rank: number;
  values: Float64Array;
  label: number;
}

/** Rows for the decision model: the best few ranked candidates of each question, by `ranker`. */
function decisionRows(examples: readonly Example[], ranker: RankerModel, indices: readonly number[]): DecisionRow[] {
  const model = provisional(ranker);
  const rows: DecisionRow[] = [];
  for (const i of indices) {
    const example = examples[i]!;
    const prepared = example.prepared;
    if (prepared.refusal) continue;
    // The decision features exactly as replying reads them.
    judgeCandidates(prepared, model).forEach((j, rank) => {
      if (j.values) rows.push({ example: i, rank, values: j.values, label: example.labels[prepared.candidates.indexOf(j.candidate)]! });
    });
  }
  return rows;
}


const NONE = { weights: {}, normalizer: {}, bias: 0 };

/** A model with only the ranker (and the decision, when given), for ranking while the rest is fitted. */
function provisional(ranker: RankerModel, decision: DecisionModel = NONE): Ranker {
  return compileModel({ format: 'newsdesk-answer-model-1', ranker, decision, offtopic: NONE, thresholds: { answer: 1, closest: 0, offtopic: 1 } });
}

/** A model over decision features, compiled alone. */
function compiledLogistic(model: DecisionModel) {
  return provisional(NONE, model).decision;
}

/** Logistic regression with an L2 penalty on standardized features. */
function fitLogistic(rows: readonly DecisionRow[], lambda: number): LinearModel<(typeof DECISION_FEATURES)[number]> {
  const s = standardize(rows.map((row) => row.values), DECISION_FEATURES);
  const data = rows.map((row) => ({ x: project(row.values, s), y: row.label }));
  const d = s.names.length;
  const w = minimize(d + 1, DECISION_STEPS, (weights, gradient) => {
    let loss = 0;
    for (const { x, y } of data) {
      const p = sigmoid(weights[d]! + dotProduct(weights, x));
      loss -= y ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12);
      const error = (p - y) / data.length;
      for (let k = 0; k < d; k++) gradient[k]! += error * x[k]!;
      gradient[d]! += error;
    }
    for (let k = 0; k < d; k++) gradient[k]! += lambda * weights[k]!;
    return loss / Math.max(1, data.length);
  });
  return toLinear(s, w.subarray(0, d), w[d]!);
}

/** What the reply a question gets from the top candidate's probability and the thresholds is worth. */
function utilityOf(example: Example, topProbability: number | null, topLabel: number, thresholds: { answer: number; closest: number }): number {
  const answerable = example.question.article !== null;
  const reply = topProbability === null ? 'refused' : topProbability >= thresholds.answer ? 'answer' : topProbability >= thresholds.closest ? 'closest' : 'refused';
  return worth(answerable, reply, topLabel);
}

function worth(answerable: boolean, reply: 'answer' | 'closest' | 'refused', topLabel: number): number {
  if (answerable) return reply === 'answer' ? (topLabel ? UTILITY.answerable.hit : UTILITY.answerable.miss) : UTILITY.answerable[reply];
  return UTILITY.unanswerable[reply];
}

/** The thresholds that make the summed utility largest over these (question, top probability, top label) triples. */
function chooseThresholds(outcomes: readonly { example: Example; p: number | null; label: number }[]): { answer: number; closest: number } {
  // Each probability seen is a possible cut (rounded down so that it still passes), thinned to quantiles.
  const seen = [...new Set(outcomes.flatMap(({ p }) => (p === null ? [] : [Math.floor(p * 1e6) / 1e6])))].sort((a, b) => a - b);
  const step = Math.max(1, Math.floor(seen.length / CUTS));
  const cuts = [0, ...seen.filter((_, i) => i % step === 0)];
  let best = { answer: 0.5, closest: 0 };
  let bestUtility = -Infinity;
  for (const answer of cuts) {
    for (const closest of cuts) {
      if (closest > answer) break;
      const thresholds = { answer, closest };
      const total = outcomes.reduce((sum, o) => sum + utilityOf(o.example, o.p, o.label, thresholds), 0);
      if (total > bestUtility + 1e-9) {
        bestUtility = total;
        best = thresholds;
      }
    }
  }
  return { answer: round(best.answer), closest: round(best.closest) };
}

/** Mean over inner folds of the top-1 hit rate (ranker) for one strength. */
function innerRankerScore(examples: readonly Example[], lambda: number, innerFold: readonly number[]): number {
  let hits = 0;
  let total = 0;
  for (let f = 0; f < INNER_FOLDS; f++) {
    const train = examples.filter((_, i) => innerFold[i] !== f);
    const model = provisional(fitRanker(train, lambda));
    examples.forEach((example, i) => {
      if (innerFold[i] !== f || example.question.article === null || example.prepared.refusal) return;
      const judged = judgeCandidates(example.prepared, model);
      total++;
      hits += example.labels[example.prepared.candidates.indexOf(judged[0]!.candidate)]!;
    });
  }
  return total ? hits / total : 0;
}

/**
 * Inner cross-validated top-1 hits of tree rankers on top of the linear ranker of strength
 * `lambda`: for each depth of TREE_DEPTHS, hits[k] with k trees (hits[0]: the linear ranker alone).
 */
function innerTreeHits(examples: readonly Example[], lambda: number, innerFold: readonly number[]): Float64Array[] {
  const hits = TREE_DEPTHS.map(() => new Float64Array(TREE_SEARCH.trees + 1));
  for (let f = 0; f < INNER_FOLDS; f++) {
    const train = examples.filter((_, i) => innerFold[i] !== f);
    const test = examples.filter((example, i) => innerFold[i] === f && example.question.article !== null && !example.prepared.refusal);
    const linear = new CompiledModel(FEATURE_NAMES, fitRanker(train, lambda));
    const lists = rankable(train).map((e) => ({ rows: candidateFeatures(e), labels: e.labels }));
    TREE_DEPTHS.forEach((depth, d) => {
      const scores = test.map((example) => Float64Array.from(candidateFeatures(example), (row) => linear.score(row)));
      test.forEach((example, q) => (hits[d]![0]! += example.labels[argmax(scores[q]!)]!));
      const onTree = (tree: TreeNode, t: number) => {
        const one = new CompiledTrees(FEATURE_NAMES, { type: 'trees', bias: 0, trees: [tree] });
        test.forEach((example, q) => {
          candidateFeatures(example).forEach((row, r) => (scores[q]![r]! += one.score(row)));
          hits[d]![t + 1]! += example.labels[argmax(scores[q]!)]!;
        });
      };
      boostRanker(lists, FEATURE_NAMES, { ...TREE_SEARCH, depth }, onTree, (row) => linear.score(row));
    });
  }
  return hits;
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/**
 * The depth and number of trees with the most inner top-1 hits, the fewest trees among equals;
 * 0 trees (the linear ranker) unless trees do better, or `trees` was asked for.
 */
function chooseTrees(hits: readonly Float64Array[], choice: RankerChoice): { depth: number; trees: number; innerTop1: { linear: number; trees: number } } {
  let best = { depth: TREE_DEPTHS[0]!, trees: choice === 'trees' ? 1 : 0 };
  TREE_DEPTHS.forEach((depth, d) => {
    hits[d]!.forEach((count, trees) => {
      if (trees > 0 && count > hits[TREE_DEPTHS.indexOf(best.depth)]![best.trees]!) best = { depth, trees };
    });
  });
  return { ...best, innerTop1: { linear: hits[0]![0]!, trees: hits[TREE_DEPTHS.indexOf(best.depth)]![best.trees]! } };
}

/**
 * Fits the whole answer model on `examples`: the ranker's strength by inner cross-validation,
 * the decision model on the ranker's out-of-fold scores (so it learns how far an unseen
 * question's score can be trusted), and the thresholds by UTILITY on those out-of-fold replies.
 */
export function fitAnswerModel(examples: readonly Example[], provenance: Record<string, unknown> = {}, choice: RankerChoice = 'auto'): AnswerModel {
  const innerFold = assignFolds(examples, INNER_FOLDS, 'inner');
  const rankerLambda = LAMBDAS.map((lambda) => ({ lambda, score: innerRankerScore(examples, lambda, innerFold) })).reduce((a, b) => (b.score > a.score ? b : a)).lambda;
  const trees = choice === 'linear' ? null : chooseTrees(innerTreeHits(examples, rankerLambda, innerFold), choice);
  const fitChosen = (train: readonly Example[]): RankerModel =>
    trees?.trees ? fitTreeRanker(train, rankerLambda, { ...TREE_SEARCH, depth: trees.depth, trees: trees.trees }) : fitRanker(train, rankerLambda);
  // Out-of-fold decision rows: each question ranked by a ranker that did not see it.
  const rows: DecisionRow[] = [];
  for (let f = 0; f < INNER_FOLDS; f++) {
    const ranker = fitChosen(examples.filter((_, i) => innerFold[i] !== f));
    rows.push(...decisionRows(examples, ranker, examples.flatMap((_, i) => (innerFold[i] === f ? [i] : []))));
  }
  const decisionLambda = LAMBDAS.map((lambda) => ({ lambda, loss: innerLogLoss(rows, lambda, innerFold) })).reduce((a, b) => (b.loss < a.loss ? b : a)).lambda;
  const decisionTrees = choice === 'linear' ? 0 : chooseCount(innerDecisionTreeLoss(rows, decisionLambda, innerFold));
  const decision = fitDecision(rows, decisionLambda, decisionTrees);
  const compiledDecision = compiledLogistic(decision);
  const tops = examples.map((_, i) => rows.find((row) => row.example === i && row.rank === 0));
  const outcomes = examples.map((example, i) => ({ example, p: tops[i] ? sigmoid(compiledDecision.score(tops[i]!.values)) : null, label: tops[i]?.label ?? 0 }));
  const thresholds = chooseThresholds(outcomes);
  // Off-topic: one row a question, its features read with its best sentence; general questions are the positives.
  const questionRows = tops.flatMap((top, i) => (top ? [{ ...top, label: examples[i]!.question.kind === 'general' ? 1 : 0 }] : []));
  const offtopicLambda = LAMBDAS.map((lambda) => ({ lambda, loss: innerLogLoss(questionRows, lambda, innerFold) })).reduce((a, b) => (b.loss < a.loss ? b : a)).lambda;
  const offtopic = fitLogistic(questionRows, offtopicLambda);
  const compiledOfftopic = compiledLogistic(offtopic);
  const offtopicThreshold = chooseOfftopicThreshold(
    outcomes.map((outcome, i) => ({ ...outcome, pOff: tops[i] ? sigmoid(compiledOfftopic.score(tops[i]!.values)) : null })),
    thresholds,
  );
  const ranker = fitChosen(examples);
  return {
    format: 'newsdesk-answer-model-1',
    ranker,
    decision,
    offtopic,
    thresholds: { ...thresholds, offtopic: offtopicThreshold },
    fitted: { ...provenance, questions: examples.length, rankerLambda, ...(trees && { rankerTrees: trees }), decisionLambda, decisionTrees, offtopicLambda, utility: UTILITY },
  };
}

/** The off-topic threshold that makes the summed utility largest, the other thresholds fixed; 1 refuses nothing. */
function chooseOfftopicThreshold(outcomes: readonly { example: Example; p: number | null; label: number; pOff: number | null }[], thresholds: { answer: number; closest: number }): number {
  const cuts = [...new Set(outcomes.flatMap(({ pOff }) => (pOff === null ? [] : [Math.floor(pOff * 1e6) / 1e6])))].sort((a, b) => a - b);
  let best = 1;
  let bestUtility = outcomes.reduce((sum, o) => sum + utilityOf(o.example, o.p, o.label, thresholds), 0);
  for (const cut of cuts) {
    const total = outcomes.reduce((sum, o) => sum + (o.pOff !== null && o.pOff >= cut ? worth(o.example.question.article !== null, 'refused', 0) : utilityOf(o.example, o.p, o.label, thresholds)), 0);
    if (total > bestUtility + 1e-9) {
      bestUtility = total;
      best = cut;
    }
  }
  return round(best);
}

/** The logistic decision model of strength `lambda`, with `trees` boosted trees on top (DECISION_TREES) when more than 0. */
function fitDecision(rows: readonly DecisionRow[], lambda: number, trees: number): DecisionModel {
  const base = fitLogistic(rows, lambda);
  if (trees === 0) return base;
  const linear = compiledLogistic(base);
  const model = boostLogistic(
    rows.map((row) => row.values),
    rows.map((row) => row.label),
    DECISION_FEATURES,
    { ...DECISION_TREES, trees },
    undefined,
    (values) => linear.score(values),
  );
  return { ...model, base };
}

/** Inner cross-validated log-loss of the decision with k trees on top of the logistic model: loss[k] (loss[0]: the logistic model alone). */
function innerDecisionTreeLoss(rows: readonly DecisionRow[], lambda: number, innerFold: readonly number[]): Float64Array {
  const loss = new Float64Array(DECISION_TREES.trees + 1);
  const logLoss = (score: number, label: number) => (label ? -Math.log(sigmoid(score) + 1e-12) : -Math.log(1 - sigmoid(score) + 1e-12));
  for (let f = 0; f < INNER_FOLDS; f++) {
    const train = rows.filter((row) => innerFold[row.example] !== f);
    const test = rows.filter((row) => innerFold[row.example] === f);
    if (train.length === 0 || test.length === 0) continue;
    const linear = compiledLogistic(fitLogistic(train, lambda));
    const scores = test.map((row) => linear.score(row.values));
    test.forEach((row, i) => (loss[0]! += logLoss(scores[i]!, row.label)));
    const onTree = (tree: TreeNode, t: number) => {
      const one = new CompiledTrees(DECISION_FEATURES, { type: 'trees', bias: 0, trees: [tree] });
      test.forEach((row, i) => {
        scores[i]! += one.score(row.values);
        loss[t + 1]! += logLoss(scores[i]!, row.label);
      });
    };
    boostLogistic(
      train.map((row) => row.values),
      train.map((row) => row.label),
      DECISION_FEATURES,
      DECISION_TREES,
      onTree,
      (values) => linear.score(values),
    );
  }
  return loss;
}

/** The index of the smallest loss, the first of equals. */
function chooseCount(loss: Float64Array): number {
  let best = 0;
  loss.forEach((value, k) => {
    if (value < loss[best]! - 1e-9) best = k;
  });
  return best;
}

/** Mean log-loss of the decision model over inner folds of the rows' questions. */
function innerLogLoss(rows: readonly DecisionRow[], lambda: number, innerFold: readonly number[]): number {
  let loss = 0;
  for (let f = 0; f < INNER_FOLDS; f++) {
    const train = rows.filter((row) => innerFold[row.example] !== f);
    const test = rows.filter((row) => innerFold[row.example] === f);
    if (train.length === 0 || test.length === 0) continue;
    const model = compiledLogistic(fitLogistic(train, lambda));
    for (const row of test) {
      const p = sigmoid(model.score(row.values));
      loss -= row.label ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12);
    }
  }
  return loss / Math.max(1, rows.length);
}

/** Replies to every example from models fitted on the other folds: the cross-validated replies, in input order. */
export function crossValidatedReplies(examples: readonly Example[], folds: number, options: { maxSources: number; ranker?: RankerChoice }): ReturnType<typeof replyFrom>[] {
  const fold = assignFolds(examples, folds);
  const replies: ReturnType<typeof replyFrom>[] = new Array(examples.length);
  for (let f = 0; f < folds; f++) {
    const model = compileModel(fitAnswerModel(examples.filter((_, i) => fold[i] !== f), {}, options.ranker));
    examples.forEach((example, i) => {
      if (fold[i] === f) replies[i] = replyFrom(example.prepared, model, options);
    });
  }
  return replies;
}
