import type { Embedder } from '../embed/embedder.ts';
import { splitSentences } from '../text/sentences.ts';
import { citeSource, type Answer, type Passage, type Source } from './answer.ts';
import { coverage, dot, missingSubject, namedTerms, saturatedCoverage, weightedTerms, type IdfLookup } from './evidence.ts';

export interface ComposeOptions {
  /** Sources in an answer, at most. */
  maxSources: number;
  /**
   * Least evidence (share of the question's term weight found in the best passage with its
   * title) for an answer; below it the answer is a refusal. Calibrated by `npm run eval`.
   */
  minEvidence: number;
  /** A further source must have at least this share of the best source's evidence. */
  relativeEvidence: number;
  idf: IdfLookup;
  /** Weight given to a term no article contains. */
  unseenWeight: number;
  /** With the question's vector from the same embedder, ranks sentences by meaning as well as by shared words. */
  embedder?: Embedder;
  queryVector?: number[];
}

export const DEFAULT_COMPOSE: Pick<ComposeOptions, 'maxSources' | 'minEvidence' | 'relativeEvidence'> = {
  maxSources: 3,
  minEvidence: 0.2,
  relativeEvidence: 0.6,
};

/**
 * Term weight (BM25 idf) from which a name or number of the question that a passage lacks
 * disqualifies it: a term in under about 2% of passages. Below ~27 passages no term reaches
 * it, since so small a corpus cannot tell a rare term from a common one, and only
 * `minEvidence` decides.
 */
const SUBJECT_WEIGHT = 4;

/** A neighbour sentence joins the quote when it scores at least this share of the best one. */
const NEIGHBOUR_SHARE = 0.2;
/** A quote grows past one sentence only while it stays under this many characters. */
const MAX_QUOTE_CHARS = 480;
/** Weight of meaning (cosine) against shared words when ranking sentences. */
const SENTENCE_DENSE_WEIGHT = 0.1;

interface ScoredSentence {
  start: number;
  end: number;
  score: number;
}

/**
 * Builds an extractive answer from retrieved passages: for each of the best articles, the
 * sentence (with its better neighbour when that helps) that best answers the question, quoted
 * verbatim with offsets into the article text. When the best passage's evidence is below
 * `minEvidence`, it refuses and names the closest articles as related.
 */
export async function composeAnswer(question: string, passages: readonly Passage[], options: ComposeOptions): Promise<Answer> {
  const weights = weightedTerms(question, options.idf, options.unseenWeight);
  const named = namedTerms(question);
  type Candidate = { passages: Passage[]; evidence: number; evidenceText: string; rank: number };
  const byArticle = new Map<string, Candidate>();
  passages.forEach((passage, rank) => {
    const evidenceText = `${passage.article.title}\n${passage.chunk.text}`;
    const evidence = coverage(weights, evidenceText);
    const entry = byArticle.get(passage.article.id);
    if (!entry) byArticle.set(passage.article.id, { passages: [passage], evidence, evidenceText, rank });
    else {
      entry.passages.push(passage);
      if (evidence > entry.evidence) Object.assign(entry, { evidence, evidenceText });
    }
  });
  const articles = [...byArticle.values()].sort((a, b) => b.evidence - a.evidence || a.rank - b.rank);
  // An article that lacks a name or number the question asks about does not answer it,
  // however many of its other words it shares.
  const onSubject = articles.filter((entry) => missingSubject(weights, named, entry.evidenceText, SUBJECT_WEIGHT) === null);
  const best = onSubject[0]?.evidence ?? 0;
  if (best < options.minEvidence || best === 0) {
    // Related articles are named, not quoted, to the user: rank their sentences by words only
    // rather than embedding every candidate sentence.
    const wordsOnly = { ...options, embedder: undefined };
    const related = await Promise.all(articles.slice(0, options.maxSources).map((entry) => quoteFor(entry.passages, weights, wordsOnly)));
    return { question, answered: false, sources: [], related };
  }
  const chosen = onSubject.filter((entry) => entry.evidence >= best * options.relativeEvidence).slice(0, options.maxSources);
  const sources = await Promise.all(chosen.map((entry) => quoteFor(entry.passages, weights, options)));
  return { question, answered: true, sources, related: [] };
}

async function quoteFor(passages: Passage[], weights: Map<string, number>, options: ComposeOptions): Promise<Source> {
  const article = passages[0]!.article;
  const sentences: ScoredSentence[] = [];
  const seen = new Set<number>();
  for (const passage of passages) {
    for (const span of splitSentences(passage.chunk.text)) {
      const start = passage.chunk.startPos + span.start;
      if (seen.has(start)) continue;
      seen.add(start);
      sentences.push({ start, end: passage.chunk.startPos + span.end, score: 0 });
    }
  }
  const texts = sentences.map((sentence) => textOf(passages, sentence));
  const lexical = texts.map((text) => saturatedCoverage(weights, text));
  let meaning = texts.map(() => 0);
  if (options.embedder && options.queryVector && texts.length > 0) {
    const query = options.queryVector;
    meaning = (await options.embedder.embedPassages(texts)).map((vector) => Math.max(0, dot(query, vector)));
  }
  sentences.forEach((sentence, i) => (sentence.score = lexical[i]! + SENTENCE_DENSE_WEIGHT * meaning[i]!));
  sentences.sort((a, b) => a.start - b.start);
  let bestIndex = 0;
  sentences.forEach((sentence, i) => {
    if (sentence.score > sentences[bestIndex]!.score) bestIndex = i;
  });
  const top = sentences[bestIndex]!;
  let start = top.start;
  let end = top.end;
  // The sentence that shares the question's words often sets up the fact that the next one
  // states ("...was asked about the story." / "\"No, this is a wrong report,\" Peskov said."):
  // the following sentence joins first, then the preceding one, each when it scores well and
  // the quote stays short.
  for (const neighbour of [sentences[bestIndex + 1], sentences[bestIndex - 1]]) {
    if (!neighbour || neighbour.score < top.score * NEIGHBOUR_SHARE) continue;
    const window = { start: Math.min(start, neighbour.start), end: Math.max(end, neighbour.end) };
    if (window.end - window.start > MAX_QUOTE_CHARS || !holderOf(passages, window)) continue;
    ({ start, end } = window);
  }
  const quote = textOf(passages, { start, end });
  return citeSource(article, { quote, startPos: start, endPos: end }, Math.round(Math.min(1, top.score) * 1000) / 1000);
}

/** The retrieved passage that holds all of `[start, end)`, if one does. */
function holderOf(passages: Passage[], span: { start: number; end: number }): Passage | undefined {
  return passages.find((p) => p.chunk.startPos <= span.start && span.end <= p.chunk.endPos);
}

/** Cuts `[start, end)` of the article text out of the passage that holds it. */
function textOf(passages: Passage[], span: { start: number; end: number }): string {
  const holder = holderOf(passages, span);
  if (holder) return holder.chunk.text.slice(span.start - holder.chunk.startPos, span.end - holder.chunk.startPos);
  throw new Error(`span ${span.start}-${span.end} is in no retrieved passage of ${passages[0]?.article.id}`);
}
