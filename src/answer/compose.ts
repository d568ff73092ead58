import type { WordRelations } from '../text/wordnet.ts';
import type { Embedder } from '../embed/embedder.ts';
import { CARDINAL_WORDS, ORDINAL_WORDS } from '../text/number-words.ts';
import { terms } from '../text/tokenize.ts';
import { citeSource, type Answer, type Passage, type Refusal, type Source } from './answer.ts';
import { absentName, type Vocabulary } from './absent.ts';
import { gatherCandidates, type ArticleSentences, type Candidate } from './candidates.ts';
import { coverageOf, weightedTerms, type IdfLookup } from './evidence.ts';
import { DECISION_FEATURES, featureIndex, type DecisionFeatureName } from './features.ts';
import { missingClause } from './missing.ts';
import { analyzeQuestion } from './question.ts';
import { questionSignals } from './question-signals.ts';
import { shippedRanker, sigmoid, type Ranker } from './ranker.ts';

export type { ArticleSentences } from './candidates.ts';

export interface ComposeOptions {
  /** Sources in an answer, at most. */
  maxSources: number;
  idf: IdfLookup;
  /** Weight given to a term no article contains. */
  unseenWeight: number;
  /** The words and phrases the articles contain, to tell a question about something they never name. */
  vocabulary: Vocabulary;
  articles: ArticleSentences;
  /** Articles to prefer when they answer: those the earlier answer cited, for a follow-up. */
  preferred?: ReadonlySet<string>;
  /** With the question's vector from the same embedder, sentences are read by meaning as well as by shared words. */
  embedder?: Embedder;
  queryVector?: number[];
  /** Which terms are related to which (synonyms, derived forms); WordNet by default. */
  relations?: WordRelations;
  /** The fitted answer model; the shipped one by default. */
  model?: Ranker;
}

export const DEFAULT_COMPOSE: Pick<ComposeOptions, 'maxSources'> = { maxSources: 3 };

/** Numbers in words, which on their own name nothing a question could be about. */
const NUMBER_WORDS = new Set(terms([...CARDINAL_WORDS, ...ORDINAL_WORDS].join(' ')));
/** Sentences the decision reads, best ranked first: the answer and the further sources. */
const DECIDED = 3;
/** Passages a closest reply shows. */
const CLOSEST_SOURCES = 2;
/** Quotes of one article closer than this many characters are shown as one. */
const JOIN_GAP = 2;
/** Longest quote made by joining two neighbouring ones. */
const MAX_JOINED_CHARS = 600;

/** A question read and its candidate sentences described, before any model weighs them. */
export type PreparedQuestion =
  | { question: string; refusal: Refusal }
  | { question: string; refusal: null; candidates: Candidate[]; signals: Partial<Record<DecisionFeatureName, number>> };

/**
 * Reads the question and describes every candidate sentence; refuses outright what no sentence
 * could answer: a question that is not about the news (`offtopic`), one naming something no
 * article names (`absent`), and one of numbers alone (`weak`). What it returns does not depend
 * on the fitted model, so fitting reads it once per question.
 */
export async function prepareQuestion(question: string, passages: readonly Passage[], options: ComposeOptions): Promise<PreparedQuestion> {
  const analysis = analyzeQuestion(question);
  if (analysis.offtopic) return { question, refusal: { kind: 'offtopic', reason: analysis.offtopic } };
  const absent = absentName(question, options.vocabulary, analysis.describing);
  if (absent) return { question, refusal: { kind: 'absent', term: absent } };
  const weights = weightedTerms(question, options.idf, options.unseenWeight);
  // "What is 2+2?", "Which one?", "In 2004?": numbers alone name nothing to look for.
  if (![...weights.keys()].some((term) => /\p{L}/u.test(term) && !NUMBER_WORDS.has(term))) return { question, refusal: { kind: 'weak' } };
  // Words no article holds cannot be found in any sentence: they would only scale every share
  // down alike. How much of the question they weigh is a feature of the question instead.
  const seen = new Map([...weights].filter(([term]) => options.vocabulary.has(term)));
  if (seen.size === 0) return { question, refusal: { kind: 'weak' } };
  const candidates = await gatherCandidates({ analysis, weights: seen, asked: weights }, passages, {
    articles: options.articles,
    idf: options.idf,
    vocabulary: options.vocabulary,
    ...(options.embedder && { embedder: options.embedder }),
    ...(options.queryVector && { queryVector: options.queryVector }),
    ...(options.relations && { relations: options.relations }),
  });
  if (candidates.length === 0) return { question, refusal: { kind: 'weak' } };
  const signals = { ...questionSignals(analysis, weights, options.unseenWeight), q_unseen: 1 - coverageOf(weights, (term) => seen.has(term)) };
  return { question, refusal: null, candidates, signals };
}

