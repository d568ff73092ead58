import { describe, expect, it } from 'vitest';
import type { Answer, Passage } from '../../src/answer/answer.ts';
import {
  articleChoices,
  embedLength,
  escapeDiscord,
  filterArticles,
  formatAnswer,
  formatArticle,
  formatBusy,
  formatDuration,
  formatPassages,
  formatRefreshSummary,
  LIMITS,
  paginateArticles,
  type MessageBody,
} from '../../src/bot/format.ts';
import type { ArticleMeta } from '../../src/ingest/article.ts';
import type { RefreshSummary } from '../../src/store/refresh-summary.ts';
import { ARTICLES, chunksOf, makeArticle, metaOf, sourceOf } from './fake-desk.ts';

/** Asserts every Discord limit that applies to a message body. */
function expectWithinLimits(body: MessageBody): void {
  expect(body.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
  let total = 0;
  for (const embed of body.embeds ?? []) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      expect(field.value.length).toBeGreaterThan(0);
    }
    total += embedLength(embed);
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedsTotal);
}

const longArticle = makeArticle({
  id: 'long/001',
  title: `A ${'very '.repeat(80)}long title`,
  outlet: 'Outlet',
  agency: 'AP',
  published: '2025-01-01',
  text: Array.from({ length: 30 }, (_, i) => `Paragraph ${i}: ${'*stars* and _underscores_ '.repeat(12)}end.`).join('\n'),
});
const longSources = chunksOf(longArticle).map((c) => sourceOf(longArticle, c));
const longPassages: Passage[] = chunksOf(longArticle).map((chunk) => ({ article: metaOf(longArticle), chunk, score: 0.5 }));

