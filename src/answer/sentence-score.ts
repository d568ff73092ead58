import { NAME_KINDS, type TagKind, type TaggedSentence } from '../text/tags.ts';
import { CARDINAL_WORDS } from '../text/number-words.ts';
import { blankQuotations } from '../text/quotations.ts';
import { terms, termsAt } from '../text/tokenize.ts';
import { SUM_NOUNS, type QuestionAnalysis } from './question.ts';

/**
 * Words that open a cause: "...because the windshield is not properly fitted", "the result of
 * lunging for a ball", "..., citing rising costs", "..., saying the meeting didn't feel right".
 */
const CAUSE_CUE =
  /\b(?:because|due to|owing to|thanks to|as a result|(?:the )?results? of|resulted from|caused by|blam(?:e|es|ed|ing)|attribut(?:ed|ing) (?:[\p{L}'’-]+ ){0,5}to|(?:is|are|was|were|be|been) (?:partly |largely |mainly |directly )?responsible for|led to|prompted|forced|over (?:fears|concerns|worries)|for fear|reasons?|means that|, (?:saying|citing|arguing|claiming))\b/iu;
/**
 * "as" opening a clause of cause: "...booked Glasgow Green as the SECC was not available", "as
 * users have to go through several steps". A subject and a finite verb follow it, and more of
 * the clause after the verb; comparisons ("as big as", "the same ... as they are", "as it did",
 * whose verb stands for another) do not count.
 */
const CAUSAL_AS =
  /(?:^|[,;:–—]\s*|^["“‘]\s*|(?<=\s))as\s+(?:(it|he|she|they|we|i|you)|the|there|its|their|his|her|our|this|these|those|many|most|some|[\p{Ll}]+s)\s+(?:[\p{L}'’-]+\s+){0,3}?(?:is|was|are|were|had|has|have|could|would|can|will)\s+(?!as\b|in\b|at\b|before\b|now\b|then\b|today\b)[\p{L}]/giu;
/** Words before "as" that make it a comparison or a role: "as big as", "the same ... as", "such as", "just as". */
const COMPARED_BEFORE = /\b(?:as|same|such|so|just|well|much|many|more|less|far|long|soon|even|similar|similarly)\b[^,;:]{0,30}$/iu;

function causalAs(sentence: string): boolean {
  for (const match of sentence.matchAll(CAUSAL_AS)) {
    // Opening a clause ("..., as the SECC was not available", "As the fund will not...") or with a pronoun for subject.
    const opens = match.index === 0 || /^[,;:–—"“‘]/u.test(match[0]);
    if ((opens || match[1] !== undefined) && !COMPARED_BEFORE.test(sentence.slice(Math.max(0, match.index - 40), match.index))) return true;
  }
  return false;
}

/** Words that set an event after another, which is often, not always, its cause: "...after the Indian ocean tsunami". */
const SEQUENCE_CUE = /\b(?:after|following|amid|since|in the wake of|in response to)\b/iu;
/**
 * Grammar of purpose: "in order to", "in an attempt to", "in a bid to", "so that", "aimed at",
 * and an infinitive with its object ("to repair the roof", "to prevent a strike").
 */
const PURPOSE_CUE =
  /\b(?:in order to|so as to|so that|in (?:an|a) (?:attempt|bid|effort|move) to|aimed at|designed to|intended to|with the aim of|to (?:prevent|avoid|ensure|make sure|help)\b|to (?!be\b|have\b)[\p{Ll}]+ (?:the|a|an|its|their|his|her|our|this|these|those|more|new|some)\b)/iu;

/** Which cues of a reason a sentence holds: a cause, an event before, a purpose; each 0 or 1. */
export function reasonCues(sentence: string): { cause: number; sequence: number; purpose: number } {
  return { cause: CAUSE_CUE.test(sentence) || causalAs(sentence) ? 1 : 0, sequence: SEQUENCE_CUE.test(sentence) ? 1 : 0, purpose: PURPOSE_CUE.test(sentence) ? 1 : 0 };
}

/** Pronouns and connectives that make a sentence continue the one before it. */
const CONTINUES = /^["“'‘(]*(?:and |but |so |yet |however,? |also,? |instead,? |consequently,? |finally,? )?(?:he|she|it|they|his|her|its|their|this|these|that|those|there|the (?:\d+-year-old|company|firm|group|player|star|singer|minister|club|move|deal|plan))\b/iu;

/** Does the sentence read as the continuation of the previous one (an anaphor at its start)? */
export function continuesPrevious(sentence: string): boolean {
  return CONTINUES.test(sentence) || ATTRIBUTION_ONLY.test(sentence.trim());
}

/** A sentence that only says whose the one before is: "According to Kremlin spokesperson Dmitry Peskov." */
const ATTRIBUTION_ONLY = /^according to [^,;:.!?]{1,80}[.!]?$/iu;

/** A number, in digits or words, or a quantity word: what a duration must hold to be one. */
const COUNTED = new RegExp(`\\p{N}|\\b(?:${[...CARDINAL_WORDS, 'an?', 'dozen', 'half', 'several', 'few', 'many', 'couple'].join('|')})\\b`, 'iu');

/** A length of time written as one modifier: "five-hour talks", "a 10-year deal", "two-week". */
const COMPOUND_DURATION = new RegExp(`\\b(?:\\d+|${CARDINAL_WORDS.join('|')})-(?:second|minute|hour|day|week|month|year|decade)s?\\b`, 'giu');

/** Durations the tagger leaves as modifiers, as tags of the sentence. */
function compoundDurations(text: string, sentence: TaggedSentence): TaggedSentence['tags'] {
  const slice = text.slice(sentence.start, sentence.end);
  return [...slice.matchAll(COMPOUND_DURATION)]
    .map((match) => ({ kind: 'duration' as const, start: sentence.start + match.index, end: sentence.start + match.index + match[0].length }))
    .filter((found) => !sentence.tags.some((tag) => tag.kind === 'duration' && tag.start <= found.start && found.end <= tag.end));
}

/** Characters between an answer and a word of the question for the answer to be near it. */
const ECHO_REACH = 30;

/** Characters between a head noun and a name that it describes: "union, the First Division Association". */
const HEAD_REACH = 40;

/**
 * How well `sentence` holds an answer of the kind the question expects that the question does
 * not already hold, in [0, 1]: 1 for the first kind asked (a place for "where", a person for
 * "who"), less for the others (any name), 0 for none; `close` is the same for answers within a
 * few words of one of the question's words ("bet of £870"). For "which X" a name counts fully
 * only near X ("the seat of Dewsbury"). A question that expects nothing in particular ("what did
 * X say") scores 0.5 everywhere and is judged on its words alone.
 */
export function answerKind(
  analysis: QuestionAnalysis,
  questionTerms: ReadonlySet<string>,
  text: string,
  sentence: TaggedSentence,
  sentenceTerms: readonly { term: string; start: number }[] = termsAt(text.slice(sentence.start, sentence.end)),
  author: string | null = null,
): { value: number; close: number } {
  const expects = analysis.expects;
  if (expects === null) return { value: 0.5, close: 0.5 };
  const slice = text.slice(sentence.start, sentence.end);
  if ('reason' in expects) {
    const cues = reasonCues(slice);
    const value = Math.max(cues.cause, cues.sequence, cues.purpose);
    return { value, close: value };
  }
  const found = sentenceTerms.map(({ term, start }) => ({ term, at: sentence.start + start }));
  const allHeads = analysis.head === null ? [] : found.filter(({ term }) => term === analysis.head).map(({ at }) => at);
  // "China's capital Beijing" does not answer "What is the capital of Australia?": a head noun
  // owned by a name the question lacks is someone else's.
  const heads = allHeads.filter((at) => !ownedByOther(text, sentence.start, at, questionTerms));
  const none = { value: 0, close: 0 };
  if (allHeads.length > 0 && heads.length === 0) return none;
  // "What is the capital of Australia?" is answered by what a sentence calls the capital: a
  // sentence that never says "capital" names no capital, whatever places it names.
  if (analysis.namedByHead && heads.length === 0) return none;
  const echoes = found.filter(({ term }) => questionTerms.has(term)).map(({ at }) => at);
  let best = 0;
  let bestClose = 0;
  for (const tag of [...sentence.tags, ...compoundDurations(text, sentence)]) {
    const rank = expects.kinds.indexOf(tag.kind);
    if (rank < 0) continue;
    const tagText = text.slice(tag.start, tag.end);
    const tagTerms = terms(tagText);
    // "in 2004" does not answer "...in 2004?": the answer is what the question lacks.
    if (tagTerms.length > 0 && tagTerms.every((term) => questionTerms.has(term))) continue;
    if (tagTerms.length === 0 && !/\p{N}/u.test(tagText)) continue;
    // "the Tate Gallery" is the Tate the question names, not the painting it asks for.
    if (NAME_KINDS.has(tag.kind) && tagTerms.some((term) => analysis.names.has(term))) continue;
    // "28-year-old", "opening week": a unit of time without a number says how long nothing took.
    if (tag.kind === 'duration' && !COUNTED.test(tagText)) continue;
    // A time asked for ("her winning time") is told in clock units: "four months later" or "the
    // first time in 84 years" is nobody's time.
    if (tag.kind === 'duration' && analysis.head === TIME && !CLOCK_UNITS.test(tagText)) continue;
    // "One of the skills...": a pronoun, not a count ("one in 13" is one).
    if (tag.kind === 'number' && /^one$/iu.test(tagText) && /^\s+of\b/u.test(text.slice(tag.end, sentence.end))) continue;
    // "Shrek 2", "Xbox 360", "Channel 4": a numeral after a name is part of the name, not a
    // count; "number one", "No 3" is a place in a list.
    if (tag.kind === 'number' && labels(tagText, text.slice(sentence.start, tag.start))) continue;
    // "How much ... each month?" asks a rate: a sum the sentence gives per nothing is a total.
    if (analysis.per !== null && AMOUNT_KINDS.has(tag.kind) && !statesRate(analysis.per, slice)) continue;
    if (tag.kind === 'money' && describesOther(analysis, questionTerms, text.slice(sentence.start, tag.start), text.slice(tag.end, sentence.end))) continue;
    // Names are typed by cues that are often missing ("Jorge Andrade's early own goal"), so a
    // plain name is as good an answer to "who" as a person.
    let value = rank === 0 || (tag.kind === 'name' && expects.kinds[0] !== 'place') ? 1 : 0.7;
    if (heads.length > 0 && NAME_KINDS.has(tag.kind)) {
      const near = heads.some((at) => Math.max(at - tag.end, tag.start - at) <= HEAD_REACH);
      value = near ? 1 : analysis.namedByHead ? 0 : 0.5;
    }
    // An answer sits next to what the question asks about: "bet of £870", "seat of Dewsbury".
    const close = echoes.some((at) => (at < tag.start || at >= tag.end) && Math.max(at - tag.end, tag.start - at) <= ECHO_REACH);
    best = Math.max(best, value);
    if (close) bestClose = Math.max(bestClose, value);
  }
  // In a piece its author writes in the first person, "I" outside quotation marks is the author: a person.
  const personRank = expects.kinds.indexOf('person');
  if (author !== null && personRank >= 0) {
    const value = personRank === 0 ? 1 : 0.7;
    for (const at of authorMentions(slice)) {
      best = Math.max(best, value);
      if (echoes.some((echo) => Math.abs(echo - (sentence.start + at)) <= ECHO_REACH)) bestClose = Math.max(bestClose, value);
    }
  }
  // "Which titles was she stripped of?" is answered by the titles, told apart by words the
  // question lacks: "stripped of her 2003 world and US indoor 200m titles".
  if (best < MODIFIED_HEAD && analysis.asks === 'which' && expects.kinds[0] === 'person' && heads.some((at) => modifiedByNewWords(text.slice(sentence.start, at), questionTerms))) best = MODIFIED_HEAD;
  return { value: best, close: bestClose };
}

/** The first person as a subject or owner: "I", "I've", "my". */
const FIRST_PERSON = /\b(?:I|I'm|I've|I'd|I'll|my|My)\b/gu;

/** Offsets in `sentence` of the first person outside quotation marks. */
function authorMentions(sentence: string): number[] {
  return [...blankQuotations(sentence).matchAll(FIRST_PERSON)].map((match) => match.index);
}

/** Sentences in the first person outside quotation marks from which an article is its author's own piece (an opinion, a diary). */
const FIRST_PERSON_SENTENCES = 2;

/**
 * The author a first-person "I" of the article stands for: its byline, when the article speaks in
 * the first person outside quotation marks in at least FIRST_PERSON_SENTENCES sentences; else null.
 * A news report quotes others saying "I"; an opinion piece says it itself.
 */
export function firstPersonAuthor(byline: string | null, text: string, sentences: readonly TaggedSentence[]): string | null {
  if (byline === null || byline.trim() === '') return null;
  let found = 0;
  for (const sentence of sentences) if (authorMentions(text.slice(sentence.start, sentence.end)).length > 0 && ++found >= FIRST_PERSON_SENTENCES) return byline;
  return null;
}

/** What a head noun told apart by new modifiers counts as an answer: as much as a name away from the head. */
const MODIFIED_HEAD = 0.5;

/** Whether the words right before a head noun (up to three, within its clause) include a new one. */
function modifiedByNewWords(before: string, questionTerms: ReadonlySet<string>): boolean {
  const phrase = /(?:[\p{L}\p{N}'’-]+\s+){1,3}$/u.exec(before)?.[0] ?? '';
  return terms(phrase).some((term) => !questionTerms.has(term));
}

/**
 * Whether a sum of money between `before` and `after` is used as a modifier of another thing
 * than the question asks about: "the £3m musical" gives the musical's cost, not the stage
 * school's that the question asks about; "its $1.07bn (£558m) stock market debut" the debut's
 * size, not the shares' price; "a $45bn state bailout" the bailout's. The modified word is one of
 * the question's words outside its subject, head and verbs, or, when a determiner before the sum
 * makes it part of a noun phrase, any word but those and the names of sums ("a £5m fortune").
 */
function describesOther(analysis: QuestionAnalysis, questionTerms: ReadonlySet<string>, before: string, after: string): boolean {
  const next = /^\s*\)?\s*(?:\([^)]*\)\s*)?(\p{Ll}[\p{L}-]*)/u.exec(after)?.[1];
  // "$4.50 per share", "£5,000 each": a rate, not a modifier.
  if (next === undefined || /^(?:per|each|every|apiece)$/u.test(next)) return false;
  const term = terms(next)[0];
  if (term === undefined || analysis.subject.has(term) || term === analysis.head || analysis.predicate.has(term)) return false;
  if (questionTerms.has(term)) return analysis.subject.size > 0;
  return DETERMINER_BEFORE.test(before) && !SUMS.test(next) && !/ly$/u.test(next);
}

/** A determiner right before a sum: "a $45bn ...", "the £3m ...", "its $1.07bn ...". */
const DETERMINER_BEFORE = /\b(?:a|an|the|its|their|his|her|this|that|whose)\s+$/iu;

/** Nouns a sum before them is the amount of: "a £5m fortune", "a $2bn deal", "a £1bn cut". */
const SUMS = new RegExp(
  `^(?:${[...SUM_NOUNS, ...'deal bid offer contract transfer takeover sale fund funding investment donation grant prize jackpot payout pay-out settlement compensation bet stake wager package income turnover earning taking windfall rise increase cut fall drop loan tax levy spend spending award damage ransom reward injection'.split(' ')].join('|')})s?$`,
  'u',
);

/** The search term of "time", a head noun asking for a clock time or how long something took. */
const TIME = terms('time')[0];
/** Units a time is told in: "four minutes 14.74 seconds", "two hours". */
const CLOCK_UNITS = /\b(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)\b/iu;

/**
 * Whether the sentence sets what it tells in or at a place the question lacks, without any
 * place the question sets its event in: then it tells of another event ("in Glasgow" for a
 * question about a final "in Athens").
 */
export function elsewhere(
  analysis: QuestionAnalysis,
  questionTerms: ReadonlySet<string>,
  text: string,
  sentence: TaggedSentence,
  found: readonly { term: string }[],
): boolean {
  if (analysis.places.length === 0) return false;
  const present = new Set(found.map(({ term }) => term));
  if (analysis.places.some((place) => place.some((term) => present.has(term)))) return false;
  return sentence.tags.some(
    (tag) =>
      tag.kind === 'place' &&
      /\b(?:in|at)\s+$/iu.test(text.slice(Math.max(sentence.start, tag.start - 4), tag.start)) &&
      terms(text.slice(tag.start, tag.end)).every((term) => !questionTerms.has(term)),
  );
}

/**
 * Whether the sentence gives a national figure for a worldwide one the question asks: "US box
 * office takings" for "the worldwide box office". The noun comes after a name the question
 * lacks, and the sentence lacks the question's scope word.
 */
export function narrowerScope(analysis: QuestionAnalysis, sentence: string, sentenceTerms: ReadonlySet<string>): boolean {
  return analysis.scoped.some(({ scope, noun }) => {
    if (sentenceTerms.has(scope)) return false;
    for (const [, name = '', word = ''] of sentence.matchAll(/(?<=\S\s+)(\p{Lu}[\p{L}.-]*)\s+(\p{Ll}[\p{L}-]*)/gu)) {
      if (terms(word)[0] === noun && !terms(name).some((term) => analysis.names.has(term))) return true;
    }
    return false;
  });
}

/**
 * Whether the sentence says the thing the question asks for was not given: "No further details
 * of the share price were given", "an undisclosed fee", "the price was not disclosed". An
 * article saying so does not answer, whatever other sums it holds.
 */
export function withheld(head: string | null, sentence: string, sentenceTerms: readonly { term: string; start: number }[]): boolean {
  if (head === null) return false;
  return sentenceTerms.some(({ term, start }) => term === head && (WITHHELD_BEFORE.test(sentence.slice(Math.max(0, start - 60), start)) || WITHHELD_AFTER.test(sentence.slice(start))));
}

/** Words before a noun that say it was not given: "no details of the (share) price", "undisclosed fee". */
const WITHHELD_BEFORE =
  /\b(?:no (?:further |other |more )?(?:details?|word|information|figures?) (?:of|on|about|as to)|undisclosed|(?:did|would|could) not (?:disclose|reveal|give|say)|(?:declined|refused) to (?:disclose|reveal|give|say))\s+(?:[\p{L}'’-]+\s+){0,3}$/iu;
/** Words after a noun that say it was not given: "the price was not disclosed". */
const WITHHELD_AFTER = /^[\p{L}'’-]+(?:\s+[\p{L}'’-]+){0,3}\s+(?:was|were|has|have|had|is|are)\s+(?:not|never)\s+(?:been\s+|yet\s+been\s+)?(?:disclosed|revealed|given|released|made public|announced)\b/iu;

/**
 * Whether the word at `at` is owned by a name the question lacks: "China's capital" (with up
 * to one word between: "China's new capital").
 */
function ownedByOther(text: string, sentenceStart: number, at: number, questionTerms: ReadonlySet<string>): boolean {
  const before = text.slice(sentenceStart, at);
  const owner = /(\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*)*)['’]s\s+(?:\p{Ll}+\s+)?$/u.exec(before)?.[1];
  if (owner === undefined) return false;
  const ownerTerms = terms(owner);
  return ownerTerms.length > 0 && !ownerTerms.some((term) => questionTerms.has(term));
}

/** Whether a number tag, with the sentence's text before it, is a label rather than a count. */
function labels(numeral: string, before: string): boolean {
  if (/\b(?:number|no\.?)\s+$/iu.test(before)) return true;
  return /^\d+$/u.test(numeral) && /\S\s+\p{Lu}[\p{L}-]*['’]?\s$/u.test(before);
}

/** Kinds of tag that are amounts, which a rate is one of. */
const AMOUNT_KINDS: ReadonlySet<TagKind> = new Set(['money', 'number', 'percent']);

/** Words that make an amount a rate per period ("annual", "monthly"), by the period's search term. */
const PERIODIC = new Map<string, RegExp>(
  (
    [
      ['year', /\b(?:annual|annually|yearly|per annum)\b/iu],
      ['month', /\bmonthly\b/iu],
      ['week', /\bweekly\b/iu],
      ['day', /\bdaily\b/iu],
      ['hour', /\bhourly\b/iu],
    ] as const
  ).map(([period, pattern]) => [terms(period)[0]!, pattern]),
);

/** Whether the sentence states an amount per `unit` (a search term): "a year", "per month", "every time", "£5,000 each", "annual". */
function statesRate(unit: string, sentence: string): boolean {
  if (/\b(?:each|apiece)\s*(?:[,.;:!?)"”]|$)/iu.test(sentence)) return true;
  for (const [, word = ''] of sentence.matchAll(/\b(?:per|a|an|each|every)\s+([\p{L}-]+)/giu)) if (terms(word)[0] === unit) return true;
  return PERIODIC.get(unit)?.test(sentence) === true;
}
