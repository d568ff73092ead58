import type { SkipKind, SkippedFile } from '../ingest/skipped.ts';
import type { RefreshSummary } from '../store/refresh-summary.ts';

/** What a group of skipped files has in common, for `n` files. */
const GROUPS: Record<SkipKind, (n: number) => string> = {
  duplicate: (n) => `${n} files have the same text as another`,
  'same-id': (n) => `${n} files have the article id of another file (same path, other extension)`,
  empty: (n) => `${n} files are empty`,
  'no-text': (n) => `${n} files have too little article text after removing page furniture`,
  binary: (n) => `${n} files are binary, not text`,
  'too-large': (n) => `${n} files are larger than MAX_FILE_BYTES`,
  unsupported: (n) => `${n} files are not .txt, .md or .html`,
  documentation: (n) => `${n} files are documentation (README, LICENSE...)`,
  unreadable: (n) => `${n} files or folders cannot be read`,
  'not-regular': (n) => `${n} are named pipes, sockets or devices (never opened)`,
  symlink: (n) => `${n} symbolic links were not followed`,
};

/** Groups of at most this many files are listed file by file. */
const LISTED = 3;

/**
 * The lines of the skipped-files part of the ingest summary: skipped files grouped by why, the
 * largest group first; a small group names its files and reasons, a large one is counted, with
 * a pointer to `--json` for the full list. Empty when nothing was skipped.
 */
export function skippedSummary(skipped: readonly SkippedFile[]): string[] {
  if (skipped.length === 0) return [];
  const groups = new Map<SkipKind, SkippedFile[]>();
  for (const file of skipped) groups.set(file.kind, [...(groups.get(file.kind) ?? []), file]);
  const lines = [`skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'}:`];
  let counted = false;
  for (const [kind, files] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    if (files.length <= LISTED) {
      for (const { file, reason } of files) lines.push(`  ${file}: ${reason}`);
    } else {
      lines.push(`  ${GROUPS[kind](files.length)}`);
      counted = true;
    }
  }
  if (counted) lines.push('  (--json lists every skipped file with its reason)');
  return lines;
}

/** A refresh's summary as terminal lines: the totals, files read in a fallback encoding, skips by reason. */
export function refreshSummaryLines(result: RefreshSummary & { recoded?: readonly { file: string; encoding: string }[] }): string[] {
  return [
    `Indexed ${result.articles} articles in ${result.chunks} chunks with ${result.embedder} (${(result.ms / 1000).toFixed(1)} s).`,
    `  added ${result.added}, changed ${result.changed}, unchanged ${result.unchanged}, removed ${result.removed}; embedded ${result.embedded} chunks`,
    ...(result.recoded ?? []).map(({ file, encoding }) => `  read as ${encoding}: ${file}`),
    ...skippedSummary(result.skipped).map((line) => `  ${line}`),
  ];
}
