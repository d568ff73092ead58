/** A cited passage, as the feedback file keeps it: enough to find the quote again. */
export interface CitedPassage {
  article: string;
  startPos: number;
  endPos: number;
}

/** One answer the bot gave, written when it is sent. */
export interface AnswerRecord {
  type: 'answer';
  /** ISO time. */
  at: string;
  guild: string | null;
  channel: string;
  /** The bot's message holding the answer: what votes refer to. */
  message: string;
  question: string;
  answered: boolean;
  /** For an answered reply: `answer`, or `closest` when it showed the closest passages only. */
  confidence?: 'answer' | 'closest';
  /** Why it refused (`absent`, `near-miss`...), when it did. */
  refusal: string | null;
  cited: CitedPassage[];
  /** The asker, hashed with the installation's salt: never a raw Discord id. */
  user: string;
}

export type Vote = 'up' | 'down';

/** A 👍 or 👎 on an answer; a later vote by the same user on the same answer replaces it. */
export interface VoteRecord {
  type: 'vote';
  at: string;
  message: string;
  user: string;
  vote: Vote;
}

/** What a 👎 voter said was wrong. */
export interface CommentRecord {
  type: 'comment';
  at: string;
  message: string;
  user: string;
  comment: string;
}

export type FeedbackRecord = AnswerRecord | VoteRecord | CommentRecord;

/** True when `value` has the shape of a record (a hand-edited or cut line is skipped, not trusted). */
export function isFeedbackRecord(value: unknown): value is FeedbackRecord {
  const record = value as Partial<FeedbackRecord> | null;
  if (!record || typeof record !== 'object' || typeof record.at !== 'string' || typeof record.message !== 'string') return false;
  switch (record.type) {
    case 'answer':
      return typeof record.question === 'string' && typeof record.answered === 'boolean' && Array.isArray(record.cited) && typeof record.user === 'string';
    case 'vote':
      return (record.vote === 'up' || record.vote === 'down') && typeof record.user === 'string';
    case 'comment':
      return typeof record.comment === 'string' && typeof record.user === 'string';
    default:
      return false;
  }
}
