import { describe, expect, it } from 'vitest';
import type { StoredVersion } from '../../src/store/index-version.ts';
import { cleaningFingerprint, reuseStored, sourceHash } from '../../src/store/ingest-cache.ts';

const BYTES = Buffer.from('Headline\n\nBody of the story.');
const STORED = { id: 'a', file: 'a.txt', title: 'Headline', outlet: null, agency: null, published: null, words: 4, hash: 'h', text: 'Body of the story.', indexedAt: 'x' };

/** A version holding article `a`, cleaned under fingerprint `cleanedBy` from bytes with hash `source`. */
function version(cleanedBy: string | undefined, source: string | undefined): StoredVersion {
  return {
    manifest: { cleanedBy, articles: { a: { hash: 'h', chunks: 1, indexedAt: 'x', source } } },
    articles: new Map([['a', STORED]]),
  } as unknown as StoredVersion;
}

describe('reuseStored', () => {
  it.each([
    ['the same bytes under the same fingerprint', version('f1', sourceHash(BYTES)), 'f1', true],
    ['the same bytes cleaned by other code', version('f0', sourceHash(BYTES)), 'f1', false],
    ['other bytes', version('f1', sourceHash(Buffer.from('older text'))), 'f1', false],
    ['a version without file hashes', version('f1', undefined), 'f1', false],
    ['no fingerprint (sources unreadable)', version(undefined, sourceHash(BYTES)), null, false],
    ['no current version', null, 'f1', false],
  ] as const)('GIVEN %s THEN the stored article is reused: %s', (_name, current, fingerprint, reused) => {
    const sources = new Map<string, string>();
    const article = reuseStored(current, fingerprint, sources)('a', BYTES);
    expect(article !== undefined).toBe(reused);
    if (reused) expect(article).toEqual({ title: 'Headline', outlet: null, agency: null, byline: null, published: null, words: 4, hash: 'h', text: 'Body of the story.' });
    // Recorded either way, for the new version's manifest.
    expect(sources.get('a')).toBe(sourceHash(BYTES));
  });
});

describe('cleaningFingerprint', () => {
  it('GIVEN the same settings THEN the same fingerprint; another default outlet THEN another', async () => {
    const first = await cleaningFingerprint(null);
    expect(first).toMatch(/^[0-9a-f]{64}$/u);
    expect(await cleaningFingerprint(null)).toBe(first);
    expect(await cleaningFingerprint('The Daily Planet')).not.toBe(first);
  });
});
