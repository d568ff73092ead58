import { terms, words } from '../text/tokenize.ts';

/** Looks up how informative a term is across the index (BM25 idf; 0 for unknown). */
export type IdfLookup = (term: string) => number;

/**
 * The query's distinct terms with their weights. A term the index has never seen gets the
 * weight of the rarest known term: it is what the question is about, and nothing covers it.
 */
export function weightedTerms(question: string, idf: IdfLookup, unseenWeight: number): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of terms(question.replace(QUESTION_FRAME, ' '))) weights.set(term, idf(term) || unseenWeight);
  return weights;
}

/**
 * Words that shape the question rather than name what it is about: "how long", "roughly how
 * many", "what kind of". An answer does not repeat them ("five-hour talks").
 */
const QUESTION_FRAME = /\b(?:roughly |approximately |exactly |about )?how (?:long|many|much|often|far|old|big)\b|\bwhat (?:kind|sort|type) of\b/giu;

/**
 * Share of the question's term weight that `text` contains, in [0, 1]: 1 when every term of
 * the question occurs in it, 0 when none does or the question has no terms.
 */
export function coverage(queryWeights: ReadonlyMap<string, number>, text: string): number {
  const present = new Set(terms(text));
  return coverageOf(queryWeights, (term) => present.has(term));
}

/** The same share, for terms that `has` finds present. */
export function coverageOf(queryWeights: ReadonlyMap<string, number>, has: (term: string) => boolean): number {
  let total = 0;
  for (const weight of queryWeights.values()) total += weight;
  if (total === 0) return 0;
  let covered = 0;
  for (const [term, weight] of queryWeights) if (has(term)) covered += weight;
  return covered / total;
}

/**
 * The question's names and numbers, as search terms: words after the first that hold a
 * capital ("Bolton", "OpenAI", "iPhone") or any word holding a digit ("2022", "60m"). They say what the
 * question is about; its other words may be paraphrases of the article's.
 */
export function namedTerms(question: string): Set<string> {
  const named = new Set<string>();
  words(question).forEach(({ start, end }, i) => {
    const original = question.slice(start, end);
    if ((i > 0 && /\p{Lu}/u.test(original)) || /\p{N}/u.test(original)) {
      for (const term of terms(original)) named.add(term);
    }
  });
  return named;
}

/** Cosine of two unit vectors. */
export function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
