import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isNewsdeskError } from '../../src/errors.ts';
import { IndexReader } from '../../src/store/index-reader.ts';
import { layout } from '../../src/store/layout.ts';
import { INDEX_FORMAT } from '../../src/store/manifest.ts';
import { refreshIndex } from '../../src/store/refresh.ts';
import { FakeEmbedder, generatedArticle, makeTempDir, removeTempDirs, writeFiles } from '../fixtures/core/fakes.ts';

/** A corpus of two articles and a place for its index. */
async function twoArticles(): Promise<{ corpusDir: string; indexDir: string }> {
  const root = await makeTempDir('newsdesk-format-');
  await writeFiles(path.join(root, 'corpus'), { 'a.txt': generatedArticle(1), 'b.txt': generatedArticle(2) });
  return { corpusDir: path.join(root, 'corpus'), indexDir: path.join(root, 'index') };
}

let corpusDir: string;
let indexDir: string;
beforeEach(async () => ({ corpusDir, indexDir } = await twoArticles()));
afterEach(removeTempDirs);

const refresh = (embedder: FakeEmbedder, warnings: string[] = []) =>
  refreshIndex({ corpusDir, indexDir, maxFileBytes: 1 << 20, embedder, startedBy: 'test', onWarning: (message) => warnings.push(message) });

/**
 * Rewrites the current version as format 2 wrote it: the same manifest (same article hashes, so
 * a reader that skipped the format check would reuse everything) over JSON files of the old
 * layout, and none of the binary files of this format.
 */
async function downgradeToFormat2(): Promise<string> {
  const name = (await readFile(layout.current(indexDir), 'utf8')).trim();
  const old = path.join(indexDir, 'versions', 'v2-old');
  const manifest = JSON.parse(await readFile(layout.manifest(layout.version(indexDir, name)), 'utf8')) as Record<string, unknown>;
  await mkdir(path.join(old, 'vectors'), { recursive: true });
  await writeFile(path.join(old, 'manifest.json'), JSON.stringify({ ...manifest, format: 2, version: 'v2-old' }));
  await writeFile(path.join(old, 'articles.json'), '[]');
  await writeFile(path.join(old, 'chunks.json'), '[]');
  await writeFile(path.join(old, 'keywords.json'), JSON.stringify({ format: 1, ids: [], counts: [] }));
  await writeFile(path.join(old, 'sentences.json'), '{}');
  await writeFile(path.join(old, 'vectors', 'index.json'), JSON.stringify({ version: 1, metadata_config: {}, items: [] }));
  await writeFile(layout.current(indexDir), 'v2-old\n');
  return 'v2-old';
}

describe('an index version written by the previous format', () => {
  it('GIVEN format 2 is current THEN readers get INDEX_OUTDATED, and the next refresh rebuilds every article in this format', async () => {
    const embedder = new FakeEmbedder();
    const first = await refresh(embedder);
    const old = await downgradeToFormat2();

    const error = await new IndexReader(indexDir).current().catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'INDEX_OUTDATED')).toBe(true);
    expect((error as Error).message).toContain(old);

    embedder.reset();
    const warnings: string[] = [];
    const rebuilt = await refresh(embedder, warnings);
    expect(warnings.join('\n')).toMatch(/out of date.*Building a new index from scratch/su);
    // Nothing was reused from the old version: every chunk is embedded again.
    expect(rebuilt).toMatchObject({ articles: 2, added: 2, unchanged: 0, embedded: first.chunks });
    expect(embedder.passages).toHaveLength(first.chunks);
    const version = await new IndexReader(indexDir).current();
    expect(version.manifest.format).toBe(INDEX_FORMAT);
    expect(version.chunks.size).toBe(first.chunks);
    expect(version.keywords.search('district', 5).length).toBeGreaterThan(0);
  });
});
