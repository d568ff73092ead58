import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalIndex, ProtobufCodec } from 'vectra';
import { isNewsdeskError } from '../../src/errors.ts';
import { dayNumber } from '../../src/store/dense-store.ts';
import { IndexReader } from '../../src/store/index-reader.ts';
import { layout } from '../../src/store/layout.ts';
import { refreshIndex, type RefreshOptions } from '../../src/store/refresh.ts';
import { readCurrentVersion } from '../../src/store/version-files.ts';
import { FakeEmbedder, fakeVector, generatedArticle, makeTempDir, removeTempDirs, writeFiles } from '../fixtures/core/fakes.ts';

const ARTICLES = 5;
let corpusDir: string;
let indexDir: string;

beforeEach(async () => {
  const root = await makeTempDir('newsdesk-store-choice-');
  corpusDir = path.join(root, 'corpus');
  indexDir = path.join(root, 'index');
  const files: Record<string, string> = {};
  // Odd articles are dated pages of an outlet; even ones plain text with neither.
  for (let n = 0; n < ARTICLES; n++) files[`desk/${String(n).padStart(3, '0')}.${n % 2 ? 'html' : 'txt'}`] = n % 2 ? datedPage(n) : generatedArticle(n);
  await writeFiles(corpusDir, files);
});
afterEach(removeTempDirs);

