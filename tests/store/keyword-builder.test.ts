import { describe, expect, it } from 'vitest';
import { buildKeywordData, KeywordBuilder, KeywordIndex } from '../../src/store/keyword-index.ts';

const DOCS = [
  ['a#0', 'Glacier glacier melt in the valley'],
  ['a#1', 'Harbour cranes unload ships'],
  ['b#0', 'Harbour tolls rise as glacier tourism grows'],
] as const;

const plain = new KeywordIndex(buildKeywordData(DOCS.map(([id, text]) => ({ id, text }))));

/** Doc `doc`'s terms and counts, read back through the inverted view. */
function termsOf(index: KeywordIndex, doc: number): Record<string, number> {
  const { termOf, countOf, start, end } = index.termsOfDoc(doc);
  return Object.fromEntries(Array.from({ length: end - start }, (_, i) => [index.termAt(termOf[start + i]!), countOf[start + i]!]));
}

describe('KeywordBuilder', () => {
  it('GIVEN docs added in order THEN each term lists its docs in ascending order with their counts', () => {
    const builder = new KeywordBuilder();
    builder.add([['glacier', 2], ['melt', 1]]);
    builder.add([['harbour', 1]]);
    builder.add([['glacier', 1], ['harbour', 3]]);
    const postings = builder.finish();
    const list = (term: string) => {
      const t = postings.terms.indexOf(term);
      return Array.from(postings.docs.subarray(postings.starts[t], postings.starts[t + 1])).map((doc, i) => [doc, postings.counts[postings.starts[t]! + i]]);
    };
    expect(list('glacier')).toEqual([[0, 2], [2, 1]]);
    expect(list('harbour')).toEqual([[1, 1], [2, 3]]);
    expect(Array.from(postings.lengths)).toEqual([3, 1, 4]);
  });

  it('GIVEN docs copied from another index, in another order, THEN they search as the originals did', () => {
    const builder = new KeywordBuilder();
    // The second version keeps b#0 and a#1 (in that order) and drops a#0.
    builder.copy(plain, 2);
    builder.copy(plain, 1);
    const ids = ['b#0', 'a#1'];
    const copied = new KeywordIndex(builder.finish(), (doc) => ids[doc]!);
    expect(termsOf(copied, 0)).toEqual(termsOf(plain, 2));
    expect(termsOf(copied, 1)).toEqual(termsOf(plain, 1));
    expect(copied.search('harbour', 5).map((hit) => hit.id)).toEqual(['a#1', 'b#0']);
    expect(copied.has('melt')).toBe(false);
  });
});

describe('KeywordIndex top hits', () => {
  it.each([1, 2, 3, 10])('GIVEN limit %i THEN the hits are the first of the full ranking', (limit) => {
    const all = plain.search('glacier harbour', 100);
    expect(plain.search('glacier harbour', limit)).toEqual(all.slice(0, limit));
  });
});
