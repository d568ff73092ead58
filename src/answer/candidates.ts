import type { Embedder } from '../embed/embedder.ts';
import type { TaggedSentence } from '../text/tags.ts';
import { terms, termsAt } from '../text/tokenize.ts';
import type { Passage } from './answer.ts';
import { coverageOf, dot, namedTerms, type IdfLookup } from './evidence.ts';
import type { Vocabulary } from './absent.ts';
import { FEATURE_NAMES, featureIndex, type FeatureName } from './features.ts';
import type { QuestionAnalysis } from './question.ts';
import { relatedHits, relatedShare, relateQuestion, type RelatedQuestion } from './related.ts';
import { sharedWordNet, type WordRelations } from '../text/wordnet.ts';
import { answerKind, continuesPrevious, elsewhere, firstPersonAuthor, narrowerScope, reasonCues, withheld } from './sentence-score.ts';

/** The parts of an index version that composing reads: each article's text and tagged sentences. */
export interface ArticleSentences {
  /** The article's cleaned text; undefined for an unknown id. */
  text(article: string): string | undefined;
  /** The article's sentences in text order, with their tags; offsets into its cleaned text. */
  sentences(article: string): readonly TaggedSentence[];
}

/** A question as candidate scoring reads it: its analysis and its weighted search terms. */
export interface WeighedQuestion {
  analysis: QuestionAnalysis;
  /** The terms some article holds, which shares of the question are counted over. */
  weights: ReadonlyMap<string, number>;
  /** Every term of the question, those no article holds too. */
  asked: ReadonlyMap<string, number>;
}

export interface CandidateOptions {
  articles: ArticleSentences;
  idf: IdfLookup;
  vocabulary: Vocabulary;
  /** Articles whose sentences are candidates, at most: the best few that retrieval found. */
  candidateArticles?: number;
  /** With the question's vector from the same embedder, sentences are described by meaning as well as by words. */
  embedder?: Embedder;
  queryVector?: number[];
  /** Which terms are related to which (synonyms, derived forms, one step up or down); WordNet unless given. */
  relations?: WordRelations;
}

/** Articles whose every sentence is read: the best few that retrieval found. */
export const CANDIDATE_ARTICLES = 5;
/** Sentences per article described by meaning (embedded), best by shared words first. */
const DENSE_CANDIDATES = 8;
/** Sentences of an article's lead, whose names count in the context of every sentence. */
const LEAD_SENTENCES = 2;
/** Letters of a term that a paraphrase keeps: "captain" finds "captaincy". */
const FUZZY_PREFIX = 5;
/** A quote grows past one sentence only while it stays under this many characters. */
const MAX_QUOTE_CHARS = 480;
/**
 * Term weight (BM25 idf) from which a name or number of the question counts as its subject: a
 * term in under about 0.7% of passages. Below ~220 passages no term reaches it.
 */
const SUBJECT_WEIGHT = 5;

/** One article among the candidates, as the sentences' features and the quotes read it. */
export interface CandidateArticle {
  article: Passage['article'];
  /** 0 for the article retrieval ranked first. */
  rank: number;
  sentences: readonly TaggedSentence[];
  text: string;
}

/** One sentence that could answer, with what describes it. */
export interface Candidate {
  article: CandidateArticle;
  /** Position of the sentence in its article. */
  index: number;
  /** Values in FEATURE_NAMES order. */
  features: Float64Array;
  /** The verbatim span this sentence would be quoted as: `[start, end)` in the article's text. */
  quote: { start: number; end: number };
}

/** An article read into search terms once, for its features and its sentences'. */
export interface ReadArticle {
  /** Each sentence's terms with their offsets in the sentence. */
  found: readonly (readonly { term: string; start: number }[])[];
  /** Each sentence's terms. */
  sentences: readonly ReadonlySet<string>[];
  /** The lead's sentences' terms. */
  lead: readonly ReadonlySet<string>[];
  /** Terms of the headline and of what the article says of itself: outlet, agency, author. */
  title: ReadonlySet<string>;
  /** Every term of the headline, the metadata and the text. */
  terms: ReadonlySet<string>;
}

