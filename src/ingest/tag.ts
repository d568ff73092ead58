import type { ItemEntity } from 'wink-nlp';
import { englishNlp } from '../text/nlp.ts';
import { splitSentences } from '../text/sentences.ts';
import type { Tag, TagKind, TaggedSentence } from '../text/tags.ts';
import { knownCountriesAndRegions } from './gazetteer.ts';

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

/**
 * What people are, written right before their name: "energy analyst Orin Middleton", "striker
 * Jimmy Floyd Hasselbaink", "Labour MP Roger Godsiff". Inside a capitalised run a title or one of
 * these ends what comes before ("British Casino Association Chairman Penny Cobham").
 */
const ROLE_NOUNS = new Set(
  `analyst spokesman spokeswoman spokesperson chairman chairwoman chair executive director manager coach striker
  midfielder defender goalkeeper keeper captain player singer actor actress star author writer novelist producer
  boss founder editor economist lawyer mp mep leader deputy colleague rival team-mate teammate boxer sprinter
  athlete champion presenter host comedian musician guitarist drummer rapper designer chef artist architect
  scientist researcher officer commander inspector superintendent detective ambassador envoy official
  treasurer adviser advisor consultant owner investor entrepreneur journalist correspondent reporter columnist
  critic director-general head vice-president vice-chairman chief`.split(/\s+/),
);

/** Words of a title that describe the title, not the person: "Prime Minister", "Foreign Secretary", "Shadow Chancellor". */
const TITLE_MODIFIERS = new Set(`prime foreign home shadow deputy vice chief former acting general attorney interim`.split(/\s+/));

/**
 * Buildings and grounds named by what stands before them: "Glenurquhart High School", "Ibrox
 * Stadium". The word joins the name before it; after "at" or "in" the whole is a place.
 */
const VENUE_WORDS = new Set(
  `school university college hospital stadium arena park centre center hall theatre theater airport hotel prison
  court academy museum gallery cathedral church station square palace castle abbey field ground racecourse
  circuit studios studio`.split(/\s+/),
);

/** Kinds of place named by "of" after them: "the city of Hull", "the state of Texas". */
const PLACE_CLASS_OF =
  /\bthe (?:city|town|village|region|state|province|county|island|islands|capital|port|district|borough|suburb|republic|kingdom|emirate|territory) of (\p{Lu}[\p{L}'’-]*(?:\s+(?:de |del |la |le )?\p{Lu}[\p{L}'’-]*)*)/gu;

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

/**
 * A currency named after the amount: "1bn euros", "300 dollars", "17 cents", "80p". Words that
 * are as often something else after a number are left out: "won" ("Halo 2 won"), "crown" ("the
 * 5,000m crown").
 */
const CURRENCY_AFTER = /^(?:p\b|\s(?:euros?|dollars?|pounds?|pence|cents?|yen|yuan|rupees?|francs?|crowns|kroner|kronor|krona|roubles?|rubles?|rand|pesos?|lira|lire|dinars?|shillings?)\b)/u;

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
  if (PERSON_TITLES.has(words[0]!) || PERSON_TITLES.has(before) || ROLE_NOUNS.has(before)) return 'person';
  // "at Glenurquhart High School": a building or ground where something happens is a place.
  if (words.some((word) => VENUE_WORDS.has(word)) && (PLACE_PREPOSITIONS.has(before) || (before === 'the' && PLACE_PREPOSITIONS.has(beforeThat)))) return 'place';
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
      // "High School" of "Glenurquhart High School": the model reads the last word as a noun.
      if (next.pos === 'NOUN' && isCapitalised(next.value) && next.start - tokens[end]!.end <= 1 && VENUE_WORDS.has(next.value.toLowerCase())) {
        end = j;
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
    const parts = splitAtTitles(tokens, i, end);
    for (const part of parts) {
      const kind = part.person ? 'person' : nameKind(tokens, part.from, part.to);
      // What stands before a title is an organisation ("British Casino Association Chairman") or
      // only says which title it is ("Education Secretary", "Labour MP"): no name of its own.
      if (parts.length > 1 && !part.person && part.from === i && kind !== 'organisation') continue;
      if (part.to > part.from || part.person || !notAName(text, tokens, part.from, lowerCaseWords)) tags.push({ kind, start: tokens[part.from]!.start, end: tokens[part.to]!.end });
    }
    i = end + 1;
  }
}

const isTitle = (value: string) => {
  const word = value.toLowerCase().replace(/\.$/u, '');
  return PERSON_TITLES.has(word) || ROLE_NOUNS.has(word);
};

const isJoiner = (token: Token) => NAME_JOINERS.has(token.value.toLowerCase());
const isModifier = (token: Token) => TITLE_MODIFIERS.has(token.value.toLowerCase());

/**
 * A name run cut at the titles inside it: "British Casino Association Chairman Penny Cobham" is
 * an organisation and a person, "Prime Minister Tony Blair and Foreign Secretary Jack Straw" two
 * people. A title counts when it is capitalised and a capitalised word that is no title follows
 * it; the words describing it ("Prime", "Foreign") go with it. A person's part ends before "of"
 * ("Orin Middleton of Barclays Capital"), whose rest is a name of its own.
 */
