import { describe, expect, it } from 'vitest';
import type { Passage } from '../../src/answer/answer.ts';
import type { DateIntent } from '../../src/answer/date-intent.ts';
import { applyDateIntent, diversify, fuseByRank, fuseByScore, retrieve } from '../../src/answer/retrieve.ts';
import { FakeEmbedder } from '../fixtures/core/fakes.ts';
import { fakeIndex, storedArticle } from '../fixtures/core/index-builder.ts';

const ranked = (...ids: string[]) => ids.map((id, i) => ({ id, score: 10 - i }));

describe('fuseByRank', () => {
  it.each([
    ['first in both rankings', ranked('a', 'b'), ranked('a', 'b'), 'a', 1],
    ['first in one ranking only', ranked('a'), [], 'a', 0.5],
    ['second in both', ranked('a', 'b'), ranked('a', 'b'), 'b', (2 / 62) / (2 / 61)],
    ['first in one, second in the other', ranked('a', 'b'), ranked('b', 'a'), 'a', (1 / 61 + 1 / 62) / (2 / 61)],
  ] as const)('GIVEN %s THEN the fused score is %d', (_name, dense, keyword, id, expected) => {
    expect(fuseByRank([...dense], [...keyword]).get(id)).toBeCloseTo(expected, 12);
  });

  it('GIVEN two rankings THEN every id of either is scored, in (0, 1], ordered by rank', () => {
    const fused = fuseByRank(ranked('a', 'b', 'c'), ranked('d', 'a'));
    expect([...fused.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    for (const score of fused.values()) expect(score > 0 && score <= 1).toBe(true);
    expect(fused.get('a')!).toBeGreaterThan(fused.get('d')!);
    expect(fused.get('b')!).toBeGreaterThan(fused.get('c')!);
  });

  it('GIVEN empty rankings THEN nothing is scored', () => {
    expect(fuseByRank([], []).size).toBe(0);
  });
});

describe('fuseByScore', () => {
  it.each([
    ['best of both', [{ id: 'a', score: 0.9 }, { id: 'b', score: 0.45 }], [{ id: 'a', score: 12 }, { id: 'b', score: 3 }], { a: 1, b: 0.375 }],
    ['each ranking divided by its best', [{ id: 'a', score: 0.8 }, { id: 'b', score: 0.6 }, { id: 'c', score: 0.4 }], [], { a: 0.5, b: 0.375, c: 0.25 }],
    ['near-equal scores stay near-equal', [], [{ id: 'a', score: 5.01 }, { id: 'b', score: 5 }], { a: 0.5, b: 0.499001996 }],
    ['a negative cosine counts as nothing', [{ id: 'a', score: 0.5 }, { id: 'b', score: -0.2 }], [], { a: 0.5, b: 0 }],
    ['a single hit counts as the best', [{ id: 'a', score: 0.3 }], [{ id: 'b', score: 4 }], { a: 0.5, b: 0.5 }],
    ['equal scores all count as the best', [{ id: 'a', score: 0.4 }, { id: 'b', score: 0.4 }], [], { a: 0.5, b: 0.5 }],
    ['split between rankings', [{ id: 'a', score: 0.9 }, { id: 'b', score: 0.09 }], [{ id: 'b', score: 9 }, { id: 'a', score: 0.9 }], { a: 0.55, b: 0.55 }],
  ])('GIVEN %s THEN the fused scores are %j', (_name, dense, keyword, expected) => {
    const fused = fuseByScore(dense, keyword);
    expect(Object.fromEntries([...fused].map(([id, s]) => [id, Math.round(s * 1e9) / 1e9]))).toEqual(expected);
  });

  it('GIVEN a dense weight THEN it shifts the balance', () => {
    const fused = fuseByScore([{ id: 'a', score: 1 }], [{ id: 'b', score: 1 }], 0.8);
    expect(fused.get('a')).toBeCloseTo(0.8, 12);
    expect(fused.get('b')).toBeCloseTo(0.2, 12);
  });
});

describe('applyDateIntent', () => {
  const published: Record<string, string | null> = { old: '2021-05-01', mid: '2023-06-01', new: '2025-11-03', undated: null };
  const publishedOf = (id: string) => published[id] ?? null;
  const equal = () => new Map(Object.keys(published).map((id) => [id, 0.5]));
  const intent = (i: Partial<DateIntent>): DateIntent => ({ from: null, to: null, latest: false, ...i });

  it('GIVEN no date intent THEN scores are unchanged (a copy)', () => {
    const scores = equal();
    const result = applyDateIntent(scores, publishedOf, intent({}));
    expect(result).toEqual(scores);
    expect(result).not.toBe(scores);
  });

  it('GIVEN a span THEN inside beats undated, which beats outside, and undated is kept', () => {
    const result = applyDateIntent(equal(), publishedOf, intent({ from: '2023-01-01', to: '2023-12-31' }));
    expect(result.get('mid')).toBeCloseTo(0.5, 12);
    expect(result.get('undated')!).toBeGreaterThan(result.get('old')!);
    expect(result.get('mid')!).toBeGreaterThan(result.get('undated')!);
    expect(result.get('undated')!).toBeGreaterThan(0);
    expect(result.get('old')).toBeCloseTo(result.get('new')!, 12);
  });

  it('GIVEN "latest" THEN newer articles rank higher, undated in the middle, the oldest not raised', () => {
    const result = applyDateIntent(equal(), publishedOf, intent({ latest: true }));
    expect(result.get('new')!).toBeGreaterThan(result.get('mid')!);
    expect(result.get('mid')!).toBeGreaterThan(result.get('old')!);
    expect(result.get('old')!).toBeLessThanOrEqual(0.5 + 1e-12);
    expect(result.get('undated')).toBeCloseTo(result.get('mid')!, 12);
  });

  it('GIVEN "latest" THEN a clearly better old passage still beats a weak new one', () => {
    const scores = new Map([['old', 1], ['new', 0.5]]);
    const result = applyDateIntent(scores, publishedOf, intent({ latest: true }));
    expect(result.get('old')!).toBeGreaterThan(result.get('new')!);
  });

  it('GIVEN "latest" with a single dated candidate THEN it is treated as the middle', () => {
    const result = applyDateIntent(new Map([['old', 0.5], ['undated', 0.5]]), publishedOf, intent({ latest: true }));
    expect(result.get('old')).toBeCloseTo(result.get('undated')!, 12);
  });
});

describe('diversify', () => {
  const passage = (article: string, n: number, score: number): Passage => ({
    article: { id: article, file: `${article}.txt`, title: article, outlet: null, agency: null, byline: null, published: null, words: 1, hash: 'h' },
    chunk: { id: `${article}#${n}`, article, index: n, text: 'x', startPos: 0, endPos: 1 },
    score,
  });
  const list = [passage('a', 0, 0.9), passage('a', 1, 0.8), passage('a', 2, 0.7), passage('b', 0, 0.6), passage('c', 0, 0.5), passage('b', 1, 0.4)];

  it.each([
    [5, 2, ['a#0', 'a#1', 'b#0', 'c#0', 'b#1']],
    [5, 1, ['a#0', 'b#0', 'c#0']],
    [2, 2, ['a#0', 'a#1']],
    [10, 10, ['a#0', 'a#1', 'a#2', 'b#0', 'c#0', 'b#1']],
    [0, 2, ['a#0', 'a#1', 'b#0', 'c#0', 'b#1']],
  ])('GIVEN top %i and %i per article THEN it keeps %j', (top, perArticle, expected) => {
    expect(diversify(list, top, perArticle).map((p) => p.chunk.id)).toEqual(expected);
  });
});

describe('retrieve', () => {
  const articles = [
    storedArticle('world/glacier', 'The glacier lost forty metres of ice this summer. Scientists measured the glacier twice. The valley below flooded in August.', { published: '2023-08-10' }),
    storedArticle('world/harbour', 'Harbour cranes unloaded ships at dawn. Tolls at the harbour rose by a tenth. Fishermen protested at the harbour gate.', { published: '2025-11-03' }),
    storedArticle('sport/final', 'The home team won the final match. The captain scored twice in the glacier stadium. Fans celebrated all night.'),
  ];
  const chunker = { maxWords: 8, overlapWords: 0 };

  it('GIVEN a question THEN passages come best first, at most two per article, scored in [0, 1]', async () => {
    const index = fakeIndex(articles, { chunker });
    const passages = await retrieve(index, new FakeEmbedder(), 'glacier ice', { top: 5 });
    expect(passages[0]?.chunk.id).toBe('world/glacier#0');
    const perArticle = new Map<string, number>();
    for (const p of passages) perArticle.set(p.article.id, (perArticle.get(p.article.id) ?? 0) + 1);
    for (const count of perArticle.values()) expect(count).toBeLessThanOrEqual(2);
    for (let i = 1; i < passages.length; i++) expect(passages[i - 1]!.score).toBeGreaterThanOrEqual(passages[i]!.score);
    for (const p of passages) {
      expect(p.score > 0 && p.score <= 1).toBe(true);
      expect(p.chunk.text).toBe(articles.find((a) => a.id === p.article.id)!.text.slice(p.chunk.startPos, p.chunk.endPos));
    }
  });

  it('GIVEN an article id THEN only its passages come back and dense search is told the article', async () => {
    const index = fakeIndex(articles, { chunker, denseRanking: ['world/glacier#0', 'sport/final#1', 'world/harbour#0'] });
    const embedder = new FakeEmbedder();
    const passages = await retrieve(index, embedder, 'glacier', { top: 5, article: 'sport/final', perArticle: 5, candidates: 7 });
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.every((p) => p.article.id === 'sport/final')).toBe(true);
    expect(index.denseCalls).toEqual([{ limit: 7, filter: { article: 'sport/final' } }]);
    expect(embedder.queries).toEqual(['glacier']);
  });

  it.each(['rrf', 'score'] as const)('GIVEN fusion %s THEN a chunk first in both rankings leads with score 1', async (fusion) => {
    const index = fakeIndex(articles, { chunker, denseRanking: ['world/harbour#1', 'world/glacier#0'] });
    const passages = await retrieve(index, new FakeEmbedder(), 'tolls rose', { top: 3, fusion });
    expect(passages[0]?.chunk.id).toBe('world/harbour#1');
    expect(passages[0]?.score).toBeCloseTo(1, 12);
  });

  it('GIVEN a year in the question THEN passages of that year are preferred over others equally matched', async () => {
    const twins = [
      storedArticle('a/2021', 'Flood defences were raised along the river.', { published: '2021-04-01' }),
      storedArticle('b/2024', 'Flood defences were raised along the river bank.', { published: '2024-04-01' }),
    ];
    const index = fakeIndex(twins, { chunker });
    const in2021 = await retrieve(index, new FakeEmbedder(), 'flood defences in 2021', { top: 2 });
    const in2024 = await retrieve(index, new FakeEmbedder(), 'flood defences in 2024', { top: 2 });
    expect(in2021[0]?.article.id).toBe('a/2021');
    expect(in2024[0]?.article.id).toBe('b/2024');
  });

  it('GIVEN no matching words and no dense hits THEN nothing is retrieved', async () => {
    expect(await retrieve(fakeIndex(articles, { chunker }), new FakeEmbedder(), 'volcano eruption', { top: 5 })).toEqual([]);
  });

  // Scores are documented to lie in [0, 1] (/search shows them); the "latest" boost must
  // reorder passages without pushing a score past 1.
  it('GIVEN a "latest" question THEN scores still stay within [0, 1]', async () => {
    const index = fakeIndex(articles, { chunker, denseRanking: ['world/harbour#1'] });
    const passages = await retrieve(index, new FakeEmbedder(), 'latest harbour tolls', { top: 3 });
    expect(passages[0]?.chunk.id).toBe('world/harbour#1');
    for (const p of passages) expect(p.score).toBeLessThanOrEqual(1);
  });
});
