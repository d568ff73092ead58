import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isNewsdeskError } from '../../src/errors.ts';
import { chunkArticle, DEFAULT_CHUNK_SETTINGS } from '../../src/ingest/chunk.ts';
import { tagSentences } from '../../src/ingest/tag.ts';
import { IndexReader } from '../../src/store/index-reader.ts';
import { loadIndexVersion, type StoredArticle } from '../../src/store/index-version.ts';
import { BUILDING_PREFIX, layout } from '../../src/store/layout.ts';
import type { VectorStoreKind } from '../../src/store/dense-store.ts';
import { INDEX_FORMAT, parseManifest } from '../../src/store/manifest.ts';
import { readCurrentVersion, removeOldVersions, writeVersion, type VersionContent } from '../../src/store/version-files.ts';
import { packSentences } from '../../src/text/tags.ts';
import { fakeVector, makeTempDir, removeTempDirs } from '../fixtures/core/fakes.ts';

const DIMS = 8;

function article(id: string, text: string, published: string | null = null): StoredArticle {
  return { id, file: `${id}.txt`, title: `Title of ${id}`, outlet: null, agency: null, byline: null, published, words: text.split(/\s+/).length, hash: `hash-${id}-${text.length}`, text, indexedAt: '2025-01-01T00:00:00.000Z' };
}

function content(articles: StoredArticle[], store: VectorStoreKind = 'flat'): VersionContent {
  const chunks = articles.flatMap((a) => chunkArticle(a, { maxWords: 12, overlapWords: 0 }));
  return {
    manifest: {
      format: INDEX_FORMAT,
      embedder: { id: 'fake:v1', dimensions: DIMS, pooling: 'none', offline: true },
      store,
      chunker: DEFAULT_CHUNK_SETTINGS,
      articles: Object.fromEntries(articles.map((a) => [a.id, { hash: a.hash, chunks: chunks.filter((c) => c.article === a.id).length, indexedAt: a.indexedAt }])),
      builtAt: '2025-01-01T00:00:00.000Z',
      skipped: [],
    },
    articles,
    chunks,
    vectors: new Map(chunks.map((c) => [c.id, fakeVector(c.text, DIMS)])),
    sentences: new Map(articles.map((a) => [a.id, packSentences(tagSentences(a.text))])),
  };
}

const ALPHA = article('news/alpha', 'The glacier lost forty metres of ice. Scientists measured it twice in August. The valley flooded afterwards.', '2024-03-03');
const BRAVO = article('news/bravo', 'The harbour cranes unloaded ships at dawn. Tolls rose by a tenth. Fishermen protested at the gate.');
const CHARLIE = article('sport/charlie', 'The home team won the final match. The captain scored twice. Fans celebrated in the square all night.');

let indexDir: string;
beforeEach(async () => {
  indexDir = await makeTempDir('newsdesk-index-');
});
afterEach(removeTempDirs);

/** Writes a version and waits a little, so the next version gets a later name. */
async function write(articles: StoredArticle[]): Promise<string> {
  const name = await writeVersion(indexDir, content(articles));
  await new Promise((resolve) => setTimeout(resolve, 3));
  return name;
}