export function readArticle(article: Pick<Passage['article'], 'title' | 'outlet' | 'agency' | 'byline'>, text: string, sentences: readonly TaggedSentence[]): ReadArticle {
  const found = sentences.map((sentence) => termsAt(text.slice(sentence.start, sentence.end)));
  const sentenceTerms = found.map((inSentence) => new Set(inSentence.map(({ term }) => term)));
  // An article's outlet, agency and author are part of what it says about itself: "according
  // to Reuters" is about the Reuters story, though its body never prints the name.
  const titleTerms = new Set(terms([article.title, article.outlet ?? '', article.agency ?? '', article.byline ?? ''].join(' ')));
  const all = new Set(titleTerms);
  for (const present of sentenceTerms) for (const term of present) all.add(term);
  return { found, sentences: sentenceTerms, lead: sentenceTerms.slice(0, LEAD_SENTENCES), title: titleTerms, terms: all };
}

/**
 * Every sentence of the best few retrieved articles, each described by FEATURE_NAMES: how much
 * of the question it and its context hold, whether it holds an answer of the kind asked and
 * near the question's words, its meaning's closeness to the question, where it stands, and how
 * well its article matches the question's names. What the features mean is fixed here; how much
 * each counts is fitted (see `ranker.ts`).
 */
export async function gatherCandidates(question: WeighedQuestion, passages: readonly Passage[], options: CandidateOptions): Promise<Candidate[]> {
  const { analysis, weights, asked } = question;
  const named = namedTerms(analysis.question);
  const subjects = [...weights].filter(([term, weight]) => named.has(term) && weight >= SUBJECT_WEIGHT && options.vocabulary.has(term)).map(([term]) => term);
  const nameWeights = new Map([...weights].filter(([term]) => named.has(term)));
  const otherWeights = new Map([...weights].filter(([term]) => !named.has(term)));
  // An article that shares only names with the question shares none of its other words, those
  // no article holds included.
  const askedOthers = new Map([...asked].filter(([term]) => !named.has(term)));
  // Words a paraphrase puts for the question's: "assembling" for "putting together", "China" for "Chinese".
  const related = relateQuestion(asked, options.relations ?? sharedWordNet());
  const bestRetrieval = passages[0]?.score ?? 0;
  const limit = options.candidateArticles ?? CANDIDATE_ARTICLES;
  const seen = new Set<string>();
  const all: Candidate[] = [];
  for (const passage of passages) {
    if (seen.size === limit) break;
    if (seen.has(passage.article.id)) continue;
    const text = options.articles.text(passage.article.id);
    const sentences = options.articles.sentences(passage.article.id);
    if (text === undefined || sentences.length === 0) continue;
    seen.add(passage.article.id);
    const article: CandidateArticle = { article: passage.article, rank: seen.size - 1, sentences, text };
    const read = readArticle(passage.article, text, sentences);
    const articleLevel = {
      retrieval: bestRetrieval > 0 ? passage.score / bestRetrieval : 0,
      retrieval_rank: 1 / (1 + article.rank),
      name_share: nameWeights.size > 0 ? coverageOf(nameWeights, (term) => read.terms.has(term)) : 1,
      subjects_missing: subjects.length > 0 ? subjects.filter((term) => !read.terms.has(term)).length / subjects.length : 0,
      in_passing: namesInPassing(nameWeights, askedOthers, read) ? 1 : 0,
      title_cover: coverageOf(weights, (term) => read.title.has(term)),
      says_lacks: saysItLacks(analysis, text, sentences, read) ? 1 : 0,
    };
    const described = describeSentences(question, article, read, { named, nameWeights, otherWeights, related });
    // Meaning is read for the few sentences that share most words with the question.
    if (options.embedder && options.queryVector) {
      const query = options.queryVector;
      const byWords = [...described].sort((a, b) => b.words - a.words || a.index - b.index).slice(0, DENSE_CANDIDATES);
      const vectors = await options.embedder.embedPassages(byWords.map(({ index }) => text.slice(sentences[index]!.start, sentences[index]!.end)));
      byWords.forEach((sentence, i) => {
        sentence.values.cosine = Math.max(0, dot(query, vectors[i]!));
        sentence.values.embedded = 1;
      });
    }
    for (const sentence of described) {
      all.push({ article, index: sentence.index, features: toVector(sentence.values, articleLevel), quote: quoteSpan(article, sentence.index, sentence.answers) });
    }
  }
  describeAgainstOthers(all);
  return all;
}

