/** A row of the matrix and its cosine with the query. */
export interface RowScore {
  row: number;
  score: number;
}

/** The exact-search function of the usearch package, when it loads on this machine. */
type ExactSearch = (dataset: Float32Array, queries: Float32Array, dimensions: number, count: number, metric: 'ip', threads: number) => { keys: BigUint64Array; distances: Float32Array };

let usearchLoad: Promise<ExactSearch | null> | null = null;

/**
 * usearch's exact SIMD scan, or null when its native module cannot be loaded here (another
 * platform, a failed install): the loop below then does the same job, about five times slower.
 */
function loadUsearch(): Promise<ExactSearch | null> {
  usearchLoad ??= import('usearch')
    .then((module) => {
      const exact = (module.default?.exactSearch ?? (module as unknown as { exactSearch?: ExactSearch }).exactSearch) as ExactSearch | undefined;
      return exact ?? null;
    })
    .catch(() => null);
  return usearchLoad;
}

/** `vector` scaled to unit length, as float32; a zero vector stays zero. */
export function unitVector(vector: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum);
  const unit = new Float32Array(vector.length);
  if (norm > 0) for (let i = 0; i < vector.length; i++) unit[i] = vector[i]! / norm;
  return unit;
}

/**
 * The `k` best rows of `rows` (row-major, `dims` columns) by dot product with `query`, best
 * first, ties by row: a tight loop and a bounded min-heap, so nothing is sorted but the k kept.
 */
export function scanTopK(rows: Float32Array, dims: number, query: Float32Array, k: number): RowScore[] {
  const count = Math.floor(rows.length / dims);
  k = Math.min(k, count);
  if (k <= 0) return [];
  const heapRows = new Int32Array(k);
  const heapScores = new Float64Array(k);
  let size = 0;
  // The heap's root is the worst kept: lowest score, and of equal scores the highest row.
  const worse = (a: number, b: number) => heapScores[a]! < heapScores[b]! || (heapScores[a] === heapScores[b] && heapRows[a]! > heapRows[b]!);
  const swap = (a: number, b: number) => {
    const r = heapRows[a]!;
    heapRows[a] = heapRows[b]!;
    heapRows[b] = r;
    const s = heapScores[a]!;
    heapScores[a] = heapScores[b]!;
    heapScores[b] = s;
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && worse(l, m)) m = l;
      if (r < size && worse(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (let row = 0, offset = 0; row < count; row++, offset += dims) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let j = 0;
    for (; j + 3 < dims; j += 4) {
      a0 += rows[offset + j]! * query[j]!;
      a1 += rows[offset + j + 1]! * query[j + 1]!;
      a2 += rows[offset + j + 2]! * query[j + 2]!;
      a3 += rows[offset + j + 3]! * query[j + 3]!;
    }
    for (; j < dims; j++) a0 += rows[offset + j]! * query[j]!;
    const score = a0 + a1 + a2 + a3;
    if (size < k) {
      heapRows[size] = row;
      heapScores[size] = score;
      size++;
      for (let i = size - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!worse(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (score > heapScores[0]!) {
      heapRows[0] = row;
      heapScores[0] = score;
      siftDown(0);
    }
  }
  const result: RowScore[] = [];
  for (let i = 0; i < size; i++) result.push({ row: heapRows[i]!, score: heapScores[i]! });
  return result.sort((a, b) => b.score - a.score || a.row - b.row);
}

/**
 * Unit vectors in one contiguous float32 array, one row per chunk, searched exactly: cosine is
 * a dot product, computed for every row (approximate indexes missed too many true neighbours
 * on these vectors) by usearch's SIMD kernels when available.
 */
export class VectorMatrix {
  constructor(
    readonly data: Float32Array,
    readonly dims: number,
  ) {}

  get rows(): number {
    return this.dims === 0 ? 0 : Math.floor(this.data.length / this.dims);
  }

  /** Row `row` as a view. */
  row(row: number): Float32Array {
    return this.data.subarray(row * this.dims, (row + 1) * this.dims);
  }

  /** The `k` rows nearest to `query` by cosine among rows `from` to `to` (exclusive), best first. */
  async nearest(query: ArrayLike<number>, k: number, from = 0, to = this.rows): Promise<RowScore[]> {
    const unit = unitVector(query);
    const rows = this.data.subarray(from * this.dims, to * this.dims);
    k = Math.min(k, to - from);
    if (k <= 0) return [];
    // usearch reads a typed array from the start of its buffer, ignoring a view's offset, so
    // it gets the whole matrix only; one article's few rows are quicker in the loop anyway.
    const exact = rows.byteOffset === 0 ? await loadUsearch() : null;
    if (exact) {
      // One thread: the scan is bound by memory bandwidth, which a second thread did not raise.
      const { keys, distances } = exact(rows, unit, this.dims, k, 'ip', 1);
      const found: RowScore[] = [];
      for (let i = 0; i < keys.length; i++) found.push({ row: from + Number(keys[i]!), score: 1 - distances[i]! });
      return found.sort((a, b) => b.score - a.score || a.row - b.row);
    }
    return scanTopK(rows, this.dims, unit, k).map(({ row, score }) => ({ row: from + row, score }));
  }
}

/** Whether dense search runs on usearch here, for the bench and the log. */
export async function denseKernel(): Promise<'usearch' | 'loop'> {
  return (await loadUsearch()) ? 'usearch' : 'loop';
}
