import { terms } from '../text/tokenize.ts';
import { Growable } from './growable.ts';

/** Term counts per chunk, in plain objects: the form tests and small tools build by hand. */
export interface KeywordIndexData {
  format: 1;
  /** Chunk ids, in the order of `counts`. */
  ids: string[];
  /** For each chunk, its terms and how often each occurs. */
  counts: Record<string, number>[];
}

/**
 * The keyword index as postings in typed arrays: chunk numbers ("docs") `docs[starts[t]] ..
 * docs[starts[t + 1] - 1]` hold term `terms[t]`, `counts` times each, in ascending doc order.
 * Loading it builds no object per chunk or per posting.
 */
export interface KeywordPostings {
  terms: readonly string[];
  /** terms.length + 1 offsets into `docs` and `counts`. */
  starts: Uint32Array;
  docs: Uint32Array;
  /** Occurrences of the term in the doc, capped at 65,535. */
  counts: Uint16Array;
  /** Per doc, the number of its terms (repeats counted). */
  lengths: Uint32Array;
}

/** A scored chunk id; BM25 scores are unbounded and only comparable within one query. */
export interface KeywordHit {
  id: string;
  score: number;
}

const K1 = 1.2;
const B = 0.75;
const MAX_COUNT = 0xffff;

/** How often each term of `text` occurs, in order of first occurrence. */
export function countTerms(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** Counts the terms of each chunk text, as plain objects. */
export function buildKeywordData(chunks: readonly { id: string; text: string }[]): KeywordIndexData {
  return {
    format: 1,
    ids: chunks.map((chunk) => chunk.id),
    counts: chunks.map((chunk) => Object.fromEntries(countTerms(chunk.text))),
  };
}

/**
 * Collects postings doc by doc, in doc order, and sorts them by term once at the end (a
 * counting sort: time linear in the number of postings). A doc is either counted afresh or
 * copied from an index of an earlier version, which spares re-tokenising unchanged chunks.
 */
export class KeywordBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly postingTerms = new Growable<Uint32Array>(Uint32Array, 1 << 16);
  private readonly postingDocs = new Growable<Uint32Array>(Uint32Array, 1 << 16);
  private readonly postingCounts = new Growable<Uint16Array>(Uint16Array, 1 << 16);
  private readonly lengths = new Growable<Uint32Array>(Uint32Array, 1 << 12);
  /** Per source index, its term numbers translated to ours (-1: not seen yet). */
  private readonly translations = new WeakMap<KeywordIndex, Int32Array>();

  /** Docs added so far. */
  get size(): number {
    return this.lengths.length;
  }

  /** Appends the next doc with these term counts. */
  add(counts: Iterable<[string, number]>): void {
    const doc = this.lengths.length;
    let length = 0;
    for (const [term, count] of counts) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.terms.length;
        this.terms.push(term);
        this.termIds.set(term, id);
      }
      this.postingTerms.push(id);
      this.postingDocs.push(doc);
      this.postingCounts.push(Math.min(count, MAX_COUNT));
      length += count;
    }
    this.lengths.push(length);
  }

  /** Appends the next doc with the terms that doc `doc` of `from` has. */
  copy(from: KeywordIndex, doc: number): void {
    let translation = this.translations.get(from);
    if (!translation) this.translations.set(from, (translation = new Int32Array(from.termCount).fill(-1)));
    const target = this.lengths.length;
    const { termOf, countOf, start, end } = from.termsOfDoc(doc);
    for (let i = start; i < end; i++) {
      const oldTerm = termOf[i]!;
      let id = translation[oldTerm]!;
      if (id < 0) {
        const term = from.termAt(oldTerm);
        id = this.termIds.get(term) ?? -1;
        if (id < 0) {
          id = this.terms.length;
          this.terms.push(term);
          this.termIds.set(term, id);
        }
        translation[oldTerm] = id;
      }
      this.postingTerms.push(id);
      this.postingDocs.push(target);
      this.postingCounts.push(countOf[i]!);
    }
    this.lengths.push(from.lengthOf(doc));
  }

  finish(): KeywordPostings {
    const termOf = this.postingTerms.view();
    const starts = new Uint32Array(this.terms.length + 1);
    for (let i = 0; i < termOf.length; i++) starts[termOf[i]! + 1]!++;
    for (let t = 0; t < this.terms.length; t++) starts[t + 1]! += starts[t]!;
    const next = starts.slice(0, this.terms.length);
    const docs = new Uint32Array(termOf.length);
    const counts = new Uint16Array(termOf.length);
    const docOf = this.postingDocs.view();
    const countOf = this.postingCounts.view();
    // Postings arrive in doc order, so each term's list comes out in doc order too.
    for (let i = 0; i < termOf.length; i++) {
      const at = next[termOf[i]!]!++;
      docs[at] = docOf[i]!;
      counts[at] = countOf[i]!;
    }
    return { terms: this.terms, starts, docs, counts, lengths: this.lengths.view().slice() };
  }
}

/** The postings of plain term-count objects. */
function postingsOf(data: KeywordIndexData): KeywordPostings {
  const builder = new KeywordBuilder();
  for (const counts of data.counts) builder.add(Object.entries(counts));
  return builder.finish();
}

/** The `k`-th largest value of `values` (1-based), by quickselect on a copy. */
function kthLargest(values: Float64Array, k: number): number {
  const a = values.slice();
  let lo = 0;
  let hi = a.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target]!;
}

/**
 * Okapi BM25 (k1 = 1.2, b = 0.75) over postings in typed arrays, so a query touches only the
 * chunks that share a term with it and takes its top hits without sorting all of them.
 */
