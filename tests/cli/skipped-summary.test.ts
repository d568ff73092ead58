import { describe, expect, it } from 'vitest';
import { skippedSummary } from '../../src/cli/skipped-summary.ts';
import type { SkippedFile } from '../../src/ingest/skipped.ts';

const twins = (n: number): SkippedFile[] => Array.from({ length: n }, (_, i) => ({ file: `dup/${i}.txt`, reason: `same article text as a/${i}`, kind: 'duplicate' }));

describe('skippedSummary', () => {
  it('GIVEN nothing skipped THEN no lines', () => {
    expect(skippedSummary([])).toEqual([]);
  });

  it('GIVEN a large group and a small one THEN the large one is counted, the small one listed, and --json is named', () => {
    const pipe: SkippedFile = { file: 'p.txt', reason: 'a named pipe, not a regular file; never opened', kind: 'not-regular' };
    expect(skippedSummary([pipe, ...twins(133)])).toEqual([
      'skipped 134 files:',
      '  133 files have the same text as another',
      '  p.txt: a named pipe, not a regular file; never opened',
      '  (--json lists every skipped file with its reason)',
    ]);
  });

  it('GIVEN only small groups THEN every file is listed and no pointer to --json', () => {
    expect(skippedSummary(twins(2))).toEqual(['skipped 2 files:', '  dup/0.txt: same article text as a/0', '  dup/1.txt: same article text as a/1']);
  });
});
