/** How token vectors become one vector per text. */
export type Pooling = 'mean' | 'cls';

/** Identity of an embedder, recorded in the index manifest: a query must use the same one. */
export interface EmbedderInfo {
  /** Stable id, e.g. `transformers:Xenova/bge-small-en-v1.5` or `offline:hashing-v1`. */
  id: string;
  dimensions: number;
  pooling: Pooling | 'none';
  /** True for the offline fallback that needs no model download. */
  offline: boolean;
}

/** Turns texts into unit-length vectors. Passages and queries may be encoded differently. */
export interface Embedder {
  readonly info: EmbedderInfo;
  /** One vector per text, in order, each of `info.dimensions` numbers with L2 norm 1. */
  embedPassages(texts: readonly string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
  /**
   * How many `embedPassages` calls are worth having under way at once: more than one where the
   * passages are embedded beside the caller (worker threads) and the next call can wait in
   * their queues; one (the default) where each call runs on the caller's thread anyway.
   */
  readonly callsInFlight?: number;
}
