import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isNewsdeskError } from '../../src/errors.ts';
import { loadIndexVersion, type IndexVersion, type StoredVersion } from '../../src/store/index-version.ts';
import { BUILDING_PREFIX, layout } from '../../src/store/layout.ts';
import { passageForEmbedding } from '../../src/store/passage.ts';
import { refreshIndex, type RefreshOptions } from '../../src/store/refresh.ts';
import { RefreshBusyError } from '../../src/store/refresh-lock.ts';
import { readCurrentVersion } from '../../src/store/version-files.ts';
import { FakeEmbedder, generatedArticle, makeTempDir, removeTempDirs, writeFiles } from '../fixtures/core/fakes.ts';

const ARTICLES = 6;
let corpusDir: string;
let indexDir: string;

beforeEach(async () => {
  const root = await makeTempDir('newsdesk-refresh-');
  corpusDir = path.join(root, 'corpus');
  indexDir = path.join(root, 'index');
  const files: Record<string, string> = {};
  for (let n = 0; n < ARTICLES; n++) files[`desk/${String(n).padStart(3, '0')}.txt`] = generatedArticle(n);
  await writeFiles(corpusDir, files);
});
afterEach(removeTempDirs);

function refresh(embedder: FakeEmbedder, extra: Partial<RefreshOptions> = {}) {
  return refreshIndex({ corpusDir, indexDir, maxFileBytes: 1024 * 1024, embedder, startedBy: 'test', batchSize: 4, ...extra });
}

async function currentVersion(): Promise<StoredVersion> {
  const name = await readCurrentVersion(indexDir);
  expect(name).not.toBeNull();
  return loadIndexVersion(layout.version(indexDir, name!), name!);
}

const chunksOf = (version: IndexVersion, article: string) => [...version.chunks.values()].filter((c) => c.article === article);
const versionFolders = async () => (await readdir(layout.versions(indexDir))).sort();