describe('formatAnswer', () => {
  it('GIVEN a long answer and a question THEN content ≤ 2000, the question first, cut between quotes', () => {
    const answer: Answer = { question: 'q', answered: true, sources: longSources, related: [] };
    const body = formatAnswer(answer, { question: `What ${'really '.repeat(100)}happened?` });
    expectWithinLimits(body);
    expect(body.content?.startsWith('**Q:** What really')).toBe(true);
    expect(body.content).toMatch(/…and \d+ more sources not shown\.$/);
    for (const line of body.content!.split('\n').filter((l) => l.startsWith('> "'))) expect(line).toMatch(/end\." \[1\]$/);
  });

  it('GIVEN markdown in a quote THEN it is escaped, so the quote shows exactly as written', () => {
    const answer: Answer = { question: 'q', answered: true, sources: [longSources[0]!], related: [] };
    const content = formatAnswer(answer).content!;
    expect(content).toContain('\\*stars\\* and \\_underscores\\_');
  });

  it.each([
    ['# Heading', '\\# Heading'],
    ['- item', '\\- item'],
    ['1. first', '1\\. first'],
    ['[link](http://x)', '\\[link](http://x)'],
    ['`code`', '\\`code\\`'],
    ['~~gone~~ ||spoiler||', '\\~\\~gone\\~\\~ \\|\\|spoiler\\|\\|'],
  ])('GIVEN %j THEN escapeDiscord gives %j', (input, expected) => {
    expect(escapeDiscord(input)).toBe(expected);
  });
});

describe('formatPassages', () => {
  it('GIVEN no passages THEN says so', () => {
    expect(formatPassages('x', []).embeds?.[0]?.description).toBe('No passages matched.');
  });

  it('GIVEN many long passages THEN one embed within limits', () => {
    const body = formatPassages('q'.repeat(400), longPassages);
    expectWithinLimits(body);
    expect(body.embeds?.[0]?.description).toMatch(/…and \d+ more sources not shown\.$/);
  });
});

describe('formatArticle', () => {
  const details = { meta: metaOf(longArticle), opening: 'x'.repeat(5000), indexedAt: '2025-11-04T08:00:00.000Z' };

  it('GIVEN a long opening, title and many passages THEN the embed is within limits', () => {
    const body = formatArticle(details, { query: 'stars', passages: longPassages });
    expectWithinLimits(body);
    expect(body.embeds?.[0]?.description).toContain('**Passages matching "stars":**');
  });

  it('GIVEN a passage query that matches nothing THEN says so', () => {
    expect(formatArticle(details, { query: 'zzz', passages: [] }).embeds?.[0]?.description).toContain('No passage of this article matches.');
  });

  it('GIVEN an invalid indexedAt THEN the text is shown as is', () => {
    const body = formatArticle({ ...details, indexedAt: 'yesterday' });
    expect(body.embeds?.[0]?.fields?.find((f) => f.name === 'Indexed')?.value).toBe('yesterday');
  });
});

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

describe('filterArticles', () => {
  it.each([
    ['bank', ['business/001']],
    ['IANS', ['tech/007']],
    ['SPORT/', ['sport/014']],
    ['', ['business/001', 'sport/014', 'tech/007']],
  ])('GIVEN filter %j THEN %j', (filter, expected) => {
    expect(filterArticles(ARTICLES.map(metaOf), filter).map((a) => a.id)).toEqual(expected);
  });
});

describe('articleChoices', () => {
  const metas = [
    ...Array.from({ length: 40 }, (_, i) => metaOf(makeArticle({ id: `bulk/${i}`, title: `Budget ${'long '.repeat(40)}${i}`, text: 'x' }))),
    metaOf(makeArticle({ id: 'x/'.repeat(60), title: 'Budget with an id too long for a choice value', text: 'x' })),
    metaOf(makeArticle({ id: 'econ/budget', title: 'Economy', text: 'x', published: '2025-02-01' })),
  ];

  it('GIVEN many matches THEN at most 25 choices, names ≤ 100, values ≤ 100', () => {
    const choices = articleChoices(metas, 'budget');
    expect(choices).toHaveLength(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it.each([
    ['GIVEN an exact id THEN that article first', 'econ/budget', 'econ/budget'],
    ['GIVEN a title prefix THEN a title match first', 'budget long', 'bulk/0'],
    ['GIVEN nothing typed THEN the list order', '', 'bulk/0'],
  ])('%s', (_name, typed, first) => {
    expect(articleChoices(metas, typed)[0]?.value).toBe(first);
  });

  it('GIVEN no match THEN no choices', () => {
    expect(articleChoices(metas, 'zzzz')).toEqual([]);
  });

  it('GIVEN a dated article THEN the name ends with its date, kept when the title is cut', () => {
    expect(articleChoices(metas, 'econ')[0]?.name).toBe('Economy · 2025-02-01');
    expect(articleChoices(metas, 'bulk/1')[0]?.name).toMatch(/… · undated$/);
  });
});

describe('formatRefreshSummary', () => {
  const summary: RefreshSummary = { articles: 10, chunks: 40, embedded: 4, unchanged: 8, removed: 1, added: 1, changed: 1, skipped: [], embedder: 'offline:hashing-v1', ms: 2500 };

  it('GIVEN nothing skipped THEN three lines', () => {
    expect(formatRefreshSummary(summary).content).toBe(
      'Refresh finished in 2.5 s.\nAdded 1 · changed 1 · removed 1 · unchanged 8 · skipped 0\nIndex: 10 articles, 40 chunks; 4 chunks embedded with offline:hashing-v1.',
    );
  });

  it('GIVEN hundreds of skipped files THEN ≤ 2000 with a count of the rest', () => {
    const skipped = Array.from({ length: 300 }, (_, i) => ({ file: `bad/file_${i}.pdf`, reason: 'unsupported file type', kind: 'unsupported' as const }));
    const content = formatRefreshSummary({ ...summary, skipped }).content!;
    expect(content.length).toBeLessThanOrEqual(2000);
    expect(content).toContain('- bad/file\\_0.pdf: unsupported file type');
    expect(content).toMatch(/…and \d+ more skipped files\.$/);
  });
});

describe('formatBusy', () => {
  it('GIVEN a holder THEN who and when, as a Discord timestamp', () => {
    expect(formatBusy({ startedBy: 'cli on host_1', startedAt: '2025-11-04T08:00:00.000Z' })).toBe(
      'A refresh is already running: started by cli on host\\_1 <t:1762243200:f> (<t:1762243200:R>). Try again when it has finished.',
    );
  });

  it('GIVEN no holder THEN a plain message', () => {
    expect(formatBusy(undefined)).toBe('A refresh is already running. Try again when it has finished.');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [59_999, '59 s'],
    [61_000, '1 min 1 s'],
    [3_600_000 + 5 * 60_000, '1 h 5 min'],
    [3 * 86_400_000 + 4 * 3_600_000, '3 d 4 h'],
  ])('GIVEN %i ms THEN %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});
