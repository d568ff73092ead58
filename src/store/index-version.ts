import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleMeta, Chunk } from '../ingest/article.ts';
import { NewsdeskError } from '../errors.ts';
import { unpackSentences, type PackedSentences, type TaggedSentence } from '../text/tags.ts';
import { ArticleTexts } from './article-texts.ts';
import { readTypedFile } from './binary-file.ts';
import { ChunkTable } from './chunk-table.ts';
import { storedPassage, type DenseStore, type PassageFilter } from './dense-store.ts';
import { FlatStore } from './flat-store.ts';
import { KeywordIndex } from './keyword-index.ts';
import { layout } from './layout.ts';
import { IndexFormatError, parseManifest, type Manifest } from './manifest.ts';
import type { ArticleRecord, KeywordFile } from './records.ts';
import { VectraStore } from './vectra-store.ts';

/** An article as stored in an index version: metadata, cleaned text, and when it was embedded. */
export interface StoredArticle extends ArticleMeta {
  /** Read from disk on first use (see ArticleTexts). */
  text: string;
  indexedAt: string;
}

/** A cosine match from the vector store. */
export interface DenseHit {
  id: string;
  score: number;
}

/** One complete index version, ready for queries. */
export interface IndexVersion {
  name: string;
  manifest: Manifest;
  articles: ReadonlyMap<string, StoredArticle>;
  chunks: ReadonlyMap<string, Chunk>;
  /** BM25 over the chunks. */
  readonly keywords: KeywordIndex;
  /** The `limit` chunks nearest to `vector` by cosine that pass `filter`, best first (equal scores in chunk order). */
  dense(vector: number[], limit: number, filter?: PassageFilter): Promise<DenseHit[]>;
  /** An article's sentences with their tags, in text order; empty for an unknown id. */
  sentences(article: string): readonly TaggedSentence[];
  /** An article's sentences as stored, for reuse by the next refresh. */
  packedSentences(article: string): PackedSentences | undefined;
  /** Every stored vector by chunk id: a copy of them all, for tools and tests. */
  vectors(): Promise<Map<string, number[]>>;
}

/** What a refresh reuses of the version it replaces, beyond what questions need. */
export interface StoredVersion extends IndexVersion {
  readonly chunks: ChunkTable;
  /** The chunk numbers of an article (its rows in the vectors, its docs in `keywords`). */
  chunkRange(article: string): { first: number; count: number } | undefined;
  /** Rows `first` to `first + count - 1` of the vectors, read from disk unless loaded. */
  vectorRows(first: number, count: number): Promise<Float32Array>;
}

export interface LoadOptions {
  /**
   * `memory` (default) reads every vector now, for dense search; `disk` lets the flat store read
   * rows when asked, for a refresh that only copies them (the vectra store is read whole).
   */
  vectors?: 'memory' | 'disk';
}

/** The parsed content of `file`; a parse error names the file, so the operator knows which. */
async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path.basename(file)} is not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/** Throws unless `records` are article records whose parts lie inside the files. */
function checkRecords(records: unknown, textBytes: number, sentenceInts: number): asserts records is ArticleRecord[] {
  if (!Array.isArray(records)) throw new Error('articles.json is not a list');
  for (const record of records as Partial<ArticleRecord>[]) {
    const { text, sentences } = record;
    if (typeof record.id !== 'string' || !isCount(record.chunks) || !text || !isCount(text.start) || !isCount(text.bytes) || !isCount(text.length) || text.start + text.bytes > textBytes) {
      throw new Error(`article ${JSON.stringify(record.id)} in articles.json is malformed or lies outside texts.utf8`);
    }
    if (!Array.isArray(sentences) || !isCount(sentences[0]) || !isCount(sentences[1]) || sentences[0] + sentences[1] > sentenceInts) {
      throw new Error(`article ${record.id} has sentences outside sentences.bin`);
    }
  }
}

/** Throws unless every chunk cuts a non-empty passage of its article. */
function checkOffsets(table: ChunkTable, positions: Uint32Array, records: readonly ArticleRecord[]): void {
  for (let n = 0; n < table.size; n++) {
    const startPos = positions[2 * n]!;
    const endPos = positions[2 * n + 1]!;
    const length = records[table.articleOf[n]!]!.text.length;
    if (endPos <= startPos || endPos > length) {
      throw new Error(`chunk ${table.idOf(n)} has offsets ${startPos}–${endPos} outside its article (${length} characters) in chunks.bin`);
    }
  }
}

/** The postings of `keywords.bin`, as views of one buffer read whole. */
async function readPostings(versionDir: string, file: KeywordFile, chunks: number) {
  if (file?.format !== 2 || !Array.isArray(file.terms) || !isCount(file.docs) || !isCount(file.postings)) throw new Error('keywords.json is not a keyword vocabulary');
  if (file.docs !== chunks) throw new Error(`keyword index holds ${file.docs} chunks for ${chunks}`);
  const terms = file.terms.length;
  const words = terms + 1 + file.postings + file.docs;
  const bytes = new Uint8Array(await readFile(layout.postings(versionDir)));
  const expected = words * 4 + file.postings * 2;
  if (bytes.byteLength !== expected) throw new Error(`keywords.bin holds ${bytes.byteLength} bytes where ${expected} were expected`);
  // A copy aligned for uint32 views: readFile's buffer may start anywhere in a shared pool.
  const buffer = bytes.byteOffset % 4 === 0 ? bytes.buffer : bytes.slice().buffer;
  const at = bytes.byteOffset % 4 === 0 ? bytes.byteOffset : 0;
  const starts = new Uint32Array(buffer, at, terms + 1);
  const docs = new Uint32Array(buffer, at + (terms + 1) * 4, file.postings);
  const lengths = new Uint32Array(buffer, at + (terms + 1 + file.postings) * 4, file.docs);
  const counts = new Uint16Array(buffer, at + words * 4, file.postings);
  if (starts[terms] !== file.postings) throw new Error('keywords.bin postings do not add up');
  return { terms: file.terms, starts, docs, counts, lengths };
}

