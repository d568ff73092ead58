import { terms, words } from '../text/tokenize.ts';

/** Looks up how informative a term is across the index (BM25 idf; 0 for unknown). */
export type IdfLookup = (term: string) => number;

/**
 * The query's distinct terms with their weights. A term the index has never seen gets the
 * weight of the rarest known term: it is what the question is about, and nothing covers it.
 */
export function weightedTerms(question: string, idf: IdfLookup, unseenWeight: number): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of terms(question)) weights.set(term, idf(term) || unseenWeight);
  return weights;
}

/**
 * Share of the question's term weight that `text` contains, in [0, 1]: 1 when every term of
 * the question occurs in it, 0 when none does or the question has no terms.
 */
export function coverage(queryWeights: ReadonlyMap<string, number>, text: string): number {
  let total = 0;
  for (const weight of queryWeights.values()) total += weight;
  if (total === 0) return 0;
  const present = new Set(terms(text));
  let covered = 0;
  for (const [term, weight] of queryWeights) if (present.has(term)) covered += weight;
  return covered / total;
}

/**
 * Like `coverage`, but a term counts more the more often `text` repeats it, with saturation
 * (tf / (tf + 1), as in BM25): of two sentences with the same terms, the one that dwells on
 * them ranks first. In [0, 1).
 */
export function saturatedCoverage(queryWeights: ReadonlyMap<string, number>, text: string): number {
  let total = 0;
  for (const weight of queryWeights.values()) total += weight;
  if (total === 0) return 0;
  const counts = new Map<string, number>();
  for (const term of terms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  let covered = 0;
  for (const [term, weight] of queryWeights) {
    const tf = counts.get(term) ?? 0;
    covered += (weight * tf) / (tf + 1);
  }
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

/**
 * The heaviest of the question's named terms (at least `minWeight`) that `text` lacks: the
 * passage then matches the question's setting but not its subject ("...World Cup final in
 * Qatar?" against a passage about another final). Null when it lacks none.
 */
export function missingSubject(queryWeights: ReadonlyMap<string, number>, named: ReadonlySet<string>, text: string, minWeight: number): { term: string; weight: number } | null {
  const present = new Set(terms(text));
  let missing: { term: string; weight: number } | null = null;
  for (const term of named) {
    const weight = queryWeights.get(term) ?? 0;
    if (weight >= minWeight && !present.has(term) && (!missing || weight > missing.weight)) missing = { term, weight };
  }
  return missing;
}

/** Cosine of two unit vectors. */
export function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