/** Features read against the question's other candidates: where each stands by a few of its own. */
const RANKED_BY = (['own', 'context', 'cosine', 'own_related'] as const).map((name) => [featureIndex(name), featureIndex(`${name}_rank`)] as const);
const OWN_AT = featureIndex('own');
const OWN_RATIO = featureIndex('own_ratio');

/**
 * Sets, for every candidate, its place among all candidates by its own words, its context, its
 * meaning and its related words (1 for the first, 1/2 for the second...; ties share the better
 * place), and its own words as a share of the most any candidate holds.
 */
function describeAgainstOthers(all: readonly Candidate[]): void {
  for (const [from, to] of RANKED_BY) {
    const place = new Map<number, number>();
    all
      .map((candidate) => candidate.features[from]!)
      .sort((a, b) => b - a)
      .forEach((value, i) => place.has(value) || place.set(value, i));
    for (const candidate of all) {
      const value = candidate.features[from]!;
      candidate.features[to] = value > 0 ? 1 / (1 + place.get(value)!) : 0;
    }
  }
  const most = Math.max(0, ...all.map((candidate) => candidate.features[OWN_AT]!));
  for (const candidate of all) candidate.features[OWN_RATIO] = most > 0 ? candidate.features[OWN_AT]! / most : 0;
}

/** Each feature's place in a candidate's vector. */
const FEATURE_PLACE = new Map<string, number>(FEATURE_NAMES.map((name, place) => [name, place]));

/**
 * The features in FEATURE_NAMES order, 0 where none is given, the article's over the
 * sentence's. Each value is set by its place: merging both into one object and reading every
 * name back cost a third of a whole answer (the sentence's keys vary with the question's
 * family, so the merged object was a dictionary, read once per feature name).
 */
function toVector(sentence: Partial<Record<FeatureName, number>>, article: Partial<Record<FeatureName, number>>): Float64Array {
  const vector = new Float64Array(FEATURE_NAMES.length);
  for (const values of [sentence, article]) {
    for (const name of Object.keys(values)) {
      const place = FEATURE_PLACE.get(name);
      if (place !== undefined) vector[place] = values[name as FeatureName] ?? 0;
    }
  }
  return vector;
}

/** The question's terms split once for every article: its names and numbers, and its other words. */
interface QuestionParts {
  named: ReadonlySet<string>;
  nameWeights: ReadonlyMap<string, number>;
  otherWeights: ReadonlyMap<string, number>;
  related: RelatedQuestion;
}

interface DescribedSentence {
  index: number;
  /** Shared words, for choosing which sentences to embed: own and context coverage. */
  words: number;
  /** Whether it holds an answer of the first kind asked, near the question's words: its quote need not grow. */
  answers: boolean;
  values: Partial<Record<FeatureName, number>>;
}