describe('readCurrentVersion', () => {
  it.each([
    ['no CURRENT file', null, null],
    ['a name with a newline', 'v1\n', 'v1'],
    ['an empty file', '', null],
    ['white space only', ' \n', null],
  ] as const)('GIVEN %s THEN it reads %s', async (_name, fileContent, expected) => {
    if (fileContent !== null) await writeFile(layout.current(indexDir), fileContent);
    expect(await readCurrentVersion(indexDir)).toBe(expected);
  });

  it('GIVEN CURRENT is unreadable for another reason (a folder) THEN INDEX_CORRUPT says why', async () => {
    await mkdir(layout.current(indexDir));
    const error = await readCurrentVersion(indexDir).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'INDEX_CORRUPT')).toBe(true);
    expect((error as Error).message).toMatch(/CURRENT cannot be read \(EISDIR: is a folder, not a file\)/);
  });

  it.each([
    ['a path out of the index', '../../other/versions/v20250101-1'],
    ['an absolute path', '/srv/other/index/versions/v1'],
    ['the parent folder', '..'],
    ['a build under way', '.building-v20250101-1'],
    ['a name with a slash', 'v1/../v2'],
  ])('GIVEN CURRENT names %s THEN INDEX_CORRUPT: not a version folder of this index', async (_name, content) => {
    await writeFile(layout.current(indexDir), `${content}\n`);
    const error = await readCurrentVersion(indexDir).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'INDEX_CORRUPT')).toBe(true);
    expect((error as Error).message).toContain(`names ${JSON.stringify(content)}, which is not a version folder of this index`);
    // A reader serving questions gets the same message, not another index's articles.
    await expect(new IndexReader(indexDir).current()).rejects.toThrow(/not a version folder of this index/);
  });
});

