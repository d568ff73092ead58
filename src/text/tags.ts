/**
 * What a span of an article is: a kind of name, or a kind of date, number or amount. These
 * are the answers questions ask for ("who" a person or organisation, "how much" money...).
 */
export type TagKind =
  | 'person'
  | 'place'
  | 'organisation'
  | 'name'
  | 'date'
  | 'time'
  | 'duration'
  | 'number'
  | 'ordinal'
  | 'money'
  | 'percent';

/** Every kind, in the order of their codes on disk; append only. */
export const TAG_KINDS: readonly TagKind[] = ['person', 'place', 'organisation', 'name', 'date', 'time', 'duration', 'number', 'ordinal', 'money', 'percent'];

/** Kinds that are names of something. */
export const NAME_KINDS: ReadonlySet<TagKind> = new Set(['person', 'place', 'organisation', 'name']);

/** A tagged span: `[start, end)` in UTF-16 offsets into the article's cleaned text. */
export interface Tag {
  kind: TagKind;
  start: number;
  end: number;
}

/** One sentence of an article (offsets into its cleaned text) with the tags inside it. */
export interface TaggedSentence {
  start: number;
  end: number;
  tags: Tag[];
}

/**
 * Compact form for the index: per sentence `[start, end, kind, start, end, kind, ...]`, kinds
 * as their position in TAG_KINDS. A third of the size of objects, and as quick to parse.
 */
export type PackedSentences = number[][];

export function packSentences(sentences: readonly TaggedSentence[]): PackedSentences {
  return sentences.map(({ start, end, tags }) => [start, end, ...tags.flatMap((tag) => [TAG_KINDS.indexOf(tag.kind), tag.start, tag.end])]);
}

/** Inverse of `packSentences`; throws on a malformed record rather than guessing. */
export function unpackSentences(packed: PackedSentences): TaggedSentence[] {
  return packed.map((record) => {
    if (!Array.isArray(record) || record.length < 2 || (record.length - 2) % 3 !== 0 || !record.every(Number.isInteger)) {
      throw new Error(`malformed sentence record ${JSON.stringify(record).slice(0, 80)}`);
    }
    const tags: Tag[] = [];
    for (let i = 2; i < record.length; i += 3) {
      const kind = TAG_KINDS[record[i]!];
      if (!kind) throw new Error(`unknown tag kind ${record[i]}`);
      tags.push({ kind, start: record[i + 1]!, end: record[i + 2]! });
    }
    return { start: record[0]!, end: record[1]!, tags };
  });
}