/** What each sentence of one article holds of the question. */
function describeSentences({ analysis, weights }: WeighedQuestion, { article, text, sentences }: CandidateArticle, read: ReadArticle, parts: QuestionParts): DescribedSentence[] {
  const { named, nameWeights, otherWeights, related } = parts;
  const questionTerms = new Set(weights.keys());
  const { found, sentences: sentenceTerms, title } = read;
  // A news story names its subject in its lead: those names stand behind every later sentence.
  const leadNames = new Set(read.lead.flatMap((present) => [...present].filter((term) => named.has(term))));
  const family = familyOf(analysis);
  const author = family === 'name' ? firstPersonAuthor(article.byline, text, sentences) : null;
  const owns = sentenceTerms.map((here) => coverageOf(weights, (term) => here.has(term)));
  // The sentence that says most of what the question says: answers stand in or next to it.
  const focus = owns.reduce((best, own, i) => (own > owns[best]! ? i : best), 0);
  // The question's rarest term, and its other words by their first letters, which a paraphrase
  // often keeps while the ending changes ("captaincy" for "captain", "founder" for "founded").
  const rarest = [...weights].reduce<[string, number] | null>((best, entry) => (best === null || entry[1] > best[1] ? entry : best), null)?.[0];
  const prefixOf = (term: string) => (term.length >= FUZZY_PREFIX ? term.slice(0, FUZZY_PREFIX) : null);
  const hits = sentenceTerms.map((here) => relatedHits(related, here));
  const titleHits = relatedHits(related, title);
  const otherPrefixes = new Map([...otherWeights].flatMap(([term, weight]) => (prefixOf(term) === null ? [] : [[prefixOf(term)!, weight] as const])));
  return sentences.map((sentence, index) => {
    const here = sentenceTerms[index]!;
    const has = (term: string) => here.has(term);
    const around = (term: string) =>
      here.has(term) || title.has(term) || leadNames.has(term) || sentenceTerms[index - 1]?.has(term) === true || sentenceTerms[index - 2]?.has(term) === true;
    const slice = text.slice(sentence.start, sentence.end);
    const own = owns[index]!;
    const context = coverageOf(weights, around);
    const kind = answerKind(analysis, questionTerms, text, sentence, found[index], author);
    // Through a relation only: a question term this sentence holds as itself or by its first
    // letters is counted by the word features.
    const asItself = (term: string) => here.has(term) || (prefixOf(term) !== null && [...here].some((other) => other.startsWith(prefixOf(term)!)));
    const { close, broad } = hits[index]!;
    const nearby = [hits[index - 1], hits[index - 2], titleHits].flatMap((near) => (near ? [...near.close, ...near.broad] : []));
    const values: Partial<Record<FeatureName, number>> = {
      own,
      own_names: nameWeights.size > 0 ? coverageOf(nameWeights, has) : 0,
      own_other: otherWeights.size > 0 ? coverageOf(otherWeights, has) : 0,
      own_fuzzy: otherPrefixes.size > 0 ? coverageOf(otherPrefixes, (prefix) => [...here].some((term) => term.startsWith(prefix))) : 0,
      own_rarest: rarest !== undefined && here.has(rarest) ? 1 : 0,
      // An answer often follows the sentence that says what the question says.
      prev_own: owns[index - 1] ?? 0,
      next_own: owns[index + 1] ?? 0,
      context,
      context_other: otherWeights.size > 0 ? coverageOf(otherWeights, around) : 0,
      context_names: nameWeights.size > 0 ? coverageOf(nameWeights, around) : 1,
      context_rarest: rarest !== undefined && around(rarest) ? 1 : 0,
      own_related: relatedShare(related, close, asItself),
      own_broad: relatedShare(related, [...broad].filter((term) => !close.has(term)), asItself),
      context_related: relatedShare(related, new Set([...close, ...broad, ...nearby]), around),
      all_context: context >= 1 ? 1 : 0,
      about_other: analysis.names.size > 0 && ![...analysis.names].some(around) ? 1 : 0,
      head: analysis.head !== null && here.has(analysis.head) ? 1 : 0,
      narrower: analysis.scoped.length > 0 && narrowerScope(analysis, slice, here) ? 1 : 0,
      elsewhere: elsewhere(analysis, questionTerms, text, sentence, found[index]!) ? 1 : 0,
      withheld: withheld(analysis.head, slice, found[index]!) ? 1 : 0,
      lead: index < LEAD_SENTENCES ? 1 : 0,
      position: Math.log1p(index),
      length: Math.log1p(slice.length / 100),
      quoted_speech: /^["“]|["”]$/u.test(slice.trim()) ? 1 : 0,
      continues: continuesPrevious(slice) ? 1 : 0,
    };
    values.near_focus = 1 / (1 + Math.abs(index - focus));
    values.kind_x_context = kind.value * context;
    values.kind_x_own = kind.close * Math.max(own, owns[index - 1] ?? 0);
    values[`kind_${family}`] = kind.value;
    values[`kind_close_${family}`] = kind.close;
    if (family === 'reason') {
      const cues = reasonCues(slice);
      values.reason_cause = cues.cause;
      values.reason_sequence = cues.sequence;
      values.reason_purpose = cues.purpose;
    }
    return { index, words: own + context, answers: kind.close >= 1, values };
  });
}

