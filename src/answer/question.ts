import { tagSentences } from '../ingest/tag.ts';
import { englishNlp } from '../text/nlp.ts';
import type { TagKind } from '../text/tags.ts';
import { terms } from '../text/tokenize.ts';

/**
 * What a question asks for: kinds of tagged span (a "who" question wants a person or an
 * organisation), a reason ("why"), or nothing in particular ("what did X say").
 */
export type Expectation = { kinds: readonly TagKind[] } | { reason: true } | null;

/**
 * Questions the articles cannot answer whatever they hold, and questions about the bot. `general`
 * is a question the fitted model reads as general knowledge, advice or talk rather than news.
 */
export type Offtopic = 'how-to' | 'chat' | 'help' | 'not-english' | 'general';

/** A question read once before retrieval. */
export interface QuestionAnalysis {
  question: string;
  /** The wh-word or phrase: `who`, `where`, `when`, `how-many`, `how-much`, `why`, `which`, `what`, `how`, or `other`. */
  asks: string;
  expects: Expectation;
  /** Search term of the head noun of "which X" / "what X" / "what is the X of", when there is one. */
  head: string | null;
  /**
   * Search terms of the question's grammatical subject, the thing an amount or name is asked
   * of: "stage school" in "How much did the stage school ... cost?", "Air China's shares" in
   * "What price were Air China's shares sold at?". Empty when no auxiliary precedes it.
   */
  subject: Set<string>;
  /**
   * Search terms of the names the question is about: its capitalised words after the first,
   * except those that only describe the noun after them ("Which Manchester club").
   */
  names: Set<string>;
  /**
   * Offsets of the question's words that only describe the word after them: "American envoys",
   * "TV programme", "Defence's 20 biggest projects". They name a kind of thing, which the
   * articles may say another way.
   */
  describing: ReadonlySet<number>;
  /** Search terms of the question's verbs other than auxiliaries: what is said of the subject. */
  predicate: Set<string>;
  /**
   * True for "What is the X (of Y)?" when X is a kind of place (capital, city, country): the
   * answer is the place the articles call X ("Canberra, the Australian capital"), so a name
   * counts only next to X. A place's part in an event ("What was the venue of the final?") is
   * told by where the event is ("the final in Madrid"), so such heads do not set it.
   */
  namedByHead: boolean;
  /** Search terms of each place the question sets its event in or at: "...final in Athens". */
  places: string[][];
  /**
   * Search term of the unit an amount is asked per ("each month", "per share", "every time",
   * "a year"), or null: the answer is a rate, not a total.
   */
  per: string | null;
  /**
   * Nouns the question gives a worldwide scope ("the worldwide box office"): their search terms,
   * with the scope word's.
   */
  scoped: { scope: string; noun: string }[];
  /** Set when the question is not one the articles could answer. */
  offtopic: Offtopic | null;
  /** True when it opens with a verb, as a request does ("Tell me...", "Give me tips..."). */
  imperative: boolean;
}

/** Names of someone: a person, an organisation, or a name the tagger could not type. */
const NAMES: readonly TagKind[] = ['person', 'organisation', 'name', 'place'];
const PLACES: readonly TagKind[] = ['place', 'name', 'organisation'];
const DATES: readonly TagKind[] = ['date', 'time'];
const COUNTS: readonly TagKind[] = ['number', 'duration'];
const AMOUNTS: readonly TagKind[] = ['money', 'percent', 'number'];
const CHANGES: readonly TagKind[] = ['percent', 'number', 'money'];

/** Nouns that name a sum of money: "what price" asks for one, and "a £5m fortune" is one. */
export const SUM_NOUNS: readonly string[] = `price cost fee amount sum salary wage fine budget value worth fortune revenue profit loss bill pay payment bonus debt deficit surplus turnover takings earnings`.split(' ');

/**
 * Head nouns that fix the kind of answer, whatever the wh-word: "what year" asks for a date as
 * "when" does. Other head nouns ("which bank") only ask for a name that the noun describes.
 */
