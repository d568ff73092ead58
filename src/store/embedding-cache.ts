import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmbedderInfo } from '../embed/embedder.ts';
import { writeFileAtomic } from './atomic-file.ts';

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
  /** Rows found here instead of embedded, since opening. */
  hits = 0;

  private constructor(file: string, info: EmbedderInfo) {
    this.#file = file;
    this.#info = info;
  }

  /** The cache of `info`'s model in `indexDir`; empty when there is none or it cannot be read. */
  static async open(indexDir: string, info: EmbedderInfo): Promise<EmbeddingCache> {
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

  /** The stored vector of `text`, counted as a hit, or undefined. */
  get(text: string): Float32Array | undefined {
    const row = this.#rows.get(keyOf(text));
    if (row) this.hits++;
    return row;
  }

  /** Records `vector` as the embedding of `text`, a passage of the version being built. */
  keep(text: string, vector: Float32Array): void {
    this.#kept.set(keyOf(text), vector);
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