/** A candidate with the model's view of it. */
export interface JudgedCandidate {
  candidate: Candidate;
  /** The ranker's score; only differences within one question mean anything. */
  score: number;
  /** Probability that it answers the question (the decision model's), for the best DECIDED; else null. */
  probability: number | null;
  /** Its decision features (DECISION_FEATURES order), for the best DECIDED; else null. */
  values: Float64Array | null;
}

/** Ranks the candidates of a prepared question and gives the best few a probability of answering. */
export function judgeCandidates(prepared: Extract<PreparedQuestion, { refusal: null }>, model: Ranker, preferred?: ReadonlySet<string>): JudgedCandidate[] {
  return judge(prepared, model, preferred).ranked;
}

/** Ranks the candidates, and reads the decision features of the best DECIDED: the same values the decision model and fitting see. */
function judge(prepared: Extract<PreparedQuestion, { refusal: null }>, model: Ranker, preferred?: ReadonlySet<string>): { ranked: JudgedCandidate[]; topValues: Float64Array } {
  const ranked = prepared.candidates
    .map((candidate): JudgedCandidate => ({ candidate, score: model.ranker.score(candidate.features), probability: null, values: null }))
    .sort((a, b) => b.score - a.score || a.candidate.article.rank - b.candidate.article.rank || a.candidate.index - b.candidate.index);
  const best = ranked[0]!.score;
  const margin = ranked.length > 1 ? best - ranked[1]!.score : 0;
  const concentration = Math.max(...prepared.candidates.map((candidate) => candidate.features[CONTEXT]!));
  let topValues: Float64Array = new Float64Array(DECISION_FEATURES.length);
  for (const [rank, judged] of ranked.slice(0, DECIDED).entries()) {
    const values = decisionValues(judged, rank, best, margin, concentration, prepared.signals);
    if (rank === 0) topValues = values;
    judged.values = values;
    judged.probability = sigmoid(model.decision.score(values));
  }
  // A follow-up is about the articles the earlier answer cited: their best sentence comes first
  // when it answers, or when no other sentence does.
  if (preferred && preferred.size > 0) {
    const threshold = model.model.thresholds.answer;
    const fromPreferred = ranked.findIndex((judged) => preferred.has(judged.candidate.article.article.id));
    const answers = (judged: JudgedCandidate | undefined) => (judged?.probability ?? 0) >= threshold;
    if (fromPreferred > 0 && (answers(ranked[fromPreferred]) || !answers(ranked[0]))) {
      const [moved] = ranked.splice(fromPreferred, 1);
      if (moved!.probability === null) moved!.probability = sigmoid(model.decision.score(decisionValues(moved!, 0, best, margin, concentration, prepared.signals)));
      ranked.unshift(moved!);
    }
  }
  return { ranked, topValues };
}

const CONTEXT = featureIndex('context');
const OWN = featureIndex('own');
const COSINE = featureIndex('cosine');
const NAME_SHARE = featureIndex('name_share');
const SUBJECTS_MISSING = featureIndex('subjects_missing');
const RETRIEVAL = featureIndex('retrieval');
const OWN_RELATED = featureIndex('own_related');
const CONTEXT_RELATED = featureIndex('context_related');
const KIND = (['name', 'place', 'date', 'amount', 'reason', 'none'] as const).map((family) => [featureIndex(`kind_${family}`), featureIndex(`kind_close_${family}`)] as const);

/** The decision model's features for one ranked candidate, in DECISION_FEATURES order. */
export function decisionValues(
  judged: Pick<JudgedCandidate, 'candidate' | 'score'>,
  rank: number,
  best: number,
  margin: number,
  concentration: number,
  signals: Partial<Record<DecisionFeatureName, number>>,
): Float64Array {
  const f = judged.candidate.features;
  // Only the question's family has a kind feature set; the others are 0.
  let kind = 0;
  let kindClose = 0;
  for (const [value, close] of KIND) {
    kind = Math.max(kind, f[value]!);
    kindClose = Math.max(kindClose, f[close]!);
  }
  const values: Partial<Record<DecisionFeatureName, number>> = {
    ...signals,
    score: judged.score,
    gap_to_best: best - judged.score,
    best_margin: margin,
    source_rank: rank,
    own: f[OWN]!,
    context: f[CONTEXT]!,
    kind,
    kind_close: kindClose,
    cosine: f[COSINE]!,
    name_share: f[NAME_SHARE]!,
    subjects_missing: f[SUBJECTS_MISSING]!,
    retrieval: f[RETRIEVAL]!,
    own_related: f[OWN_RELATED]!,
    context_related: f[CONTEXT_RELATED]!,
    q_concentration: concentration,
  };
  return Float64Array.from(DECISION_FEATURES, (name) => values[name] ?? 0);
}

