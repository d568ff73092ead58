import path from 'node:path';

/** Longest file name kept from an upload, before its ending. */
const MAX_STEM = 80;

/**
 * A file name for an uploaded article that is safe to create in the corpus folder: only its
 * last path segment is kept (no `..`, no folders, no absolute path), letters and digits and
 * `-`/`_` only, lower-cased, never starting with a dot (hidden files are not indexed). The
 * ending is kept as it is lower-cased: whether it is an article ending is for the ingest rules
 * to say. An upload named only with punctuation becomes `article.<ending>`.
 */
export function safeUploadName(uploadName: string): string {
  const last = uploadName.split(/[\\/]/u).pop() ?? '';
  const normalized = last.normalize('NFKC').replace(/\p{C}/gu, '');
  const extension = path.extname(normalized).toLowerCase().replace(/[^a-z0-9.]/gu, '');
  const stem = normalized
    .slice(0, normalized.length - path.extname(normalized).length)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/-{2,}/gu, '-')
    .replace(/^[-_]+|[-_]+$/gu, '')
    .slice(0, MAX_STEM);
  return `${stem || 'article'}${extension}`;
}
