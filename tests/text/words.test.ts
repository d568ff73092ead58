import { describe, expect, it } from 'vitest';
import { countPieces, countWords } from '../../src/text/words.ts';

describe('countWords', () => {
  it.each([
    ['plain words', 'one two three', 3],
    ['contractions and hyphens as one word', "don't re-enter U.S. 3.5", 4],
    ['punctuation only', '— … !!', 0],
    ['unicode letters', 'Müller 中文 Ελλάδα', 3],
  ] as const)('GIVEN %s THEN countWords is %i', (_name, text, expected) => {
    expect(countWords(text)).toBe(expected);
  });
});

describe('countPieces', () => {
  it.each([
    ['plain words', 'one two three', 3],
    ['punctuation counts as a piece', 'Home | World — Sport', 5],
    ['surrounding and repeated white space', '  a \n\t b  ', 2],
    ['nothing', '   ', 0],
  ] as const)('GIVEN %s THEN countPieces is %i', (_name, text, expected) => {
    expect(countPieces(text)).toBe(expected);
  });
});
