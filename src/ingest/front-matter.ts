/**
 * Reads the YAML front matter that opens many Markdown articles (`---` lines around `key: value`
 * pairs). Only flat keys with a text value or a list of texts are read; that is all an article's
 * title, author and date need, and anything else in the block is left alone.
 */

/** The block's keys (lower-cased) and values; an empty map when the file has no front matter. */
export interface FrontMatter {
  fields: Map<string, string[]>;
  /** The file after the block. */
  body: string;
}

const BLOCK = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

function unquote(value: string): string {
  const v = value.trim();
  return /^(["']).*\1$/.test(v) ? v.slice(1, -1) : v;
}

/** Splits front matter from the Markdown that follows it. */
export function readFrontMatter(markdown: string): FrontMatter {
  const match = BLOCK.exec(markdown);
  const fields = new Map<string, string[]>();
  if (match === null) return { fields, body: markdown };
  let listKey: string | null = null;
  for (const line of (match[1] ?? '').split('\n')) {
    const item = /^\s+-\s+(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item !== null && listKey !== null) {
      fields.get(listKey)?.push(unquote(item[1] ?? ''));
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (pair === null) continue;
    const key = (pair[1] ?? '').toLowerCase();
    const value = (pair[2] ?? '').trim();
    listKey = value === '' ? key : null;
    // An inline list: `authors: [Jane Doe, John Roe]`.
    const inline = /^\[(.*)\]$/.exec(value);
    fields.set(key, value === '' ? [] : inline ? (inline[1] ?? '').split(',').map(unquote).filter(Boolean) : [unquote(value)]);
  }
  return { fields, body: markdown.slice(match[0].length) };
}

/** The first value given under any of `keys`, all values joined by ", ". */
export function frontMatterValue(front: FrontMatter, keys: readonly string[]): string | null {
  for (const key of keys) {
    const values = (front.fields.get(key) ?? []).filter((v) => v.trim() !== '');
    if (values.length > 0) return values.join(', ');
  }
  return null;
}
