import type { Embedder } from '../embed/embedder.ts';
import type { TaggedSentence } from '../text/tags.ts';
import { CARDINAL_WORDS, ORDINAL_WORDS } from '../text/number-words.ts';
import { terms, termsAt } from '../text/tokenize.ts';
import { citeSource, type Answer, type Passage, type Refusal, type Source } from './answer.ts';
import { coverageOf, dot, namedTerms, weightedTerms, type IdfLookup } from './evidence.ts';
import { absentName, type Vocabulary } from './absent.ts';
import { analyzeQuestion, type QuestionAnalysis } from './question.ts';
import { answerKind, continuesPrevious, narrowerScope, withheld } from './sentence-score.ts';

/** The parts of an index version that composing reads: each article's text and tagged sentences. */
export interface ArticleSentences {
  /** The article's cleaned text; undefined for an unknown id. */
  text(article: string): string | undefined;
  /** The article's sentences in text order, with their tags; offsets into its cleaned text. */
  sentences(article: string): readonly TaggedSentence[];
}

export interface ComposeOptions {
  /** Sources in an answer, at most. */
  maxSources: number;
  /**
   * Least evidence for an answer: the share of the question's term weight found around the
   * best sentence (the sentence, the two before it, the headline and the names of the lead);
   * all of it for a question of two terms. Below it, a refusal.
   */
  minEvidence: number;
  /** A further source must score at least this share of the best source. */
  relativeEvidence: number;
  idf: IdfLookup;
  /** Weight given to a term no article contains. */
  unseenWeight: number;
  /** The words and phrases the articles contain, to tell a question about something they never name. */
  vocabulary: Vocabulary;
  articles: ArticleSentences;
  /** Articles to prefer when they answer: those the earlier answer cited, for a follow-up. */
  preferred?: ReadonlySet<string>;
  /** With the question's vector from the same embedder, ranks sentences by meaning as well as by shared words. */
  embedder?: Embedder;
  queryVector?: number[];
}

export const DEFAULT_COMPOSE: Pick<ComposeOptions, 'maxSources' | 'minEvidence' | 'relativeEvidence'> = {
  maxSources: 3,
  minEvidence: 0.3,
  relativeEvidence: 0.6,
};

/**
 * Term weight (BM25 idf) from which a name or number of the question must be in an article
 * for it to answer: a term in under about 0.7% of passages. Below ~220 passages no term reaches
 * it, since so small a corpus cannot tell a rare term from a common one; there, names no
 * article has at all are what refuses (`absentName`).
 */
const SUBJECT_WEIGHT = 5;
/** Numbers in words, which on their own name nothing a question could be about. */
const NUMBER_WORDS = new Set(terms([...CARDINAL_WORDS, ...ORDINAL_WORDS].join(' ')));
/** Questions of at most this many terms need all of them around the answer. */
const SHORT_QUESTION_TERMS = 2;
/** Articles whose every sentence is scored: the best few that retrieval found. */
const CANDIDATE_ARTICLES = 5;
/** How a sentence's score is made, each part in [0, 1] before its weight. */
const WEIGHTS = {
  /** The share of the question's term weight in the sentence itself. */
  own: 0.5,
  /** The same share around it: the headline, the lead's names and the two sentences before. */
  context: 0.5,
  /** Holding an answer of the expected kind (see `answerKind`). */
  kind: 0.4,
  /** Holding the head noun of "which X" / "what X". */
  head: 0.15,
  /** Meaning: the cosine with the question, for the best few by words. */
  meaning: 0.3,
} as const;
/** Sentences of an article's lead, whose names count in the context of every sentence. */
const LEAD_SENTENCES = 2;
/** Share of its weight a name of the question counts for in the sentence itself (all of it in the context). */
const NAMED_OWN_SHARE = 0.5;
/** Added to the score of an article a follow-up prefers (one the earlier answer cited). */
const PREFERRED_BONUS = 0.3;
/** Weight of the share of the question's names (by term weight) that an article holds anywhere. */
const NAMES_WEIGHT = 0.3;
/** Weight of the article's retrieval score, which ranks articles rather than sentences. */
const RETRIEVAL_WEIGHT = 0.5;
/** Sentences per article re-ranked by meaning, best by words first. */
const DENSE_CANDIDATES = 8;
/** The best article's second sentence is quoted too when it scores at least this share of its best. */
const RUNNER_UP_SHARE = 0.7;
/** A quote grows past one sentence only while it stays under this many characters. */
const MAX_QUOTE_CHARS = 480;

