import { describe, expect, it } from 'vitest';
import { buildKeywordData, KeywordIndex } from '../../src/store/keyword-index.ts';

const index = (docs: Record<string, string>) => new KeywordIndex(buildKeywordData(Object.entries(docs).map(([id, text]) => ({ id, text }))));

describe('buildKeywordData', () => {
  it('GIVEN chunks THEN it stores term counts per chunk id, stopwords out, stems in', () => {
    expect(buildKeywordData([{ id: 'a#0', text: 'The ships and the ship sailed' }, { id: 'b#0', text: '' }])).toEqual({
      format: 1,
      ids: ['a#0', 'b#0'],
      counts: [{ ship: 2, sail: 1 }, {}],
    });
  });
});

describe('KeywordIndex', () => {
  const docs = {
    'a#0': 'Glacier glacier glacier melt in the valley of stone',
    'b#0': 'Glacier melt in the valley of stone and sand and wind',
    'c#0': 'Harbour cranes unload ships at dawn',
    'd#0': 'Harbour tolls rise as glacier tourism grows',
  };
  const keywords = index(docs);

  it.each([
    ['the chunk with more occurrences wins', 'glacier', 'a#0'],
    ['the rarer term outweighs a common one', 'glacier cranes', 'c#0'],
    ['a term in one chunk only finds it', 'tolls', 'd#0'],
    ['stemming matches plural and verb forms', 'unloading ship', 'c#0'],
  ] as const)('GIVEN %s THEN the best hit for %j is %s', (_name, query, best) => {
    expect(keywords.search(query, 10)[0]?.id).toBe(best);
  });

  it.each([
    ['an unknown word', 'volcano'],
    ['only stopwords', 'the and of'],
    ['empty query', ''],
  ])('GIVEN %s THEN there are no hits', (_name, query) => {
    expect(keywords.search(query, 10)).toEqual([]);
  });

  it('GIVEN a shorter chunk with the same count THEN it ranks above the longer one (length normalisation)', () => {
    const hits = index({ long: 'meadow one two three four five six seven eight nine ten', short: 'meadow one' }).search('meadow', 5);
    expect(hits.map((h) => h.id)).toEqual(['short', 'long']);
  });

  it('GIVEN idf THEN rare terms weigh more, unknown terms 0, and the value follows BM25', () => {
    expect(keywords.size).toBe(4);
    expect(keywords.idf('crane')).toBeGreaterThan(keywords.idf('glacier'));
    expect(keywords.idf('volcano')).toBe(0);
    // N = 4, df(glacier) = 3: ln(1 + (4 - 3 + 0.5) / (3 + 0.5)).
    expect(keywords.idf('glacier')).toBeCloseTo(Math.log(1 + 1.5 / 3.5), 12);
    expect(keywords.idf('crane')).toBeCloseTo(Math.log(1 + 3.5 / 1.5), 12);
  });

  it('GIVEN a query repeating a word THEN the score is as for the word once', () => {
    expect(keywords.search('harbour harbour harbour', 10)).toEqual(keywords.search('harbour', 10));
  });

  it('GIVEN an accept filter THEN only accepted ids are returned, and limit still applies', () => {
    const hits = keywords.search('glacier valley', 10, (id) => id !== 'a#0');
    expect(hits.map((h) => h.id)).toEqual(['b#0', 'd#0']);
    expect(keywords.search('glacier', 1)).toHaveLength(1);
    expect(keywords.search('glacier', 10, () => false)).toEqual([]);
  });

  it('GIVEN equal scores THEN hits are ordered by id, and every score is positive and finite', () => {
    const hits = index({ z: 'orchard apples', y: 'orchard apples', x: 'orchard apples' }).search('orchard', 10);
    expect(hits.map((h) => h.id)).toEqual(['x', 'y', 'z']);
    for (const hit of hits) expect(Number.isFinite(hit.score) && hit.score > 0).toBe(true);
  });

  it('GIVEN an empty index THEN search and idf are safe', () => {
    const empty = index({});
    expect(empty.size).toBe(0);
    expect(empty.search('anything', 5)).toEqual([]);
    expect(empty.idf('anything')).toBe(0);
  });
});
