import { stat } from 'node:fs/promises';
import { ItemSelector, type MetadataFilter } from 'vectra';
import { FileAppender, readTypedFile } from './binary-file.ts';
import { VectorMatrix, type RowScore } from './dense-search.ts';
import { bestRows, TIE_MARGIN, toMetadataFilter, type DenseStore, type DenseStoreWriter, type PassageFilter, type StoredPassage } from './dense-store.ts';
import { cosine, passes } from './item-rules.ts';
import { LazyFile } from './lazy-file.ts';

/** An article's rows in the vectors file and what a filter reads of it. */
export interface ArticleRows {
  first: number;
  count: number;
  /** Its passages' metadata, chunk ordinal aside (see storedPassage). */
  passage: StoredPassage;
}

/** Writes `vectors.f32`: one float32 unit vector per passage, in row order, streamed to disk. */
export class FlatStoreWriter implements DenseStoreWriter {
  private constructor(private readonly file: FileAppender) {}

  static async create(file: string): Promise<FlatStoreWriter> {
    return new FlatStoreWriter(await FileAppender.create(file));
  }

  async add(_passages: readonly StoredPassage[], vectors: Float32Array): Promise<void> {
    await this.file.append(vectors);
  }

  finish(): Promise<void> {
    return this.file.close();
  }

  discard(): Promise<void> {
    return this.file.discard();
  }
}

/**
 * The flat store, for archives: every vector in one float32 file, scanned exactly by usearch's
 * SIMD kernel (see VectorMatrix). A filter is applied per article, then only the rows that pass
 * are scanned; the candidates are scored again with vectra's cosine, so both stores agree.
 */
export class FlatStore implements DenseStore {
  readonly kind = 'flat';
  private matrix: Promise<VectorMatrix> | null = null;
  private readonly onDisk: LazyFile;
  /** What the last filter selected (see `select`): a filter is often asked again. */
  private lastFilter: { key: string; rows: Int32Array | null; matrix: VectorMatrix | null } | null = null;

  private constructor(
    private readonly file: string,
    private readonly dims: number,
    private readonly articles: readonly ArticleRows[],
    private readonly size: number,
  ) {
    this.onDisk = new LazyFile(file);
  }

  /**
   * Opens `file` for `articles`' rows; `memory` reads every vector now, `disk` reads rows when
   * asked (for a refresh that only copies them). Throws when the file's size does not match.
   */
  static async open(file: string, dims: number, articles: readonly ArticleRows[], mode: 'memory' | 'disk'): Promise<FlatStore> {
    const size = articles.reduce((sum, article) => sum + article.count, 0);
    const bytes = (await stat(file)).size;
    if (bytes !== size * dims * 4) throw new Error(`vector file holds ${bytes / 4 / dims} vectors for ${size} chunks`);
    const store = new FlatStore(file, dims, articles, size);
    if (mode === 'memory') await store.loaded();
    return store;
  }

  private loaded(): Promise<VectorMatrix> {
    this.matrix ??= readTypedFile(this.file, Float32Array, this.size * this.dims).then((data) => new VectorMatrix(data, this.dims));
    return this.matrix;
  }

  async rows(first: number, count: number): Promise<Float32Array> {
    if (this.matrix) return (await this.matrix).data.slice(first * this.dims, (first + count) * this.dims);
    const rows = new Float32Array(count * this.dims);
    this.onDisk.read(first * this.dims * 4, rows.byteLength, new Uint8Array(rows.buffer));
    return rows;
  }

  async nearest(query: readonly number[], k: number, filter?: PassageFilter): Promise<RowScore[]> {
    const matrix = await this.loaded();
    const wanted = k + TIE_MARGIN;
    const selector = toMetadataFilter(filter);
    let found: RowScore[];
    if (selector === null) {
      found = await matrix.nearest(query, wanted);
    } else {
      const key = JSON.stringify(selector);
      if (this.lastFilter?.key !== key) this.lastFilter = { key, ...this.select(matrix, selector) };
      const { rows, matrix: subset } = this.lastFilter;
      if (rows === null) found = await matrix.nearest(query, wanted);
      else if (subset === null) found = await matrix.nearest(query, wanted, rows[0] ?? 0, (rows[0] ?? 0) + rows.length);
      else found = (await subset.nearest(query, wanted)).map(({ row, score }) => ({ row: rows[row]!, score }));
    }
    const norm = ItemSelector.normalize(query as number[]);
    return bestRows(
      found.map(({ row }) => ({ row, score: cosine(query, norm, matrix.row(row)) })),
      k,
    );
  }

  /**
   * The rows of the articles that pass `selector`: null for all of them; one article's rows as
   * they are (a range of the matrix); otherwise their rows and a copy of their vectors, in order.
   */
  private select(matrix: VectorMatrix, selector: MetadataFilter): { rows: Int32Array | null; matrix: VectorMatrix | null } {
    const kept = this.articles.filter((article) => passes(article.passage, selector));
    if (kept.length === this.articles.length) return { rows: null, matrix: null };
    if (kept.length <= 1) return { rows: Int32Array.from({ length: kept[0]?.count ?? 0 }, (_, i) => kept[0]!.first + i), matrix: null };
    const rows = new Int32Array(kept.reduce((sum, article) => sum + article.count, 0));
    const data = new Float32Array(rows.length * this.dims);
    let at = 0;
    for (const article of kept) {
      data.set(matrix.data.subarray(article.first * this.dims, (article.first + article.count) * this.dims), at * this.dims);
      for (let i = 0; i < article.count; i++) rows[at + i] = article.first + i;
      at += article.count;
    }
    return { rows, matrix: new VectorMatrix(data, this.dims) };
  }
}
