import { describe, expect, it } from 'vitest';
import { findDates, parseDate } from '../../src/ingest/dates.ts';

describe('parseDate', () => {
  it.each([
    ['November 03, 2025 8:39 AM', '2025-11-03'],
    [' date 2025-12-04 Thursday, December 04, 2025 | 03:00 PM IST', '2025-12-04'],
    ['Updated on: 13 December,2021 10:23 AM IST', '2021-12-13'],
    ['Jan 26, 2024 03:43 PM IST', '2024-01-26'],
    ['First Published: Dec 04 2025 | 2:56 PM IST', '2025-12-04'],
    ['Last Updated : Dec 04 2025 | 2:56 PM IST', '2025-12-04'],
    ['Friday, January 26, 2024', '2024-01-26'],
    ['Sept. 5, 2024', '2024-09-05'],
    ['5th May 2005', '2005-05-05'],
    ['DEC 4 2025', '2025-12-04'],
    ['2025-11-03T08:39:00+05:30', '2025-11-03'],
    ['Washington PostDec 13, 2016', '2016-12-13'],
    ['Mon Aug 03 12:45:00 EDT 2015', '2015-08-03'],
    ['12-15-2016', '2016-12-15'],
    ['15/12/2016', '2016-12-15'],
  ])('GIVEN %j THEN it reads as %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each([
    ['a date without a year', 'Moscow, Nov 3 (IANS)'],
    ['a day that does not exist', '31 November 2024'],
    ['no date at all', 'Kremlin says no need to promptly prepare'],
    ['a month name inside a word', 'Decided 5 2025'],
    ['an empty string', ''],
    ['a numeric date either of two days', '03/04/2016'],
    ['a lower-case month glued to a word', 'Fridec 13, 2016'],
  ])('GIVEN %s THEN it is null', (_case, text) => {
    expect(parseDate(text)).toBeNull();
  });
});

describe('findDates', () => {
  it('GIVEN several dates in one text THEN each is found once, in order, with its position', () => {
    const text = 'Met on August 15, 2025; next on 2025-12-04 and 13 December,2021.';
    expect(findDates(text)).toEqual([
      { iso: '2025-08-15', index: 7, text: 'August 15, 2025' },
      { iso: '2025-12-04', index: 32, text: '2025-12-04' },
      { iso: '2021-12-13', index: 47, text: '13 December,2021' },
    ]);
  });

  it('GIVEN "Thursday, December 04, 2025" THEN the match is not also read day-first', () => {
    expect(findDates('Thursday, December 04, 2025').map((d) => d.iso)).toEqual(['2025-12-04']);
  });
});
