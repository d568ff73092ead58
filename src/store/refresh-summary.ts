/** Why a file was not indexed, as a group; `reason` gives the details in words. */
export type SkipKind =
  | 'duplicate' // the same text as another file
  | 'same-id' // another file has its article id (x.md and x.txt)
  | 'empty'
  | 'no-text' // nothing or too little left after removing page furniture
  | 'binary'
  | 'too-large'
  | 'unsupported' // not a .txt, .md or .html file
  | 'documentation' // README, LICENSE...
  | 'unreadable' // a file or folder that cannot be read
  | 'not-regular' // a named pipe, socket or device: never opened
  | 'symlink'; // a symbolic link not followed, and why

/** A file the refresh did not index, and why. */
export interface SkippedFile {
  /** Path relative to the corpus folder; a folder ends with `/`. */
  file: string;
  reason: string;
  kind: SkipKind;
}

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
