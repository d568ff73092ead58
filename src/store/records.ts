import type { ArticleMeta } from '../ingest/article.ts';
import type { TextSpan } from './article-texts.ts';

/** One line of `articles.json`: an article's metadata and where its parts lie in the other files. */
export interface ArticleRecord extends ArticleMeta {
  /** ISO timestamp of the refresh that embedded this content. */
  indexedAt: string;
  /** Its chunks, which follow those of the articles before it in `chunks.bin` and in the vector store. */
  chunks: number;
  text: TextSpan;
  /** Offset and length, in int32 units, of its sentences in `sentences.bin`. */
  sentences: [number, number];
}

/** The content of `keywords.json`: the vocabulary, and section sizes of `keywords.bin`. */
export interface KeywordFile {
  format: 2;
  terms: string[];
  /** Chunks (docs) indexed. */
  docs: number;
  /** Postings in all. */
  postings: number;
}
