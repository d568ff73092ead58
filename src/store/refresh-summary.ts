import type { SkippedFile } from '../ingest/skipped.ts';

/** What one refresh did. `ingest --json` prints exactly this object. */
export interface RefreshSummary {
  /** Articles in the index after the refresh. */
  articles: number;
  chunks: number;
  /** Chunks embedded by this refresh (0 when nothing changed). */
  embedded: number;
  /** Articles whose content hash had not changed; they cost no embedding call. */
  unchanged: number;
  /** Articles that left the index. */
  removed: number;
  /** Articles new to the index, and articles whose content changed. */
  added: number;
  changed: number;
  skipped: SkippedFile[];
  /** Id of the embedder that built the index. */
  embedder: string;
  /** Wall time of the refresh, in milliseconds. */
  ms: number;
}
