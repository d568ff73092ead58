import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LocalIndex } from 'vectra';
import type { ArticleMeta, Chunk } from '../ingest/article.ts';
import { NewsdeskError } from '../errors.ts';
import { KeywordIndex, type KeywordIndexData, type TermCounts } from './keyword-index.ts';
import { layout } from './layout.ts';
import { IndexFormatError, parseManifest, type Manifest } from './manifest.ts';
import { unpackSentences, type PackedSentences, type TaggedSentence } from '../text/tags.ts';

/** An article as stored in an index version: metadata, cleaned text, and when it was embedded. */
export interface StoredArticle extends ArticleMeta {
  text: string;
  indexedAt: string;
}

/** A chunk as stored: positions only; its text is cut from the article on load. */
export type StoredChunk = Omit<Chunk, 'text'>;

/** Metadata vectra keeps with each vector: enough to find the chunk again. */
export type VectorMetadata = { article: string; chunk: string };

/** A cosine match from the vector index. */
export interface DenseHit {
  id: string;
  score: number;
}

/** One complete index version, fully in memory and ready for queries. */
export interface IndexVersion {
  name: string;
  manifest: Manifest;
  articles: ReadonlyMap<string, StoredArticle>;
  chunks: ReadonlyMap<string, Chunk>;
  /** BM25 over the chunks; its postings are built on first use. */
  readonly keywords: KeywordIndex;
  /** The persisted term counts by chunk id, for reuse by the next refresh. */
  termCounts(): TermCounts;
  /** The `limit` chunks nearest to `vector` by cosine, best first; `article` limits to one article. */
  dense(vector: number[], limit: number, article?: string): Promise<DenseHit[]>;
  /** An article's sentences with their tags, in text order; empty for an unknown id. */
  sentences(article: string): readonly TaggedSentence[];
  /** An article's sentences as stored, for reuse by the next refresh. */
  packedSentences(article: string): PackedSentences | undefined;
  /** Every stored vector by chunk id, for reuse by the next refresh. */
  vectors(): Promise<Map<string, number[]>>;
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

/** Throws unless the chunk's offsets are whole numbers that cut a non-empty passage of its article. */
function checkOffsets(chunk: StoredChunk, article: StoredArticle): void {
  const { startPos, endPos } = chunk;
  if (typeof article.text !== 'string') throw new Error(`article ${article.id} has no text`);
  if (!Number.isInteger(startPos) || !Number.isInteger(endPos) || startPos < 0 || endPos <= startPos || endPos > article.text.length) {
    throw new Error(`chunk ${chunk.id} has offsets ${JSON.stringify(startPos)}–${JSON.stringify(endPos)} outside its article (${article.text.length} characters) in chunks.json`);
  }
}

/**
 * Loads a version folder completely (manifest, articles, chunks, keyword postings, vectors)
 * before returning, so no query ever sees part of it. Throws NewsdeskError `INDEX_CORRUPT`.
 */
export async function loadIndexVersion(versionDir: string, name: string): Promise<IndexVersion> {
  try {
    const manifest = parseManifest(await readJson(layout.manifest(versionDir)));
    const storedArticles = (await readJson(layout.articles(versionDir))) as StoredArticle[];
    const storedChunks = (await readJson(layout.chunks(versionDir))) as StoredChunk[];
    const keywordData = (await readJson(layout.keywords(versionDir))) as KeywordIndexData;
    const packed = (await readJson(layout.sentences(versionDir))) as Record<string, PackedSentences>;
    if (!packed || typeof packed !== 'object') throw new Error('sentences.json is not an object');
    // Decoded per article when a question first needs it: a question reads a handful.
    const decoded = new Map<string, readonly TaggedSentence[]>();
    if (keywordData.ids?.length !== keywordData.counts?.length) throw new Error('keyword index ids and counts differ in length');
    let keywords: KeywordIndex | null = null;
    const articles = new Map(storedArticles.map((article) => [article.id, article]));
    const chunks = new Map<string, Chunk>();
    for (const chunk of storedChunks) {
      const article = articles.get(chunk.article);
      if (!article) throw new Error(`chunk ${chunk.id} names unknown article ${chunk.article}`);
      checkOffsets(chunk, article);
      chunks.set(chunk.id, { ...chunk, text: article.text.slice(chunk.startPos, chunk.endPos) });
    }
    const index = new LocalIndex<VectorMetadata>(layout.vectors(versionDir));
    // Reading the stats loads index.json into memory now rather than on the first question.
    const stats = await index.getIndexStats();
    if (stats.items !== chunks.size) {
      throw new Error(`vector index holds ${stats.items} items for ${chunks.size} chunks`);
    }
    return {
      name,
      manifest,
      articles,
      chunks,
      // A refresh only needs the counts; postings are built when a question needs them.
      get keywords() {
        return (keywords ??= new KeywordIndex(keywordData));
      },
      termCounts() {
        return new Map(keywordData.ids.map((id, i) => [id, keywordData.counts[i]!]));
      },
      async dense(vector, limit, article) {
        const filter = article === undefined ? undefined : { article: { $eq: article } };
        const results = await index.queryItems(vector, '', limit, filter);
        return results.map(({ item, score }) => ({ id: item.metadata.chunk, score }));
      },
      sentences(article) {
        let sentences = decoded.get(article);
        if (!sentences) {
          const record = Object.hasOwn(packed, article) ? packed[article] : undefined;
          sentences = record ? unpackSentences(record) : [];
          decoded.set(article, sentences);
        }
        return sentences;
      },
      packedSentences(article) {
        return Object.hasOwn(packed, article) ? packed[article] : undefined;
      },
      async vectors() {
        const items = await index.listItems();
        return new Map(items.map((item) => [item.metadata.chunk, item.vector]));
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
