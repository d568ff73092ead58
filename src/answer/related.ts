import type { WordRelations } from '../text/wordnet.ts';

/**
 * The question's terms that a lexical database relates to other terms, indexed by the related
 * term: a sentence's terms are looked up in it, so a sentence costs one lookup a word.
 */
export interface RelatedQuestion {
  /** Each question term with relations, and its weight. */
  weights: ReadonlyMap<string, number>;
  /** Weight of every term of the question: the denominator of the shares. */
  total: number;
  /** Related term to the question terms it is close to (synonym, derived form, pertainym). */
  close: ReadonlyMap<string, readonly string[]>;
  /** Related term to the question terms it is a step up or down from, or similar to. */
  broad: ReadonlyMap<string, readonly string[]>;
}

/** Indexes what `relations` relates each of the question's terms (`asked`, with weights) to. */
export function relateQuestion(asked: ReadonlyMap<string, number>, relations: WordRelations): RelatedQuestion {
  const weights = new Map<string, number>();
  const close = new Map<string, string[]>();
  const broad = new Map<string, string[]>();
  let total = 0;
  const index = (into: Map<string, string[]>, related: ReadonlySet<string>, term: string) => {
    for (const other of related) {
      // A question term found as itself is counted by the word features, not as a relation.
      if (asked.has(other)) continue;
      const list = into.get(other);
      if (list) list.push(term);
      else into.set(other, [term]);
    }
  };
  for (const [term, weight] of asked) {
    total += weight;
    const found = relations.related(term);
    if (found.close.size === 0 && found.broad.size === 0) continue;
    weights.set(term, weight);
    index(close, found.close, term);
    index(broad, found.broad, term);
  }
  return { weights, total, close, broad };
}

/** The question terms that some term of `present` is related to, closely and broadly. */
export function relatedHits(question: RelatedQuestion, present: Iterable<string>): { close: Set<string>; broad: Set<string> } {
  const close = new Set<string>();
  const broad = new Set<string>();
  if (question.weights.size === 0) return { close, broad };
  for (const term of present) {
    for (const asked of question.close.get(term) ?? []) close.add(asked);
    for (const asked of question.broad.get(term) ?? []) broad.add(asked);
  }
  return { close, broad };
}

/** Share of the question's weight held by the `hits` that `found` does not find as themselves. */
export function relatedShare(question: RelatedQuestion, hits: Iterable<string>, found: (term: string) => boolean): number {
  if (question.total === 0) return 0;
  let covered = 0;
  for (const term of hits) if (!found(term)) covered += question.weights.get(term) ?? 0;
  return covered / question.total;
}
