import type { Chunk } from '../ingest/article.ts';

/**
 * What the embedder and the keyword index see of a chunk: its article's headline, then its
 * text. The headline helps retrieval; it is never part of a quote.
 */
export function passageForEmbedding(title: string, chunk: Pick<Chunk, 'text'>): string {
  return `${title}\n\n${chunk.text}`;
}