/**
 * The reply the model gives a prepared question. A question the off-topic model reads as not
 * about the news is refused as such. Otherwise the best-ranked sentence answers when its
 * probability of answering reaches the answer threshold; further sources join only when they
 * reach it too. Below it, down to the closest threshold, the reply shows the closest passages
 * and says what the articles do not state. Below that, it refuses (`weak`, with the related
 * articles).
 */
export function replyFrom(prepared: PreparedQuestion, model: Ranker, options: Pick<ComposeOptions, 'maxSources' | 'preferred'>): Answer {
  const { question } = prepared;
  if (prepared.refusal) return refuse(question, prepared.refusal, []);
  const { ranked: judged, topValues } = judge(prepared, model, options.preferred);
  const top = judged[0]!;
  const { answer, closest, offtopic } = model.model.thresholds;
  // General knowledge, advice and talk are refused as such, whatever passage comes closest; a
  // follow-up is about the articles of the answer it follows.
  const followUp = options.preferred !== undefined && options.preferred.size > 0;
  if (!followUp && sigmoid(model.offtopic.score(topValues)) >= offtopic) return refuse(question, { kind: 'offtopic', reason: 'general' }, []);
  const p = top.probability ?? 0;
  if (p >= answer) {
    const chosen = judged.filter((j) => (j.probability ?? 0) >= answer);
    return { question, answered: true, confidence: 'answer', sources: sourcesOf(chosen, options.maxSources), related: [] };
  }
  if (p >= closest) {
    return { question, answered: true, confidence: 'closest', missing: missingClause(question), sources: sourcesOf(judged.slice(0, CLOSEST_SOURCES), CLOSEST_SOURCES), related: [] };
  }
  return refuse(question, { kind: 'weak' }, sourcesOf(judged.slice(0, DECIDED), options.maxSources));
}

/**
 * Builds an extractive answer: prepares the question, then lets the fitted model choose and
 * decide (see `prepareQuestion` and `replyFrom`).
 */
export async function composeAnswer(question: string, passages: readonly Passage[], options: ComposeOptions): Promise<Answer> {
  const prepared = await prepareQuestion(question, passages, options);
  return replyFrom(prepared, options.model ?? shippedRanker(), options);
}

/**
 * The quotes of the chosen sentences, best first: no sentence twice, two quotes of one article
 * that overlap or touch shown as one, and a passage that another article repeats word for word
 * (a second copy of the same story) shown once, from the better ranked.
 */
function sourcesOf(chosen: readonly JudgedCandidate[], max: number): Source[] {
  const spans: { judged: JudgedCandidate; start: number; end: number }[] = [];
  const shownFrom = new Map<string, JudgedCandidate['candidate']['article']>();
  for (const judged of chosen) {
    const { article, quote } = judged.candidate;
    const said = sameWords(article.text.slice(quote.start, quote.end));
    const from = shownFrom.get(said);
    if (from !== undefined && from !== article) continue;
    shownFrom.set(said, article);
    const near = spans.find((span) => span.judged.candidate.article === article && quote.start <= span.end + JOIN_GAP && span.start <= quote.end + JOIN_GAP);
    if (near) {
      const start = Math.min(near.start, quote.start);
      const end = Math.max(near.end, quote.end);
      if (end - start <= MAX_JOINED_CHARS) {
        near.start = start;
        near.end = end;
      }
      continue;
    }
    if (spans.length < max) spans.push({ judged, start: quote.start, end: quote.end });
  }
  return spans.map(({ judged, start, end }) => {
    const { article, text } = judged.candidate.article;
    const score = judged.probability ?? sigmoid(judged.score);
    return citeSource(article, { quote: text.slice(start, end), startPos: start, endPos: end }, Math.round(score * 1000) / 1000);
  });
}

/** A passage's words, for telling two copies of it apart from two passages: case and spacing folded. */
const sameWords = (passage: string): string => passage.replace(/\s+/gu, ' ').trim().toLowerCase();

function refuse(question: string, refusal: Refusal, related: Source[]): Answer {
  return { question, answered: false, sources: [], related, refusal };
}
