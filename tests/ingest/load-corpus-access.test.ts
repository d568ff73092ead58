import { chmod, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadCorpus, type LoadedCorpus } from '../../src/ingest/load-corpus.ts';
import { otherUserRunner, runAsNobody } from '../fixtures/core/as-other-user.ts';
import { generatedArticle, makeTempDir, removeTempDirs, writeFiles } from '../fixtures/core/fakes.ts';

// Only readdir is replaced, and only where a test says so; everything else is the real file system.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const mocked = { ...real, readdir: vi.fn(real.readdir) };
  return { ...mocked, default: mocked };
});

const runner = otherUserRunner();
let corpus: string;
beforeEach(async () => {
  corpus = await makeTempDir('newsdesk-access-');
  await writeFiles(corpus, { 'ok.txt': generatedArticle(1), 'c/locked/inner.txt': generatedArticle(2), 'c/open.txt': generatedArticle(3) });
});
afterEach(async () => {
  vi.mocked(readdir).mockRestore();
  await chmod(path.join(corpus, 'c/locked'), 0o755).catch(() => {});
  await removeTempDirs();
});

function expectLockedFolderSkipped(loaded: Pick<LoadedCorpus, 'skipped'> & { articles: string[] }): void {
  expect(loaded.articles).toEqual(['c/open', 'ok']);
  expect(loaded.skipped).toEqual([{ file: 'c/locked/', reason: 'unreadable folder (EACCES: permission denied); its files were not read', kind: 'unreadable' }]);
}

describe('loadCorpus and an unreadable subfolder', () => {
  it('GIVEN listing a subfolder fails with EACCES THEN it is skipped with the reason and the rest is read', async () => {
    const real = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    vi.mocked(readdir).mockImplementation((async (folder: string, options: unknown) => {
      if (String(folder).endsWith(`${path.sep}locked`)) throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(folder)}'`), { code: 'EACCES' });
      return real.readdir(folder, options as never);
    }) as never);
    const loaded = await loadCorpus(corpus, { maxFileBytes: 1024 * 1024 });
    expectLockedFolderSkipped({ ...loaded, articles: loaded.articles.map((a) => a.id) });
  });

  it.skipIf(runner.how === null)(`GIVEN a folder with mode 000, read by a user who is not root THEN it is skipped with the reason${runner.how === null ? ` (skipped: ${runner.why})` : ''}`, async () => {
    await chmod(corpus, 0o755);
    await chmod(path.dirname(corpus), 0o755).catch(() => {});
    await chmod(path.join(corpus, 'c/locked'), 0o000);
    if (runner.how === 'self') {
      const loaded = await loadCorpus(corpus, { maxFileBytes: 1024 * 1024 });
      expectLockedFolderSkipped({ ...loaded, articles: loaded.articles.map((a) => a.id) });
      return;
    }
    const tmpDir = await makeTempDir('newsdesk-nobody-');
    await chmod(tmpDir, 0o777);
    const child = runAsNobody(path.resolve(import.meta.dirname, '../fixtures/core/load-corpus-child.ts'), [corpus], tmpDir);
    expect(child.stderr).toBe('');
    expectLockedFolderSkipped(JSON.parse(child.stdout));
  });
});