function splitAtTitles(tokens: Token[], from: number, to: number): { from: number; to: number; person: boolean }[] {
  const parts: { from: number; to: number; person: boolean }[] = [];
  const push = (start: number, end: number, person: boolean) => {
    while (end >= start && (isJoiner(tokens[end]!) || isModifier(tokens[end]!))) end--;
    if (end < start) return;
    const of = person ? tokens.slice(start, end + 1).findIndex((token) => token.value.toLowerCase() === 'of') : -1;
    if (of > 0) {
      parts.push({ from: start, to: start + of - 1, person });
      push(start + of + 1, end, false);
    } else parts.push({ from: start, to: end, person });
  };
  let cursor = from;
  // "energy analyst Orin Middleton of Barclays Capital": a title before the run starts a person.
  let person = from > 0 && isTitle(tokens[from - 1]!.value);
  let split = person;
  for (let k = from; k < to; k++) {
    const next = tokens[k + 1]!;
    // "St" inside a name is a place's or a church's ("University of St Andrews", "St Helens").
    if (/^(?:st|saint)\.?$/iu.test(tokens[k]!.value)) continue;
    if (!(isCapitalised(tokens[k]!.value) && isTitle(tokens[k]!.value) && isCapitalised(next.value) && !isTitle(next.value) && !isJoiner(next))) continue;
    let prefix = k;
    while (prefix > cursor && (isModifier(tokens[prefix - 1]!) || isTitle(tokens[prefix - 1]!.value))) prefix--;
    // "Mr Smith", "President George W Bush": a title that opens the run stays in the person's name.
    if (prefix > cursor) {
      push(cursor, prefix - 1, person);
      cursor = k + 1;
    }
    person = split = true;
  }
  // A run without a title in or before it is typed as a whole, by its neighbours.
  if (!split) return [{ from, to, person: false }];
  push(cursor, to, true);
  return parts;
}

/**
 * Names that grammar makes places: "the city of Hull" (whatever the model reads "Hull" as), and
 * a place followed by a comma and a known country or region ("Melbourne, Australia", "Austin,
 * Texas"). Names these overlap are replaced.
 */
function placeTags(block: string, names: Tag[]): Tag[] {
  const places: Tag[] = [];
  for (const match of block.matchAll(PLACE_CLASS_OF)) {
    const start = match.index + match[0].length - match[1]!.length;
    places.push({ kind: 'place', start, end: match.index + match[0].length });
  }
  const known = knownCountriesAndRegions();
  names.forEach((name, n) => {
    const next = names[n + 1];
    if (next === undefined || name.kind === 'person' || block.slice(name.end, next.start) !== ', ') return;
    // The first is a place by its preposition or its own name: "in Melbourne, Australia", not
    // the surnames of a team sheet ("Lennon, Sutton, Thompson").
    const opened = /\b(?:in|at|near|from|to|outside|inside|around|across|throughout|towards|into)\s+(?:the\s+)?$/iu.test(block.slice(Math.max(0, name.start - 16), name.start));
    if (!opened && !known.has(block.slice(name.start, name.end))) return;
    if (!known.has(block.slice(next.start, next.end)) || !/^\s*(?:[,.;:)!?"”]|and\b|$)/u.test(block.slice(next.end, next.end + 5))) return;
    places.push({ kind: 'place', start: name.start, end: name.end }, { kind: 'place', start: next.start, end: next.end });
  });
  if (places.length === 0) return names;
  const kept = names.filter((name) => !places.some((place) => place.start < name.end && name.start < place.end));
  return [...kept, ...places].sort((a, b) => a.start - b.start || b.end - a.end);
}

/** A year standing alone in a span: "1987" of "between 1987 and 1990", not "2000" of "2000 years". */
const YEAR_IN_SPAN = /\b(?:1[6-9]|20)\d\d\b(?!\s*(?:years?|days?|months?|weeks?|hours?|minutes?|seconds?)\b)/u;

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
    // "between 1987 and 1990", "since 1925", "from 2001 to 2003": a span of years says when.
    if (kind === 'duration' && YEAR_IN_SPAN.test(block.slice(start, end))) {
      tags.push({ kind: 'date', start, end });
      return;
    }
    if (kind === 'number') {
      const amountEnd = withUnit(block, end);
      const currencyAfter = CURRENCY_AFTER.exec(block.slice(amountEnd, amountEnd + 12));
      if (currencyAfter) {
        tags.push({ kind: 'money', start, end: amountEnd + currencyAfter[0].length });
        return;
      }
    }
    tags.push({ kind, start, end: kind === 'money' || kind === 'number' ? withUnit(block, end) : end });
  });
  for (const token of tokens) if (token.start >= 0 && MULTIPLIER.test(token.value)) tags.push({ kind: 'number', start: token.start, end: token.end });
  for (const match of block.matchAll(FRACTION)) tags.push({ kind: 'number', start: match.index, end: match.index + match[0].length });
  tags.sort((a, b) => a.start - b.start || b.end - a.end);
  // "June" of "June 2004" is a date, not a name: names overlapping an amount or date are dropped.
  const found: Tag[] = [];
  nameTags(block, tokens, lowerCaseWords, found);
  const names = placeTags(block, found);
  let t = 0;
  const kept = names.filter((name) => {
    while (t < tags.length && tags[t]!.end <= name.start) t++;
    for (let k = t; k < tags.length && tags[k]!.start < name.end; k++) if (tags[k]!.end > name.start) return false;
    return true;
  });
  const all = [...tags, ...kept].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const tag of all) out.push({ kind: tag.kind, start: tag.start + from, end: tag.end + from });
}
