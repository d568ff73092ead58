import { describe, expect, it } from 'vitest';
import type { AnswerRecord, FeedbackRecord } from '../../src/feedback/records.ts';
import { exportQuestions, foldFeedback, summarizeFeedback } from '../../src/feedback/summary.ts';
import { readQuestions } from '../../src/eval/questions.ts';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir } from '../fixtures/core/fakes.ts';

const answer = (message: string, at: string, extra: Partial<AnswerRecord> = {}): AnswerRecord => ({
  type: 'answer', at, guild: 'g', channel: 'c', message, question: `question ${message}?`, answered: true, refusal: null, cited: [{ article: `art-${message}`, startPos: 0, endPos: 9 }], user: 'asker', ...extra,
});
const vote = (message: string, user: string, value: 'up' | 'down'): FeedbackRecord => ({ type: 'vote', at: '2025-02-01T00:00:00Z', message, user, vote: value });

const RECORDS: FeedbackRecord[] = [
  answer('m1', '2025-01-01T00:00:00Z'),
  answer('m2', '2025-01-02T00:00:00Z', { answered: false, refusal: 'near-miss', cited: [] }),
  answer('m3', '2025-01-03T00:00:00Z'),
  vote('m1', 'u1', 'up'),
  vote('m1', 'u1', 'down'),
  vote('m1', 'u2', 'down'),
  { type: 'comment', at: '2025-02-01T00:00:00Z', message: 'm1', user: 'u1', comment: 'wrong sentence' },
  vote('m3', 'u1', 'up'),
  vote('gone', 'u1', 'down'),
];

describe('foldFeedback', () => {
  it('GIVEN a user voting twice on one answer THEN only the last vote counts; votes on unknown answers are left out', () => {
    const folded = foldFeedback(RECORDS);
    expect([...folded.get('m1')!.votes]).toEqual([['u1', 'down'], ['u2', 'down']]);
    expect(folded.get('m1')!.comments).toEqual(['wrong sentence']);
    expect(folded.has('gone')).toBe(false);
  });
});

describe('summarizeFeedback', () => {
  it('GIVEN all time THEN counts of answers, refusals and votes, and the answers to look at', () => {
    const summary = summarizeFeedback(RECORDS, null);
    expect(summary).toMatchObject({ answers: 3, refused: 1, up: 1, down: 2 });
    expect(summary.disliked.map((e) => e.answer.message)).toEqual(['m1']);
    expect(summary.refusals.map((e) => e.answer.message)).toEqual(['m2']);
  });

  it('GIVEN a period THEN only answers given in it', () => {
    expect(summarizeFeedback(RECORDS, '2025-01-02T00:00:00Z')).toMatchObject({ answers: 2, refused: 1, up: 1, down: 0 });
  });
});

describe('exportQuestions', () => {
  it('GIVEN disliked and refused answers THEN a question file that npm run eval reads, article left to fill', async () => {
    const text = exportQuestions(summarizeFeedback(RECORDS, null));
    const file = path.join(await makeTempDir('newsdesk-export-'), 'q.jsonl');
    await writeFile(file, text);
    expect(await readQuestions(file)).toEqual([
      { q: 'question m1?', article: null, expect: [], forbid: [] },
      { q: 'question m2?', article: null, expect: [], forbid: [] },
    ]);
    expect(text).toContain('"note":"voted down: wrong sentence"');
    expect(text).toContain('"note":"refused (near-miss)"');
  });
});