const HEAD_KINDS: [RegExp, readonly TagKind[]][] = [
  [/^(?:year|date|day|month|week|decade|century|season|deadline|era)s?$/u, [...DATES, 'duration']],
  // A time is a clock time or how long something took ("winning time"), not a date.
  [/^times?$/u, ['time', 'duration']],
  [/^ages?$/u, ['number', 'duration']],
  [new RegExp(`^(?:${SUM_NOUNS.join('|')})s?$`, 'u'), ['money', 'number']],
  [/^(?:proportion|percentage|share|rate|fraction)s?$/u, ['percent', 'number']],
  [/^(?:number|total|figure|count|score)s?$/u, ['number', 'percent', 'money']],
  [/^(?:city|country|town|place|venue|village|region|state|capital|location|area|island|continent|stadium|ground|street|county|nation)s?$/u, PLACES],
];

/** Verbs that make "what" ask a price: what something sold or went for, what someone pays or earns. */
const PRICE_ASKED = /\b(?:sell|sells|sold|go|goes|went|fetch|fetches|fetched|auctioned|bought|buy|buys)\s+for\b|^what\s+(?:will|would|did|does|do|has|have|had|could|is|are|was|were)\b[^?]*\b(?:pay|pays|paid|cost|costs|charge|charges|charged|earn|earns|earned)\b/iu;

/** Kinds of place, which a place is called whatever happens there: "the capital", "the city". */
const PLACE_CLASSES = /^(?:city|country|town|village|region|state|capital|island|continent|county|nation|province)s?$/u;

/** Forms of "be", after which "what" asks for the noun phrase that follows. */
const BE = new Set(['is', 'was', 'are', 'were', "'s", 'be']);

/** Words for "kind of": the head noun follows them ("what kind of writer"). */
const KIND_OF = new Set(['kind', 'sort', 'type', 'form']);

