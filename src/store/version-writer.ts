import { mkdir, rename, rm } from 'node:fs/promises';
import type { ArticleMeta } from '../ingest/article.ts';
import type { PackedSentences } from '../text/tags.ts';
import { concatBytes, FileAppender } from './binary-file.ts';
import { syncFolder, writeFileAtomic } from './atomic-file.ts';
import { storedPassage, type DenseStoreWriter, type VectorStoreKind } from './dense-store.ts';
import { FlatStoreWriter } from './flat-store.ts';
import { Growable } from './growable.ts';
import { countTerms, KeywordBuilder, type KeywordIndex } from './keyword-index.ts';
import { BUILDING_PREFIX, layout } from './layout.ts';
import type { Manifest } from './manifest.ts';
import { passageForEmbedding } from './passage.ts';
import type { ArticleRecord, KeywordFile } from './records.ts';
import { VectraStoreWriter } from './vectra-store.ts';
import { indexWriteFailed, isFsError } from './write-error.ts';

/** One article as a new version stores it. */
export interface VersionArticle {
  article: ArticleMeta & { text: string; indexedAt: string };
  /** Its chunks in order (chunk i has index i), as offsets into its text. */
  chunks: readonly { startPos: number; endPos: number }[];
  /** One unit vector per chunk, row after row. */
  vectors: Float32Array;
  sentences: PackedSentences;
  /**
   * Where these chunks' keyword postings are in the index of an earlier version (its docs
   * `firstDoc` onwards), to copy rather than tokenise the chunks again.
   */
  keywordsFrom?: { index: KeywordIndex; firstDoc: number };
}

/** Version names sort in build order. */
function newVersionName(): string {
  return `v${new Date().toISOString().replace(/[-:.TZ]/g, '')}-${process.pid}`;
}

/** The writer of `store`'s files in a version folder. */
async function denseWriter(store: VectorStoreKind, folder: string, dims: number): Promise<DenseStoreWriter> {
  return store === 'flat' ? FlatStoreWriter.create(layout.vectors(folder)) : new VectraStoreWriter(layout.vectra(folder), dims);
}

/**
 * Writes a new version article by article in a `.building-` folder: texts, sentences and the
 * flat store's vectors go to disk as they come, so a build's memory does not grow with them;
 * positions, postings and the vectra store's vectors stay in typed arrays until `commit` (vectra's
 * index is one file, written by its codec). `commit` writes the rest, flushes, renames
 * the folder into place and only then points `CURRENT` at it, so a crash at any step leaves
 * `CURRENT` naming a complete version. A write that fails (disk full, read-only, permissions)
 * removes what was written and throws NewsdeskError `INDEX_WRITE_FAILED` naming INDEX_DIR.
 */
export class VersionWriter {
  private readonly records: ArticleRecord[] = [];
  private readonly positions = new Growable<Uint32Array>(Uint32Array, 1 << 14);
  private readonly keywords = new KeywordBuilder();
  private sentenceInts = 0;
  private folder: string;

  private constructor(
    private readonly indexDir: string,
    readonly name: string,
    private readonly dims: number,
    private readonly store: VectorStoreKind,
    private readonly texts: FileAppender,
    private readonly vectors: DenseStoreWriter,
    private readonly sentences: FileAppender,
  ) {
    this.folder = layout.version(indexDir, `${BUILDING_PREFIX}${name}`);
  }

  /** Opens a build folder for vectors of `dims` dimensions, kept in `store`. */
  static async start(indexDir: string, dims: number, store: VectorStoreKind): Promise<VersionWriter> {
    const name = newVersionName();
    const building = layout.version(indexDir, `${BUILDING_PREFIX}${name}`);
    const opened: (FileAppender | DenseStoreWriter)[] = [];
    try {
      await mkdir(building, { recursive: true });
      const texts = await FileAppender.create(layout.texts(building));
      opened.push(texts);
      const sentences = await FileAppender.create(layout.sentences(building));
      opened.push(sentences);
      const vectors = await denseWriter(store, building, dims);
      return new VersionWriter(indexDir, name, dims, store, texts, vectors, sentences);
    } catch (cause) {
      for (const file of opened) await file.discard();
      await rm(building, { recursive: true, force: true }).catch(() => {});
      throw isFsError(cause) ? indexWriteFailed(indexDir, cause) : cause;
    }
  }

