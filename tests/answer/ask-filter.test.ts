import { describe, expect, it } from 'vitest';
import { isoDayBound, matchOutlets, resolveAskFilter } from '../../src/answer/ask-filter.ts';
import { isNewsdeskError } from '../../src/errors.ts';

const OUTLETS = ['BBC News', 'Business Standard', 'Hindustan Times', 'mid-day'];

describe('isoDayBound', () => {
  it.each([
    ['2025-03-09', 'since', '2025-03-09'],
    ['2025-03', 'since', '2025-03-01'],
    ['2025-02', 'until', '2025-02-28'],
    ['2024-02', 'until', '2024-02-29'],
    ['2025', 'since', '2025-01-01'],
    ['2025', 'until', '2025-12-31'],
    [' 2025-12-31 ', 'until', '2025-12-31'],
  ] as const)('GIVEN %j as %s THEN %s', (text, option, day) => {
    expect(isoDayBound(text, option)).toBe(day);
  });

  it.each(['2025-13', '2025-02-30', '25-01-01', 'last week', '2025/01/01', '2025-1-1'])('GIVEN %j THEN QUESTION_INVALID naming the option and the forms', (text) => {
    const error = (() => {
      try {
        return isoDayBound(text, 'until');
      } catch (e) {
        return e;
      }
    })();
    expect(isNewsdeskError(error, 'QUESTION_INVALID')).toBe(true);
    expect((error as Error).message).toBe(`until: "${text}" is not a date; write it as YYYY-MM-DD (or YYYY-MM, or YYYY).`);
  });
});

describe('matchOutlets', () => {
  it.each([
    ['bbc news', ['BBC News']],
    ['MID-DAY', ['mid-day']],
    ['times', ['Hindustan Times']],
    ['s', ['BBC News', 'Business Standard', 'Hindustan Times']],
  ])('GIVEN %j THEN %j', (typed, outlets) => {
    expect(matchOutlets(typed, OUTLETS)).toEqual(outlets);
  });

  it('GIVEN an outlet no article has THEN the message names some that are', () => {
    expect(() => matchOutlets('Le Monde', OUTLETS)).toThrow('outlet: no article is from "Le Monde"; outlets in the index include BBC News, Business Standard, Hindustan Times, mid-day.');
    expect(() => matchOutlets('Le Monde', [])).toThrow('no article in the index names its outlet');
  });
});

describe('resolveAskFilter', () => {
  it('GIVEN nothing, or only blanks THEN no filter, and the outlets are not even listed', () => {
    const outlets = () => {
      throw new Error('not needed');
    };
    expect(resolveAskFilter(undefined, outlets)).toBeUndefined();
    expect(resolveAskFilter({ since: ' ', until: null, outlet: '' }, outlets)).toBeUndefined();
  });

  it('GIVEN all three THEN ISO days and the outlets matched', () => {
    expect(resolveAskFilter({ since: '2024', until: '2025-06', outlet: 'standard' }, () => OUTLETS)).toEqual({ since: '2024-01-01', until: '2025-06-30', outlets: ['Business Standard'] });
  });

  it('GIVEN since after until THEN QUESTION_INVALID saying to swap them', () => {
    expect(() => resolveAskFilter({ since: '2025-06-02', until: '2025-06-01' }, () => OUTLETS)).toThrow('since (2025-06-02) is after until (2025-06-01); swap them.');
  });
});
