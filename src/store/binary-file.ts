import { open, type FileHandle } from 'node:fs/promises';

/**
 * The whole of `file` as a typed array of `Type` with its own buffer (offset 0, which native
 * kernels such as usearch's expect). Throws when the file's size is not a whole number of
 * elements or differs from `expected` elements.
 */
export async function readTypedFile<T extends Float32Array | Uint32Array | Int32Array>(
  file: string,
  Type: { new (length: number): T; BYTES_PER_ELEMENT: number },
  expected?: number,
): Promise<T> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size % Type.BYTES_PER_ELEMENT !== 0 || (expected !== undefined && size !== expected * Type.BYTES_PER_ELEMENT)) {
      const want = expected === undefined ? `a multiple of ${Type.BYTES_PER_ELEMENT}` : `${expected * Type.BYTES_PER_ELEMENT}`;
      throw new Error(`${file.split(/[\\/]/u).pop()} holds ${size} bytes where ${want} were expected`);
    }
    const array = new Type(size / Type.BYTES_PER_ELEMENT);
    const bytes = new Uint8Array(array.buffer);
    let read = 0;
    while (read < size) {
      // Reads of at most 1 GiB: larger ones are refused by some kernels.
      const { bytesRead } = await handle.read(bytes, read, Math.min(size - read, 1 << 30), read);
      if (bytesRead === 0) throw new Error(`${file} ended early`);
      read += bytesRead;
    }
    return array;
  } finally {
    await handle.close();
  }
}

/** The bytes of typed arrays laid end to end, for one binary file of several sections. */
export function concatBytes(parts: readonly ArrayBufferView[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), at);
    at += part.byteLength;
  }
  return out;
}

/**
 * An append-only file written through a large buffer: a build streams texts and vectors to
 * disk as it goes, so they never all sit in memory. `close` flushes it to disk.
 */
export class FileAppender {
  private readonly buffer: Buffer;
  private used = 0;
  /** Bytes appended so far. */
  bytes = 0;

  private constructor(
    private readonly handle: FileHandle,
    size: number,
  ) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  static async create(file: string, bufferBytes = 4 << 20): Promise<FileAppender> {
    return new FileAppender(await open(file, 'w'), bufferBytes);
  }

  async append(data: ArrayBufferView): Promise<void> {
    let bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.bytes += bytes.length;
    while (bytes.length > 0) {
      const n = Math.min(bytes.length, this.buffer.length - this.used);
      this.buffer.set(bytes.subarray(0, n), this.used);
      this.used += n;
      bytes = bytes.subarray(n);
      if (this.used === this.buffer.length) await this.flush();
    }
  }

  /** Flushes and syncs to disk, then closes. */
  async close(): Promise<void> {
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
  }

  /** Closes without caring for the content: the build is being abandoned. */
  async discard(): Promise<void> {
    await this.handle.close().catch(() => {});
  }

  private async flush(): Promise<void> {
    let written = 0;
    while (written < this.used) {
      const { bytesWritten } = await this.handle.write(this.buffer, written, this.used - written);
      written += bytesWritten;
    }
    this.used = 0;
  }
}
