import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Embedder, EmbedderInfo } from '../embed/embedder.ts';
import type { Chunk } from '../ingest/article.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { unitVector } from './dense-search.ts';
import { passageForEmbedding } from './passage.ts';

const MAGIC = 'newsdesk-embeddings-1\n';
const KEY_BYTES = 32;

/** sha256 of a passage's text: what a vector is stored under. */
function keyOf(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

/**
 * Vectors already computed by one model, by the sha256 of the passage text they came from,
 * kept in `<indexDir>/embeddings/` apart from any index version. A passage whose text and
 * model are unchanged is never embedded again: not when its article changes elsewhere, not
 * when the chunk settings move other passages, not when the index is rebuilt in another
 * format or store. File: a magic line, a JSON header line (model id, dimensions, count), then
 * per entry 32 bytes of hash and `dimensions` float32 little-endian.
 */
export class EmbeddingCache {
  readonly #file: string;
  readonly #info: EmbedderInfo;
  readonly #rows = new Map<string, Float32Array>();
  /** Entries written by `save`: every passage of the version being built. */
  readonly #kept = new Map<string, Float32Array>();

  private constructor(file: string, info: EmbedderInfo) {
    this.#file = file;
    this.#info = info;
  }

  /**
   * The cache of `info`'s model in `indexDir`; empty when there is none or it cannot be read.
   * Null for the offline embedder: it takes microseconds a passage, less than reading a cache.
   */
  static async open(indexDir: string, info: EmbedderInfo): Promise<EmbeddingCache | null> {
    if (info.offline) return null;
    const name = createHash('sha256').update(`${info.id}\n${info.dimensions}`).digest('hex').slice(0, 24);
    const cache = new EmbeddingCache(path.join(indexDir, 'embeddings', `${name}.bin`), info);
    let bytes: Buffer;
    try {
      bytes = await readFile(cache.#file);
    } catch {
      return cache;
    }
    cache.#read(bytes);
    return cache;
  }

  /**
   * Unit vectors of `texts`, in order: stored ones where the text is known, the rest from
   * `embedder` in one call. All are kept for the version being built.
   */
  async vectorsFor(embedder: Embedder, texts: readonly string[]): Promise<Float32Array[]> {
    const keys = texts.map(keyOf);
    const vectors = keys.map((key) => this.#rows.get(key));
    const missing = vectors.flatMap((vector, i) => (vector ? [] : [i]));
    const embedded = await embedder.embedPassages(missing.map((i) => texts[i]!));
    missing.forEach((i, n) => (vectors[i] = unitVector(embedded[n]!)));
    keys.forEach((key, i) => this.#kept.set(key, vectors[i]!));
    return vectors as Float32Array[];
  }

  /** Keeps the stored vectors of an unchanged article's chunks (`vectors` holds them end to end). */
  keepStored(article: { title: string; text: string }, chunks: readonly Pick<Chunk, 'startPos' | 'endPos'>[], vectors: Float32Array): void {
    const dims = this.#info.dimensions;
    chunks.forEach((chunk, row) => {
      const passage = passageForEmbedding(article.title, { text: article.text.slice(chunk.startPos, chunk.endPos) });
      this.#kept.set(keyOf(passage), vectors.subarray(row * dims, (row + 1) * dims));
    });
  }

  /** Replaces the file with the kept entries: the passages of the new version, nothing older. */
  async save(): Promise<void> {
    const dims = this.#info.dimensions;
    const header = Buffer.from(`${MAGIC}${JSON.stringify({ model: this.#info.id, dimensions: dims, count: this.#kept.size })}\n`);
    const entry = KEY_BYTES + dims * 4;
    const body = Buffer.alloc(this.#kept.size * entry);
    let offset = 0;
    for (const [key, vector] of this.#kept) {
      Buffer.from(key, 'base64').copy(body, offset);
      const floats = Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
      floats.copy(body, offset + KEY_BYTES);
      offset += entry;
    }
    await mkdir(path.dirname(this.#file), { recursive: true });
    await writeFileAtomic(this.#file, Buffer.concat([header, body]));
  }

  /** Loads the entries of `bytes`; a file of another model or a damaged one is ignored whole. */
  #read(bytes: Buffer): void {
    if (bytes.subarray(0, MAGIC.length).toString() !== MAGIC) return;
    const headerEnd = bytes.indexOf(0x0a, MAGIC.length);
    if (headerEnd < 0) return;
    let header: { model?: unknown; dimensions?: unknown; count?: unknown };
    try {
      header = JSON.parse(bytes.subarray(MAGIC.length, headerEnd).toString());
    } catch {
      return;
    }
    const dims = this.#info.dimensions;
    const entry = KEY_BYTES + dims * 4;
    const count = Number(header.count);
    if (header.model !== this.#info.id || header.dimensions !== dims || bytes.length - headerEnd - 1 !== count * entry) return;
    // One copy, at offset 0, so every row (32 + 4·dims bytes from the start) is float32-aligned.
    const body = new Uint8Array(bytes.subarray(headerEnd + 1));
    for (let i = 0; i < count; i++) {
      const start = i * entry;
      const key = Buffer.from(body.buffer, body.byteOffset + start, KEY_BYTES).toString('base64');
      this.#rows.set(key, new Float32Array(body.buffer, start + KEY_BYTES, dims));
    }
  }
}
