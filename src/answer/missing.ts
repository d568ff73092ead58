import { englishNlp } from '../text/nlp.ts';
import { IRREGULAR_VERBS } from '../text/tokenize.ts';

/** Words that end a noun phrase: the verb stands before them. */
const PHRASE_END = new Set(['a', 'an', 'the', 'to', 'in', 'on', 'at', 'of', 'for', 'from', 'with', 'about', 'into', 'by', 'over', 'after', 'before', 'during', 'his', 'her', 'its', 'their', 'this', 'that', 'last', 'next']);

/**
 * The main verb of a do-support question's clause after the auxiliary ("the stage school cost"
 * → "cost"), with its offsets in the clause: the first word wink reads as a verb; else the word
 * after a leading name ("Putin visit India"); else the last word before a preposition or
 * determiner ("the school spend on books"), or the last word.
 */
function mainVerb(question: string, from: number): { start: number; end: number } | null {
  const nlp = englishNlp();
  const doc = nlp.readDoc(question);
  const values = doc.tokens().out();
  const pos = doc.tokens().out(nlp.its.pos) as string[];
  const words: { value: string; pos: string; start: number; end: number }[] = [];
  let cursor = 0;
  for (const [i, value] of values.entries()) {
    const start = question.indexOf(value, cursor);
    if (start < 0) return null;
    cursor = start + value.length;
    if (start >= from && /^[\p{L}'-]+$/u.test(value)) words.push({ value, pos: pos[i]!, start: start - from, end: cursor - from });
  }
  const lower = (word: { value: string }) => /^\p{Ll}/u.test(word.value);
  const tagged = words.find((word, i) => i > 0 && lower(word) && word.pos === 'VERB');
  if (tagged) return tagged;
  let i = 0;
  while (i < words.length && !lower(words[i]!)) i++;
  // After a name's possessive ("Putin's talks ... last") the next word is what the name owns, not
  // the verb: the verb ends the clause, or stands before its first preposition.
  const owned = i > 0 && /^['’]s$/u.test(words[i - 1]!.value);
  if (i > 0 && !owned) return words[i] ?? null;
  const end = words.findIndex((word, k) => k > (owned ? i : 1) && PHRASE_END.has(word.value.toLowerCase()));
  // "Putin's talks with the envoys last": what stands before the preposition is still the name's.
  if (owned && end === i + 1) return words[words.length - 1] ?? null;
  return words[(end < 0 ? words.length : end) - 1] ?? null;
}

/** Past forms the irregular table lacks but these clauses need, and those it gives as participles. */
const PAST_EXTRA: Readonly<Record<string, string>> = { fall: 'fell', rise: 'rose', see: 'saw', hide: 'hid', bite: 'bit', say: 'said', make: 'made', tell: 'told', leave: 'left', find: 'found', get: 'got', put: 'put', set: 'set', cut: 'cut', hit: 'hit', let: 'let', cost: 'cost', quit: 'quit', hear: 'heard', have: 'had', do: 'did', be: 'was' };

/** The past tense of a verb's base form: "visit" → "visited", "sell" → "sold". */
export function pastOf(base: string): string {
  const lower = base.toLowerCase();
  const irregular = PAST_EXTRA[lower] ?? IRREGULAR_VERBS[lower]?.split(' ')[0];
  if (irregular) return irregular;
  if (/e$/u.test(lower)) return `${base}d`;
  if (/[^aeiou]y$/u.test(lower)) return `${base.slice(0, -1)}ied`;
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/u.test(lower)) return `${base}${base.slice(-1)}ed`;
  return `${base}ed`;
}

/** The third person singular: "cost" → "costs", "go" → "goes". */
function thirdPersonOf(base: string): string {
  if (/(?:s|x|z|ch|sh|o)$/iu.test(base)) return `${base}es`;
  if (/[^aeiou]y$/iu.test(base)) return `${base.slice(0, -1)}ies`;
  return `${base}s`;
}

const WH = String.raw`(?:how (?:many|much|long|old|far|often|big)|who|whom|whose|what|which|where|when|why|how)`;
/** The wh-word with the noun it may ask about: "which bank", "how many people". */
const WH_PHRASE = String.raw`(?:(?:which|what|whose|how many|how much) [\p{Ll}-]+|${WH})`;
/** "When did Putin visit India", "How much does the ticket cost": do-support, which an embedded clause drops. */
const DO_SUPPORT = new RegExp(String.raw`^(${WH_PHRASE})\s+(did|does|do)\s+(.+)$`, 'iu');
/** "What is the capital of Australia", "Where will the film be shot": the auxiliary moves after the subject. */
const INVERTED = new RegExp(String.raw`^(${WH_PHRASE})\s+(is|was|are|were|will|would|can|could|should|has|have|had)\s+(.+)$`, 'iu');

/**
 * What a closest reply says the articles do not state, as a clause: "When did Putin visit
 * India?" → "when Putin visited India"; "What is the capital of Australia?" → "what the capital
 * of Australia is"; "Who won the final?" → "who won the final". Anything else is returned as it
 * was asked, quoted.
 */
export function missingClause(question: string): string {
  const asked = question.trim().replace(/[?!.\s]+$/u, '');
  const polite = asked.replace(/^(?:please,?\s+)?(?:(?:can|could|would) you\s+)?(?:please\s+)?(?:tell me|let me know)\s+/iu, '');
  const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
  const done = DO_SUPPORT.exec(polite);
  const verb = done ? mainVerb(polite, polite.length - done[3]!.length) : null;
  if (done && verb) {
    const [, wh = '', aux = '', clause = ''] = done;
    const base = clause.slice(verb.start, verb.end);
    const inflected = aux.toLowerCase() === 'did' ? pastOf(base) : aux.toLowerCase() === 'does' ? thirdPersonOf(base) : base;
    return `${lowerFirst(wh)} ${clause.slice(0, verb.start)}${inflected}${clause.slice(verb.end)}`;
  }
  const inverted = INVERTED.exec(polite);
  if (inverted) {
    const [, wh = '', aux = '', rest = ''] = inverted;
    // "How many people were killed...": the wh-phrase is the subject when a participle follows.
    if (/^(?:\p{Ll}+(?:ed|en)|\p{Ll}+ing)\b/u.test(rest)) return `${lowerFirst(wh)} ${aux} ${rest}`;
    // "What is the capital of Australia" → "what the capital of Australia is"; a participle or
    // verb inside keeps the auxiliary before it: "where the film will be shot".
    const split = /^(.+?)\s+((?:be|been|being|\p{Ll}+(?:ed|en|ing))\b.*)$/u.exec(rest);
    if (split) return `${lowerFirst(wh)} ${split[1]} ${aux} ${split[2]}`;
    // "When will Putin visit India" → "when Putin will visit India".
    const verb = /^(?:is|was|are|were)$/iu.test(aux) ? null : mainVerb(polite, polite.length - rest.length);
    return verb ? `${lowerFirst(wh)} ${rest.slice(0, verb.start)}${aux} ${rest.slice(verb.start)}` : `${lowerFirst(wh)} ${rest} ${aux}`;
  }
  // "How many fishermen protested...": the wh-phrase is the subject, and the order stays.
  if (new RegExp(`^${WH}\\b`, 'iu').test(polite)) return lowerFirst(polite);
  return `“${asked}”`;
}
