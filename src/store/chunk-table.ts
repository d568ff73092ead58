import type { Chunk } from '../ingest/article.ts';

/** What the table needs of each article, in storage order. */
export interface ChunkedArticle {
  id: string;
  chunks: number;
}

/**
 * The chunks of a version as a read-only Map by chunk id, over typed arrays: chunk n of the
 * version (its "doc" number in the keyword index and its row in the vectors) has offsets
 * `positions[2n]` and `positions[2n + 1]`. A Chunk object, with its text cut from the
 * article, is made only when asked for, so loading costs no object per passage.
 */
export class ChunkTable implements ReadonlyMap<string, Chunk> {
  /** Per article (storage order), its first chunk number; one more entry for the end. */
  readonly firstChunk: Uint32Array;
  /** Per chunk number, its article's storage number. */
  readonly articleOf: Uint32Array;
  private readonly articleIndex = new Map<string, number>();

  constructor(
    private readonly articles: readonly ChunkedArticle[],
    private readonly positions: Uint32Array,
    private readonly textOf: (article: number) => string,
  ) {
    this.firstChunk = new Uint32Array(articles.length + 1);
    articles.forEach((article, i) => {
      this.firstChunk[i + 1] = this.firstChunk[i]! + article.chunks;
      this.articleIndex.set(article.id, i);
    });
    this.articleOf = new Uint32Array(this.firstChunk[articles.length]!);
    for (let i = 0; i < articles.length; i++) this.articleOf.fill(i, this.firstChunk[i]!, this.firstChunk[i + 1]!);
  }

  get size(): number {
    return this.articleOf.length;
  }

  /** The chunk numbers of an article: `first` to `first + count - 1`. */
  rangeOf(article: string): { first: number; count: number } | undefined {
    const i = this.articleIndex.get(article);
    return i === undefined ? undefined : { first: this.firstChunk[i]!, count: this.firstChunk[i + 1]! - this.firstChunk[i]! };
  }

  /** The id of chunk number `n`. */
  idOf(n: number): string {
    const article = this.articleOf[n]!;
    return `${this.articles[article]!.id}#${n - this.firstChunk[article]!}`;
  }

  /** Chunk number `n`, with its text. */
  chunk(n: number): Chunk {
    const article = this.articleOf[n]!;
    const startPos = this.positions[2 * n]!;
    const endPos = this.positions[2 * n + 1]!;
    const id = this.articles[article]!.id;
    const index = n - this.firstChunk[article]!;
    return { id: `${id}#${index}`, article: id, index, text: this.textOf(article).slice(startPos, endPos), startPos, endPos };
  }

  /** The offsets of chunk number `n`, without its text. */
  positionsOf(n: number): { startPos: number; endPos: number } {
    return { startPos: this.positions[2 * n]!, endPos: this.positions[2 * n + 1]! };
  }

  /** The chunk number of `id`, or undefined. */
  numberOf(id: string): number | undefined {
    // Chunk ids are `${article}#${index}`; article ids may hold '#' themselves.
    const hash = id.lastIndexOf('#');
    if (hash < 0) return undefined;
    const article = this.articleIndex.get(id.slice(0, hash));
    const digits = id.slice(hash + 1);
    if (article === undefined || !/^\d+$/u.test(digits)) return undefined;
    const n = this.firstChunk[article]! + Number(digits);
    return n < this.firstChunk[article + 1]! ? n : undefined;
  }

  get(id: string): Chunk | undefined {
    const n = this.numberOf(id);
    return n === undefined ? undefined : this.chunk(n);
  }

  has(id: string): boolean {
    return this.numberOf(id) !== undefined;
  }

  forEach(callback: (value: Chunk, key: string, map: ReadonlyMap<string, Chunk>) => void): void {
    for (let n = 0; n < this.size; n++) callback(this.chunk(n), this.idOf(n), this);
  }

  entries(): MapIterator<[string, Chunk]> {
    return Array.from({ length: this.size }, (_, n): [string, Chunk] => [this.idOf(n), this.chunk(n)]).values();
  }

  keys(): MapIterator<string> {
    return Array.from({ length: this.size }, (_, n) => this.idOf(n)).values();
  }

  values(): MapIterator<Chunk> {
    return Array.from({ length: this.size }, (_, n) => this.chunk(n)).values();
  }

  [Symbol.iterator](): MapIterator<[string, Chunk]> {
    return this.entries();
  }
}
