import type { AnswerRecord, FeedbackRecord, Vote } from './records.ts';

/** One answer with what people said of it. */
export interface AnswerFeedback {
  answer: AnswerRecord;
  /** Each voter's last vote. */
  votes: Map<string, Vote>;
  /** Comments in the order given. */
  comments: string[];
}

/** Feedback over a period: counts, and the answers worth a moderator's look, newest first. */
export interface FeedbackSummary {
  answers: number;
  refused: number;
  up: number;
  down: number;
  /** Answers with more 👎 than 👍. */
  disliked: AnswerFeedback[];
  /** Questions the bot refused. */
  refusals: AnswerFeedback[];
}

/**
 * Joins votes and comments to their answers. A user's later vote on an answer replaces the
 * earlier one; votes on answers the file does not hold (written before it was moved, say) are
 * left out.
 */
export function foldFeedback(records: readonly FeedbackRecord[]): Map<string, AnswerFeedback> {
  const byMessage = new Map<string, AnswerFeedback>();
  for (const record of records) {
    if (record.type === 'answer') byMessage.set(record.message, { answer: record, votes: new Map(), comments: [] });
    else {
      const entry = byMessage.get(record.message);
      if (!entry) continue;
      if (record.type === 'vote') entry.votes.set(record.user, record.vote);
      else entry.comments.push(record.comment);
    }
  }
  return byMessage;
}

/** The feedback on answers given at or after `since` (ISO time; all when null). */
export function summarizeFeedback(records: readonly FeedbackRecord[], since: string | null): FeedbackSummary {
  const entries = [...foldFeedback(records).values()].filter((entry) => since === null || entry.answer.at >= since);
  const summary: FeedbackSummary = { answers: entries.length, refused: 0, up: 0, down: 0, disliked: [], refusals: [] };
  for (const entry of entries) {
    const votes = [...entry.votes.values()];
    const up = votes.filter((vote) => vote === 'up').length;
    const down = votes.length - up;
    summary.up += up;
    summary.down += down;
    if (!entry.answer.answered) {
      summary.refused++;
      summary.refusals.push(entry);
    }
    if (down > up) summary.disliked.push(entry);
  }
  const newestFirst = (a: AnswerFeedback, b: AnswerFeedback) => b.answer.at.localeCompare(a.answer.at);
  summary.disliked.sort(newestFirst);
  summary.refusals.sort(newestFirst);
  return summary;
}

/**
 * The questions worth turning into test questions, as the JSON lines `npm run eval` reads:
 * disliked answers and refusals, each once, with `article` left null for a person to fill
 * in (or to keep, for a question the articles really do not answer) and a note of why.
 */
export function exportQuestions(summary: FeedbackSummary): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const entry of [...summary.disliked, ...summary.refusals]) {
    const question = entry.answer.question;
    if (seen.has(question)) continue;
    seen.add(question);
    const note = entry.answer.answered ? `voted down${entry.comments.length ? `: ${entry.comments.join(' / ')}` : ''}` : `refused (${entry.answer.refusal ?? 'not found'})`;
    const cited = [...new Set(entry.answer.cited.map((passage) => passage.article))];
    lines.push(JSON.stringify({ q: question, article: null, expect: [], note, cited }));
  }
  return lines.map((line) => `${line}\n`).join('');
}