  /** Chunks added so far. */
  get chunks(): number {
    return this.positions.length / 2;
  }

  async add(entry: VersionArticle): Promise<void> {
    const { article, chunks, vectors, sentences } = entry;
    if (vectors.length !== chunks.length * this.dims) {
      await this.abandon();
      throw new Error(`article ${article.id} has ${vectors.length / this.dims} vectors for ${chunks.length} chunks`);
    }
    await this.guard(async () => {
      const text = Buffer.from(article.text, 'utf8');
      const textStart = this.texts.bytes;
      await this.texts.append(text);
      await this.vectors.add(
        chunks.map((_, i) => storedPassage(article, i)),
        vectors,
      );
      const packed = new Growable<Int32Array>(Int32Array, 256);
      for (const record of sentences) {
        packed.push(record.length);
        packed.append(record);
      }
      await this.sentences.append(packed.view());
      const { text: _text, ...meta } = article;
      this.records.push({
        ...meta,
        chunks: chunks.length,
        text: { start: textStart, bytes: text.length, length: article.text.length },
        sentences: [this.sentenceInts, packed.length],
      });
      this.sentenceInts += packed.length;
      chunks.forEach((chunk, i) => {
        this.positions.push(chunk.startPos);
        this.positions.push(chunk.endPos);
        // Keyword search sees what the embedder sees: the headline with each passage.
        if (entry.keywordsFrom) this.keywords.copy(entry.keywordsFrom.index, entry.keywordsFrom.firstDoc + i);
        else this.keywords.add(countTerms(passageForEmbedding(article.title, { text: article.text.slice(chunk.startPos, chunk.endPos) })));
      });
    });
  }

  /** Writes what is left, moves the version into place and makes it current; returns its name. */
  async commit(manifest: Omit<Manifest, 'version' | 'store'>): Promise<string> {
    const done = layout.version(this.indexDir, this.name);
    const postings = this.keywords.finish();
    const keywordFile: KeywordFile = { format: 2, terms: [...postings.terms], docs: postings.lengths.length, postings: postings.docs.length };
    const full: Manifest = { ...manifest, version: this.name, store: this.store };
    await this.guard(async () => {
      await this.texts.close();
      await this.vectors.finish();
      await this.sentences.close();
      await writeFileAtomic(layout.articles(this.folder), JSON.stringify(this.records));
      await writeFileAtomic(layout.chunks(this.folder), concatBytes([this.positions.view()]));
      await writeFileAtomic(layout.keywords(this.folder), JSON.stringify(keywordFile));
      await writeFileAtomic(layout.postings(this.folder), concatBytes([postings.starts, postings.docs, postings.lengths, postings.counts]));
      await writeFileAtomic(layout.manifest(this.folder), JSON.stringify(full, null, 2));
      await rename(this.folder, done);
      this.folder = done;
      await syncFolder(layout.versions(this.indexDir));
      await writeFileAtomic(layout.current(this.indexDir), `${this.name}\n`);
    });
    return this.name;
  }

  /** Removes the build; `CURRENT` still names the old version. */
  async abandon(): Promise<void> {
    for (const file of [this.texts, this.vectors, this.sentences]) await file.discard();
    await rm(this.folder, { recursive: true, force: true }).catch(() => {});
  }

  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (cause) {
      await this.abandon();
      throw isFsError(cause) ? indexWriteFailed(this.indexDir, cause) : cause;
    }
  }
}
