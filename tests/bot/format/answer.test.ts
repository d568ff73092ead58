import { describe, expect, it } from 'vitest';
import type { Answer, Passage } from '../../../src/answer/answer.ts';
import { formatAnswer, formatArticle, formatPassageInContext, formatPassages } from '../../../src/bot/format/answer.ts';
import { chunksOf, makeArticle, metaOf, sourceOf } from '../fake-desk.ts';
import { expectWithinLimits } from './limits.ts';

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

  it('GIVEN a closest reply THEN it opens by saying what the articles do not say, escaped, and stays within limits', () => {
    const answer: Answer = { question: 'q', answered: true, confidence: 'closest', missing: 'how much *the* school cost', sources: longSources, related: [] };
    const body = formatAnswer(answer, { question: 'How much did *the* school cost?' });
    expectWithinLimits(body);
    expect(body.content?.split('\n')[2]).toBe("The articles don't say how much \\*the\\* school cost. Closest passages, which do not answer it:");
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

  it('GIVEN an article with a byline THEN a By field names the people; without one THEN no such field', () => {
    const withByline = formatArticle({ ...details, meta: { ...details.meta, byline: 'Jane_Doe' } });
    expect(withByline.embeds?.[0]?.fields?.find((f) => f.name === 'By')?.value).toBe('Jane\\_Doe');
    expect(formatArticle({ ...details, meta: { ...details.meta, byline: null } }).embeds?.[0]?.fields?.some((f) => f.name === 'By')).toBe(false);
  });

  it('GIVEN an invalid indexedAt THEN the text is shown as is', () => {
    const body = formatArticle({ ...details, indexedAt: 'yesterday' });
    expect(body.embeds?.[0]?.fields?.find((f) => f.name === 'Indexed')?.value).toBe('yesterday');
  });
});

describe('formatPassageInContext', () => {
  it('GIVEN a quote from an article with a byline THEN the quote in bold and a By field', () => {
    const meta = { ...metaOf(longArticle), byline: 'Jane Doe' };
    const body = formatPassageInContext({ meta, before: 'Before.', quote: 'The quote.', after: 'After.' });
    expect(body.embeds?.[0]?.description).toBe('Before. **The quote.** After.');
    expect(body.embeds?.[0]?.fields?.map((f) => [f.name, f.value])).toContainEqual(['By', 'Jane Doe']);
  });
});
