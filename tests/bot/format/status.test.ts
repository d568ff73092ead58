import { describe, expect, it } from 'vitest';
import { formatBusy, formatDuration, formatRefreshSummary } from '../../../src/bot/format/status.ts';
import type { RefreshSummary } from '../../../src/store/refresh-summary.ts';

describe('formatRefreshSummary', () => {
  const summary: RefreshSummary = { articles: 10, chunks: 40, embedded: 4, unchanged: 8, removed: 1, added: 1, changed: 1, skipped: [], embedder: 'offline:hashing-v1', ms: 2500 };

  it('GIVEN nothing skipped THEN three lines', () => {
    expect(formatRefreshSummary(summary).content).toBe(
      'Refresh finished in 2.5 s.\nAdded 1 · changed 1 · removed 1 · unchanged 8 · skipped 0\nIndex: 10 articles, 40 chunks; 4 chunks embedded with offline:hashing-v1.',
    );
  });

  it('GIVEN hundreds of skipped files THEN ≤ 2000 with a count of the rest', () => {
    const skipped = Array.from({ length: 300 }, (_, i) => ({ file: `bad/file_${i}.pdf`, reason: 'unsupported file type', kind: 'unsupported' as const }));
    const content = formatRefreshSummary({ ...summary, skipped }).content!;
    expect(content.length).toBeLessThanOrEqual(2000);
    expect(content).toContain('- bad/file\\_0.pdf: unsupported file type');
    expect(content).toMatch(/…and \d+ more skipped files\.$/);
  });
});

describe('formatBusy', () => {
  it('GIVEN a holder THEN who and when, as a Discord timestamp', () => {
    expect(formatBusy({ startedBy: 'cli on host_1', startedAt: '2025-11-04T08:00:00.000Z' })).toBe(
      'A refresh is already running: started by cli on host\\_1 <t:1762243200:f> (<t:1762243200:R>). Try again when it has finished.',
    );
  });

  it('GIVEN no holder THEN a plain message', () => {
    expect(formatBusy(undefined)).toBe('A refresh is already running. Try again when it has finished.');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [59_999, '59 s'],
    [61_000, '1 min 1 s'],
    [3_600_000 + 5 * 60_000, '1 h 5 min'],
    [3 * 86_400_000 + 4 * 3_600_000, '3 d 4 h'],
  ])('GIVEN %i ms THEN %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});
