import { LazyFile } from './lazy-file.ts';

/** Where one article's text lies in the texts file. */
export interface TextSpan {
  /** Byte offset of its UTF-8 text. */
  start: number;
  bytes: number;
  /** Its length in UTF-16 code units, as offsets into it count. */
  length: number;
}

/** Decoded texts kept per version: the articles of the last few questions. */
const CACHED_TEXTS = 256;

/**
 * The article texts of one version, read from its texts file by offset when a question needs
 * one: loading a version costs nothing per article, and memory holds only recent texts.
 */
export class ArticleTexts {
  private readonly file: LazyFile;
  private readonly cache = new Map<number, string>();

  constructor(path: string) {
    this.file = new LazyFile(path);
  }

  /** The text of article number `key` at `span`; throws when the file does not hold it as recorded. */
  read(key: number, span: TextSpan): string {
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      // Map order is insertion order: re-inserting marks it as recently used.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const bytes = this.file.read(span.start, span.bytes);
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    if (text.length !== span.length) {
      throw new Error(`${this.file.path} does not hold the article recorded at bytes ${span.start}–${span.start + span.bytes}`);
    }
    this.cache.set(key, text);
    if (this.cache.size > CACHED_TEXTS) this.cache.delete(this.cache.keys().next().value!);
    return text;
  }
}
