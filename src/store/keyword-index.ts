import { terms } from '../text/tokenize.ts';

/** The persisted form of the keyword index: term counts per chunk. */
export interface KeywordIndexData {
  format: 1;
  /** Chunk ids, in the order of `counts`. */
  ids: string[];
  /** For each chunk, its terms and how often each occurs. */
  counts: Record<string, number>[];
}

/** A scored chunk id; BM25 scores are unbounded and only comparable within one query. */
export interface KeywordHit {
  id: string;
  score: number;
}

const K1 = 1.2;
const B = 0.75;

/** Per chunk id, its terms and how often each occurs. */
export type TermCounts = ReadonlyMap<string, Record<string, number>>;

/**
 * Counts the terms of each chunk text: what `ingest` persists for BM25. Chunks found in
 * `known` (unchanged since the last refresh) keep their counts without being tokenized again.
 */
export function buildKeywordData(chunks: readonly { id: string; text: string }[], known?: TermCounts): KeywordIndexData {
  return {
    format: 1,
    ids: chunks.map((chunk) => chunk.id),
    counts: chunks.map((chunk) => {
      const reused = known?.get(chunk.id);
      if (reused) return reused;
      const counts: Record<string, number> = {};
      for (const term of terms(chunk.text)) counts[term] = (counts[term] ?? 0) + 1;
      return counts;
    }),
  };
}

/**
 * Okapi BM25 (k1 = 1.2, b = 0.75) over persisted term counts. Postings are built once when the
 * index is loaded, so a query touches only the chunks that share a term with it.
 */
export class KeywordIndex {
  private readonly ids: string[];
  private readonly lengths: Float64Array;
  private readonly averageLength: number;
  private readonly postings = new Map<string, { doc: number; count: number }[]>();

  constructor(data: KeywordIndexData) {
    this.ids = data.ids;
    this.lengths = new Float64Array(data.counts.length);
    data.counts.forEach((counts, doc) => {
      let length = 0;
      for (const [term, count] of Object.entries(counts)) {
        length += count;
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ doc, count });
      }
      this.lengths[doc] = length;
    });
    const total = this.lengths.reduce((sum, length) => sum + length, 0);
    this.averageLength = data.counts.length ? total / data.counts.length : 0;
  }

  get size(): number {
    return this.ids.length;
  }

  /** True when some chunk holds the (already stemmed) term. */
  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** Ids of the chunks that hold the (already stemmed) term. */
  chunksWith(term: string): string[] {
    return (this.postings.get(term) ?? []).map(({ doc }) => this.ids[doc]!);
  }

  /** Inverse document frequency of an already-stemmed term; 0 for unknown terms. */
  idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    if (df === 0) return 0;
    return Math.log(1 + (this.ids.length - df + 0.5) / (df + 0.5));
  }

  /** The `limit` best chunks for `query`, best first; `accept` filters by chunk id. */
  search(query: string, limit: number, accept?: (id: string) => boolean): KeywordHit[] {
    const scores = new Map<number, number>();
    for (const term of new Set(terms(query))) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const { doc, count } of list) {
        const norm = K1 * (1 - B + (B * this.lengths[doc]!) / this.averageLength);
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * (count * (K1 + 1))) / (count + norm));
      }
    }
    const hits: KeywordHit[] = [];
    for (const [doc, score] of scores) {
      const id = this.ids[doc]!;
      if (!accept || accept(id)) hits.push({ id, score });
    }
    hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return hits.slice(0, limit);
  }
}
