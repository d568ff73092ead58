import { stemmer } from 'stemmer';

/** Words too common to tell passages apart; dropped from keyword and hashed features. */
const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being
  below between both but by can could did do does doing down during each few for from further had
  has have having he her here hers herself him himself his how i if in into is it its itself just
  me more most my myself no nor not now of off on once only or other our ours ourselves out over own
  same she should so some such than that the their theirs them themselves then there these they
  this those through to too under until up very was we were what when where which while who whom
  whose   why will with would you your yours yourself yourselves said says say did does done get got
  has have s t d ll m re ve tell told`.split(/\s+/).filter(Boolean),
);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lower-cased words of `text` with their offsets, apostrophe endings ("Putin's") folded away. */
export function words(text: string): { word: string; start: number; end: number }[] {
  const found: { word: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = match[0].toLowerCase().replace(/['’](s|t|d|ll|m|re|ve)$/u, '');
    found.push({ word: raw, start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/** Folds accents so "Elmendorf–Richardson" and "Peskov" match however they are typed. */
function fold(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '');
}

/**
 * Irregular past forms and participles of common verbs, to their base form, so that "met" finds
 * "meet" and "sold" finds "sell" as "walked" finds "walk". Forms that are also common words of
 * another meaning ("left", "found", "rose", "saw", "wound", "lay", "fell") are left out.
 */
export const IRREGULAR_VERBS: Readonly<Record<string, string>> = {
    meet: 'met', win: 'won', take: 'took taken', pay: 'paid', sell: 'sold', buy: 'bought', run: 'ran', give: 'gave given',
    go: 'went gone', come: 'came', know: 'knew known', think: 'thought', keep: 'kept', hold: 'held', bring: 'brought',
    begin: 'began begun', spend: 'spent', lose: 'lost', fight: 'fought', catch: 'caught', teach: 'taught', seek: 'sought',
    drive: 'drove driven', draw: 'drew drawn', grow: 'grew grown', fly: 'flew flown', throw: 'threw thrown',
    shake: 'shook shaken', break: 'broke broken', choose: 'chose chosen', speak: 'spoke spoken', steal: 'stole stolen',
    freeze: 'froze frozen', forget: 'forgot forgotten', ride: 'rode ridden', write: 'wrote written', eat: 'ate eaten',
    flee: 'fled', sink: 'sank sunk', sing: 'sang sung', swim: 'swam swum', stick: 'stuck', swear: 'swore sworn',
    become: 'became', deal: 'dealt', feel: 'felt', mean: 'meant', sleep: 'slept', weep: 'wept', build: 'built',
    send: 'sent', stand: 'stood', strike: 'struck stricken', withdraw: 'withdrew withdrawn', undergo: 'underwent undergone',
    undertake: 'undertook undertaken', overcome: 'overcame', fall: 'fallen', rise: 'risen', see: 'seen', hide: 'hidden',
    lead: 'led', bite: 'bitten', forbid: 'forbade forbidden', shrink: 'shrank shrunk', tear: 'tore torn', wear: 'wore worn',
};
const IRREGULAR = new Map(Object.entries(IRREGULAR_VERBS).flatMap(([base, forms]) => forms.split(' ').map((form) => [form, base] as const)));

/**
 * Each word's term, remembered: folding and stemming are most of what `terms` costs, and a
 * text repeats its words. Emptied when it grows past TERM_CACHE_SIZE, so memory stays bounded.
 */
const termCache = new Map<string, string>();
const TERM_CACHE_SIZE = 200_000;

function termOf(word: string): string {
  let term = termCache.get(word);
  if (term === undefined) {
    term = uncachedTermOf(word);
    if (termCache.size >= TERM_CACHE_SIZE) termCache.clear();
    termCache.set(word, term);
  }
  return term;
}

function uncachedTermOf(word: string): string {
  const folded = fold(word);
  return /^\p{N}+$/u.test(folded) ? folded : stemmer(IRREGULAR.get(folded) ?? folded);
}

/** Search terms of `text` with the offset of the word each comes from, in order. */
export function termsAt(text: string): { term: string; start: number }[] {
  const result: { term: string; start: number }[] = [];
  for (const { word, start } of words(text)) {
    if (!STOPWORDS.has(word)) result.push({ term: termOf(word), start });
  }
  return result;
}

/** Search terms of `text`: folded, stemmed words without stopwords, in order (repeats kept). */
export function terms(text: string): string[] {
  const result: string[] = [];
  for (const { word } of words(text)) {
    if (!STOPWORDS.has(word)) result.push(termOf(word));
  }
  return result;
}

/**
 * The one search term of `text`, or null when it has none (a stopword) or several words. With
 * `remember` false the term is not kept in the cache that `terms` reads: for reading word lists
 * whose words texts mostly never use.
 */
export function singleTerm(text: string, remember = true): string | null {
  const found = words(text);
  if (found.length !== 1 || STOPWORDS.has(found[0]!.word)) return null;
  return remember ? termOf(found[0]!.word) : uncachedTermOf(found[0]!.word);
}
