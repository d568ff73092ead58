import { closeSync, openSync, readSync } from 'node:fs';

const closeOnCollect = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});

/**
 * A file of an index version read by offset, on demand. It is opened on the first read and
 * stays open for the life of this object (closed when it is collected), so a refresh that
 * later deletes the version folder does not pull the file from under a question in progress.
 */
export class LazyFile {
  private fd: number | null = null;

  constructor(readonly path: string) {}

  /** `bytes` bytes at `position`; throws when the file is shorter. */
  read(position: number, bytes: number, into: Uint8Array = Buffer.allocUnsafe(bytes)): Uint8Array {
    if (this.fd === null) {
      this.fd = openSync(this.path, 'r');
      closeOnCollect.register(this, this.fd);
    }
    let read = 0;
    while (read < bytes) {
      const n = readSync(this.fd, into, read, bytes - read, position + read);
      if (n === 0) throw new Error(`${this.path} ends before byte ${position + bytes}`);
      read += n;
    }
    return into;
  }
}
