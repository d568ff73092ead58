import { describe, expect, it } from 'vitest';
import { dayOf } from '../../src/ingest/timestamp.ts';

describe('dayOf', () => {
  it.each([
    ['2024-01-26', '2024-01-26'],
    ['2024-01-26T10:13:00Z', '2024-01-26'],
    // A time with a zone counts in UTC: late evening in California is the next day.
    ['2019-04-28T22:30:00-07:00', '2019-04-29'],
    ['2024-12-06T22:00:40.000Z', '2024-12-06'],
    ['2025-11-03T02:00:00+05:30', '2025-11-02'],
    // Without a zone the day stays as written.
    ['2017-11-03 03:01:00.000000', '2017-11-03'],
    ['2018-04-05T06:00', '2018-04-05'],
    ['Mon Aug 03 12:45:00 EDT 2015', '2015-08-03'],
    ['12-15-2016', '2016-12-15'],
    ['Washington PostDec 13, 2016', '2016-12-13'],
    ['13 December,2021 10:23 AM IST', '2021-12-13'],
    ['December 4', null],
    ['Nov 3', null],
    ['', null],
    ['no date here', null],
  ])('GIVEN %j THEN %j', (value, expected) => {
    expect(dayOf(value)).toBe(expected);
  });
});
