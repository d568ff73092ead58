import { appendFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadIndexVersion, type StoredVersion } from '../../src/store/index-version.ts';
import { layout } from '../../src/store/layout.ts';
import { refreshIndex, type RefreshOptions } from '../../src/store/refresh.ts';
import { readCurrentVersion } from '../../src/store/version-files.ts';
import { FakeEmbedder, generatedArticle, makeTempDir, removeTempDirs, writeFiles } from '../fixtures/core/fakes.ts';

let corpusDir: string;
let indexDir: string;

beforeEach(async () => {
  const root = await makeTempDir('newsdesk-embedding-cache-');
  corpusDir = path.join(root, 'corpus');
  indexDir = path.join(root, 'index');
  await writeFiles(corpusDir, { 'a.txt': generatedArticle(1, 12), 'b.txt': generatedArticle(2, 12) });
});
afterEach(removeTempDirs);

const model = (id = 'model:a') => new FakeEmbedder({ id, offline: false });
const refresh = (embedder: FakeEmbedder, extra: Partial<RefreshOptions> = {}) =>
  refreshIndex({ corpusDir, indexDir, maxFileBytes: 1 << 20, embedder, startedBy: 'test', batchSize: 4, ...extra });

async function current(): Promise<StoredVersion> {
  const name = (await readCurrentVersion(indexDir))!;
  return loadIndexVersion(layout.version(indexDir, name), name);
}

async function vectorsByChunk(): Promise<Map<string, number[]>> {
  const version = await current();
  const vectors = await version.vectors();
  return new Map([...version.chunks.keys()].map((id) => [id, [...vectors.get(id)!]]));
}

describe('the embedding cache', () => {
  it('GIVEN an index rebuilt from nothing (another store or format) THEN no passage is embedded again and the vectors are the same', async () => {
    const first = model();
    const built = await refresh(first);
    expect(first.passages).toHaveLength(built.chunks);
    const before = await vectorsByChunk();
    // Everything an index version holds is gone; the cache beside it is not.
    await rm(layout.versions(indexDir), { recursive: true });
    await rm(layout.current(indexDir));
    const second = model();
    const rebuilt = await refresh(second);
    expect(rebuilt.chunks).toBe(built.chunks);
    expect(second.passages).toEqual([]);
    const after = await vectorsByChunk();
    for (const [id, vector] of before) after.get(id)!.forEach((x, i) => expect(x).toBeCloseTo(vector[i]!, 6));
  });

  it('GIVEN a paragraph added at the end of an article THEN only the passages whose text changed are embedded', async () => {
    await refresh(model());
    const chunksOfA = [...(await current()).chunks.values()].filter((chunk) => chunk.article === 'a').length;
    expect(chunksOfA).toBeGreaterThan(3);
    await appendFile(path.join(corpusDir, 'a.txt'), '\nThe council added one last sentence to the report on Friday.\n');
    const again = model();
    const result = await refresh(again);
    expect(result.changed).toBe(1);
    expect(again.passages.length).toBeGreaterThan(0);
    expect(again.passages.length).toBeLessThan(chunksOfA);
    expect(again.passages.every((text) => text.includes('one last sentence'))).toBe(true);
  });

  it('GIVEN another model THEN its passages are all embedded: vectors are kept per model', async () => {
    const built = await refresh(model('model:a'));
    const other = model('model:b');
    await refresh(other);
    expect(other.passages).toHaveLength(built.chunks);
    expect((await readdir(path.join(indexDir, 'embeddings'))).length).toBe(2);
  });

  it('GIVEN a damaged cache file THEN it is ignored: everything is embedded and the index is right', async () => {
    const built = await refresh(model());
    const [file] = await readdir(path.join(indexDir, 'embeddings'));
    await writeFile(path.join(indexDir, 'embeddings', file!), 'newsdesk-embeddings-1\n{"model":"model:a","dimensions":8,"count":99}\nshort');
    await rm(layout.versions(indexDir), { recursive: true });
    await rm(layout.current(indexDir));
    const again = model();
    await refresh(again);
    expect(again.passages).toHaveLength(built.chunks);
  });

  it('GIVEN the offline embedder THEN no cache is written: embedding is cheaper than reading one', async () => {
    await refresh(new FakeEmbedder());
    await expect(readdir(path.join(indexDir, 'embeddings'))).rejects.toThrow();
  });
});
