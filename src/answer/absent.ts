import type { IndexVersion } from '../store/index-version.ts';
import { terms, words } from '../text/tokenize.ts';
import { analyzeQuestion } from './question.ts';

/** What the index can say about the words of a question. */
export interface Vocabulary {
  /** True when some article contains the (already stemmed) term. */
  has(term: string): boolean;
  /** True when some article contains these words in this order (case and punctuation aside). */
  hasPhrase(words: readonly string[]): boolean;
}

/** Terms at least this long may be misspelt by one letter and still name what an article names. */
const MIN_MISSPELT_LENGTH = 7;

/**
 * Words that describe a kind of thing rather than name one: demonyms ("American envoys",
 * "Chinese banks") and abbreviations of common nouns ("TV programme"). The articles may say
 * such a kind another way ("US envoys"); a name describing the next word ("the Brexit
 * referendum") is still a name, and must be in some article.
 */
const KIND_WORD = /^(?:\p{Lu}{2,5}|\p{Lu}\p{Ll}+(?:an|ian|ean|ese|ish|ic|i))$/u;

/** A year of the last or this century, as a word of its own. */
const YEAR = /^(?:19|20)\d\d$/u;

/** Roman numerals that number editions: "Grand Theft Auto V", "Rocky II". */
const EDITION_NUMERAL = /^(?:[ivx]{1,4}|\d+)$/iu;

/** True when `word`, after a number, is what the number counts: "20 biggest projects", "3 games". */
function counts(question: string, word: { start: number; end: number } | undefined): boolean {
  if (!word) return false;
  const text = question.slice(word.start, word.end);
  return /^\p{Ll}/u.test(text) && (/s$/u.test(text) || /(?:est|er)$/u.test(text));
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

/** True when the index knows every term of `word`. */
function known(word: string, vocabulary: Vocabulary): boolean {
  return terms(word).every((term) => knownOrMisspelt(term, vocabulary));
}

/**
 * The name that word `i` (unknown to the index) belongs to, as typed: the run of capitalised
 * words around it, cut at possessives into the owner and what is owned. What is owned is the
 * subject ("Women's World Cup" is a World Cup): named when the articles lack it too, otherwise
 * the part holding word `i`.
 */
function subjectName(question: string, found: readonly { start: number; end: number }[], i: number, vocabulary: Vocabulary): string {
  const text = (k: number) => question.slice(found[k]!.start, found[k]!.end);
  const capitalised = (k: number) => k > 0 && k < found.length && /^\p{Lu}/u.test(text(k));
  const joined = (k: number) => /^\s+$/u.test(question.slice(found[k - 1]!.end, found[k]!.start));
  const possessive = (k: number) => /['’]s$/u.test(text(k));
  let first = i;
  while (capitalised(first - 1) && joined(first)) first--;
  let last = i;
  while (capitalised(last + 1) && joined(last + 1)) last++;
  // The run's parts, each ending at a possessive or at the run's end.
  const parts: [number, number][] = [];
  for (let start = first, k = first; k <= last; k++) {
    if (possessive(k) || k === last) {
      parts.push([start, k]);
      start = k + 1;
    }
  }
  const owned = parts.at(-1)!;
  const named = owned[0] <= i || !range(owned).every((k) => known(text(k), vocabulary)) ? owned : parts.find(([from, to]) => from <= i && i <= to)!;
  // The owner is named without its possessive: "Rishi Sunak", not "Rishi Sunak's".
  return question.slice(found[named[0]]!.start, found[named[1]]!.end).replace(/['’]s$/u, '');
}

const range = ([from, to]: [number, number]) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

/**
 * The first name of the question that no article contains, as typed, or null. Names are the
 * capitalised words after the first ("Macron", "Greta Thunberg") and years ("2017"); of a
 * name with an owner, the thing owned ("World Cup" in "Women's World Cup"). A name followed by an edition
 * number ("Nintendo Switch 2", "Grand Theft Auto V") must occur with that number: articles
 * about the first Switch do not answer a question about the second.
 */
export function absentName(question: string, vocabulary: Vocabulary, describing: ReadonlySet<number> = analyzeQuestion(question).describing): string | null {
  const found = words(question);
  // A capitalised word that only describes the noun after it ("the American envoys", "What TV
  // programme") names a kind of thing, which the articles may say another way ("US envoys").
  for (const [i, { start, end }] of found.entries()) {
    const original = question.slice(start, end);
    // Edition numbers ("V", "2") are checked with the name before them, below.
    // A year names a time as a capital names a thing: "Who won Wimbledon in 2017?" is not
    // answered by articles that never mention 2017.
    const year = YEAR.test(original) && !counts(question, found[i + 1]);
    if (!year && (i === 0 || !/\p{Lu}/u.test(original) || (describing.has(start) && KIND_WORD.test(original)) || EDITION_NUMERAL.test(original))) continue;
    if (!known(original, vocabulary)) return year ? original : subjectName(question, found, i, vocabulary);
  }
  for (const [i, { start, end }] of found.entries()) {
    const next = found[i + 1];
    if (i === 0 || !next || !/^\p{Lu}/u.test(question.slice(start, end))) continue;
    const numeral = question.slice(next.start, next.end);
    const adjacent = /^\s+$/u.test(question.slice(end, next.start));
    // Lower-case numerals are words ("mix"); a number that counts the noun after it ("the
    // Ministry of Defence's 20 biggest projects") is no edition; a possessive ends the name.
    if (!adjacent || !EDITION_NUMERAL.test(numeral) || /^[ivx]+$/u.test(numeral) || counts(question, found[i + 2])) continue;
    // A number joined by a dash to another is a score or a range ("Man City 0-2 Man Utd"), no edition.
    if (/^[-–]\d/u.test(question.slice(next.end))) continue;
    if (/['’]s$/u.test(question.slice(start, end))) continue;
    // The whole capitalised run before the number names the thing: "Grand Theft Auto".
    let first = i;
    while (first > 1 && /^\p{Lu}/u.test(question.slice(found[first - 1]!.start, found[first - 1]!.end))) first--;
    const phrase = found.slice(first, i + 2).map((word) => question.slice(word.start, word.end));
    if (!vocabulary.hasPhrase(phrase)) return phrase.join(' ');
  }
  return null;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/**
 * The vocabulary of an index version: its keyword terms, the names articles give of themselves
 * (outlet, agency, author), and phrases found in chunk texts. "...according to Reuters" names an
 * article's agency though its body never prints it.
 */
export function indexVocabulary(version: Pick<IndexVersion, 'keywords' | 'chunks' | 'articles'>): Vocabulary {
  let metadata: Set<string> | null = null;
  const metadataTerms = () => (metadata ??= new Set([...version.articles.values()].flatMap((article) => terms(`${article.outlet ?? ''} ${article.agency ?? ''} ${article.byline ?? ''}`))));
  return {
    has: (term) => version.keywords.has(term) || metadataTerms().has(term),
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