/** Packed sentences of `length` int32 at `start`: each record preceded by its length. */
function sentencesAt(ints: Int32Array, start: number, length: number): PackedSentences {
  const records: PackedSentences = [];
  for (let i = start; i < start + length; ) {
    const size = ints[i]!;
    if (size < 0 || i + 1 + size > start + length) throw new Error('malformed sentence records in sentences.bin');
    records.push(Array.from(ints.subarray(i + 1, i + 1 + size)));
    i += 1 + size;
  }
  return records;
}

/**
 * Loads a version folder: everything a question needs is read and checked before returning,
 * except article texts, which are read by offset when used. Throws NewsdeskError
 * `INDEX_CORRUPT`, or `INDEX_OUTDATED` for a version of another format (whose files are then
 * not read at all).
 */
export async function loadIndexVersion(versionDir: string, name: string, options: LoadOptions = {}): Promise<StoredVersion> {
  try {
    const manifest = parseManifest(await readJson(layout.manifest(versionDir)));
    const dims = manifest.embedder.dimensions;
    const sentenceInts = await readTypedFile(layout.sentences(versionDir), Int32Array);
    const textBytes = (await stat(layout.texts(versionDir))).size;
    const records = await readJson(layout.articles(versionDir));
    checkRecords(records, textBytes, sentenceInts.length);
    const positions = await readTypedFile(layout.chunks(versionDir), Uint32Array);
    const texts = new ArticleTexts(layout.texts(versionDir));
    const textOf = (i: number) => texts.read(i, records[i]!.text);
    const table = new ChunkTable(records, positions, textOf);
    if (positions.length !== table.size * 2) throw new Error(`chunks.bin holds ${positions.length / 2} chunks where articles.json counts ${table.size}`);
    checkOffsets(table, positions, records);
    const postings = await readPostings(versionDir, (await readJson(layout.keywords(versionDir))) as KeywordFile, table.size);
    const keywords = new KeywordIndex(postings, (doc) => table.idOf(doc));
    const mode = options.vectors ?? 'memory';
    const store: DenseStore =
      manifest.store === 'flat'
        ? await FlatStore.open(
            layout.vectors(versionDir),
            dims,
            records.map((record, i) => ({ first: table.firstChunk[i]!, count: record.chunks, passage: storedPassage(record, 0) })),
            mode,
          )
        : await VectraStore.open(layout.vectra(versionDir), dims, table.size, (row) => table.idOf(row));

    const articles = new Map<string, StoredArticle>();
    records.forEach((record, i) => {
      const { text: _span, chunks: _chunks, sentences: _sentences, ...meta } = record;
      const article = { ...meta } as StoredArticle;
      Object.defineProperty(article, 'text', { enumerable: true, get: () => textOf(i) });
      articles.set(record.id, article);
    });
    const recordIndex = new Map(records.map((record, i) => [record.id, i]));
    // Decoded per article when a question first needs it: a question reads a handful.
    const decoded = new Map<string, readonly TaggedSentence[]>();
    const packedOf = (article: string): PackedSentences | undefined => {
      const i = recordIndex.get(article);
      if (i === undefined) return undefined;
      const [start, length] = records[i]!.sentences;
      return sentencesAt(sentenceInts, start, length);
    };

    return {
      name,
      manifest,
      articles,
      chunks: table,
      keywords,
      chunkRange: (article) => table.rangeOf(article),
      vectorRows: (first, count) => store.rows(first, count),
      async dense(vector, limit, filter) {
        const found = await store.nearest(vector, limit, filter);
        return found.map(({ row, score }) => ({ id: table.idOf(row), score }));
      },
      sentences(article) {
        let sentences = decoded.get(article);
        if (!sentences) {
          const packed = packedOf(article);
          sentences = packed ? unpackSentences(packed) : [];
          decoded.set(article, sentences);
        }
        return sentences;
      },
      packedSentences: packedOf,
      async vectors() {
        const rows = await store.rows(0, table.size);
        return new Map(Array.from({ length: table.size }, (_, n) => [table.idOf(n), Array.from(rows.subarray(n * dims, (n + 1) * dims))]));
      },
    };
  } catch (cause) {
    if (cause instanceof NewsdeskError) throw cause;
    if (cause instanceof IndexFormatError) {
      throw new NewsdeskError('INDEX_OUTDATED', `The index version ${name} is out of date: ${cause.message}. Run the ingest (or /refresh) to rebuild it.`, { cause });
    }
    throw new NewsdeskError('INDEX_CORRUPT', `The index version ${name} cannot be read: ${(cause as Error).message}. Run the ingest again.`, { cause });
  }
}
