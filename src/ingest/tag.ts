import type { ItemEntity } from 'wink-nlp';
import { englishNlp } from '../text/nlp.ts';
import { splitSentences } from '../text/sentences.ts';
import type { Tag, TagKind, TaggedSentence } from '../text/tags.ts';

/** wink's numeric entity types and what they are here; other types (emoji, URL...) are ignored. */
const ENTITY_KINDS: Record<string, TagKind> = {
  DATE: 'date',
  TIME: 'time',
  DURATION: 'duration',
  CARDINAL: 'number',
  ORDINAL: 'ordinal',
  MONEY: 'money',
  PERCENT: 'percent',
};

/** Titles before a person's name. */
const PERSON_TITLES = new Set(
  `mr mrs ms miss dr sir lord lady dame prof professor president senator rev reverend father
  king queen prince princess judge pope saint st chancellor minister secretary general
  governor mayor sheikh`.split(/\s+/),
);

/** Words of an organisation's name ("Bank of China"; "Merrill Lynch" has none and stays a plain name). */
const ORGANISATION_WORDS = new Set(
  `bank association union council group party ministry department commission committee fund
  foundation institute university college school club agency office registry society trust
  corporation corp inc ltd plc llc co company companies networks network airways airlines
  airline records music motors pharmaceutical pharmaceuticals entertainment studios studio
  media federation league board bureau authority service services police army navy court
  parliament government organisation organization exchange fc united academy industries
  systems technologies software games publishing press times post news television tv radio
  channel broadcasting partners holdings capital securities bros brothers labs laboratories
  hospital charity alliance coalition movement front church`.split(/\s+/),
);

/** Prepositions after which a name is usually a place: "in Cairo", "near the Serena Hotel". */
const PLACE_PREPOSITIONS = new Set(`in at near from to across outside inside around throughout towards via into`.split(/\s+/));

/** Verbs of saying that follow or precede a person's name: "Moore said", "said Holmes". */
const SPEECH_VERBS = new Set(`said says told added insisted argued claimed explained warned admitted believes believed thinks wrote`.split(/\s+/));

/** Function words allowed inside a name: "Bank of China", "Madonna of the Pinks", "Procter & Gamble". */
const NAME_JOINERS = new Set(['of', 'the', 'de', 'del', 'da', 'van', 'von', 'la', 'le', '&', 'and']);

/** Changes by a factor, which answer "by how much": "fourfold", "doubled", "halved". */
const MULTIPLIER = /^(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)-?fold|doubled|tripled|trebled|quadrupled|halved)$/iu;

/** Fractions in words, which answer "by how much": "rose by a tenth", "cut by half". */
const FRACTION = /\b(?:a|one|two|three|four) (?:half|third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)s?\b|\bby half\b/giu;

/** `end` moved past a unit that belongs to the amount before it: "$1.07" of "$1.07bn", "56" of "$56m". */
function withUnit(text: string, end: number): number {
  const unit = /^(?:bn|m|k|million|billion|trillion)\b/iu.exec(text.slice(end, end + 8));
  return unit ? end + unit[0].length : end;
}

interface Token {
  value: string;
  pos: string;
  start: number;
  end: number;
}

/** wink's tokens of `text` with their character offsets; a token that cannot be found keeps -1. */
function locateTokens(text: string, values: string[], pos: string[]): Token[] {
  const tokens: Token[] = [];
  let cursor = 0;
  values.forEach((value, i) => {
    const found = text.indexOf(value, cursor);
    // wink keeps tokens verbatim; a token it rewrote is left without offsets rather than
    // matched far ahead, which would shift every later offset.
    if (found < 0 || found - cursor > 64) tokens.push({ value, pos: pos[i]!, start: -1, end: -1 });
    else {
      tokens.push({ value, pos: pos[i]!, start: found, end: found + value.length });
      cursor = found + value.length;
    }
  });
  return tokens;
}

const isCapitalised = (value: string) => /^\p{Lu}/u.test(value);

/** The kind of a proper-name run `tokens[from..to]`, read from its words and neighbours. */
function nameKind(tokens: Token[], from: number, to: number): TagKind {
  const words = tokens.slice(from, to + 1).map((token) => token.value.toLowerCase().replace(/\.$/u, ''));
  const before = tokens[from - 1]?.value.toLowerCase().replace(/\.$/u, '') ?? '';
  const beforeThat = tokens[from - 2]?.value.toLowerCase() ?? '';
  const after = tokens[to + 1]?.value.toLowerCase() ?? '';
  if (PERSON_TITLES.has(words[0]!) || PERSON_TITLES.has(before)) return 'person';
  if (words.some((word) => ORGANISATION_WORDS.has(word)) || (words.length === 1 && /^\p{Lu}{2,6}s?$/u.test(tokens[from]!.value))) return 'organisation';
  if (SPEECH_VERBS.has(after) || SPEECH_VERBS.has(before)) return 'person';
  if (PLACE_PREPOSITIONS.has(before) || (before === 'the' && PLACE_PREPOSITIONS.has(beforeThat))) return 'place';
  return 'name';
}

/**
 * True when a one-word name is not one: a modifier ("British triple jumper", "Japanese car
 * giant"), or a common word capitalised only because it starts a sentence ("Experts, though,
 * ..."), which the article also writes in lower case.
 */