/** The asker's own words: questions about them are advice, not news. */
export const FIRST_PERSON = /\b(?:i|i'm|i've|i'd|me|my|mine|myself)\b/iu;
const PROCEDURE = /\bhow\s+(?:do|can|could|should|would|to|long should|much should|often should)\b|\bshould i\b|\b(?:recipe|step[- ]by[- ]step|tutorial)\b/iu;
/** Requests for instructions, whoever they are for: "What is the recipe for...", "How to...". */
const INSTRUCTIONS = /\b(?:recipe|instructions|tutorial|step[- ]by[- ]step)\b|^how (?:to|do you|can you|should you)\b/iu;
const GREETING = /^(?:hi|hello|hey|hiya|yo|good (?:morning|afternoon|evening)|thanks|thank you|cheers|how are you|what's up|sup|bye|goodbye)\b[\s!.,?]*(?:there|everyone|all|bot|newsdesk)?[\s!.,?]*$/iu;
const HELP = /^(?:help|commands|\/?help|what can you do|what do you do|how do(?:es)? (?:this|it|you) work|who are you|what are you)[\s?!.]*$/iu;

/** A polite frame around a question: "Can you tell me when...", "I'd like to know who...". */
const POLITE_FRAME = /^(?:please,?\s+)?(?:(?:can|could|would|will) you\s+(?:please\s+)?(?:tell|show|let)\s+me(?:\s+know)?|(?:please\s+)?tell me|i(?:'d| would) like to know|i want to know|do you know)\s+/iu;
/** Talk to the bot rather than about the news: each pattern one kind of it. */
const CHAT: readonly RegExp[] = [
  // Its nature, name and maker: "Are you a robot?", "What's your name?", "Who made you?"
  /^(?:are|were) you\b/iu,
  /\byour (?:name|age|favou?rite|opinion|views?|creator|owner)\b/iu,
  /^(?:who|what) (?:made|built|created|programmed|trained) you\b/iu,
  // How it is, and its feelings and opinions: "How are you doing?", "What do you think of...?"
  /^how (?:are|r) (?:you|u)\b|^how(?:'re| have) you\b|^how do you do\b/iu,
  /^(?:do|did) you (?:like|love|hate|think|feel|believe|prefer|want|dream|enjoy)\b|^what do you (?:think|feel|believe|reckon|like|prefer)\b/iu,
  // A greeting that goes on to the bot itself: "hey bot, how's your day going?"
  /^(?:hi|hello|hey|hiya|yo)\b.*\b(?:you|your|u|ur)\b/iu,
  // Entertainment: "Tell me a joke".
  /^(?:please,?\s+)?(?:tell|give) me (?:a|an|another|some) (?:joke|story|riddle|poem|fun fact)s?\b/iu,
  // Leave-taking the greetings miss: "Good night", "See you".
  /^(?:good ?night|nice to meet you|see you)\b/iu,
  // The present moment, which no archived article tells: the time, the date, the weather now.
  /\bwhat time is it\b|\bwhat(?:'s| is) (?:the )?(?:time|date|day) (?:now|today)\b|\bwhat day is (?:it|today)\b/iu,
  /\bweather\b.*\b(?:today|tonight|tomorrow|now|this week(?:end)?)\b/iu,
];
/** A task rather than a question: writing, translating, recommending, calculating. */
const TASK = /^(?:please\s+)?(?:(?:can|could|would|will) you\s+(?:please\s+)?)?(?:write|compose|draft|translate|draw|generate|create|sing|recommend|suggest|calculate|solve|convert|summari[sz]e my|code|program)\b/iu;

/** Common function words of languages other than English. */
const FOREIGN_WORDS = new Set(
  `el la los las del que qué quién cuándo dónde por para con una es está le les des du est qui quoi où quand pourquoi avec
  der die das und ist wer wie wo wann warum nicht mit ein eine il lo gli della chi dove perché quando è che um uma não
  com onde quem por que quando het een wat wie waar waarom`.split(/\s+/),
);
const ENGLISH_WORDS = new Set(
  `the a an of to in on at by for with about from is are was were be been do does did what who whom whose where when why which how many much
  has have had will would can could should it its this that these those and or not there their they he she his her`.split(/\s+/),
);

function offtopicOf(question: string): Offtopic | null {
  const asked = question.trim();
  const trimmed = asked.replace(POLITE_FRAME, '');
  if (HELP.test(trimmed)) return 'help';
  if (GREETING.test(trimmed) || CHAT.some((pattern) => pattern.test(asked) || pattern.test(trimmed))) return 'chat';
  if (TASK.test(trimmed)) return 'how-to';
  const written = trimmed.match(/[\p{L}']+/gu) ?? [];
  const words = written.map((word) => word.toLowerCase());
  const english = words.filter((word) => ENGLISH_WORDS.has(word)).length;
  // A capitalised function word opening a run of capitalised words belongs to a name ("El
  // Guerrouj", "La Liga"), not to the language of the question.
  const inName = (k: number) => /^\p{Lu}/u.test(written[k]!) && /^\p{Lu}/u.test(written[k + 1] ?? '');
  const foreign = words.filter((word, k) => FOREIGN_WORDS.has(word) && !inName(k)).length;
  if ((words.length >= 3 && english === 0 && foreign > 0) || (english === 0 && /[^\p{Script=Latin}\p{N}\p{P}\p{S}\s]/u.test(trimmed))) return 'not-english';
  if ((FIRST_PERSON.test(trimmed) && PROCEDURE.test(trimmed)) || INSTRUCTIONS.test(trimmed)) return 'how-to';
  return null;
}

interface Token {
  value: string;
  /** Offset in the question. */
  start: number;
  lower: string;
  pos: string;
}

/** The head noun of the noun phrase starting at `from`: last noun before a verb, preposition or clause. */
function headNoun(tokens: Token[], from: number): { head: Token | null; end: number } {
  let head: Token | null = null;
  let i = from;
  for (; i < tokens.length; i++) {
    const token = tokens[i]!;
    // "Kelly Holmes's winning time": the possessor is not the head; what it owns may be.
    if (token.lower === "'s" || token.lower === "'") {
      head = null;
      continue;
    }
    if (token.pos === 'DET' || token.pos === 'ADJ' || token.pos === 'NUM') continue;
    // A participle before a noun modifies it: "winning time", "operating profit".
    if (token.pos === 'VERB' && /ing$/u.test(token.lower) && /^(?:NOUN|PROPN)$/u.test(tokens[i + 1]?.pos ?? '')) continue;
    if (token.pos === 'NOUN' || token.pos === 'PROPN') {
      head = token;
      continue;
    }
    // "kind of writer": the noun after "of" is the head.
    if (token.lower === 'of' && head && KIND_OF.has(head.lower)) continue;
    break;
  }
  return { head, end: i };
}

/** Reads a question's wh-word, the kind of answer it expects, its head noun and its verbs. */
export function analyzeQuestion(question: string): QuestionAnalysis {
  const offtopic = offtopicOf(question);
  const nlp = englishNlp();
  const doc = nlp.readDoc(question);
  const values = doc.tokens().out();
  const pos = doc.tokens().out(nlp.its.pos) as string[];
  let cursor = 0;
  const tokens: Token[] = values.map((value, i) => {
    const found = question.indexOf(value, cursor);
    const start = found < 0 ? cursor : found;
    cursor = found < 0 ? cursor : found + value.length;
    return { value, start, lower: value.toLowerCase(), pos: pos[i]! };
  });
  const predicate = new Set(tokens.filter((token) => token.pos === 'VERB').flatMap((token) => terms(token.value)));

  const at = tokens.findIndex((token) => /^(?:who|whom|whose|where|when|why|which|what|how)$/u.test(token.lower));
  const wh = at >= 0 ? tokens[at]!.lower : 'other';
  const next = tokens[at + 1]?.lower ?? '';
  let asks = wh;
  let expects: Expectation = null;
  let head: Token | null = null;
  let namedByHead = false;

  if (wh === 'who' || wh === 'whom' || wh === 'whose') {
    asks = 'who';
    expects = { kinds: NAMES };
  } else if (wh === 'where') expects = { kinds: PLACES };
  else if (wh === 'when') expects = { kinds: DATES };
  else if (wh === 'why') expects = { reason: true };
  else if (wh === 'how' && next === 'many') {
    asks = 'how-many';
    expects = { kinds: COUNTS };
    head = headNoun(tokens, at + 2).head;
  } else if (wh === 'how' && next === 'much') {
    asks = 'how-much';
    // "By how much did it rise?" asks a change, told as a share or a factor before a sum.
    expects = { kinds: tokens[at - 1]?.lower === 'by' ? CHANGES : AMOUNTS };
  } else if (wh === 'how' && (next === 'long' || next === 'old' || next === 'far' || next === 'big' || next === 'often')) {
    asks = 'how-much';
    expects = { kinds: next === 'long' ? ['duration', 'date', 'time', 'number'] : ['number', 'duration', 'percent'] };
  } else if (wh === 'which' || wh === 'what') {
    const phrase = headNoun(tokens, at + 1);
    head = phrase.head;
    // "What is the capital of...", "What was Kelly Holmes's winning time...": the noun phrase after the verb.
    // Only after "is/was": in "What did Meghan Markle say" the noun phrase is the subject.
    if (!head && tokens[at + 1]?.pos === 'AUX' && BE.has(tokens[at + 1]!.lower)) head = headNoun(tokens, at + 2).head;
    namedByHead = head !== null && BE.has(tokens[at + 1]?.lower ?? '') && PLACE_CLASSES.test(head.lower);
    // A name is what the question is about, never the kind of thing it asks for.
    if (head?.pos === 'PROPN' && !/^\p{Lu}+$/u.test(head.value)) head = null;
    const fixed = head ? HEAD_KINDS.find(([pattern]) => pattern.test(head!.lower))?.[1] : undefined;
    if (fixed) expects = { kinds: fixed };
    // "What did the poem sell for?", "What will the broker pay out per share?": a price.
    else if (wh === 'what' && PRICE_ASKED.test(question)) expects = { kinds: AMOUNTS };
    else if (wh === 'which' && head) expects = { kinds: NAMES };
  } else if (wh === 'how') asks = 'how';
  // "In which city", "On what date", "By which year": the preposition does not change the kind.
  if (head) predicate.delete(terms(head.value)[0] ?? '');
  const subject = subjectOf(tokens, at);
  const describing = new Set(
    tokens.filter((token, i) => {
      const next = tokens[i + 1];
      // A name right after the auxiliary is the subject, and the word after it its verb, however
      // tagged: "When will Putin visit India?"
      if (i > 0 && tokens[i - 1]!.pos === 'AUX' && /^\p{Lu}/u.test(token.value)) return false;
      return next !== undefined && /^\p{Ll}/u.test(next.value) && (next.pos === 'NOUN' || next.pos === 'ADJ');
    }).map((token) => token.start),
  );
  // "The Return of the Mack singer": a whole name can describe the noun after it.
  const describingNames = namesDescribing(tokens, describing);
  const names = new Set(
    tokens.flatMap((token, i) => (i > 0 && /^\p{Lu}/u.test(token.value) && !describing.has(token.start) && !describingNames.has(token.start) ? terms(token.value) : [])),
  );
  return {
    question,
    asks,
    expects,
    head: head ? (terms(head.value)[0] ?? null) : null,
    subject,
    names,
    describing,
    predicate,
    namedByHead,
    places: placesOf(question),
    per: rateUnitOf(question),
    scoped: scopedNouns(tokens),
    offtopic,
    imperative: tokens[0]?.pos === 'VERB',
  };
}

/** The terms of the noun phrase after the first auxiliary that follows the wh-word at `at`. */
function subjectOf(tokens: Token[], at: number): Set<string> {
  const aux = at < 0 ? -1 : tokens.findIndex((token, i) => i > at && token.pos === 'AUX');
  if (aux < 0) return new Set();
  const { end } = headNoun(tokens, aux + 1);
  return new Set(tokens.slice(aux + 1, end).flatMap((token) => terms(token.value)));
}

/** Words allowed inside a name: "Return of the Mack", "Schindler's List", "Procter & Gamble". */
const NAME_JOINERS = new Set(['of', 'the', "'s", '&', 'and', 'de', 'la']);

/**
 * Offsets of the capitalised words of names that as a whole describe the noun after them: "the
 * Return of the Mack singer", "the Schindler's List star". Such a name says who the question
 * means without being what the articles call them.
 */
function namesDescribing(tokens: readonly Token[], describing: ReadonlySet<number>): Set<number> {
  const found = new Set<number>();
  const capitalised = (token: Token | undefined) => token !== undefined && /^\p{Lu}/u.test(token.value);
  for (let i = 0; i < tokens.length; i++) {
    if (!capitalised(tokens[i])) continue;
    let last = i;
    for (let j = i + 1; j < tokens.length; j++) {
      if (capitalised(tokens[j])) last = j;
      else if (!NAME_JOINERS.has(tokens[j]!.lower)) break;
    }
    if (describing.has(tokens[last]!.start)) for (let j = i; j <= last; j++) found.add(tokens[j]!.start);
    i = last;
  }
  return found;
}

/** The places the question sets its event in or at ("in Athens", "at Wembley"), as search terms. */
function placesOf(question: string): string[][] {
  if (!/\b(?:in|at)\s+\p{Lu}/iu.test(question)) return [];
  return tagSentences(question).flatMap((sentence) =>
    sentence.tags.filter((tag) => tag.kind === 'place' && /\b(?:in|at)\s+$/iu.test(question.slice(0, tag.start))).map((tag) => terms(question.slice(tag.start, tag.end))),
  );
}

/** Words that widen a noun to the whole world: "the worldwide box office", "global sales". */
const WORLDWIDE = /^(?:worldwide|global|international|world)$/iu;

function scopedNouns(tokens: readonly Token[]): { scope: string; noun: string }[] {
  return tokens.flatMap((token, i) => {
    const next = tokens[i + 1];
    if (!WORLDWIDE.test(token.value) || next === undefined || next.pos !== 'NOUN') return [];
    const scope = terms(token.value)[0];
    const noun = terms(next.value)[0];
    return scope !== undefined && noun !== undefined ? [{ scope, noun }] : [];
  });
}

/** Periods an amount can be asked per: "a year", "each month". */
const PERIODS = 'year|month|week|day|night|hour';
/** Occasions "each" and "every" make a rate of ("every time", "each game"); other nouns after them are all of a thing ("every gadget"). */
const OCCASIONS = 'time|season|game|match|race|event';

/** "each month", "per share", "every time", "a year": the unit an amount is asked per. */
function rateUnitOf(question: string): string | null {
  const found = new RegExp(`\\bper\\s+([\\p{L}-]+)|\\b(?:a|an)\\s+(${PERIODS})\\b|\\b(?:each|every)\\s+(${PERIODS}|${OCCASIONS})\\b`, 'iu').exec(question);
  const unit = found?.[1] ?? found?.[2] ?? found?.[3];
  return unit === undefined ? null : (terms(unit)[0] ?? null);
}
