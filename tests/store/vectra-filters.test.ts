import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalIndex, ProtobufCodec } from 'vectra';
import { toMetadataFilter, type PassageFilter, type StoredPassage } from '../../src/store/dense-store.ts';
import { VectraStore, VectraStoreWriter } from '../../src/store/vectra-store.ts';
import { makeTempDir, removeTempDirs } from '../fixtures/core/fakes.ts';

// The vectra store's query is vectra's queryItems: no filter is passed for an empty one, and a
// real one is vectra's filter over the stored metadata, so the store returns what vectra's own
// API returns for the same index, query and filter.

const DIMS = 24;

/** A deterministic pseudo-random sequence in [-1, 1). */
function numbers(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  };
}

/** 60 passages of 12 articles, dated or not, of two outlets or none; one vector repeated. */
async function writeIndex(folder: string): Promise<{ passages: StoredPassage[]; queries: number[][] }> {
  const next = numbers(7);
  const passages: StoredPassage[] = [];
  const vectors = new Float32Array(60 * DIMS);
  for (let i = 0; i < 60; i++) {
    const article = i % 12;
    const passage: StoredPassage = { article: `a${article}`, chunk: Math.floor(i / 12), published: article % 4 === 0 ? 0 : 20240100 + article };
    if (article % 3 !== 0) passage.outlet = article % 3 === 1 ? 'Daily' : 'Weekly';
    passages.push(passage);
    const source = i === 59 ? 3 : i;
    for (let d = 0; d < DIMS; d++) vectors[i * DIMS + d] = source === i ? next() : vectors[source * DIMS + d]!;
  }
  const writer = new VectraStoreWriter(folder, DIMS);
  await writer.add(passages, vectors);
  await writer.finish();
  return { passages, queries: Array.from({ length: 6 }, () => Array.from({ length: DIMS }, next)) };
}

afterEach(removeTempDirs);

describe('VectraStore filters', () => {
  it('GIVEN no filter, an empty one, or real ones THEN nearest returns what queryItems returns with that filter, best first', async () => {
    const folder = path.join(await makeTempDir('newsdesk-vectra-filters-'), 'vectra');
    const { passages, queries } = await writeIndex(folder);
    const idOf = (row: number) => `${passages[row]!.article}#${passages[row]!.chunk}`;
    const store = await VectraStore.open(folder, DIMS, passages.length, idOf);
    const index = new LocalIndex(folder, undefined, undefined, new ProtobufCodec());
    const filters: (PassageFilter | undefined)[] = [undefined, {}, { article: 'a5' }, { since: '2024-01-03', until: '2024-01-09', undated: true }, { outlets: ['Weekly'], since: '2024-01-01' }];
    for (const query of queries) {
      const unfiltered = await store.nearest(query, 10);
      expect(unfiltered).toHaveLength(10);
      expect(await store.nearest(query, 10, {})).toEqual(unfiltered);
      for (const filter of filters) {
        const found = await store.nearest(query, 10, filter);
        const own = await index.queryItems(query, '', 60, toMetadataFilter(filter) ?? undefined);
        expect(own.length).toBeGreaterThan(0);
        const expected = own.map(({ item, score }) => ({ row: passages.findIndex((_, row) => idOf(row) === item.id), score })).sort((a, b) => b.score - a.score || a.row - b.row).slice(0, 10);
        expect(found).toEqual(expected);
      }
    }
    // A filter keeps only its passages.
    const weekly = await store.nearest(queries[0]!, 10, { outlets: ['Weekly'] });
    expect(weekly.length).toBeGreaterThan(0);
    expect(weekly.every(({ row }) => passages[row]!.outlet === 'Weekly')).toBe(true);
  });
});
