import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishPages, readPages, scorePage, summarizePages, utcDay, type ExpectedPage } from '../../src/eval/pages.ts';

const expected = (fields: Partial<ExpectedPage> = {}): ExpectedPage => ({
  name: 'p',
  source: '',
  paragraphs: ['Storm hits the coast as thousands flee.', 'Roads were closed on Monday.'],
  title: 'Storm hits the coast | Example Times',
  byline: 'By Jane Doe\n  March 11, 2015',
  publishedTime: '2019-04-28T22:30:00-07:00',
  lang: 'en',
  readerable: true,
  ...fields,
});

describe('scorePage', () => {
  it('GIVEN the expected text, headline, byline and UTC day THEN every field matches', () => {
    const score = scorePage(expected(), { text: 'Storm hits the coast as thousands flee.\n\nRoads were closed on Monday.', title: 'Storm hits the coast', byline: 'Jane Doe', published: '2019-04-29' });
    expect(score).toMatchObject({ recall: 1, leakage: 0, title: true, byline: true, date: true, headlineInBody: false });
  });

  it('GIVEN a lost paragraph, a leaked line, the local day and another name THEN each is counted', () => {
    const score = scorePage(expected(), { text: 'Storm hits the coast as thousands flee.\n\nSubscribe now', title: 'Roads closed', byline: 'John Roe', published: '2019-04-28' });
    expect(score.recall).toBeCloseTo(7 / 12);
    expect(score.leakage).toBeCloseTo(2 / 9);
    expect(score).toMatchObject({ title: false, byline: false, date: false });
  });

  it('GIVEN the headline as the first paragraph THEN it is counted as left in the body', () => {
    expect(scorePage(expected(), { text: 'Storm hits the coast\n\nRoads were closed on Monday.', title: 'Storm hits the coast', byline: null, published: null }).headlineInBody).toBe(true);
  });

  it('GIVEN a page that expects no byline or date THEN those fields are not scored', () => {
    expect(scorePage(expected({ byline: null, publishedTime: null }), { text: '', title: null, byline: 'Jane Doe', published: null })).toMatchObject({ byline: null, date: null, recall: 0 });
  });
});

describe('utcDay', () => {
  it.each([
    ['2017-02-23T17:18:13-08:00', '2017-02-24'],
    ['2017-11-03 03:01:00.000000', '2017-11-03'],
    ['2024-06-25', '2024-06-25'],
    ['soon', null],
  ])('GIVEN %j THEN %j', (stamp, day) => {
    expect(utcDay(stamp)).toBe(day);
  });
});

describe('readPages and englishPages', () => {
  it('GIVEN page folders THEN the English ones, by their metadata, are read with their expected body', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pages-'));
    for (const [name, lang] of [['a', 'en-US'], ['b', 'fr'], ['c', null]] as const) {
      mkdirSync(path.join(dir, name));
      writeFileSync(path.join(dir, name, 'source.html'), '<p>x</p>');
      writeFileSync(path.join(dir, name, 'expected.html'), '<div><p>One.</p><figure><figcaption>Caption</figcaption></figure><p>Two.</p></div>');
      writeFileSync(path.join(dir, name, 'expected-metadata.json'), JSON.stringify({ title: 'T', lang, readerable: true }));
    }
    const pages = englishPages(readPages(dir));
    expect(pages.map((p) => p.name)).toEqual(['a']);
    expect(pages[0]?.paragraphs).toEqual(['One.', 'Two.']);
    expect(readPages(path.join(dir, 'missing'))).toEqual([]);
  });
});

describe('summarizePages', () => {
  it('GIVEN scores THEN means, median and tallies over the pages that expect a value', () => {
    const s = summarizePages([
      { name: 'a', recall: 1, leakage: 0, title: true, byline: null, date: false, headlineInBody: false },
      { name: 'b', recall: 0.5, leakage: 0.1, title: false, byline: true, date: null, headlineInBody: true },
      { name: 'c', recall: 0.9, leakage: 0, title: true, byline: null, date: null, headlineInBody: false },
    ]);
    expect(s).toMatchObject({ pages: 3, recallMedian: 0.9, title: [2, 3], byline: [1, 1], date: [0, 1], headlineInBody: 1 });
    expect(s.recallMean).toBeCloseTo(0.8);
    expect(s.leakageMean).toBeCloseTo(0.1 / 3);
  });
});