function notAName(text: string, tokens: Token[], at: number, lowerCaseWords: ReadonlySet<string>): boolean {
  const next = tokens[at + 1];
  if (next && next.start >= 0 && (next.pos === 'NOUN' || next.pos === 'ADJ') && !isCapitalised(next.value)) return true;
  const previous = tokens[at - 1];
  const startsSentence = !previous || /^[.!?"“”:]$/u.test(previous.value) || text.slice(previous.end, tokens[at]!.start).includes('\n');
  return startsSentence && lowerCaseWords.has(tokens[at]!.value.toLowerCase());
}

/** Proper-name runs: capitalised proper nouns, joined across "of", "the", "&"... */
function nameTags(text: string, tokens: Token[], lowerCaseWords: ReadonlySet<string>, tags: Tag[]): void {
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (!(token.pos === 'PROPN' && isCapitalised(token.value)) || token.start < 0) {
      i++;
      continue;
    }
    let end = i;
    let joined = false;
    for (let j = i + 1; j < tokens.length; j++) {
      const next = tokens[j]!;
      if (next.start < 0) break;
      if (next.pos === 'PROPN' && isCapitalised(next.value) && (joined || next.start - tokens[end]!.end <= 1)) {
        end = j;
        joined = false;
        continue;
      }
      // A joiner counts only when a capitalised name word follows it.
      const after = tokens[j + 1];
      if (NAME_JOINERS.has(next.value.toLowerCase()) && after?.pos === 'PROPN' && isCapitalised(after.value)) {
        joined = true;
        continue;
      }
      break;
    }
    if (end > i || !notAName(text, tokens, i, lowerCaseWords)) tags.push({ kind: nameKind(tokens, i, end), start: token.start, end: tokens[end]!.end });
    i = end + 1;
  }
}

/** Blocks are cut at line breaks once they pass this many characters: wink reads each whole. */
const BLOCK_CHARS = 16_384;

/**
 * Tags an article once at ingest: its sentences (as `splitSentences` cuts them, the spans that
 * quotes are made of) with the names, dates, numbers and amounts each holds, as character
 * offsets into `text`. wink-nlp's English model finds the numeric entities and proper nouns;
 * names are typed by their own words and neighbours (titles, "Ltd", "said", "in"). Time and
 * memory grow linearly with the text: it is read in blocks of whole lines, since no sentence
 * crosses a line break.
 */
export function tagSentences(text: string): TaggedSentence[] {
  const lowerCaseWords = new Set(text.match(/(?<![\p{L}])\p{Ll}+(?![\p{L}])/gu) ?? []);
  const tags: Tag[] = [];
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('\n', Math.min(text.length, from + BLOCK_CHARS));
    if (to < 0) to = text.length;
    tagBlock(text, from, to, lowerCaseWords, tags);
    from = to + 1;
  }
  const sentences: TaggedSentence[] = splitSentences(text).map(({ start, end }) => ({ start, end, tags: [] }));
  let s = 0;
  for (const tag of tags) {
    while (s < sentences.length && sentences[s]!.end <= tag.start) s++;
    const sentence = sentences[s];
    if (sentence && tag.start >= sentence.start && tag.end <= sentence.end) sentence.tags.push(tag);
  }
  return sentences;
}

/** Appends the tags of `text.slice(from, to)`, in order, with offsets into `text`. */
function tagBlock(text: string, from: number, to: number, lowerCaseWords: ReadonlySet<string>, out: Tag[]): void {
  const nlp = englishNlp();
  const its = nlp.its;
  const block = text.slice(from, to);
  const doc = nlp.readDoc(block);
  const tokens = locateTokens(block, doc.tokens().out(), doc.tokens().out(its.pos) as string[]);
  const tags: Tag[] = [];
  doc.entities().each((entity: ItemEntity) => {
    const kind = ENTITY_KINDS[entity.out(its.type) as string];
    const [first, last] = entity.out(its.span) as unknown as [number, number];
    const start = tokens[first]?.start ?? -1;
    const end = tokens[last]?.end ?? -1;
    if (!kind || start < 0 || end < 0) return;
    // "£115,000" is money even where the model reads a plain number.
    const currency = /(?:[A-Z]{0,2}[$£€¥])$/u.exec(block.slice(Math.max(0, start - 3), start));
    if (kind === 'number' && currency) {
      tags.push({ kind: 'money', start: start - currency[0].length, end: withUnit(block, end) });
      return;
    }
    tags.push({ kind, start, end: kind === 'money' || kind === 'number' ? withUnit(block, end) : end });
  });
  for (const token of tokens) if (token.start >= 0 && MULTIPLIER.test(token.value)) tags.push({ kind: 'number', start: token.start, end: token.end });
  for (const match of block.matchAll(FRACTION)) tags.push({ kind: 'number', start: match.index, end: match.index + match[0].length });
  tags.sort((a, b) => a.start - b.start || b.end - a.end);
  // "June" of "June 2004" is a date, not a name: names overlapping an amount or date are dropped.
  const names: Tag[] = [];
  nameTags(block, tokens, lowerCaseWords, names);
  let t = 0;
  const kept = names.filter((name) => {
    while (t < tags.length && tags[t]!.end <= name.start) t++;
    for (let k = t; k < tags.length && tags[k]!.start < name.end; k++) if (tags[k]!.end > name.start) return false;
    return true;
  });
  const all = [...tags, ...kept].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const tag of all) out.push({ kind: tag.kind, start: tag.start + from, end: tag.end + from });
}