export interface ScoredSentence {
  index: number;
  sentence: TaggedSentence;
  /** Share of the question's weight in the sentence itself, saturated. */
  own: number;
  /** Share of the question's weight in the sentence, the two before it, the headline and the lead's names. */
  context: number;
  /** 1 when it holds an answer of the expected kind (see `answerKind`). */
  kind: number;
  score: number;
}

interface ArticleChoice {
  article: Passage['article'];
  retrieval: number;
  best: ScoredSentence;
  /** The next best sentence of the article, when there is one. */
  runnerUp: ScoredSentence | null;
  sentences: readonly TaggedSentence[];
  text: string;
  score: number;
}

/**
 * Builds an extractive answer. Retrieval picks the articles; within each of the best few,
 * every sentence is a candidate, scored by how much of the question it and its context cover,
 * whether it holds an answer of the kind the question asks for (a date for "when", an amount
 * for "how much", a cause for "why") and the question's head noun. The best sentence, with a
 * neighbour when the fact is split across two, is quoted verbatim with its offsets.
 *
 * Refuses, saying why: a question about something no article names (`absent`); articles on
 * the subject whose sentences state no answer of the kind asked (`near-miss`); questions that
 * are not about the news (`offtopic`); too little of the question found (`weak`).
 */
export async function composeAnswer(question: string, passages: readonly Passage[], options: ComposeOptions): Promise<Answer> {
  const analysis = analyzeQuestion(question);
  if (analysis.offtopic) return refuse(question, { kind: 'offtopic', reason: analysis.offtopic }, []);
  const absent = absentName(question, options.vocabulary, analysis.describing);
  if (absent) return refuse(question, { kind: 'absent', term: absent }, []);

  const weighed: WeighedQuestion = { analysis, weights: weightedTerms(question, options.idf, options.unseenWeight) };
  // "What is 2+2?", "Which one?", "In 2004?": numbers alone name nothing to look for.
  if (![...weighed.weights.keys()].some((term) => /\p{L}/u.test(term) && !NUMBER_WORDS.has(term))) return refuse(question, { kind: 'weak' }, []);
  // Rare names and numbers of the question that some article has: an article without one of
  // them is about something else ("...the World Cup final in Qatar?" against another final).
  const named = namedTerms(question);
  const subjects = [...weighed.weights].filter(([term, weight]) => named.has(term) && weight >= SUBJECT_WEIGHT && options.vocabulary.has(term)).map(([term]) => term);
  const nameWeights = new Map([...weighed.weights].filter(([term]) => named.has(term)));
  const otherTerms = [...weighed.weights.keys()].filter((term) => !named.has(term));
  const choices: ArticleChoice[] = [];
  const bestRetrieval = passages[0]?.score ?? 0;
  for (const passage of passages) {
    if (choices.length === CANDIDATE_ARTICLES) break;
    if (choices.some((choice) => choice.article.id === passage.article.id)) continue;
    const article = passage.article;
    const sentences = options.articles.sentences(article.id);
    const text = options.articles.text(article.id);
    if (text === undefined || sentences.length === 0) continue;
    const read = readArticle({ title: article.title, text, sentences });
    if (subjects.some((term) => !read.terms.has(term))) continue;
    if (namesInPassing(nameWeights, otherTerms, read)) continue;
    const ranked = await rankSentences(weighed, { title: article.title, text, sentences }, read, options);
    if (!ranked[0]) continue;
    const best = saysItLacks(analysis, text, sentences, read) ? { ...ranked[0], kind: 0 } : ranked[0];
    const runnerUp = ranked[1] ?? null;
    const retrieval = bestRetrieval > 0 ? passage.score / bestRetrieval : 0;
    const preferred = options.preferred?.has(article.id) ? PREFERRED_BONUS : 0;
    // Of two articles that answer alike, the one holding the question's names is about it.
    const nameShare = nameWeights.size > 0 ? coverageOf(nameWeights, (term) => read.terms.has(term)) : 1;
    choices.push({ article, retrieval, best, runnerUp, sentences, text, score: best.score + RETRIEVAL_WEIGHT * retrieval + preferred + NAMES_WEIGHT * nameShare });
  }
  choices.sort((a, b) => b.score - a.score);
  const related = () => choices.slice(0, options.maxSources).map((choice) => quote(choice, choice.best));
  if (choices.length === 0) return refuse(question, { kind: 'weak' }, []);

  // Of a question of two terms, one missing is half of what it asks ("How many legs does a
  // spider have?" against "Spider-Man 2 breaks that rule in two"): both must be there.
  const needed = weighed.weights.size <= SHORT_QUESTION_TERMS ? 1 : options.minEvidence;
  const supported = choices.filter((choice) => choice.best.context >= needed && choice.best.context > 0);
  if (supported.length === 0) return refuse(question, { kind: 'weak' }, related());
  const answering = supported.filter((choice) => choice.best.kind > 0);
  if (answering.length === 0) return refuse(question, { kind: 'near-miss' }, related());

  const top = answering[0]!.score;
  const chosen = answering.filter((choice) => choice.score >= top * options.relativeEvidence);
  const sources: Source[] = [];
  for (const [i, choice] of chosen.entries()) {
    // The best article's runner-up is shown too when it scores nearly as well: of two close
    // sentences, the second often holds the fact. Next to the best, it joins the same quote.
    const second = i === 0 && choice.runnerUp && choice.runnerUp.kind > 0 && choice.runnerUp.score >= choice.best.score * RUNNER_UP_SHARE ? choice.runnerUp : null;
    const first = quote(choice, choice.best, second?.index);
    sources.push(first);
    if (second && !holds(first, second.sentence)) sources.push(quote(choice, second));
  }
  return { question, answered: true, sources: sources.slice(0, options.maxSources), related: [] };
}

