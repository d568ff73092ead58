import { describe, expect, it } from 'vitest';
import { paginateArticles } from '../../../src/bot/format/articles.ts';
import type { ArticleMeta } from '../../../src/ingest/article.ts';
import { makeArticle, metaOf } from '../fake-desk.ts';
import { expectWithinLimits } from './limits.ts';

describe('paginateArticles', () => {
  const metas = (count: number, title = (i: number) => `Story ${i}`): ArticleMeta[] =>
    Array.from({ length: count }, (_, i) => metaOf(makeArticle({ id: `n/${i}`, title: title(i), text: 'x' })));

  it.each([
    [0, 1],
    [1, 1],
    [10, 1],
    [11, 2],
    [25, 3],
  ])('GIVEN %i articles THEN %i page(s)', (count, pages) => {
    const embeds = paginateArticles(metas(count));
    expect(embeds).toHaveLength(pages);
    for (const embed of embeds) expectWithinLimits({ embeds: [embed] });
  });

  it('GIVEN very long titles THEN pages still fit 4096 and no line exceeds 400', () => {
    const embeds = paginateArticles(metas(40, (i) => `${i} ${'headline '.repeat(200)}`), { perPage: 25 });
    for (const embed of embeds) {
      expectWithinLimits({ embeds: [embed] });
      for (const line of embed.description!.split('\n')) expect(line.length).toBeLessThanOrEqual(400);
    }
    expect(embeds[0]?.footer?.text).toBe(`Page 1 of ${embeds.length}`);
  });

  it('GIVEN a filter that matches nothing THEN says so', () => {
    expect(paginateArticles([], { filter: 'zzz' })[0]?.description).toBe('No article matches "zzz".');
  });
});
