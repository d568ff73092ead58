import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isNewsdeskError } from '../../src/errors.ts';
import * as atomicFile from '../../src/store/atomic-file.ts';
import { IndexReader } from '../../src/store/index-reader.ts';
import { BUILDING_PREFIX, layout } from '../../src/store/layout.ts';
import { refreshIndex } from '../../src/store/refresh.ts';
import { readCurrentVersion } from '../../src/store/version-files.ts';
import { FakeEmbedder, generatedArticle, makeTempDir, removeTempDirs, writeFiles } from '../fixtures/core/fakes.ts';

// Writes go through writeFileAtomic; a test can make one of them fail as a full disk would.
vi.mock('../../src/store/atomic-file.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/store/atomic-file.ts')>();
  return { ...real, writeFileAtomic: vi.fn(real.writeFileAtomic) };
});

let root: string;
let corpusDir: string;
let indexDir: string;
beforeEach(async () => {
  root = await makeTempDir('newsdesk-disk-');
  corpusDir = path.join(root, 'corpus');
  indexDir = path.join(root, 'index');
  await writeFiles(corpusDir, { 'a.txt': generatedArticle(1), 'b.txt': generatedArticle(2) });
});
afterEach(async () => {
  vi.mocked(atomicFile.writeFileAtomic).mockRestore();
  await removeTempDirs();
});

const refresh = (extra: { corpusDir?: string; indexDir?: string; allowEmpty?: boolean } = {}) =>
  refreshIndex({ corpusDir, indexDir, maxFileBytes: 1024 * 1024, embedder: new FakeEmbedder(), startedBy: 'test', ...extra });

const noSpace = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

/** The index answers from `version` with `articles` articles, and nothing else is left in it. */
async function expectServing(dir: string, version: string, articles: number): Promise<void> {
  expect(await readCurrentVersion(dir)).toBe(version);
  expect((await new IndexReader(dir).current()).articles.size).toBe(articles);
  expect((await readdir(layout.versions(dir))).filter((name) => name.startsWith(BUILDING_PREFIX))).toEqual([]);
  expect(await readdir(dir)).not.toContain('refresh.lock');
}

describe('a refresh that cannot write its new version', () => {
  it.each([
    ['the disk is full', noSpace, /no space left on the device holding .*index\. Free some space/],
    ['the folder is read-only', () => Object.assign(new Error('EROFS'), { code: 'EROFS' }), /is on a read-only file system/],
    ['permission is denied', () => Object.assign(new Error('EACCES'), { code: 'EACCES' }), /permission denied in .*index\. Give this user write access/],
  ])('GIVEN %s THEN INDEX_WRITE_FAILED naming INDEX_DIR, the old index serves, no build folder is left, and the next refresh succeeds', async (_name, failure, words) => {
    const first = await refresh();
    await writeFile(path.join(corpusDir, 'c.txt'), generatedArticle(3));
    // The third write of the new version (articles.json) fails.
    const real = vi.mocked(atomicFile.writeFileAtomic).getMockImplementation()!;
    let writes = 0;
    vi.mocked(atomicFile.writeFileAtomic).mockImplementation(async (file, data) => {
      if (++writes === 3) throw failure();
      return real(file, data);
    });
    const error = await refresh().catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'INDEX_WRITE_FAILED')).toBe(true);
    expect((error as Error).message).toContain(`The index in INDEX_DIR (${indexDir}) could not be written`);
    expect((error as Error).message).toMatch(words);
    expect((error as Error).message).toContain('The index in use, if any, is unchanged.');
    await expectServing(indexDir, first.version!, 2);

    vi.mocked(atomicFile.writeFileAtomic).mockImplementation(real);
    const next = await refresh();
    expect(next).toMatchObject({ articles: 3, added: 1 });
    await expectServing(indexDir, next.version!, 3);
  });

  it('GIVEN switching CURRENT fails THEN the new version folder is removed and the old one serves', async () => {
    const first = await refresh();
    await writeFile(path.join(corpusDir, 'c.txt'), generatedArticle(3));
    const real = vi.mocked(atomicFile.writeFileAtomic).getMockImplementation()!;
    vi.mocked(atomicFile.writeFileAtomic).mockImplementation(async (file, data) => {
      if (path.basename(file) === 'CURRENT') throw noSpace();
      return real(file, data);
    });
    await expect(refresh()).rejects.toThrow(/no space left on the device/);
    expect(await readdir(layout.versions(indexDir))).toEqual([first.version]);
    await expectServing(indexDir, first.version!, 2);
  });

  it('GIVEN INDEX_DIR is a file THEN INDEX_WRITE_FAILED says it is not a folder', async () => {
    await writeFile(path.join(root, 'plain-file'), 'x');
    const error = await refresh({ indexDir: path.join(root, 'plain-file') }).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'INDEX_WRITE_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(/plain-file \(or a folder above it\) is a file, not a folder\. Point INDEX_DIR at a folder/);
  });
});