/** An HTML page of article n, published on the 10th of month n by "Desk n". */
function datedPage(n: number): string {
  const [title, ...paragraphs] = generatedArticle(n).split('\n').filter(Boolean);
  return `<html><head><title>${title}</title><meta property="og:site_name" content="Desk ${n}"><meta property="article:published_time" content="2025-0${n}-10T08:00:00Z"></head>` +
    `<body><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
}

const refresh = (embedder: FakeEmbedder, extra: Partial<RefreshOptions> = {}) =>
  refreshIndex({ corpusDir, indexDir, maxFileBytes: 1 << 20, embedder, startedBy: 'test', ...extra });

const currentDir = async () => layout.version(indexDir, (await readCurrentVersion(indexDir))!);

describe('the vectra store', () => {
  it('GIVEN a default build THEN vectra\'s own LocalIndex opens the version\'s index and reads every passage back, with its metadata and vector', async () => {
    const embedder = new FakeEmbedder();
    const result = await refresh(embedder);
    const dir = await currentDir();
    expect(await readdir(dir)).not.toContain('vectors.f32');
    const version = await new IndexReader(indexDir).current();
    expect(version.manifest.store).toBe('vectra');

    const index = new LocalIndex(layout.vectra(dir), undefined, undefined, new ProtobufCodec());
    expect(await index.isIndexCreated()).toBe(true);
    const stats = await index.getIndexStats();
    expect(stats.items).toBe(result.chunks);
    expect(stats.metadata_config.indexed).toEqual(expect.arrayContaining(['published', 'outlet']));
    const items = await index.listItems();
    expect(items.map((item) => item.id)).toEqual([...version.chunks.keys()]);
    for (const item of items) {
      const chunk = version.chunks.get(item.id)!;
      const article = version.articles.get(chunk.article)!;
      expect(item.metadata).toEqual({ article: article.id, chunk: chunk.index, published: dayNumber(article.published), ...(article.outlet !== null && { outlet: article.outlet }) });
      expect(item.metadataFile).toBeUndefined();
      const expected = fakeVector(`${article.title}\n\n${chunk.text}`, 8);
      item.vector.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 6));
    }

    // Its own query and filter give the passage whose vector was asked for, in the asked month.
    const target = items.find((item) => item.metadata.article === 'desk/003')!;
    const found = await index.queryItems(target.vector, '', 3, { published: { $gte: 20250301, $lte: 20250331 }, outlet: { $in: ['Desk 3'] } });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every(({ item }) => item.metadata.published === 20250310 && item.metadata.outlet === 'Desk 3')).toBe(true);
    expect(version.articles.get('desk/003')).toMatchObject({ published: '2025-03-10', outlet: 'Desk 3' });
  });

  it('GIVEN more passages than the vectra limit THEN the ingest stops while reading, before embedding, naming the count, the limit, the measured build and VECTOR_STORE=flat', async () => {
    const embedder = new FakeEmbedder();
    const error = await refresh(embedder, { maxVectraPassages: 3 }).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'CONFIG_INVALID')).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/^VECTOR_STORE: the corpus has about \d+ passages \(\d+ in the first [12] of its 5 files\), more than the vectra store's limit of 3 \(measured at [\d,]+ passages: [\d.]+ s to write its index and [\d.]+ times as long as the flat store to answer/u);
    expect(message).toContain('VECTOR_STORE=flat');
    const [, about, counted, read] = /about (\d+) passages \((\d+) in the first (\d+)/u.exec(message)!.map(Number);
    expect(about).toBe(Number(((counted! * 5) / read!).toPrecision(3)));
    expect(embedder.passages).toEqual([]);
    expect(await readCurrentVersion(indexDir)).toBeNull();
    // The flat store takes the same corpus.
    await expect(refresh(embedder, { maxVectraPassages: 3, store: 'flat' })).resolves.toMatchObject({ articles: ARTICLES });
  });
});

describe('switching VECTOR_STORE', () => {
  it.each([
    ['vectra', 'flat'],
    ['flat', 'vectra'],
  ] as const)('GIVEN an index in the %s store and VECTOR_STORE=%s THEN the next refresh rewrites it in that store without embedding again, and dense hits stay the same', async (from, to) => {
    await refresh(new FakeEmbedder(), { store: from });
    const before = await new IndexReader(indexDir).current();
    const query = fakeVector('district council budget', 8);
    const hitsBefore = await before.dense(query, 6);

    const embedder = new FakeEmbedder();
    const warnings: string[] = [];
    const result = await refresh(embedder, { store: to, onWarning: (message) => warnings.push(message) });
    expect(embedder.passages).toEqual([]);
    expect(result.version).not.toBe(before.name);
    expect(warnings.join('\n')).toContain(`in the ${from} store and VECTOR_STORE is ${to}`);
    const after = await new IndexReader(indexDir).current();
    expect(after.manifest.store).toBe(to);
    const files = await readdir(await currentDir());
    expect(files.includes('vectors.f32')).toBe(to === 'flat');
    expect(files.includes('vectra')).toBe(to === 'vectra');
    expect(await after.dense(query, 6)).toEqual(hitsBefore);
    // And then nothing is left to do.
    expect((await refresh(embedder, { store: to })).version).toBe(result.version);
  });

  it('GIVEN a version of format 3 (flat, no store named) THEN it is read as flat, and the next refresh writes it into vectra without embedding', async () => {
    await refresh(new FakeEmbedder(), { store: 'flat' });
    const dir = await currentDir();
    const manifest = JSON.parse(await readFile(layout.manifest(dir), 'utf8')) as Record<string, unknown>;
    delete manifest.store;
    await writeFile(layout.manifest(dir), JSON.stringify({ ...manifest, format: 3 }));
    const old = await new IndexReader(indexDir).current();
    expect(old.manifest.store).toBe('flat');
    expect((await old.dense(fakeVector('budget', 8), 3)).length).toBe(3);

    const embedder = new FakeEmbedder();
    await refresh(embedder);
    expect(embedder.passages).toEqual([]);
    expect((await new IndexReader(indexDir).current()).manifest).toMatchObject({ store: 'vectra', format: 4 });
  });

  it('GIVEN a version whose manifest names the other store than its files THEN it is refused as corrupt, never read as the other', async () => {
    await refresh(new FakeEmbedder(), { store: 'flat' });
    const dir = await currentDir();
    const manifest = JSON.parse(await readFile(layout.manifest(dir), 'utf8')) as Record<string, unknown>;
    await writeFile(layout.manifest(dir), JSON.stringify({ ...manifest, store: 'vectra' }));
    const error = await new IndexReader(indexDir).current().catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'INDEX_CORRUPT')).toBe(true);
    await rm(layout.vectors(dir));
  });
});

describe('a damaged vectra index', () => {
  it('GIVEN the current version\'s vectra index is truncated THEN the next refresh warns and rebuilds from scratch, and the new version serves', async () => {
    await refresh(new FakeEmbedder());
    const file = path.join(layout.vectra(await currentDir()), 'index.pb');
    await writeFile(file, (await readFile(file)).subarray(0, 100));
    const warnings: string[] = [];
    const embedder = new FakeEmbedder();
    const result = await refresh(embedder, { onWarning: (message) => warnings.push(message) });
    expect(warnings.join('\n')).toMatch(/cannot be read.*from scratch/su);
    expect(result).toMatchObject({ articles: ARTICLES, embedded: result.chunks });
    expect((await (await new IndexReader(indexDir).current()).dense(fakeVector('district', 8), 3)).length).toBe(3);
  });
});