/**
 * True when the article shares only names with the question, and names them only in passing,
 * outside its headline and lead: "Jupiter" in a story quoting Jupiter Research does not make it
 * about moons, nor "Mount Everest" in an athlete's metaphor about boiling points. An article
 * about the names ("What did Menzies Campbell liken...?" against a story led by him) may say
 * the rest in other words.
 */
function namesInPassing(names: ReadonlyMap<string, number>, others: readonly string[], read: ReadArticle): boolean {
  if (others.length === 0 || others.some((term) => read.terms.has(term))) return false;
  return ![...names.keys()].some((term) => read.title.has(term) || read.lead.some((sentence) => sentence.has(term)));
}

/**
 * Whether the article says it lacks what the question asks, so that none of its sums answers:
 * it says the thing was not given ("No further details of the share price were given"), or it
 * gives national figures ("US box office takings") for a worldwide one and never the worldwide.
 */
function saysItLacks(analysis: QuestionAnalysis, text: string, sentences: readonly TaggedSentence[], read: ReadArticle): boolean {
  const { head, scoped } = analysis;
  if (head === null && scoped.length === 0) return false;
  return sentences.some((sentence, i) => {
    // Only a sentence holding the head noun or a scoped noun can say so.
    const present = read.sentences[i]!;
    if (!(head !== null && present.has(head)) && !scoped.some(({ noun }) => present.has(noun))) return false;
    const slice = text.slice(sentence.start, sentence.end);
    return withheld(head, slice, read.found[i]!) || narrowerScope(analysis, slice, read.terms);
  });
}

function refuse(question: string, refusal: Refusal, related: Source[]): Answer {
  return { question, answered: false, sources: [], related, refusal };
}

/** A question as sentence scoring reads it: its analysis and its weighted search terms. */
export interface WeighedQuestion {
  analysis: QuestionAnalysis;
  weights: ReadonlyMap<string, number>;
}

/** One article as sentence scoring reads it. */
export interface ArticleText {
  title: string;
  text: string;
  sentences: readonly TaggedSentence[];
}

/** An article read into search terms once, for choosing it and for scoring its sentences. */
export interface ReadArticle {
  /** Each sentence's terms with their offsets in the sentence. */
  found: readonly (readonly { term: string; start: number }[])[];
  /** Each sentence's terms. */
  sentences: readonly ReadonlySet<string>[];
  /** The lead's sentences' terms. */
  lead: readonly ReadonlySet<string>[];
  title: ReadonlySet<string>;
  /** Every term of the headline and the text. */
  terms: ReadonlySet<string>;
}

export function readArticle({ title, text, sentences }: ArticleText): ReadArticle {
  const found = sentences.map((sentence) => termsAt(text.slice(sentence.start, sentence.end)));
  const sentenceTerms = found.map((inSentence) => new Set(inSentence.map(({ term }) => term)));
  const titleTerms = new Set(terms(title));
  const all = new Set(titleTerms);
  for (const present of sentenceTerms) for (const term of present) all.add(term);
  return { found, sentences: sentenceTerms, lead: sentenceTerms.slice(0, LEAD_SENTENCES), title: titleTerms, terms: all };
}

