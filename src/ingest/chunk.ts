import type { Article, Chunk } from './article.ts';
import { splitSentences, type Span } from '../text/sentences.ts';
import { countPieces } from '../text/words.ts';

/** How articles are cut into passages; recorded in the manifest, a change re-chunks everything. */
export interface ChunkSettings {
  /** Upper bound of a chunk, in words; sized so the chunk plus title stays under the model's token limit. */
  maxWords: number;
  /** Words of trailing context repeated at the start of the next chunk, in whole sentences. */
  overlapWords: number;
}

export const DEFAULT_CHUNK_SETTINGS: ChunkSettings = { maxWords: 120, overlapWords: 30 };

/**
 * Cuts an article's text into sentence-aligned chunks of at most `maxWords` words (a longer
 * single sentence is its own chunk), consecutive chunks sharing up to `overlapWords` words of
 * whole sentences. Each chunk's text is exactly `article.text.slice(startPos, endPos)`.
 */
export function chunkArticle(article: Pick<Article, 'id' | 'text'>, settings: ChunkSettings = DEFAULT_CHUNK_SETTINGS): Chunk[] {
  const sentences = splitSentences(article.text).map((span) => ({
    ...span,
    words: countPieces(article.text.slice(span.start, span.end)),
  }));
  const chunks: Chunk[] = [];
  let first = 0;
  while (first < sentences.length) {
    let last = first;
    let words = sentences[first]!.words;
    while (last + 1 < sentences.length && words + sentences[last + 1]!.words <= settings.maxWords) {
      last++;
      words += sentences[last]!.words;
    }
    chunks.push(makeChunk(article, chunks.length, sentences[first]!, sentences[last]!));
    if (last + 1 >= sentences.length) break;
    // Step back over whole sentences for the overlap, but always move forward.
    let next = last + 1;
    let overlap = 0;
    // The overlap must leave room for at least the next new sentence, or the chunk would
    // only repeat the previous one.
    const following = sentences[last + 1]!.words;
    while (
      next - 1 > first &&
      overlap + sentences[next - 1]!.words <= settings.overlapWords &&
      overlap + sentences[next - 1]!.words + following <= settings.maxWords
    ) {
      next--;
      overlap += sentences[next]!.words;
    }
    first = next;
  }
  return chunks;
}

function makeChunk(article: Pick<Article, 'id' | 'text'>, index: number, from: Span, to: Span): Chunk {
  return {
    id: `${article.id}#${index}`,
    article: article.id,
    index,
    text: article.text.slice(from.start, to.end),
    startPos: from.start,
    endPos: to.end,
  };
}
