import { ItemSelector, type MetadataFilter } from 'vectra';
import type { StoredPassage } from './dense-store.ts';

// vectra's rules for items, which both stores follow so that they agree: its metadata filter
// and its cosine. (Kept apart from dense-store.ts, which the configuration reads: loading
// vectra takes most of a second.)

/** Whether a passage passes `filter`, by vectra's own rules. */
export function passes(passage: StoredPassage, filter: MetadataFilter | null): boolean {
  return filter === null || ItemSelector.select(passage, filter);
}

/** vectra's cosine of `query` (with its norm) and a stored vector. */
export function cosine(query: readonly number[], queryNorm: number, vector: ArrayLike<number>): number {
  const row = vector as unknown as number[];
  return ItemSelector.normalizedCosineSimilarity(query as number[], queryNorm, row, ItemSelector.normalize(row));
}