describe('writeVersion + loadIndexVersion', () => {
  it('GIVEN a written version THEN CURRENT names it and it loads completely', async () => {
    const name = await writeVersion(indexDir, content([ALPHA, BRAVO, CHARLIE]));
    expect(name).toMatch(/^v\d+-\d+$/);
    expect(await readCurrentVersion(indexDir)).toBe(name);
    expect((await readFile(layout.current(indexDir), 'utf8'))).toBe(`${name}\n`);
    // Nothing left of the build folder.
    expect(await readdir(layout.versions(indexDir))).toEqual([name]);

    const version = await loadIndexVersion(layout.version(indexDir, name), name);
    const expected = content([ALPHA, BRAVO, CHARLIE]);
    expect(version.name).toBe(name);
    expect(version.manifest).toEqual({ ...expected.manifest, version: name });
    expect([...version.articles.keys()]).toEqual([ALPHA.id, BRAVO.id, CHARLIE.id]);
    expect([...version.chunks.values()]).toEqual(expected.chunks);
    for (const chunk of version.chunks.values()) {
      expect(chunk.text).toBe(version.articles.get(chunk.article)!.text.slice(chunk.startPos, chunk.endPos));
    }
    // Chunk texts are not stored twice: chunks.bin holds two offsets per chunk, nothing else.
    expect((await readFile(layout.chunks(layout.version(indexDir, name)))).byteLength).toBe(expected.chunks.length * 8);

    expect(version.keywords.size).toBe(expected.chunks.length);
    expect(version.keywords.search('cranes', 3)[0]?.id).toBe(`${BRAVO.id}#0`);
    // The keyword index sees each chunk with its article's title, as the embedder does.
    expect(new Set(version.keywords.search('bravo', 10).map((h) => version.chunks.get(h.id)?.article))).toEqual(new Set([BRAVO.id]));

    const vectors = await version.vectors();
    expect(vectors.size).toBe(expected.chunks.length);
    // Components are stored as float32 of the unit vector.
    for (const [id, vector] of expected.vectors) {
      expect(vectors.get(id)).toHaveLength(DIMS);
      vectors.get(id)!.forEach((value, i) => expect(value).toBeCloseTo(vector[i]!, 6));
    }
  });

  it.each([
    ['flat', 'no article filter', undefined],
    ['flat', 'an article filter', CHARLIE.id],
    ['vectra', 'no article filter', undefined],
    ['vectra', 'an article filter', CHARLIE.id],
  ] as const)('GIVEN the %s store and dense search with %s THEN the chunk\'s own vector is the best hit', async (store, _name, filter) => {
    const name = await writeVersion(indexDir, content([ALPHA, BRAVO, CHARLIE], store));
    const version = await loadIndexVersion(layout.version(indexDir, name), name);
    expect(version.manifest.store).toBe(store);
    const target = [...version.chunks.values()].find((c) => c.article === CHARLIE.id)!;
    const hits = await version.dense(fakeVector(target.text, DIMS), 3, filter === undefined ? undefined : { article: filter });
    expect(hits[0]?.id).toBe(target.id);
    expect(hits[0]?.score).toBeCloseTo(1, 6);
    if (filter !== undefined) for (const hit of hits) expect(version.chunks.get(hit.id)?.article).toBe(filter);
  });

  it('GIVEN a chunk without a vector THEN writeVersion throws and CURRENT still names the old version', async () => {
    const first = await write([ALPHA]);
    const broken = content([ALPHA, BRAVO]);
    (broken.vectors as Map<string, number[]>).delete(`${BRAVO.id}#0`);
    await expect(writeVersion(indexDir, broken)).rejects.toThrow(/no vector for chunk news\/bravo#0/);
    expect(await readCurrentVersion(indexDir)).toBe(first);
    // Found before anything is written: no build folder is left behind.
    expect(await readdir(layout.versions(indexDir))).toEqual([first]);
  });
});

describe('removeOldVersions', () => {
  it('GIVEN four versions and an abandoned build THEN the current and the named previous one stay', async () => {
    const names = [await write([ALPHA]), await write([BRAVO]), await write([CHARLIE]), await write([ALPHA, BRAVO])];
    expect([...names].sort()).toEqual(names);
    await mkdir(layout.version(indexDir, `${BUILDING_PREFIX}v0-1`), { recursive: true });
    await removeOldVersions(indexDir, names[2]!);
    expect((await readdir(layout.versions(indexDir))).sort()).toEqual([names[2], names[3]]);
    // The survivor loads.
    await expect(loadIndexVersion(layout.version(indexDir, names[3]!), names[3]!)).resolves.toMatchObject({ name: names[3] });
  });

  it('GIVEN a version placed by a crashed refresh but never made current THEN it goes and the real previous one stays', async () => {
    const before = await write([ALPHA]);
    const current = await write([BRAVO]);
    // A crashed refresh renamed its build into place but died before switching CURRENT.
    const orphan = await write([CHARLIE]);
    await writeFile(layout.current(indexDir), `${current}\n`);
    await removeOldVersions(indexDir, before);
    expect((await readdir(layout.versions(indexDir))).sort()).toEqual([before, current]);
    expect(orphan > current).toBe(true);
  });

  it('GIVEN no versions folder THEN it does nothing', async () => {
    await expect(removeOldVersions(indexDir, null)).resolves.toBeUndefined();
  });
});

describe('loadIndexVersion of a damaged version', () => {
  const damages: [string, (versionDir: string) => Promise<void>][] = [
    ['a missing version folder', (d) => rm(d, { recursive: true, force: true })],
    ['truncated manifest JSON', (d) => writeFile(layout.manifest(d), '{"format":')],
    ['truncated sentences.bin', (d) => writeFile(layout.sentences(d), new Uint8Array([1, 0]))],
    ['a missing articles.json', (d) => rm(layout.articles(d))],
    ['a chunk count that disagrees with chunks.bin', async (d) => {
      const records = JSON.parse(await readFile(layout.articles(d), 'utf8')) as { chunks: number }[];
      records[0]!.chunks += 1;
      await writeFile(layout.articles(d), JSON.stringify(records));
    }],
    ['an article whose text lies past the end of texts.utf8', async (d) => {
      const records = JSON.parse(await readFile(layout.articles(d), 'utf8')) as { text: { start: number } }[];
      records[1]!.text.start += 10_000;
      await writeFile(layout.articles(d), JSON.stringify(records));
    }],
    ['fewer vectors than chunks', async (d) => {
      const vectors = await readFile(layout.vectors(d));
      await writeFile(layout.vectors(d), vectors.subarray(0, vectors.byteLength - DIMS * 4));
    }],
    ['a truncated keywords.bin', async (d) => {
      const postings = await readFile(layout.postings(d));
      await writeFile(layout.postings(d), postings.subarray(0, postings.byteLength - 4));
    }],
    ['a missing vector file', (d) => rm(layout.vectors(d))],
    ['a missing texts file', (d) => rm(layout.texts(d))],
    ...([0, 99_999_999] as const).map((value): [string, (d: string) => Promise<void>] => [
      `a hand-edited chunk end offset (${value})`,
      async (d) => {
        const positions = new Uint32Array(new Uint8Array(await readFile(layout.chunks(d))).buffer);
        positions[1] = value;
        await writeFile(layout.chunks(d), new Uint8Array(positions.buffer));
      },
    ]),
  ];

  it.each(damages)('GIVEN %s THEN NewsdeskError INDEX_CORRUPT naming the version', async (_name, damage) => {
    const name = await write([ALPHA, BRAVO]);
    await damage(layout.version(indexDir, name));
    const error = await loadIndexVersion(layout.version(indexDir, name), name).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'INDEX_CORRUPT')).toBe(true);
    expect((error as Error).message).toContain(name);
  });

  const vectraDamages: [string, (versionDir: string) => Promise<void>][] = [
    ['a missing vectra index', (d) => rm(layout.vectra(d), { recursive: true })],
    ['a truncated vectra index', async (d) => {
      const file = path.join(layout.vectra(d), 'index.pb');
      const bytes = await readFile(file);
      await writeFile(file, bytes.subarray(0, bytes.byteLength >> 1));
    }],
    ['a vectra index of another version', async (d) => {
      const other = await writeVersion(indexDir, content([CHARLIE], 'vectra'));
      await rm(layout.vectra(d), { recursive: true });
      await cp(layout.vectra(layout.version(indexDir, other)), layout.vectra(d), { recursive: true });
    }],
  ];

  it.each(vectraDamages)('GIVEN the vectra store and %s THEN NewsdeskError INDEX_CORRUPT naming the version', async (_name, damage) => {
    const name = await writeVersion(indexDir, content([ALPHA, BRAVO], 'vectra'));
    await damage(layout.version(indexDir, name));
    const error = await loadIndexVersion(layout.version(indexDir, name), name).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'INDEX_CORRUPT')).toBe(true);
    expect((error as Error).message).toContain(name);
  });

  it.each([
    ['articles.json', layout.articles],
    ['keywords.json', layout.keywords],
    ['manifest.json', layout.manifest],
  ] as const)('GIVEN %s is not valid JSON THEN the message names that file', async (file, where) => {
    const name = await write([ALPHA]);
    await writeFile(where(layout.version(indexDir, name)), '[{"id": ');
    const error = await loadIndexVersion(layout.version(indexDir, name), name).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'INDEX_CORRUPT')).toBe(true);
    expect((error as Error).message).toContain(`${file} is not valid JSON`);
  });

  it('GIVEN a hand-edited chunk offset THEN the message names the chunk and chunks.bin', async () => {
    const name = await write([ALPHA]);
    const dir = layout.version(indexDir, name);
    const positions = new Uint32Array(new Uint8Array(await readFile(layout.chunks(dir))).buffer);
    positions[0] = positions[1]!;
    await writeFile(layout.chunks(dir), new Uint8Array(positions.buffer));
    const error = await loadIndexVersion(dir, name).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/chunk news\/alpha#0 has offsets \d+–\d+ outside its article .* in chunks\.bin/);
  });
});