/** Scores every sentence of one article by words, context, kind of answer and head noun. */
export function scoreSentences({ analysis, weights }: WeighedQuestion, article: ArticleText, read: ReadArticle = readArticle(article)): ScoredSentence[] {
  const { text, sentences } = article;
  const questionTerms = new Set(weights.keys());
  const named = namedTerms(analysis.question);
  // The subject's names are usually in the headline or the sentences before; what the
  // sentence itself must hold is what is said of them.
  const ownWeights = new Map([...weights].map(([term, weight]) => [term, named.has(term) ? weight * NAMED_OWN_SHARE : weight]));
  // A sentence's context is the union of its neighbours' terms.
  const { found: termsOfSentences, sentences: sentenceTerms, title: titleTerms } = read;
  // A news story names its subject in its lead: those names stand behind every later sentence
  // ("All were arrested because of..." is about the Maguire family the lead named).
  const leadNames = new Set(read.lead.flatMap((present) => [...present].filter((term) => named.has(term))));
  return sentences.map((sentence, index) => {
    const here = sentenceTerms[index]!;
    const own = coverageOf(ownWeights, (term) => here.has(term));
    const around = (term: string) =>
      here.has(term) || titleTerms.has(term) || leadNames.has(term) || sentenceTerms[index - 1]?.has(term) === true || sentenceTerms[index - 2]?.has(term) === true;
    const context = coverageOf(weights, around);
    // A sentence whose context names nothing the question names is about someone else: "Five
    // million visitors made the London gallery..." in a story on the National Gallery does not
    // count visitors to Tate Modern, named only further on.
    const aboutOther = analysis.names.size > 0 && ![...analysis.names].some(around);
    const narrower = analysis.scoped.length > 0 && narrowerScope(analysis, text.slice(sentence.start, sentence.end), here);
    const kind = aboutOther || narrower ? 0 : answerKind(analysis, questionTerms, text, sentence, termsOfSentences[index]);
    const head = analysis.head !== null && here.has(analysis.head) ? 1 : 0;
    const score = WEIGHTS.own * own + WEIGHTS.context * context + WEIGHTS.kind * kind + WEIGHTS.head * head;
    return { index, sentence, own, context, kind, score };
  });
}

/** The sentences of one article, best first, re-ranked by meaning when an embedder is given. */
async function rankSentences(question: WeighedQuestion, article: ArticleText, read: ReadArticle, options: ComposeOptions): Promise<ScoredSentence[]> {
  const scored = scoreSentences(question, article, read);
  if (options.embedder && options.queryVector) {
    const query = options.queryVector;
    const candidates = [...scored].sort((a, b) => b.score - a.score).slice(0, DENSE_CANDIDATES);
    const vectors = await options.embedder.embedPassages(candidates.map(({ sentence }) => article.text.slice(sentence.start, sentence.end)));
    candidates.forEach((candidate, i) => (candidate.score += WEIGHTS.meaning * Math.max(0, dot(query, vectors[i]!))));
  }
  // Earlier sentences win ties: news puts the main facts first.
  return scored.sort((a, b) => b.score - a.score || a.index - b.index);
}

/**
 * The quote for sentence `index` of a chosen article: the sentence itself, grown by whole
 * neighbours while it stays under MAX_QUOTE_CHARS. The sentence before joins when this one only
 * continues it ("He said..."); the sentence after joins when it carries on what this one sets
 * up and this one lacks the kind of answer asked for ("...was asked about the story." / "No,
 * this is a wrong report," Peskov said.), or when it is `alsoIndex`, the runner-up.
 */
function quote(choice: ArticleChoice, scored: ScoredSentence, alsoIndex?: number): Source {
  const { sentences, text } = choice;
  const slice = (i: number) => text.slice(sentences[i]!.start, sentences[i]!.end);
  let first = scored.index;
  let last = scored.index;
  const fits = (from: number, to: number) => sentences[to]!.end - sentences[from]!.start <= MAX_QUOTE_CHARS;
  if (first > 0 && continuesPrevious(slice(first)) && fits(first - 1, last)) first--;
  const next = last + 1 < sentences.length ? last + 1 : null;
  if (next !== null && fits(first, next) && (next === alsoIndex || (scored.kind < 1 && (continuesPrevious(slice(next)) || /^["“]/u.test(slice(next)))))) last = next;
  if (alsoIndex === first - 1 && fits(alsoIndex, last)) first = alsoIndex;
  const start = sentences[first]!.start;
  const end = sentences[last]!.end;
  const score = Math.round(Math.min(1, scored.score / (WEIGHTS.own + WEIGHTS.context + WEIGHTS.kind + WEIGHTS.head + WEIGHTS.meaning)) * 1000) / 1000;
  return citeSource(choice.article, { quote: text.slice(start, end), startPos: start, endPos: end }, score);
}

/** Whether the quote of `source` already holds sentence `index` of the article. */
function holds(source: Source, sentence: TaggedSentence): boolean {
  return source.startPos <= sentence.start && sentence.end <= source.endPos;
}
