/** What the index knows of one article, without its text. */
export interface ArticleMeta {
  /** Path relative to the corpus folder, without extension, with `/` separators: `business/001`. */
  id: string;
  /** Path relative to the corpus folder, with extension. */
  file: string;
  title: string;
  /** The publication that ran the story (e.g. "Hindustan Times"), null when the page does not say. */
  outlet: string | null;
  /** The wire agency for a syndicated story (IANS, AP, ANI, Reuters...), null otherwise. */
  agency: string | null;
  /** Who wrote it, as the page names them ("Jane Doe and John Roe"); null when it names no one. */
  byline: string | null;
  /** Publication date stated by the page, `YYYY-MM-DD`; null when the page states none. */
  published: string | null;
  /** Words in the cleaned text. */
  words: number;
  /** sha256 hex of the cleaned text and metadata: equal hashes mean nothing to re-embed. */
  hash: string;
}

/** An article after cleaning: `text` is the body that chunks and quotes are cut from. */
export interface Article extends ArticleMeta {
  text: string;
}

/** A passage of an article; `text === article.text.slice(startPos, endPos)`. */
export interface Chunk {
  /** `${article}#${index}` */
  id: string;
  article: string;
  /** Position of the chunk within its article, from 0. */
  index: number;
  text: string;
  /** Offsets into the article's cleaned text, in UTF-16 code units; endPos exclusive. */
  startPos: number;
  endPos: number;
}
