import { describe, expect, it } from 'vitest';
import { formatDuration, progressRate } from '../../src/cli/progress.ts';

describe('progressRate', () => {
  it('GIVEN reports over time THEN the rate counts from the first report and the time left follows from it', () => {
    let now = 5_000;
    const rate = progressRate(() => now);
    expect(rate(0, 1000).secondsLeft).toBe(Number.POSITIVE_INFINITY);
    now += 10_000;
    expect(rate(200, 1000)).toEqual({ perSecond: 20, secondsLeft: 40 });
    now += 10_000;
    expect(rate(300, 1000)).toEqual({ perSecond: 15, secondsLeft: 700 / 15 });
  });

  it('GIVEN a first report after a slow start THEN the start-up is not counted in the rate', () => {
    let now = 0;
    const rate = progressRate(() => now);
    now = 60_000;
    rate(128, 1000);
    now += 4_000;
    expect(rate(256, 1000).perSecond).toBe(32);
  });
});

describe('formatDuration', () => {
  it.each([
    [42, '42s'],
    [185, '3m05s'],
    [3720, '1h02m'],
    [Number.POSITIVE_INFINITY, '--'],
  ])('GIVEN %s seconds THEN %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});
