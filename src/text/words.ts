/**
 * Words as a reader counts them: runs of letters or digits, with inner apostrophes, dots and
 * hyphens (`don't`, `U.S.`, `re-enter`, `3.5` are one word each); punctuation alone is none.
 * This is an article's length (`ArticleMeta.words`) and decides whether a page has a story.
 */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/**
 * Whitespace-separated pieces, punctuation included (`—` is one). Chunk sizes are counted this
 * way because a model reads every piece as a token, and the page-furniture rules measure lines
 * this way because a menu's `•` and `|` make it longer, not shorter. Unlike `countWords`, a
 * change here would move chunk boundaries, so the two are kept apart.
 */
export function countPieces(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/u).length;
}

/** The letters-and-digits words of `text`, lower-cased: what stays when case, quotes and punctuation are set aside. */
export function plainWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** `plainWords` joined by spaces: two texts with the same key say the same words in the same order. */
export function wordKey(text: string): string {
  return plainWords(text).join(' ');
}
