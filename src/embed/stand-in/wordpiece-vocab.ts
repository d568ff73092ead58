/**
 * A WordPiece vocabulary learnt from sample text, sized like a real BERT vocabulary and cut so
 * that English text splits into about as many tokens as a real uncased BERT tokenizer gives it:
 * the most frequent words whole, the rest as frequent prefixes and `##` endings, with every
 * character as a last resort. Sequence length decides the model's cost, so this is what makes
 * a stand-in model cost what the real one does.
 */

/** The special tokens, at the ids BERT vocabularies give them. */
export const SPECIAL_TOKENS = { pad: '[PAD]', unk: '[UNK]', cls: '[CLS]', sep: '[SEP]', mask: '[MASK]' } as const;
const SPECIAL_IDS: Readonly<Record<string, number>> = { '[PAD]': 0, '[UNK]': 100, '[CLS]': 101, '[SEP]': 102, '[MASK]': 103 };

/** Word counts of sample text, split the way BERT's normaliser and pre-tokenizer split it. */
export interface WordCounts {
  /** Each alphanumeric piece (lower-cased, accents removed) with its count. */
  pieces: Map<string, number>;
  /** Punctuation and symbol tokens: one token each, whatever the vocabulary. */
  symbols: number;
  /** Whitespace-separated words, the denominator of tokens per word. */
  words: number;
  /** Every character seen, so that no text of the sample tokenizes to [UNK]. */
  characters: Set<string>;
}

/** BERT's normalisation for uncased models: lower case, accents stripped. */
export function normalizeForBert(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '');
}

/** Adds `text` to `counts` (created when absent) and returns it. */
export function countWords(text: string, counts: WordCounts = { pieces: new Map(), symbols: 0, words: 0, characters: new Set() }): WordCounts {
  const normal = normalizeForBert(text);
  counts.words += normal.split(/\s+/u).filter(Boolean).length;
  for (const [token] of normal.matchAll(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)) {
    for (const ch of token) counts.characters.add(ch);
    if (/^[\p{L}\p{N}]/u.test(token)) counts.pieces.set(token, (counts.pieces.get(token) ?? 0) + 1);
    else counts.symbols++;
  }
  return counts;
}

/** Greedy longest-match-first WordPiece, as BERT tokenizers split a word; null when a character is missing. */
export function wordPieces(word: string, vocab: ReadonlySet<string>): string[] | null {
  const pieces: string[] = [];
  let start = 0;
  while (start < word.length) {
    let end = word.length;
    let piece: string | null = null;
    while (end > start) {
      const candidate = (start > 0 ? '##' : '') + word.slice(start, end);
      if (vocab.has(candidate)) {
        piece = candidate;
        break;
      }
      end--;
    }
    if (piece === null) return null;
    pieces.push(piece);
    start = end;
  }
  return pieces;
}

/** Tokens per whitespace word that `vocab` gives the counted text, punctuation included. */
export function tokensPerWord(counts: WordCounts, vocab: ReadonlySet<string>): number {
  let tokens = counts.symbols;
  for (const [word, count] of counts.pieces) tokens += (wordPieces(word, vocab)?.length ?? 1) * count;
  return tokens / Math.max(1, counts.words);
}

/** The vocabulary with the `wholeWords` most frequent words and sub-word pieces filling the rest. */
function vocabularyWith(counts: WordCounts, ranked: readonly string[], wholeWords: number, size: number): string[] {
  const vocab: string[] = [];
  const seen = new Set<string>();
  const add = (token: string) => {
    if (vocab.length < size && !seen.has(token)) {
      seen.add(token);
      vocab.push(token);
    }
  };
  for (const ch of [...counts.characters].sort()) {
    add(ch);
    if (/[\p{L}\p{N}]/u.test(ch)) add(`##${ch}`);
  }
  const whole = ranked.slice(0, wholeWords);
  for (const word of whole) add(word);
  // The other words are covered by their frequent beginnings and endings.
  const fragments = new Map<string, number>();
  const bump = (fragment: string, count: number) => fragments.set(fragment, (fragments.get(fragment) ?? 0) + count);
  for (const word of ranked.slice(wholeWords)) {
    const count = counts.pieces.get(word)!;
    for (let length = 2; length < word.length && length <= 8; length++) {
      bump(word.slice(0, length), count);
      bump(`##${word.slice(word.length - length)}`, count);
    }
  }
  const byCount = [...fragments].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [fragment] of byCount) add(fragment);
  return vocab;
}

/**
 * A vocabulary of exactly `size` tokens (specials at BERT's ids, unused slots as `[unusedN]`)
 * whose tokens per word on the counted text is the closest to `tokensPerWord` that whole-word
 * counts allow. Returns the tokens by id and the ratio reached.
 */
export function buildWordPieceVocab(counts: WordCounts, options: { size: number; tokensPerWord: number }): { tokens: string[]; tokensPerWord: number } {
  const specials = Object.values(SPECIAL_IDS);
  const free = options.size - Math.max(...specials) - 1;
  if (free <= counts.characters.size * 2) throw new Error(`a vocabulary of ${options.size} tokens cannot hold the ${counts.characters.size} characters of the text`);
  const ranked = [...counts.pieces.keys()].sort((a, b) => counts.pieces.get(b)! - counts.pieces.get(a)! || (a < b ? -1 : 1));
  const ratioWith = (whole: number) => tokensPerWord(counts, new Set(vocabularyWith(counts, ranked, whole, free)));
  // More whole words, fewer tokens: search the count whose ratio is just at or below the target.
  let low = 0;
  let high = Math.min(ranked.length, free);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (ratioWith(middle) > options.tokensPerWord) low = middle + 1;
    else high = middle;
  }
  const learnt = vocabularyWith(counts, ranked, low, free);
  const tokens: string[] = [];
  let unused = 0;
  let next = 0;
  for (let id = 0; id < options.size; id++) {
    const special = Object.keys(SPECIAL_IDS).find((token) => SPECIAL_IDS[token] === id);
    if (special) tokens.push(special);
    else if (id > 103 && next < learnt.length) tokens.push(learnt[next++]!);
    else tokens.push(`[unused${unused++}]`);
  }
  return { tokens, tokensPerWord: ratioWith(low) };
}