/** The family of answers a question expects, which its kind features are kept apart by. */
export type KindFamily = 'name' | 'place' | 'date' | 'amount' | 'reason' | 'none';

export function familyOf(analysis: QuestionAnalysis): KindFamily {
  const expects = analysis.expects;
  if (expects === null) return 'none';
  if ('reason' in expects) return 'reason';
  const first = expects.kinds[0];
  if (first === 'place') return 'place';
  if (first === 'person' || first === 'organisation' || first === 'name') return 'name';
  if (first === 'date' || first === 'time') return 'date';
  return 'amount';
}

/**
 * True when the article shares only names with the question, and names them only in passing,
 * outside its headline and lead: "Jupiter" in a story quoting Jupiter Research does not make it
 * about moons.
 */
function namesInPassing(names: ReadonlyMap<string, number>, others: ReadonlyMap<string, number>, read: ReadArticle): boolean {
  if (names.size === 0 || others.size === 0 || [...others.keys()].some((term) => read.terms.has(term))) return false;
  return ![...names.keys()].some((term) => read.title.has(term) || read.lead.some((sentence) => sentence.has(term)));
}

/**
 * Whether the article says it lacks what the question asks: it says the thing was not given
 * ("No further details of the share price were given"), or gives a national figure for a
 * worldwide one.
 */
function saysItLacks(analysis: QuestionAnalysis, text: string, sentences: readonly TaggedSentence[], read: ReadArticle): boolean {
  const { head, scoped } = analysis;
  if (head === null && scoped.length === 0) return false;
  return sentences.some((sentence, i) => {
    const present = read.sentences[i]!;
    if (!(head !== null && present.has(head)) && !scoped.some(({ noun }) => present.has(noun))) return false;
    const slice = text.slice(sentence.start, sentence.end);
    return withheld(head, slice, read.found[i]!) || narrowerScope(analysis, slice, read.terms);
  });
}

/**
 * The span sentence `index` is quoted as: the sentence, grown by whole neighbours while it stays
 * under MAX_QUOTE_CHARS. The sentence before joins when this one only continues it ("He
 * said..."); the sentence after joins when it carries on what this one sets up and this one
 * lacks the kind of answer asked for ("...was asked about the story." / "No, this is a wrong
 * report," Peskov said.).
 */
function quoteSpan({ sentences, text }: CandidateArticle, index: number, answersItself: boolean): { start: number; end: number } {
  const slice = (i: number) => text.slice(sentences[i]!.start, sentences[i]!.end);
  let first = index;
  let last = index;
  const fits = (from: number, to: number) => sentences[to]!.end - sentences[from]!.start <= MAX_QUOTE_CHARS;
  if (first > 0 && continuesPrevious(slice(first)) && fits(first - 1, last)) first--;
  const next = last + 1 < sentences.length ? last + 1 : null;
  if (next !== null && fits(first, next) && !answersItself && (continuesPrevious(slice(next)) || /^["“]/u.test(slice(next)))) last = next;
  return { start: sentences[first]!.start, end: sentences[last]!.end };
}
