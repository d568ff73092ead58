import type { ArticleMeta, Chunk } from '../ingest/article.ts';
import type { Offtopic } from './question.ts';

/** One cited piece of evidence: a verbatim quote and where it comes from. */
export interface Source {
  article: string;
  title: string;
  outlet: string | null;
  agency: string | null;
  byline: string | null;
  published: string | null;
  /** Exact substring of the article's cleaned text: `text.slice(startPos, endPos)`. */
  quote: string;
  startPos: number;
  endPos: number;
  /** Relevance in [0, 1]; higher is better. Comparable only within one answer. */
  score: number;
}

/**
 * Why a question was not answered: a name no article contains (`absent`); articles about the
 * subject that do not state what was asked (`near-miss`); a question that is not about the
 * news, or asks for help (`offtopic`); too little of the question found (`weak`).
 */
export type Refusal =
  | { kind: 'absent'; term: string }
  | { kind: 'near-miss' }
  | { kind: 'offtopic'; reason: Offtopic }
  | { kind: 'weak' };

/**
 * How sure an answered reply is: `answer`, its quotes state what was asked; `closest`, the
 * articles cover the subject but none states the fact, and the quotes are the closest passages,
 * shown as such.
 */
export type Confidence = 'answer' | 'closest';

/**
 * The answer to one question, as data. When `answered` is false, `sources` is empty and
 * `related` may name the closest articles, which did not answer the question.
 */
export interface Answer {
  question: string;
  answered: boolean;
  sources: Source[];
  related: Source[];
  /** Set when `answered` is true. */
  confidence?: Confidence;
  /** For a closest reply: what the articles do not say, as a clause ("how much the stage school cost"). */
  missing?: string;
  /** Set when `answered` is false. */
  refusal?: Refusal;
}

/** True when the reply quotes an answer, not only the closest passages. */
export const isAnswer = (answer: Answer): boolean => answer.answered && answer.confidence !== 'closest';

/** A retrieved chunk with its article and fused relevance score (higher is better). */
export interface Passage {
  article: ArticleMeta;
  chunk: Chunk;
  score: number;
}

/** A Source citing `article` for the quote `text.slice(startPos, endPos)` of its cleaned text. */
export function citeSource(article: ArticleMeta, quote: { quote: string; startPos: number; endPos: number }, score: number): Source {
  const { id, title, outlet, agency, byline, published } = article;
  return { article: id, title, outlet, agency, byline, published, ...quote, score };
}
