import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { englishPages, PAGES_DIR, readPages, scorePage, summarizePages } from '../../src/eval/pages.ts';
import { prepareArticle } from '../../src/ingest/prepare.ts';

// Runs only where `npm run test-pages` has fetched Mozilla Readability's test pages; the figures
// are those docs/ingest.md reports, as floors.
describe.skipIf(!existsSync(PAGES_DIR))('ingest on the English Readability test pages', () => {
  it('GIVEN the 63 English articles THEN recall, leakage, title, byline and date stay at their measured level', { timeout: 120_000 }, () => {
    const pages = englishPages(readPages(PAGES_DIR));
    const scores = pages.map((page) => {
      const prepared = prepareArticle({ file: `${page.name}.html`, raw: page.source, format: 'html', defaultOutlet: null });
      return scorePage(page, prepared.ok ? prepared.article : { text: '', title: null, byline: null, published: null });
    });
    const s = summarizePages(scores);
    expect(s.pages).toBe(63);
    expect(s.recallMean).toBeGreaterThanOrEqual(0.985);
    expect(s.leakageMean).toBeLessThanOrEqual(0.003);
    expect(s.title[0]).toBeGreaterThanOrEqual(60);
    expect(s.byline[0]).toBeGreaterThanOrEqual(47);
    expect(s.date[0]).toBe(s.date[1]);
    expect(scores.filter((score) => score.headlineInBody).map((score) => score.name)).toEqual([]);
  });
});
