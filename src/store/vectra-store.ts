import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ItemSelector, LocalIndex, ProtobufCodec, type IndexCodec, type IndexItem } from 'vectra';
import { NewsdeskError } from '../errors.ts';
import { writeFlushed } from './atomic-file.ts';
import type { RowScore } from './dense-search.ts';
import { bestRows, TIE_MARGIN, toMetadataFilter, type DenseStore, type DenseStoreWriter, type PassageFilter, type StoredPassage } from './dense-store.ts';
import { Growable } from './growable.ts';

/**
 * Every metadata key is indexed: vectra keeps indexed keys in the index itself and writes the
 * others to one extra file per item, which at newsroom sizes means thousands of small files.
 */
export const INDEXED_METADATA = ['article', 'chunk', 'published', 'outlet'];

/**
 * vectra's binary codec: vectors as packed float32, so the file is 2.6 times smaller than the
 * JSON codec's and is written faster (measured in docs/vector-store.md).
 */
export function vectraCodec(): IndexCodec {
  return new ProtobufCodec();
}

/**
 * Most passages the vectra store takes. Its query is a JavaScript loop over one object per
 * passage: measured against the flat store, a whole answer takes 2.5 to 2.8 times as long at
 * 9,229 passages and 4.3 to 6.3 times at 37,435, which puts it past the 50 ms a question is
 * given between 22,000 and 32,000 passages (docs/vector-store.md).
 */
export const VECTRA_MAX_PASSAGES = 20_000;

/** What `npm run bench` measured for the vectra store at 4x BBC, against the flat store (docs/vector-store.md). */
export const VECTRA_MEASURED = { passages: 37_435, writeSeconds: 4.6, answerRatio: 4.3 };

/**
 * Counts passages as a refresh reads the corpus and stops the read as soon as they pass the
 * vectra store's limit, so a corpus too large for it is refused within seconds, before the rest
 * is cleaned and anything is embedded.
 */
export class VectraLimit {
  private passages = 0;
  private articles = 0;

  constructor(private readonly limit = VECTRA_MAX_PASSAGES) {}

  /** Adds one article's passages, of a corpus of `files` files; throws CONFIG_INVALID past the limit. */
  add(passages: number, files: number): void {
    this.passages += passages;
    this.articles++;
    if (this.passages <= this.limit) return;
    const n = (value: number) => value.toLocaleString('en');
    // The passages so far, scaled to every file, to three figures.
    const estimate = Number(((this.passages * Math.max(files, this.articles)) / this.articles).toPrecision(3));
    throw new NewsdeskError(
      'CONFIG_INVALID',
      `VECTOR_STORE: the corpus has about ${n(Math.max(estimate, this.passages))} passages (${n(this.passages)} in the first ${n(this.articles)} of its ${n(files)} files), ` +
        `more than the vectra store's limit of ${n(this.limit)} (measured at ${n(VECTRA_MEASURED.passages)} passages: ${VECTRA_MEASURED.writeSeconds} s to write its index ` +
        `and ${VECTRA_MEASURED.answerRatio} times as long as the flat store to answer, growing with the count). Set VECTOR_STORE=flat in .env for a corpus this size. Nothing was changed.`,
    );
  }
}

/**
 * Builds a vectra LocalIndex in one pass: vectors are collected as float32, then every item
 * (id `article#chunk`, its metadata, its vector and norm) is written once by vectra's codec into
 * the file LocalIndex reads. vectra's own insertItem and batchInsertItems check each new id
 * with a linear search, which makes a build quadratic (22.7 s for 37,435 items).
 */
export class VectraStoreWriter implements DenseStoreWriter {
  private readonly vectors = new Growable<Float32Array>(Float32Array, 1 << 16);
  private readonly passages: StoredPassage[] = [];

  constructor(
    private readonly folder: string,
    private readonly dims: number,
    private readonly codec: IndexCodec = vectraCodec(),
  ) {}

  async add(passages: readonly StoredPassage[], vectors: Float32Array): Promise<void> {
    for (const passage of passages) this.passages.push(passage);
    this.vectors.append(vectors);
  }

  async finish(): Promise<void> {
    const all = this.vectors.view();
    const items: IndexItem[] = this.passages.map((metadata, i) => {
      const vector = Array.from(all.subarray(i * this.dims, (i + 1) * this.dims));
      return { id: `${metadata.article}#${metadata.chunk}`, metadata, vector, norm: ItemSelector.normalize(vector) };
    });
    await mkdir(this.folder, { recursive: true });
    await writeFlushed(path.join(this.folder, `index${this.codec.extension}`), this.codec.serializeIndex({ version: 1, metadata_config: { indexed: INDEXED_METADATA }, items }));
  }

  async discard(): Promise<void> {}
}

/** A loaded vectra index and the row of each item (its place in the version's chunk order). */
interface Loaded {
  items: IndexItem[];
  rowOf: Map<string, number>;
}

/** The vectra store: a LocalIndex per version, queried with queryItems and its metadata filters. */
export class VectraStore implements DenseStore {
  readonly kind = 'vectra';
  private loading: Promise<Loaded> | null = null;

  private constructor(
    private readonly index: LocalIndex,
    private readonly dims: number,
    private readonly idOf: (row: number) => string,
    private readonly size: number,
  ) {}

  /**
   * Opens and loads the LocalIndex in `folder` for `size` passages whose ids are `idOf(row)`;
   * throws unless its items are exactly those passages, in order, with vectors of `dims`. It is
   * loaded whole even for a refresh that only copies rows: vectra reads its index in one piece,
   * and a damaged one must be found while the refresh can still rebuild from scratch.
   */
  static async open(folder: string, dims: number, size: number, idOf: (row: number) => string, codec: IndexCodec = vectraCodec()): Promise<VectraStore> {
    const index = new LocalIndex(folder, undefined, undefined, codec);
    if (!(await index.isIndexCreated())) throw new Error(`the vectra index ${path.basename(folder)}/${index.indexName} is missing`);
    const store = new VectraStore(index, dims, idOf, size);
    await store.loaded();
    return store;
  }

  private loaded(): Promise<Loaded> {
    this.loading ??= this.index.listItems().then((items) => {
      if (items.length !== this.size) throw new Error(`the vectra index holds ${items.length} items for ${this.size} chunks`);
      const rowOf = new Map<string, number>();
      items.forEach((item, row) => {
        if (item.id !== this.idOf(row) || item.vector.length !== this.dims) throw new Error(`vectra item ${row} is ${item.id} with ${item.vector.length} dimensions where chunk ${this.idOf(row)} with ${this.dims} was expected`);
        rowOf.set(item.id, row);
      });
      return { items, rowOf };
    });
    return this.loading;
  }

  async nearest(query: readonly number[], k: number, filter?: PassageFilter): Promise<RowScore[]> {
    const { rowOf } = await this.loaded();
    if (k <= 0) return [];
    const results = await this.index.queryItems(query as number[], '', k + TIE_MARGIN, toMetadataFilter(filter) ?? undefined);
    return bestRows(
      results.map(({ item, score }) => ({ row: rowOf.get(item.id)!, score })),
      k,
    );
  }

  async rows(first: number, count: number): Promise<Float32Array> {
    const { items } = await this.loaded();
    const rows = new Float32Array(count * this.dims);
    for (let i = 0; i < count; i++) rows.set(items[first + i]!.vector, i * this.dims);
    return rows;
  }
}
