import { familyOf } from '../answer/candidates.ts';
import { analyzeQuestion } from '../answer/question.ts';
import { answerKind, firstPersonAuthor } from '../answer/sentence-score.ts';
import type { TaggedSentence } from '../text/tags.ts';
import { terms } from '../text/tokenize.ts';
import type { EvalQuestion } from './questions.ts';

/** An article as the measure reads it: its cleaned text, tagged sentences and byline. */
export interface RecallArticle {
  text: string;
  sentences: readonly TaggedSentence[];
  byline: string | null;
}

/** How the kind features read the sentences that hold a question's answer. */
export interface KindRecall {
  question: string;
  /** The question file's `type`, else what the question asks (`who`, `how-much`...). */
  type: string;
  /** The family of kind features the question is read with (`name`, `date`...; `none` when it expects no kind). */
  family: string;
  /** False when no single sentence of the article holds an expected string. */
  found: boolean;
  /** Best `kind_*` over the answering sentences: 1 the first kind asked, less another, 0 none. */
  value: number;
  /** Best `kind_close_*` over them: the same, near one of the question's words. */
  close: number;
  /** Whether a tag the kind features accept overlaps the expected string itself (null for reasons and for no kind). */
  answerTagged: boolean | null;
  /** The first answering sentence, for reading what was missed. */
  sentence: string | null;
}

const includesFold = (text: string, part: string) => text.toLowerCase().indexOf(part.toLowerCase());

/**
 * For one answerable question, the sentences of its article that hold an expected string, and
 * what the kind features (`answerKind`, as candidates read it) make of them: whether they hold
 * an answer of the kind asked, whether near the question's words, and whether the accepted tag
 * is the expected answer itself. This is the tagger's recall as the ranker sees it.
 */
export function kindRecall(question: EvalQuestion, article: RecallArticle): KindRecall {
  const analysis = analyzeQuestion(question.q);
  const questionTerms = new Set(terms(question.q));
  const family = familyOf(analysis);
  const result: KindRecall = { question: question.q, type: question.type ?? analysis.asks, family, found: false, value: 0, close: 0, answerTagged: family === 'reason' || family === 'none' ? null : false, sentence: null };
  const author = family === 'name' ? firstPersonAuthor(article.byline, article.text, article.sentences) : null;
  for (const sentence of article.sentences) {
    const slice = article.text.slice(sentence.start, sentence.end);
    const spans = question.expect.flatMap((part) => {
      const at = includesFold(slice, part);
      return at < 0 ? [] : [{ start: sentence.start + at, end: sentence.start + at + part.length }];
    });
    if (spans.length === 0) continue;
    result.found = true;
    result.sentence ??= slice;
    const kind = answerKind(analysis, questionTerms, article.text, sentence, undefined, author);
    result.value = Math.max(result.value, kind.value);
    result.close = Math.max(result.close, kind.close);
    if (result.answerTagged === false) {
      const overlapping = sentence.tags.filter((tag) => spans.some((span) => tag.start < span.end && span.start < tag.end));
      const own = answerKind(analysis, questionTerms, article.text, { ...sentence, tags: overlapping }, undefined, author);
      if (overlapping.length > 0 && own.value > 0) result.answerTagged = true;
    }
  }
  return result;
}

/** Counts of one row of the recall table. */
export interface RecallRow {
  group: string;
  questions: number;
  /** No single sentence holds an expected string. */
  notFound: number;
  /** `kind_*` at 1, above 0; `kind_close_*` above 0; the answer itself tagged with a kind asked. */
  full: number;
  any: number;
  close: number;
  answerTagged: number;
}

/** The recall table: one row per type, and one for all. */
export function recallTable(results: readonly KindRecall[]): RecallRow[] {
  const groups = [...new Set(results.map((result) => result.type))].sort();
  const row = (group: string, of: readonly KindRecall[]): RecallRow => ({
    group,
    questions: of.length,
    notFound: of.filter((r) => !r.found).length,
    full: of.filter((r) => r.value >= 1).length,
    any: of.filter((r) => r.value > 0).length,
    close: of.filter((r) => r.close > 0).length,
    answerTagged: of.filter((r) => r.answerTagged === true).length,
  });
  return [...groups.map((group) => row(group, results.filter((r) => r.type === group))), row('all', results)];
}
