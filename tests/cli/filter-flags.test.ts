import { describe, expect, it } from 'vitest';
import { splitFilterFlags } from '../../src/cli/filter-flags.ts';

describe('splitFilterFlags', () => {
  it.each([
    ['What did Peskov say?', 'What did Peskov say?', {}],
    ['--since 2025-01 What did Peskov say?', 'What did Peskov say?', { since: '2025-01' }],
    ['What did Peskov say? --until=2025-06-30 --outlet "Business Standard"', 'What did Peskov say?', { until: '2025-06-30', outlet: 'Business Standard' }],
    ['--outlet mid-day who met --since 2021 in Geneva?', 'who met in Geneva?', { outlet: 'mid-day', since: '2021' }],
    ['Is the --verbose flag a question?', 'Is the --verbose flag a question?', {}],
  ])('GIVEN %j THEN the question %j and the filter %j', (line, question, filter) => {
    expect(splitFilterFlags(line)).toEqual({ question, filter });
  });
});
