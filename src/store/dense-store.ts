import type { MetadataFilter } from 'vectra';
import type { RowScore } from './dense-search.ts';

/** Where an index version keeps its vectors: a vectra LocalIndex, or one flat float32 file. */
export type VectorStoreKind = 'vectra' | 'flat';

export const VECTOR_STORES: readonly VectorStoreKind[] = ['vectra', 'flat'];

/**
 * What a store keeps with each passage besides its vector (a vectra item's metadata):
 * enough to filter and to cite without another read.
 */
export interface PassageMetadata {
  [key: string]: string | number;
  /** The article's id. */
  article: string;
  /** The passage's place in its article, from 0. */
  chunk: number;
  /**
   * The article's publication day in ISO 8601 basic form as a number (2025-01-14 is
   * 20250114), so that vectra's `$gte`/`$lte`, which compare numbers only, can bound it; 0
   * when the article states no date.
   */
  published: number;
}

/** The outlet is left out of an item whose article names none, so that no outlet filter picks it. */
export type StoredPassage = PassageMetadata & { outlet?: string };

/** Which passages a dense query may return: every part given must hold. */
export interface PassageFilter {
  /** Only this article's passages. */
  article?: string;
  /** Published on or after this ISO day (`YYYY-MM-DD`). */
  since?: string;
  /** Published on or before this ISO day. */
  until?: string;
  /** Undated articles pass the date bounds too (a question's date intent keeps them, ranked lower). */
  undated?: boolean;
  /** Only articles of these outlets, as stored. */
  outlets?: readonly string[];
}

/** Appends a new version's passages, in row order, to a store being built. */
export interface DenseStoreWriter {
  /** Adds one article's passages and their unit vectors (`passages.length` rows of `dims`). */
  add(passages: readonly StoredPassage[], vectors: Float32Array): Promise<void>;
  /** Writes what is left and flushes it to disk. */
  finish(): Promise<void>;
  /** Stops without caring for what was written: the build is being abandoned. */
  discard(): Promise<void>;
}

/** The vectors of a loaded version. */
export interface DenseStore {
  readonly kind: VectorStoreKind;
  /**
   * The `k` passages nearest to `query` by cosine that pass `filter`, best first; equal scores
   * by row. Scores are vectra's cosine (`ItemSelector.normalizedCosineSimilarity`) in both
   * stores, so they rank the same passages the same way.
   */
  nearest(query: readonly number[], k: number, filter?: PassageFilter): Promise<RowScore[]>;
  /** Rows `first` to `first + count - 1`, as float32. */
  rows(first: number, count: number): Promise<Float32Array>;
}

/**
 * Candidates fetched beyond `k` before the final cut: a store's scan may keep either of two
 * passages with identical vectors at its boundary, and the cut by score then row must see both.
 */
export const TIE_MARGIN = 8;

/** `2025-01-14` → 20250114; null → 0. */
export function dayNumber(isoDay: string | null): number {
  return isoDay === null ? 0 : Number(isoDay.slice(0, 10).replaceAll('-', ''));
}

/** A passage's stored metadata. */
export function storedPassage(article: { id: string; published: string | null; outlet: string | null }, chunk: number): StoredPassage {
  const passage: StoredPassage = { article: article.id, chunk, published: dayNumber(article.published) };
  if (article.outlet !== null) passage.outlet = article.outlet;
  return passage;
}

/** The filter in vectra's filter language, over StoredPassage metadata; null for no filter. */
export function toMetadataFilter(filter: PassageFilter | undefined): MetadataFilter | null {
  if (!filter) return null;
  const parts: MetadataFilter[] = [];
  if (filter.article !== undefined) parts.push({ article: { $eq: filter.article } });
  if (filter.since !== undefined || filter.until !== undefined) {
    // 0 (undated) is below every day, so a bound from 1 leaves undated articles out.
    const span: MetadataFilter = { published: { $gte: filter.since === undefined ? 1 : dayNumber(filter.since), ...(filter.until !== undefined && { $lte: dayNumber(filter.until) }) } };
    parts.push(filter.undated ? { $or: [span, { published: { $eq: 0 } }] } : span);
  }
  if (filter.outlets !== undefined) parts.push({ outlet: { $in: [...filter.outlets] } });
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : { $and: parts };
}

/** The best `k` of `candidates`, best first, equal scores by row; NaN (a zero vector) never ranks. */
export function bestRows(candidates: RowScore[], k: number): RowScore[] {
  return candidates
    .filter(({ score }) => !Number.isNaN(score))
    .sort((a, b) => b.score - a.score || a.row - b.row)
    .slice(0, k);
}
