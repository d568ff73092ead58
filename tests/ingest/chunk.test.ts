import { describe, expect, it } from 'vitest';
import { chunkArticle, DEFAULT_CHUNK_SETTINGS, type ChunkSettings } from '../../src/ingest/chunk.ts';
import type { Chunk } from '../../src/ingest/article.ts';
import { splitSentences } from '../../src/text/sentences.ts';
import { generatedArticle } from '../fixtures/core/fakes.ts';

/** A sentence of exactly `n` words starting with a capital, so the segmenter ends it at the dot. */
const sentence = (n: number, tag: string) => [tag, ...Array.from({ length: n - 1 }, (_, i) => `word${i}`)].join(' ') + '.';

const countWords = (text: string) => text.split(/\s+/u).filter(Boolean).length;

function checkInvariants(text: string, chunks: Chunk[], settings: ChunkSettings): void {
  const sentences = splitSentences(text);
  chunks.forEach((chunk, i) => {
    expect(chunk.text).toBe(text.slice(chunk.startPos, chunk.endPos));
    expect(chunk.index).toBe(i);
    expect(chunk.id).toBe(`${chunk.article}#${i}`);
    // Sentence aligned: starts at a sentence start, ends at a sentence end.
    expect(sentences.some((s) => s.start === chunk.startPos)).toBe(true);
    expect(sentences.some((s) => s.end === chunk.endPos)).toBe(true);
    // At most maxWords, unless it is a single over-long sentence.
    const inside = sentences.filter((s) => s.start >= chunk.startPos && s.end <= chunk.endPos);
    if (inside.length > 1) expect(countWords(chunk.text)).toBeLessThanOrEqual(settings.maxWords);
    if (i > 0) {
      // Always progress.
      expect(chunk.startPos).toBeGreaterThan(chunks[i - 1]!.startPos);
    }
  });
  // Every sentence is inside some chunk.
  for (const s of sentences) {
    expect(chunks.some((c) => c.startPos <= s.start && s.end <= c.endPos)).toBe(true);
  }
}

describe('chunkArticle', () => {
  it.each([
    ['one short sentence', sentence(5, 'Alpha'), { maxWords: 10, overlapWords: 3 }, [[0, 1]]],
    ['sentences that fit together', [sentence(3, 'Alpha'), sentence(3, 'Bravo'), sentence(3, 'Charlie')].join(' '), { maxWords: 10, overlapWords: 3 }, [[0, 3]]],
    // 4 | 4 | 4 with max 8, overlap 4: [A B], then B overlaps into [B C].
    ['overlap by one whole sentence', [sentence(4, 'Alpha'), sentence(4, 'Bravo'), sentence(4, 'Charlie')].join(' '), { maxWords: 8, overlapWords: 4 }, [[0, 2], [1, 3]]],
    ['no overlap when overlapWords is 0', [sentence(4, 'Alpha'), sentence(4, 'Bravo'), sentence(4, 'Charlie')].join(' '), { maxWords: 8, overlapWords: 0 }, [[0, 2], [2, 3]]],
    // The long sentence is its own chunk, never cut.
    ['a sentence longer than maxWords', [sentence(4, 'Alpha'), sentence(25, 'Bravo'), sentence(4, 'Charlie'), sentence(4, 'Delta')].join('\n'), { maxWords: 10, overlapWords: 4 }, [[0, 1], [1, 2], [2, 4]]],
    ['only one over-long sentence', sentence(40, 'Alpha'), { maxWords: 10, overlapWords: 4 }, [[0, 1]]],
  ] as const)('GIVEN %s THEN chunks span the expected sentences', (_name, text, settings, expected) => {
    const chunks = chunkArticle({ id: 'desk/001', text }, settings);
    const sentences = splitSentences(text);
    const asSentenceRanges = chunks.map((c) => [sentences.findIndex((s) => s.start === c.startPos), sentences.findIndex((s) => s.end === c.endPos) + 1]);
    expect(asSentenceRanges).toEqual(expected);
    checkInvariants(text, chunks, settings);
  });

  it('GIVEN an empty text THEN there are no chunks', () => {
    expect(chunkArticle({ id: 'x', text: '' })).toEqual([]);
    expect(chunkArticle({ id: 'x', text: ' \n\n ' })).toEqual([]);
  });

  it.each([
    ['default settings', DEFAULT_CHUNK_SETTINGS],
    ['small chunks', { maxWords: 20, overlapWords: 8 }],
    ['overlap as large as a chunk', { maxWords: 15, overlapWords: 15 }],
    ['tiny maxWords', { maxWords: 1, overlapWords: 1 }],
  ] as const)('GIVEN a long article and %s THEN every chunk is an exact slice and all sentences are covered', (_name, settings) => {
    const text = `  ${[generatedArticle(1, 6), 'Mr. Smith said “yes”.\r\nDr. Jones  said “no”…', generatedArticle(2, 5)].join('\n\n')}  `;
    const chunks = chunkArticle({ id: 'world/2025/x', text }, settings);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.article === 'world/2025/x')).toBe(true);
    checkInvariants(text, chunks, settings);
  });

  // Overlap that leaves no room for the next new sentence would make a chunk that only
  // repeats part of the previous one.
  it('GIVEN the sentence after a chunk does not fit beside the overlap THEN no chunk is a mere repeat of the previous one', () => {
    const text = [sentence(5, 'Alpha'), sentence(3, 'Bravo'), sentence(9, 'Charlie')].join(' ');
    const chunks = chunkArticle({ id: 'x', text }, { maxWords: 10, overlapWords: 5 });
    for (let i = 1; i < chunks.length; i++) {
      // Each chunk must reach past the end of the one before it.
      expect(chunks[i]!.endPos).toBeGreaterThan(chunks[i - 1]!.endPos);
    }
  });
});
