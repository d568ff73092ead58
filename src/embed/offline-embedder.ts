import type { Embedder, EmbedderInfo } from './embedder.ts';
import { terms } from '../text/tokenize.ts';

/** Width of the hashed feature space. */
const DIMENSIONS = 512;

/** 32-bit FNV-1a: stable across runs and machines, so stored vectors stay comparable. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The embedder used when no model can be loaded: signed feature hashing of stemmed words,
 * word pairs and character trigrams of each word, with log-scaled counts and unit length.
 * Deterministic, instant and download-free; it matches shared words and word fragments rather
 * than meaning, so the hybrid retriever leans on it less than on a real model.
 */
export class OfflineEmbedder implements Embedder {
  readonly info: EmbedderInfo = { id: 'offline:hashing-v1', dimensions: DIMENSIONS, pooling: 'none', offline: true };

  async embedPassages(texts: readonly string[]): Promise<number[][]> {
    return texts.map((text) => embed(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    return embed(text);
  }
}

function embed(text: string): number[] {
  const counts = new Map<string, number>();
  const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);
  const words = terms(text);
  words.forEach((word, i) => {
    add(`w:${word}`, 1);
    if (i > 0) add(`b:${words[i - 1]} ${word}`, 0.5);
    const padded = `<${word}>`;
    for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, 0.15);
  });
  const vector = new Array<number>(DIMENSIONS).fill(0);
  for (const [feature, count] of counts) {
    const hash = fnv1a(feature);
    const sign = hash & 0x80000000 ? -1 : 1;
    vector[hash % DIMENSIONS]! += sign * (1 + Math.log(1 + count));
  }
  const norm = Math.hypot(...vector);
  // An empty or all-stopword text still gets a unit vector, so cosine stays defined.
  if (norm === 0) {
    vector[0] = 1;
    return vector;
  }
  return vector.map((value) => value / norm);
}