describe('loadIndexVersion of an older or newer format', () => {
  it.each([
    ['an older format, without tagged sentences', 2],
    ['a newer format', INDEX_FORMAT + 1],
  ])('GIVEN %s THEN NewsdeskError INDEX_OUTDATED naming the version and how to rebuild', async (_name, format) => {
    const name = await write([ALPHA, BRAVO]);
    const dir = layout.version(indexDir, name);
    const manifest = JSON.parse(await readFile(layout.manifest(dir), 'utf8')) as Record<string, unknown>;
    await writeFile(layout.manifest(dir), JSON.stringify({ ...manifest, format }));
    const error = await loadIndexVersion(dir, name).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'INDEX_OUTDATED')).toBe(true);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).toMatch(/ingest|refresh/);
  });
});

describe('tagged sentences in a version', () => {
  it('GIVEN a written version THEN each article\'s sentences come back with their tags, as offsets into its text', async () => {
    const name = await write([ALPHA, BRAVO]);
    const version = await loadIndexVersion(layout.version(indexDir, name), name);
    const sentences = version.sentences(ALPHA.id);
    expect(sentences.map((s) => ALPHA.text.slice(s.start, s.end))).toEqual(['The glacier lost forty metres of ice.', 'Scientists measured it twice in August.', 'The valley flooded afterwards.']);
    expect(sentences[1]!.tags.map((t) => [t.kind, ALPHA.text.slice(t.start, t.end)])).toContainEqual(['date', 'August']);
    expect(version.sentences('nobody')).toEqual([]);
    expect(version.packedSentences(ALPHA.id)).toEqual(packSentences(sentences));
  });
});

