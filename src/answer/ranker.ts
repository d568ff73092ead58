import { readFileSync } from 'node:fs';
import { DECISION_FEATURES, FEATURE_NAMES, type DecisionFeatureName, type FeatureName } from './features.ts';
import { CompiledTrees, treeModelProblem, type Contribution, type Scorer, type TreeModel } from './trees.ts';

/** A linear model over named features, each standardized by its training mean and spread. */
export interface LinearModel<Name extends string> {
  /** Absent in files written before tree models existed. */
  type?: 'linear';
  /** Weight of each feature, on its standardized value. A feature not named weighs nothing. */
  weights: Partial<Record<Name, number>>;
  /** Training mean and standard deviation of each weighted feature. */
  normalizer: Partial<Record<Name, { mean: number; std: number }>>;
  bias: number;
}

/** A part of the answer model: linear, or boosted regression trees. */
export type ScoringModel<Name extends string> = LinearModel<Name> | TreeModel;

/**
 * The answer model, as data: a ranker that orders candidate sentences (a listwise logistic
 * model or boosted trees fitted on the same loss, so only differences between one question's
 * sentences count), a decision model that
 * gives the probability that a ranked sentence answers (a logistic model), an off-topic model
 * that gives the probability that the question is not about the news, and the thresholds on
 * those probabilities for an answer, a closest reply and an off-topic refusal. Written by `npm run fit` with
 * the hash of the questions it was fitted on.
 */
export interface AnswerModel {
  format: 'newsdesk-answer-model-1';
  ranker: ScoringModel<FeatureName>;
  decision: ScoringModel<DecisionFeatureName>;
  /** Probability that a question is general knowledge, advice or talk, not news (a logistic model). */
  offtopic: ScoringModel<DecisionFeatureName>;
  thresholds: {
    /** From this probability of `offtopic` a question is refused as not about the news. */
    offtopic: number;
    /** From this probability a sentence is quoted as the answer. */
    answer: number;
    /** From this one (and below `answer`) the reply shows the closest passages, saying the fact is not stated. */
    closest: number;
  };
  /** Where the weights came from, for reproducing them. */
  fitted?: Record<string, unknown>;
}

/** A linear model ready to score: weights folded with the normalizer into plain coefficients. */
export class CompiledModel implements Scorer {
  readonly #coefficients: Float64Array;
  readonly #offset: number;
  readonly #names: readonly string[];
  readonly #model: LinearModel<string>;

  constructor(names: readonly string[], model: LinearModel<string>) {
    this.#names = names;
    this.#model = model;
    this.#coefficients = new Float64Array(names.length);
    let offset = model.bias;
    names.forEach((name, i) => {
      const weight = model.weights[name] ?? 0;
      const { mean, std } = model.normalizer[name] ?? { mean: 0, std: 1 };
      this.#coefficients[i] = weight / std;
      offset -= (weight * mean) / std;
    });
    this.#offset = offset;
  }

  /** The linear score of a feature vector in `names` order. */
  score(values: ArrayLike<number>): number {
    let sum = this.#offset;
    for (let i = 0; i < this.#coefficients.length; i++) sum += this.#coefficients[i]! * values[i]!;
    return sum;
  }

  /** Each weighted feature's value, standardized value and part of the score, largest part first. */
  explain(values: ArrayLike<number>): Contribution[] {
    return this.#names
      .map((feature, i) => {
        const weight = this.#model.weights[feature] ?? 0;
        const { mean, std } = this.#model.normalizer[feature] ?? { mean: 0, std: 1 };
        const normalized = (values[i]! - mean) / std;
        return { feature, value: values[i]!, normalized, contribution: weight * normalized };
      })
      .filter(({ contribution }) => contribution !== 0)
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  }
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** An answer model checked and compiled for scoring. */
export interface Ranker {
  model: AnswerModel;
  ranker: Scorer;
  decision: Scorer;
  offtopic: Scorer;
}

export class AnswerModelError extends Error {}

function checkLinear(part: string, names: readonly string[], model: unknown): asserts model is LinearModel<string> {
  const linear = model as Partial<LinearModel<string>> | undefined;
  if (!linear || typeof linear !== 'object' || typeof linear.weights !== 'object' || typeof linear.normalizer !== 'object' || !Number.isFinite(linear.bias)) {
    throw new AnswerModelError(`${part}: needs "weights", "normalizer" and a numeric "bias".`);
  }
  for (const [name, weight] of Object.entries(linear.weights ?? {})) {
    if (!names.includes(name)) throw new AnswerModelError(`${part}: unknown feature "${name}".`);
    if (!Number.isFinite(weight)) throw new AnswerModelError(`${part}: the weight of "${name}" is not a number.`);
    const norm = linear.normalizer?.[name];
    if (!norm || !Number.isFinite(norm.mean) || !(norm.std > 0)) throw new AnswerModelError(`${part}: "${name}" has no normalizer (mean, std > 0).`);
  }
}

/** Checks one part of a model, linear or trees by its `type`, and compiles it over `names`. */
function compilePart(part: string, names: readonly string[], model: unknown): Scorer {
  const type = (model as { type?: unknown } | null)?.type;
  if (type === 'trees') {
    const problem = treeModelProblem(names, model);
    if (problem) throw new AnswerModelError(`${part}: ${problem}`);
    const { base } = model as TreeModel;
    if (base === undefined) return new CompiledTrees(names, model as TreeModel);
    checkLinear(`${part} base`, names, base);
    return new CompiledTrees(names, model as TreeModel, new CompiledModel(names, base));
  }
  if (type !== undefined && type !== 'linear') throw new AnswerModelError(`${part}: unknown type ${JSON.stringify(type)} (it is "linear" or "trees").`);
  checkLinear(part, names, model);
  return new CompiledModel(names, model);
}

/** Checks a parsed model (every named feature exists, no weight or normalizer missing) and compiles it. */
export function compileModel(model: unknown): Ranker {
  const parsed = model as Partial<AnswerModel>;
  if (parsed?.format !== 'newsdesk-answer-model-1') throw new AnswerModelError('not a newsdesk-answer-model-1 file.');
  const ranker = compilePart('ranker', FEATURE_NAMES, parsed.ranker);
  const decision = compilePart('decision', DECISION_FEATURES, parsed.decision);
  const offtopicModel = compilePart('offtopic', DECISION_FEATURES, parsed.offtopic);
  const { answer, closest, offtopic } = parsed.thresholds ?? {};
  if (!(typeof answer === 'number' && typeof closest === 'number' && closest >= 0 && closest <= answer && answer <= 1)) {
    throw new AnswerModelError('thresholds: needs 0 <= closest <= answer <= 1.');
  }
  if (!(typeof offtopic === 'number' && offtopic >= 0 && offtopic <= 1)) throw new AnswerModelError('thresholds: needs 0 <= offtopic <= 1.');
  return { model: parsed as AnswerModel, ranker, decision, offtopic: offtopicModel };
}

/** The fitted model shipped beside this file. */
export const MODEL_FILE = new URL('./answer-model.json', import.meta.url);

let shipped: Ranker | null = null;

/** The shipped model, read and checked once. */
export function shippedRanker(): Ranker {
  if (!shipped) {
    try {
      shipped = compileModel(JSON.parse(readFileSync(MODEL_FILE, 'utf8')));
    } catch (cause) {
      throw new AnswerModelError(`The answer model ${MODEL_FILE.pathname} cannot be used: ${(cause as Error).message} Run \`npm run fit\` to write it again.`, { cause });
    }
  }
  return shipped;
}