// A real full disk: a 1 MiB tmpfs. Mounting needs root (CAP_SYS_ADMIN); elsewhere the injected
// ENOSPC above covers the same path.
// Its own folder each run, unmounted lazily at the end, so no run leaves a mount behind even
// when a file on it is still open.
const mountPoint = await mkdtemp(path.join(tmpdir(), 'newsdesk-tiny-fs-'));
const mounted = await (async () => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'not root on Linux';
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'newsdesk-test', mountPoint], { encoding: 'utf8' });
  return result.status === 0 ? true : `mount refused: ${(result.stderr || String(result.error)).trim()}`;
})();
afterAll(async () => {
  if (mounted === true) spawnSync('umount', ['-l', mountPoint]);
  await rm(mountPoint, { recursive: true, force: true });
});

describe('a refresh on a real full disk', () => {
  it.skipIf(mounted !== true)(`GIVEN a 1 MiB file system filled by a big corpus THEN the old index serves and the next refresh with space succeeds${mounted === true ? '' : ` (skipped: ${mounted})`}`, async () => {
    const small = path.join(mountPoint, `index-${process.pid}`);
    await rm(small, { recursive: true, force: true });
    const first = await refresh({ indexDir: small });
    // About 60 articles of text, stored twice (articles and vectors), do not fit in what is left.
    const big = path.join(root, 'big');
    await cp(corpusDir, big, { recursive: true });
    await writeFiles(big, Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`n${i}.txt`, generatedArticle(100 + i, 40)])));
    const error = await refresh({ indexDir: small, corpusDir: big }).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'INDEX_WRITE_FAILED')).toBe(true);
    expect((error as Error).message).toContain(`no space left on the device holding ${small}`);
    await expectServing(small, first.version!, 2);

    const next = await refresh({ indexDir: small });
    expect(next.articles).toBe(2);
    await rm(small, { recursive: true, force: true });
  });
});

describe('a refresh that finds no article', () => {
  it('GIVEN an empty corpus folder over a full index THEN it refuses, naming the folder and the count, and changes nothing', async () => {
    const first = await refresh();
    const empty = path.join(root, 'empty');
    await mkdir(empty);
    const error = await refresh({ corpusDir: empty }).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'CORPUS_EMPTY')).toBe(true);
    expect((error as Error).message).toBe(
      `The corpus folder ${empty} has no article files, so this refresh would remove all 2 articles from the index. Nothing was changed. ` +
        'If the folder is on a volume that is not mounted or CORPUS_DIR is mistyped, fix that; to empty the index on purpose, run `npm run ingest -- --allow-empty`.',
    );
    await expectServing(indexDir, first.version!, 2);
  });

  it('GIVEN only skipped files THEN the refusal says how many were skipped', async () => {
    await refresh();
    const junk = path.join(root, 'junk');
    await writeFiles(junk, { 'x.pdf': 'x', 'empty.txt': '' });
    await expect(refresh({ corpusDir: junk })).rejects.toThrow(/has no article among 2 files \(all skipped\), so this refresh would remove all 2 articles/);
  });

  it('GIVEN allowEmpty THEN the index is emptied', async () => {
    await refresh();
    const empty = path.join(root, 'empty');
    await mkdir(empty);
    const result = await refresh({ corpusDir: empty, allowEmpty: true });
    expect(result).toMatchObject({ articles: 0, removed: 2 });
    await expectServing(indexDir, result.version!, 0);
  });

  it('GIVEN an empty corpus and no index yet THEN the first build goes ahead (nothing to remove)', async () => {
    const empty = path.join(root, 'empty');
    await mkdir(empty);
    await expect(refresh({ corpusDir: empty })).resolves.toMatchObject({ articles: 0, removed: 0 });
  });
});
