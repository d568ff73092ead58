import type { IndexVersion } from '../store/index-version.ts';
import { englishNlp } from '../text/nlp.ts';
import { terms, words } from '../text/tokenize.ts';

/** What the index can say about the words of a question. */
export interface Vocabulary {
  /** True when some article contains the (already stemmed) term. */
  has(term: string): boolean;
  /** True when some article contains these words in this order (case and punctuation aside). */
  hasPhrase(words: readonly string[]): boolean;
}

/** Terms at least this long may be misspelt by one letter and still name what an article names. */
const MIN_MISSPELT_LENGTH = 7;

/** Roman numerals that number editions: "Grand Theft Auto V", "Rocky II". */
const EDITION_NUMERAL = /^(?:[ivx]{1,4}|\d+)$/iu;

/**
 * Offsets of capitalised words that only describe the noun after them ("the American envoys",
 * "What TV programme"): they name a kind of thing, and the articles may say it another way
 * ("US envoys"), so they are not names a missing article would be about.
 */
function modifierOffsets(question: string): Set<number> {
  const nlp = englishNlp();
  const doc = nlp.readDoc(question);
  const values = doc.tokens().out();
  const pos = doc.tokens().out(nlp.its.pos) as string[];
  const offsets = new Set<number>();
  let cursor = 0;
  values.forEach((value, i) => {
    const at = question.indexOf(value, cursor);
    if (at < 0) return;
    cursor = at + value.length;
    const next = values[i + 1];
    if (/^\p{Lu}/u.test(value) && next !== undefined && /^\p{Ll}/u.test(next) && (pos[i + 1] === 'NOUN' || pos[i + 1] === 'ADJ')) offsets.add(at);
  });
  return offsets;
}

/** One-letter slips of `term`: a letter dropped, or two neighbours swapped. */
function slips(term: string): string[] {
  const variants: string[] = [];
  for (let i = 0; i < term.length; i++) variants.push(term.slice(0, i) + term.slice(i + 1));
  for (let i = 0; i + 1 < term.length; i++) variants.push(term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2));
  return variants;
}

/** True when the index knows `term`, or (for a long term) a spelling one slip away: "Rainiers" for "Raniers". */
function knownOrMisspelt(term: string, vocabulary: Vocabulary): boolean {
  if (vocabulary.has(term)) return true;
  return term.length >= MIN_MISSPELT_LENGTH && slips(term).some((variant) => vocabulary.has(variant));
}

/**
 * The first name of the question that no article contains, as typed, or null. Names are the
 * capitalised words after the first ("Macron", "Thunberg"). A name followed by an edition
 * number ("Nintendo Switch 2", "Grand Theft Auto V") must occur with that number: articles
 * about the first Switch do not answer a question about the second.
 */
export function absentName(question: string, vocabulary: Vocabulary): string | null {
  const found = words(question);
  const modifiers = modifierOffsets(question);
  for (const [i, { start, end }] of found.entries()) {
    const original = question.slice(start, end);
    // Edition numbers ("V", "2") are checked with the name before them, below.
    if (i === 0 || !/\p{Lu}/u.test(original) || modifiers.has(start) || EDITION_NUMERAL.test(original)) continue;
    const wordTerms = terms(original);
    if (wordTerms.length > 0 && !wordTerms.every((term) => knownOrMisspelt(term, vocabulary))) return original;
  }
  for (const [i, { start, end }] of found.entries()) {
    const next = found[i + 1];
    if (i === 0 || !next || !/^\p{Lu}/u.test(question.slice(start, end))) continue;
    const numeral = question.slice(next.start, next.end);
    const adjacent = /^\s+$/u.test(question.slice(end, next.start));
    // A capitalised "I" is a pronoun, not the first edition.
    if (!adjacent || !EDITION_NUMERAL.test(numeral) || numeral === 'I') continue;
    if (/^[ivx]+$/u.test(numeral)) continue;
    // The whole capitalised run before the number names the thing: "Grand Theft Auto".
    let first = i;
    while (first > 1 && /^\p{Lu}/u.test(question.slice(found[first - 1]!.start, found[first - 1]!.end))) first--;
    const phrase = found.slice(first, i + 2).map((word) => question.slice(word.start, word.end));
    if (!vocabulary.hasPhrase(phrase)) return phrase.join(' ');
  }
  return null;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** The vocabulary of an index version: its keyword terms, and phrases found in chunk texts. */
export function indexVocabulary(version: Pick<IndexVersion, 'keywords' | 'chunks'>): Vocabulary {
  return {
    has: (term) => version.keywords.has(term),
    hasPhrase(phraseWords) {
      const phraseTerms = phraseWords.flatMap((word) => terms(word));
      if (phraseTerms.length === 0 || !phraseTerms.every((term) => version.keywords.has(term))) return false;
      // Only chunks holding the rarest of its terms can hold the phrase.
      const rarest = phraseTerms.reduce((a, b) => (version.keywords.chunksWith(a).length <= version.keywords.chunksWith(b).length ? a : b));
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${phraseWords.map(escapeRegExp).join('[\\s\\-–:]+')}(?![\\p{L}\\p{N}])`, 'iu');
      return version.keywords.chunksWith(rarest).some((id) => pattern.test(version.chunks.get(id)?.text ?? ''));
    },
  };
}
