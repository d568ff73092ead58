import { describe, expect, it } from 'vitest';
import { parseDateIntent, withinSpan, type DateIntent } from '../../src/answer/date-intent.ts';

describe('parseDateIntent', () => {
  it.each([
    ['What happened in 2021?', '2021-01-01', '2021-12-31', false],
    ['news from 1999', '1999-01-01', '1999-12-31', false],
    ['in March 2024', '2024-03-01', '2024-03-31', false],
    ['february of 2024 (leap year)', '2024-02-01', '2024-02-29', false],
    ['Feb 2023', '2023-02-01', '2023-02-28', false],
    ['in Sept. 2023', '2023-09-01', '2023-09-30', false],
    ['Dec. 2025', '2025-12-01', '2025-12-31', false],
    ['JUNE 2020', '2020-06-01', '2020-06-30', false],
    ['latest on Putin', null, null, true],
    ['the most recent talks', null, null, true],
    ['what is the newest report', null, null, true],
    ['what happened recently', null, null, true],
    ['latest news of November 2025', '2025-11-01', '2025-11-30', true],
    ['5,000 troops moved', null, null, false],
    ['2,225 articles', null, null, false],
    ['in 2100', null, null, false],
    ['in 1899', null, null, false],
    ['the 2020s', null, null, false],
    ['who is the president', null, null, false],
  ] as const)('GIVEN %j THEN the span is %s..%s and latest is %s', (question, from, to, latest) => {
    expect(parseDateIntent(question)).toEqual({ from, to, latest });
  });

  // A year followed by a comma is still a year ("In 2021, ..."); only "2,225" is not.
  it.each([
    ['In 2021, who won the election?', '2021-01-01', '2021-12-31'],
    ['What did the council decide in 2019, and why?', '2019-01-01', '2019-12-31'],
  ] as const)('GIVEN %j (year followed by a comma) THEN the span is %s..%s', (question, from, to) => {
    expect(parseDateIntent(question)).toEqual({ from, to, latest: false });
  });
});

describe('withinSpan', () => {
  const span: DateIntent = { from: '2024-03-01', to: '2024-03-31', latest: false };
  it.each([
    ['first day', span, '2024-03-01', true],
    ['last day', span, '2024-03-31', true],
    ['day before', span, '2024-02-29', false],
    ['day after', span, '2024-04-01', false],
    ['no span', { from: null, to: null, latest: true }, '1990-01-01', true],
    ['open end', { from: '2024-01-01', to: null, latest: false }, '2030-01-01', true],
  ] as const)('GIVEN %s THEN withinSpan is %s', (_name, intent, published, expected) => {
    expect(withinSpan(intent, published)).toBe(expected);
  });
});
