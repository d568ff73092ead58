import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadIndexVersion, type StoredVersion } from '../../src/store/index-version.ts';
import { layout } from '../../src/store/layout.ts';
import { refreshIndex } from '../../src/store/refresh.ts';
import { readCurrentVersion } from '../../src/store/version-files.ts';
import { FakeEmbedder, generatedArticle, makeTempDir, removeTempDirs, writeFiles } from '../fixtures/core/fakes.ts';

/** Which tagger the refresh runs: the real one, or one that finds nothing (standing for older tagging code). */
const tagger = vi.hoisted(() => ({ empty: false }));
vi.mock('../../src/ingest/tag.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/ingest/tag.ts')>();
  return { tagSentences: (text: string) => actual.tagSentences(text).map((sentence) => (tagger.empty ? { ...sentence, tags: [] } : sentence)) };
});

let corpusDir: string;
let indexDir: string;

beforeEach(async () => {
  const root = await makeTempDir('newsdesk-retag-');
  corpusDir = path.join(root, 'corpus');
  indexDir = path.join(root, 'index');
  await writeFiles(corpusDir, { 'desk/000.txt': generatedArticle(0), 'desk/001.txt': generatedArticle(1) });
  tagger.empty = true;
  await refreshIndex({ corpusDir, indexDir, maxFileBytes: 1024 * 1024, embedder: new FakeEmbedder(), startedBy: 'test' });
  tagger.empty = false;
});
afterEach(removeTempDirs);

async function current(): Promise<StoredVersion> {
  const name = (await readCurrentVersion(indexDir))!;
  return loadIndexVersion(layout.version(indexDir, name), name);
}

const tagCount = (version: StoredVersion) => [...version.articles.keys()].reduce((sum, id) => sum + version.sentences(id).reduce((n, sentence) => n + sentence.tags.length, 0), 0);

describe('refreshIndex and the tagger', () => {
  it('GIVEN unchanged articles under the same cleaning fingerprint THEN their stored tags are kept', async () => {
    await refreshIndex({ corpusDir, indexDir, maxFileBytes: 1024 * 1024, embedder: new FakeEmbedder(), startedBy: 'test' });
    expect(tagCount(await current())).toBe(0);
  });

  it('GIVEN a version tagged under another fingerprint THEN every article is tagged again, nothing embedded', async () => {
    const name = (await readCurrentVersion(indexDir))!;
    const manifestFile = layout.manifest(layout.version(indexDir, name));
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, unknown>;
    await writeFile(manifestFile, JSON.stringify({ ...manifest, cleanedBy: 'older tagging code' }));
    const result = await refreshIndex({ corpusDir, indexDir, maxFileBytes: 1024 * 1024, embedder: new FakeEmbedder(), startedBy: 'test' });
    expect(result.embedded).toBe(0);
    expect(result.version).not.toBe(name);
    expect(tagCount(await current())).toBeGreaterThan(0);
  });
});
