import { describe, expect, it } from 'vitest';
import { packSentences, TAG_KINDS, unpackSentences, type TaggedSentence } from '../../src/text/tags.ts';

describe('packSentences / unpackSentences', () => {
  it('GIVEN tagged sentences of every kind THEN they come back equal', () => {
    const sentences: TaggedSentence[] = [
      { start: 0, end: 40, tags: TAG_KINDS.map((kind, i) => ({ kind, start: i, end: i + 1 })) },
      { start: 41, end: 50, tags: [] },
    ];
    expect(unpackSentences(packSentences(sentences))).toEqual(sentences);
  });

  it.each([
    ['too short a record', [[1]]],
    ['a tag cut short', [[0, 10, 1, 2]]],
    ['an unknown kind', [[0, 10, 99, 1, 2]]],
    ['a fraction', [[0, 1.5]]],
    ['not an array', [{ start: 0 }]],
  ])('GIVEN %s THEN it throws instead of guessing', (_name, packed) => {
    expect(() => unpackSentences(packed as number[][])).toThrow();
  });
});