export class KeywordIndex {
  private readonly postings: KeywordPostings;
  private readonly idOf: (doc: number) => string;
  private readonly termIndex = new Map<string, number>();
  private readonly averageLength: number;
  private forward: { starts: Uint32Array; terms: Uint32Array; counts: Uint16Array } | null = null;

  /**
   * From plain term counts (ids come with them), or from postings with `idOf` naming each doc's
   * chunk id.
   */
  constructor(source: KeywordIndexData | KeywordPostings, idOf?: (doc: number) => string) {
    if ('ids' in source) {
      const ids = source.ids;
      this.postings = postingsOf(source);
      this.idOf = (doc) => ids[doc]!;
    } else {
      if (!idOf) throw new Error('KeywordIndex over postings needs the chunk id of each doc');
      this.postings = source;
      this.idOf = idOf;
    }
    this.postings.terms.forEach((term, i) => this.termIndex.set(term, i));
    let total = 0;
    for (const length of this.postings.lengths) total += length;
    this.averageLength = this.postings.lengths.length ? total / this.postings.lengths.length : 0;
  }

  /** Chunks indexed. */
  get size(): number {
    return this.postings.lengths.length;
  }

  /** Distinct terms. */
  get termCount(): number {
    return this.postings.terms.length;
  }

  /** The postings, as persisted. */
  get data(): KeywordPostings {
    return this.postings;
  }

  termAt(term: number): string {
    return this.postings.terms[term]!;
  }

  lengthOf(doc: number): number {
    return this.postings.lengths[doc]!;
  }

  /**
   * Doc `doc`'s terms (as term numbers) and counts: entries `start` to `end` of `termOf` and
   * `countOf`. The first call inverts all postings once (linear time), for a refresh to copy
   * unchanged chunks.
   */
  termsOfDoc(doc: number): { termOf: Uint32Array; countOf: Uint16Array; start: number; end: number } {
    this.forward ??= this.invert();
    return { termOf: this.forward.terms, countOf: this.forward.counts, start: this.forward.starts[doc]!, end: this.forward.starts[doc + 1]! };
  }

  /** True when some chunk holds the (already stemmed) term. */
  has(term: string): boolean {
    return this.termIndex.has(term);
  }

  /** Ids of the chunks that hold the (already stemmed) term. */
  chunksWith(term: string): string[] {
    const t = this.termIndex.get(term);
    if (t === undefined) return [];
    const ids: string[] = [];
    for (let i = this.postings.starts[t]!; i < this.postings.starts[t + 1]!; i++) ids.push(this.idOf(this.postings.docs[i]!));
    return ids;
  }

  /** Inverse document frequency of an already-stemmed term; 0 for unknown terms. */
  idf(term: string): number {
    const t = this.termIndex.get(term);
    return t === undefined ? 0 : this.idfOf(t);
  }

  private idfOf(t: number): number {
    const df = this.postings.starts[t + 1]! - this.postings.starts[t]!;
    if (df === 0) return 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** The `limit` best chunks for `query`, best first (ties by id); `accept` filters by chunk id. */
  search(query: string, limit: number, accept?: (id: string) => boolean, context?: { text: string; weight: number }): KeywordHit[] {
    const { starts, docs, counts, lengths } = this.postings;
    const scores = new Float64Array(this.size);
    const touched: number[] = [];
    // Terms of an earlier question join at `weight` of their idf; the question's own count fully.
    const own = new Set(terms(query));
    const weighted = new Map<string, number>([...own].map((term) => [term, 1]));
    for (const term of context ? terms(context.text) : []) if (!own.has(term)) weighted.set(term, context!.weight);
    for (const [term, factor] of weighted) {
      const t = this.termIndex.get(term);
      if (t === undefined) continue;
      const idf = this.idfOf(t) * factor;
      for (let i = starts[t]!; i < starts[t + 1]!; i++) {
        const doc = docs[i]!;
        const count = counts[i]!;
        const norm = K1 * (1 - B + (B * lengths[doc]!) / this.averageLength);
        // Every contribution is positive, so a zero score means "not seen yet".
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += (idf * (count * (K1 + 1))) / (count + norm);
      }
    }
    let candidates = touched;
    if (accept) candidates = touched.filter((doc) => accept(this.idOf(doc)));
    if (candidates.length > limit && limit > 0) {
      // Only docs scoring at least the limit-th best can be returned; ties at the edge are
      // all kept so that the order by id below decides between them.
      const threshold = kthLargest(Float64Array.from(candidates, (doc) => scores[doc]!), limit);
      candidates = candidates.filter((doc) => scores[doc]! >= threshold);
    }
    const hits = candidates.map((doc) => ({ id: this.idOf(doc), score: scores[doc]! }));
    hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return hits.slice(0, limit);
  }

  private invert(): { starts: Uint32Array; terms: Uint32Array; counts: Uint16Array } {
    const { starts, docs, counts } = this.postings;
    const docStarts = new Uint32Array(this.size + 1);
    for (let i = 0; i < docs.length; i++) docStarts[docs[i]! + 1]!++;
    for (let d = 0; d < this.size; d++) docStarts[d + 1]! += docStarts[d]!;
    const next = docStarts.slice(0, this.size);
    const termOf = new Uint32Array(docs.length);
    const countOf = new Uint16Array(docs.length);
    for (let t = 0; t < this.termCount; t++) {
      for (let i = starts[t]!; i < starts[t + 1]!; i++) {
        const at = next[docs[i]!]!++;
        termOf[at] = t;
        countOf[at] = counts[i]!;
      }
    }
    return { starts: docStarts, terms: termOf, counts: countOf };
  }
}
