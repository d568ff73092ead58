import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchCorpus, type CorpusWatcher } from '../../src/corpus/watch-corpus.ts';
import { makeTempDir, removeTempDirs } from '../fixtures/core/fakes.ts';

let corpusDir: string;
let watcher: CorpusWatcher | null = null;

beforeEach(async () => {
  corpusDir = path.join(await makeTempDir('newsdesk-watch-'), 'corpus');
  await mkdir(path.join(corpusDir, 'desk'), { recursive: true });
});
afterEach(async () => {
  watcher?.close();
  watcher = null;
  await removeTempDirs();
});

/** Resolves once `test` holds, checking every 20 ms; fails after 10 s. */
async function until(test: () => boolean): Promise<void> {
  for (let waited = 0; !test(); waited += 20) {
    if (waited > 10_000) throw new Error('condition not met in 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchCorpus', () => {
  it('GIVEN a burst of 50 files THEN one refresh after the changes settle (at most two)', async () => {
    let refreshes = 0;
    // The quiet period is long beside the time 50 small writes take, even on a loaded machine.
    watcher = watchCorpus(corpusDir, { quietMs: 1000, refresh: async () => (refreshes++, true), onError: (e) => { throw e; } });
    await Promise.all(Array.from({ length: 50 }, (_, n) => writeFile(path.join(corpusDir, 'desk', `${n}.txt`), `article ${n}`)));
    await until(() => refreshes >= 1);
    await settle(1500);
    expect(refreshes).toBeGreaterThanOrEqual(1);
    expect(refreshes).toBeLessThanOrEqual(2);
  });

  it('GIVEN a change during a refresh THEN exactly one more refresh runs after it', async () => {
    let refreshes = 0;
    let release: () => void = () => {};
    watcher = watchCorpus(corpusDir, {
      quietMs: 100,
      refresh: () => {
        refreshes++;
        return new Promise((resolve) => (release = () => resolve(true)));
      },
      onError: () => {},
    });
    await writeFile(path.join(corpusDir, 'a.txt'), 'a');
    await until(() => refreshes === 1);
    await writeFile(path.join(corpusDir, 'b.txt'), 'b');
    await writeFile(path.join(corpusDir, 'c.txt'), 'c');
    await settle(300);
    expect(refreshes).toBe(1);
    release();
    await until(() => refreshes === 2);
    release();
    await settle(400);
    expect(refreshes).toBe(2);
  });

  it('GIVEN changes only under hidden paths (uploads being written, .removed/) THEN no refresh', async () => {
    let refreshes = 0;
    watcher = watchCorpus(corpusDir, { quietMs: 100, refresh: async () => (refreshes++, true), onError: () => {} });
    await mkdir(path.join(corpusDir, '.removed', 'x'), { recursive: true });
    await writeFile(path.join(corpusDir, '.removed', 'x', 'a.txt'), 'a');
    await writeFile(path.join(corpusDir, '.upload-1234'), 'b');
    await settle(500);
    expect(refreshes).toBe(0);
  });

  it('GIVEN a refresh that could not run (another holds the lock) THEN it is tried again', async () => {
    let attempts = 0;
    watcher = watchCorpus(corpusDir, { quietMs: 100, refresh: async () => ++attempts >= 2, onError: () => {} });
    await writeFile(path.join(corpusDir, 'a.txt'), 'a');
    await until(() => attempts === 2);
    await settle(400);
    expect(attempts).toBe(2);
  });

  it('GIVEN a folder that does not exist THEN the error is reported, not thrown', () => {
    const errors: unknown[] = [];
    watcher = watchCorpus(path.join(corpusDir, 'nowhere'), { quietMs: 100, refresh: async () => true, onError: (e) => errors.push(e) });
    expect(errors).toHaveLength(1);
  });
});