describe('refreshIndex', () => {
  it('GIVEN an empty index THEN the first build embeds every chunk and switches CURRENT', async () => {
    const embedder = new FakeEmbedder();
    const progress: [number, number][] = [];
    const result = await refresh(embedder, { onProgress: (done, total) => progress.push([done, total]) });
    const version = await currentVersion();
    expect(result).toMatchObject({ articles: ARTICLES, added: ARTICLES, changed: 0, unchanged: 0, removed: 0, embedder: 'fake:v1', version: version.name });
    expect(result.chunks).toBe(version.chunks.size);
    expect(result.embedded).toBe(version.chunks.size);
    expect(embedder.passages).toHaveLength(version.chunks.size);
    expect(version.articles.size).toBe(ARTICLES);
    expect(progress.at(-1)).toEqual([version.chunks.size, version.chunks.size]);
    // No lock or build folder left behind.
    expect(await readdir(indexDir)).not.toContain('refresh.lock');
    expect((await versionFolders()).some((v) => v.startsWith(BUILDING_PREFIX))).toBe(false);
  });

  it('GIVEN nothing changed THEN a second run embeds nothing and writes no new version', async () => {
    const embedder = new FakeEmbedder();
    const first = await refresh(embedder);
    const folders = await versionFolders();
    embedder.reset();
    const second = await refresh(embedder);
    expect(second).toMatchObject({ embedded: 0, unchanged: ARTICLES, added: 0, changed: 0, removed: 0, version: first.version, chunks: first.chunks });
    expect(embedder.passages).toEqual([]);
    expect(embedder.calls).toBe(0);
    expect(await versionFolders()).toEqual(folders);
    expect(await readCurrentVersion(indexDir)).toBe(first.version);
  });

  it('GIVEN one edited article THEN only its chunks are embedded and the others keep their vectors and dates', async () => {
    const embedder = new FakeEmbedder();
    await refresh(embedder);
    const before = await currentVersion();
    const beforeVectors = await before.vectors();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await writeFile(path.join(corpusDir, 'desk/002.txt'), generatedArticle(2).replace('district 14', 'district 99'));
    embedder.reset();

    const result = await refresh(embedder);
    const after = await currentVersion();
    expect(result).toMatchObject({ changed: 1, unchanged: ARTICLES - 1, added: 0, removed: 0 });
    expect(after.name).not.toBe(before.name);
    const edited = chunksOf(after, 'desk/002');
    expect(result.embedded).toBe(edited.length);
    expect(embedder.passages).toEqual(edited.map((c) => passageForEmbedding(after.articles.get('desk/002')!.title, c)));
    expect(after.articles.get('desk/002')!.text).toContain('district 99');
    expect(after.articles.get('desk/002')!.indexedAt).not.toBe(before.articles.get('desk/002')!.indexedAt);

    const afterVectors = await after.vectors();
    for (const id of ['desk/000', 'desk/001', 'desk/003']) {
      expect(after.articles.get(id)!.indexedAt).toBe(before.articles.get(id)!.indexedAt);
      for (const chunk of chunksOf(after, id)) expect(afterVectors.get(chunk.id)).toEqual(beforeVectors.get(chunk.id));
    }
  });

  it('GIVEN one edited article THEN the keyword index counts its new words, not its old ones, and keeps the others', async () => {
    const embedder = new FakeEmbedder();
    await refresh(embedder);
    const before = await currentVersion();
    await writeFile(path.join(corpusDir, 'desk/002.txt'), `${generatedArticle(2)}\nThe quartermaster inspected the zeppelin hangar.\n`);
    await refresh(embedder);
    const after = await currentVersion();
    const hits = after.keywords.search('quartermaster zeppelin', 5);
    expect(hits.map((hit) => after.chunks.get(hit.id)?.article)).toEqual(['desk/002']);
    expect(after.keywords.size).toBe(after.chunks.size);
    // A chunk's terms and counts, read back from the postings.
    const termsOf = (version: typeof after, id: string) => {
      const { termOf, countOf, start, end } = version.keywords.termsOfDoc(version.chunks.numberOf(id)!);
      return Object.fromEntries(Array.from({ length: end - start }, (_, i) => [version.keywords.termAt(termOf[start + i]!), countOf[start + i]!]));
    };
    for (const chunk of chunksOf(after, 'desk/004')) expect(termsOf(after, chunk.id)).toEqual(termsOf(before, chunk.id));
  });

  it('GIVEN one deleted article THEN its chunks leave the index without any embedding', async () => {
    const embedder = new FakeEmbedder();
    await refresh(embedder);
    await rm(path.join(corpusDir, 'desk/004.txt'));
    embedder.reset();
    const result = await refresh(embedder);
    const after = await currentVersion();
    expect(result).toMatchObject({ removed: 1, embedded: 0, articles: ARTICLES - 1, unchanged: ARTICLES - 1 });
    expect(embedder.calls).toBe(0);
    expect(after.articles.has('desk/004')).toBe(false);
    expect(chunksOf(after, 'desk/004')).toEqual([]);
    expect(after.manifest.articles['desk/004']).toBeUndefined();
    expect((await after.vectors()).size).toBe(after.chunks.size);
    expect(after.keywords.size).toBe(after.chunks.size);
  });

  it('GIVEN one new article THEN only its chunks are embedded', async () => {
    const embedder = new FakeEmbedder();
    await refresh(embedder);
    await writeFiles(corpusDir, { 'late/100.txt': generatedArticle(100) });
    embedder.reset();
    const result = await refresh(embedder);
    const after = await currentVersion();
    expect(result).toMatchObject({ added: 1, unchanged: ARTICLES, articles: ARTICLES + 1 });
    expect(result.embedded).toBe(chunksOf(after, 'late/100').length);
    expect(embedder.passages.every((p) => p.includes('item 100-0') || p.includes('item 100-'))).toBe(true);
  });

  it.each([
    ['another embedder id', { embedder: new FakeEmbedder({ id: 'fake:v2' }) }],
    ['other embedder dimensions', { embedder: new FakeEmbedder({ dimensions: 16 }) }],
    ['other chunk settings', { embedder: new FakeEmbedder(), chunker: { maxWords: 40, overlapWords: 10 } }],
  ])('GIVEN %s THEN every article is embedded again, with a warning', async (_name, change) => {
    await refresh(new FakeEmbedder());
    const warnings: string[] = [];
    const result = await refresh(change.embedder, { ...('chunker' in change ? { chunker: change.chunker } : {}), onWarning: (m) => warnings.push(m) });
    const after = await currentVersion();
    expect(result.embedded).toBe(after.chunks.size);
    expect(change.embedder.passages).toHaveLength(after.chunks.size);
    expect(after.manifest.embedder).toEqual(change.embedder.info);
    expect(warnings.join('\n')).toMatch(/re-embedding every article/);
  });

  it('GIVEN two concurrent refreshes THEN one fails with REFRESH_BUSY and the other completes', async () => {
    const [a, b] = await Promise.allSettled([refresh(new FakeEmbedder({ delayMs: 5 })), refresh(new FakeEmbedder({ delayMs: 5 }))]);
    const outcomes = [a, b].map((r) => r.status).sort();
    expect(outcomes).toEqual(['fulfilled', 'rejected']);
    const rejected = [a, b].find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(rejected.reason).toBeInstanceOf(RefreshBusyError);
    expect(isNewsdeskError(rejected.reason, 'REFRESH_BUSY')).toBe(true);
    expect((rejected.reason as RefreshBusyError).holder.startedBy).toBe('test');
    expect((await currentVersion()).articles.size).toBe(ARTICLES);
  });

  it('GIVEN a build THEN embedded texts carry the title while chunk texts (what is quoted) do not', async () => {
    const embedder = new FakeEmbedder();
    await refresh(embedder);
    const version = await currentVersion();
    const byText = new Set(embedder.passages);
    for (const chunk of version.chunks.values()) {
      const title = version.articles.get(chunk.article)!.title;
      expect(title).toMatch(/^Council report number \d+ on the \w+$/);
      expect(byText.has(`${title}\n\n${chunk.text}`)).toBe(true);
      expect(chunk.text).not.toContain(title);
      expect(chunk.text).toBe(version.articles.get(chunk.article)!.text.slice(chunk.startPos, chunk.endPos));
    }
    expect(passageForEmbedding('Headline', { text: 'Body.' })).toBe('Headline\n\nBody.');
  });

  it('GIVEN the embedder throws midway THEN the previous version stays current and loadable, and the next refresh succeeds', async () => {
    await refresh(new FakeEmbedder());
    const before = await currentVersion();
    await writeFiles(corpusDir, { 'late/200.txt': generatedArticle(200), 'late/201.txt': generatedArticle(201), 'late/202.txt': generatedArticle(202) });

    const failing = new FakeEmbedder({ failOnCall: 2 });
    await expect(refresh(failing, { batchSize: 1 })).rejects.toThrow(/fake embedder failure/);
    expect(await readCurrentVersion(indexDir)).toBe(before.name);
    expect((await currentVersion()).articles.size).toBe(ARTICLES);
    expect(await readdir(indexDir)).not.toContain('refresh.lock');

    const retry = new FakeEmbedder();
    const result = await refresh(retry);
    expect(result).toMatchObject({ added: 3, unchanged: ARTICLES, articles: ARTICLES + 3 });
    expect((await currentVersion()).articles.size).toBe(ARTICLES + 3);
  });

  /** A fake embedder that records how many of its calls were under way at once. */
  class OverlapEmbedder extends FakeEmbedder {
    running = 0;
    most = 0;
    constructor(readonly callsInFlight: number | undefined, failOnCall?: number) {
      super({ delayMs: 5, ...(failOnCall === undefined ? {} : { failOnCall }) });
    }
    override async embedPassages(texts: readonly string[]): Promise<number[][]> {
      this.running++;
      this.most = Math.max(this.most, this.running);
      try {
        return await super.embedPassages(texts);
      } finally {
        this.running--;
      }
    }
  }

  it('GIVEN an embedder that takes two calls at once THEN the next call is under way while the last runs, and the index is the same as one at a time', async () => {
    const serial = new OverlapEmbedder(undefined);
    await refresh(serial, { batchSize: 1 });
    expect(serial.most).toBe(1);
    const serialChunks = [...(await currentVersion()).chunks.values()].map((chunk) => chunk.text);

    await rm(indexDir, { recursive: true, force: true });
    const overlapping = new OverlapEmbedder(2);
    await refresh(overlapping, { batchSize: 1 });
    expect(overlapping.most).toBe(2);
    expect(overlapping.calls).toBe(serial.calls);
    expect([...(await currentVersion()).chunks.values()].map((chunk) => chunk.text)).toEqual(serialChunks);
  });

  it('GIVEN two calls under way and one fails THEN the refresh fails and the previous version stays current', async () => {
    await refresh(new FakeEmbedder());
    const before = await currentVersion();
    await writeFiles(corpusDir, { 'late/300.txt': generatedArticle(300), 'late/301.txt': generatedArticle(301) });
    await expect(refresh(new OverlapEmbedder(2, 2), { batchSize: 1 })).rejects.toThrow(/fake embedder failure/);
    expect(await readCurrentVersion(indexDir)).toBe(before.name);
    expect(await readdir(indexDir)).not.toContain('refresh.lock');
  });

  it('GIVEN the very first build fails THEN there is no CURRENT, and the next build succeeds', async () => {
    await expect(refresh(new FakeEmbedder({ failOnCall: 1 }))).rejects.toThrow(/fake embedder failure/);
    expect(await readCurrentVersion(indexDir)).toBeNull();
    const result = await refresh(new FakeEmbedder());
    expect(result.articles).toBe(ARTICLES);
    expect((await currentVersion()).articles.size).toBe(ARTICLES);
  });

  it('GIVEN one edited article THEN only it is tagged again; the others keep their tagged sentences', async () => {
    await refresh(new FakeEmbedder());
    const before = await currentVersion();
    await writeFile(path.join(corpusDir, 'desk/002.txt'), generatedArticle(2).replace('district 14', 'district 99'));
    await refresh(new FakeEmbedder());
    const after = await currentVersion();
    for (const id of ['desk/000', 'desk/001', 'desk/003']) expect(after.packedSentences(id)).toEqual(before.packedSentences(id));
    const edited = after.articles.get('desk/002')!;
    const sentences = after.sentences('desk/002');
    expect(sentences.length).toBeGreaterThan(0);
    expect(sentences.some((s) => edited.text.slice(s.start, s.end).includes('district 99'))).toBe(true);
  });

  it('GIVEN a version of an older index format THEN the refresh warns and rebuilds it, tags included', async () => {
    const first = await refresh(new FakeEmbedder());
    const dir = layout.version(indexDir, first.version!);
    const manifest = JSON.parse(await readFile(layout.manifest(dir), 'utf8')) as { format: number };
    await writeFile(layout.manifest(dir), JSON.stringify({ ...manifest, format: 2 }));
    await rm(layout.sentences(dir));
    const warnings: string[] = [];
    const result = await refresh(new FakeEmbedder(), { onWarning: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toMatch(/out of date.*from scratch/s);
    expect(result).toMatchObject({ added: ARTICLES, embedded: result.chunks });
    const version = await currentVersion();
    for (const id of version.articles.keys()) expect(version.sentences(id).length).toBeGreaterThan(0);
  });

  it('GIVEN the current version is corrupt THEN the refresh warns and rebuilds from scratch', async () => {
    const first = await refresh(new FakeEmbedder());
    await writeFile(layout.manifest(layout.version(indexDir, first.version!)), '{');
    const warnings: string[] = [];
    const embedder = new FakeEmbedder();
    const result = await refresh(embedder, { onWarning: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toMatch(/cannot be read.*from scratch/s);
    expect(result).toMatchObject({ added: ARTICLES, embedded: result.chunks });
    expect((await currentVersion()).articles.size).toBe(ARTICLES);
  });

  it('GIVEN skipped and recoded files THEN the summary and the manifest name them', async () => {
    await writeFiles(corpusDir, { 'README.md': '# corpus', 'old/latin.txt': Buffer.concat([Buffer.from(generatedArticle(300)), Buffer.from([0x93, 0x6f, 0x6b, 0x94])]) });
    const result = await refresh(new FakeEmbedder());
    expect(result.skipped).toEqual([{ file: 'README.md', reason: 'documentation file, not an article', kind: 'documentation' }]);
    expect(result.recoded).toEqual([{ file: 'old/latin.txt', encoding: 'windows-1252' }]);
    expect((await currentVersion()).manifest.skipped).toEqual(result.skipped);
  });

  it('GIVEN a missing corpus folder THEN CORPUS_MISSING and the lock is released', async () => {
    await rm(corpusDir, { recursive: true });
    const error = await refresh(new FakeEmbedder()).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'CORPUS_MISSING')).toBe(true);
    expect(await readdir(indexDir)).not.toContain('refresh.lock');
  });

  it('GIVEN an empty corpus THEN an empty but loadable version is written once', async () => {
    await rm(corpusDir, { recursive: true });
    await writeFiles(corpusDir, { 'README.md': '# nothing yet' });
    const first = await refresh(new FakeEmbedder());
    expect(first).toMatchObject({ articles: 0, chunks: 0, embedded: 0 });
    const version = await currentVersion();
    expect(version.articles.size).toBe(0);
    expect(version.keywords.search('anything', 5)).toEqual([]);
    expect(await version.dense(new Array(8).fill(0).map((_, i) => (i === 0 ? 1 : 0)), 5)).toEqual([]);
    const second = await refresh(new FakeEmbedder());
    expect(second.version).toBe(first.version);
  });

  it('GIVEN an article emptied in the corpus THEN it is removed and listed as skipped', async () => {
    await refresh(new FakeEmbedder());
    await writeFile(path.join(corpusDir, 'desk/001.txt'), '');
    const result = await refresh(new FakeEmbedder());
    expect(result).toMatchObject({ removed: 1, articles: ARTICLES - 1 });
    expect(result.skipped).toEqual([{ file: 'desk/001.txt', reason: 'empty file', kind: 'empty' }]);
  });
});