describe('parseManifest', () => {
  it.each([
    ['null', null],
    ['a string', 'x'],
    ['no embedder', { format: INDEX_FORMAT, version: 'v', articles: {}, builtAt: 'x' }],
    ['no builtAt', { format: INDEX_FORMAT, version: 'v', embedder: { id: 'e' }, articles: {} }],
  ])('GIVEN %s THEN it throws', (_name, value) => {
    expect(() => parseManifest(value)).toThrow(/index format/);
  });
});

describe('IndexReader', () => {
  it('GIVEN no index THEN current() throws INDEX_MISSING and peek() is null', async () => {
    const reader = new IndexReader(indexDir);
    const error = await reader.current().catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'INDEX_MISSING')).toBe(true);
    expect(reader.peek()).toBeNull();
  });

  it('GIVEN a refresh switches CURRENT THEN the reader follows, and reuses a loaded version', async () => {
    const first = await write([ALPHA]);
    const reader = new IndexReader(indexDir);
    const v1 = await reader.current();
    expect(v1.name).toBe(first);
    expect(await reader.current()).toBe(v1);
    expect(reader.peek()).toBe(v1);

    const second = await write([ALPHA, BRAVO]);
    const v2 = await reader.current();
    expect(v2.name).toBe(second);
    expect([...v2.articles.keys()]).toEqual([ALPHA.id, BRAVO.id]);
  });

  it('GIVEN concurrent callers THEN they share one load', async () => {
    await write([ALPHA]);
    const reader = new IndexReader(indexDir);
    const [a, b, c] = await Promise.all([reader.current(), reader.current(), reader.current()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
  });

  it('GIVEN CURRENT switches to a corrupt version THEN the old one keeps being served, and a later good version is followed', async () => {
    const first = await write([ALPHA]);
    const reader = new IndexReader(indexDir);
    await reader.current();

    const corrupt = await write([ALPHA, BRAVO]);
    await writeFile(layout.manifest(layout.version(indexDir, corrupt)), 'garbage');
    expect((await reader.current()).name).toBe(first);
    expect((await reader.current()).name).toBe(first);

    const third = await write([CHARLIE]);
    expect((await reader.current()).name).toBe(third);
  });

  it('GIVEN the first version it sees is corrupt THEN current() throws INDEX_CORRUPT', async () => {
    const name = await write([ALPHA]);
    await writeFile(layout.articles(layout.version(indexDir, name)), '[');
    const error = await new IndexReader(indexDir).current().catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'INDEX_CORRUPT')).toBe(true);
  });

  it('GIVEN CURRENT disappears after a load THEN the loaded version is still served', async () => {
    const name = await write([ALPHA]);
    const reader = new IndexReader(indexDir);
    await reader.current();
    await rm(layout.current(indexDir));
    expect((await reader.current()).name).toBe(name);
  });
});
