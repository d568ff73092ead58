import { describe, expect, it } from 'vitest';
import { kindRecall, recallTable } from '../../src/eval/kind-recall.ts';
import type { EvalQuestion } from '../../src/eval/questions.ts';
import { tagSentences } from '../../src/ingest/tag.ts';

const TEXT = 'Mr Jackson served as minister between 1987 and 1990.\n\nHe now lives in a cottage near the coast.';
const ARTICLE = { text: TEXT, sentences: tagSentences(TEXT), byline: null };
const question = (q: string, expect: string[], type: string): EvalQuestion => ({ q, article: 'a', expect, forbid: [], type });

describe('kindRecall', () => {
  it('GIVEN the answering sentence holds the kind asked THEN it is marked, with the answer itself tagged', () => {
    const result = kindRecall(question('When was Robert Jackson a minister?', ['between 1987 and 1990'], 'when'), ARTICLE);
    expect(result).toMatchObject({ type: 'when', family: 'date', found: true, value: 1, answerTagged: true });
  });

  it('GIVEN the answering sentence lacks the kind asked THEN it is not marked', () => {
    const result = kindRecall(question('Where does Jackson live now?', ['a cottage near the coast'], 'where'), ARTICLE);
    expect(result).toMatchObject({ found: true, value: 0, close: 0, answerTagged: false });
  });

  it('GIVEN no sentence holds an expected string THEN it is counted as not found', () => {
    const results = [kindRecall(question('When did Jackson retire?', ['in 2001'], 'when'), ARTICLE), kindRecall(question('When was Robert Jackson a minister?', ['1987'], 'when'), ARTICLE)];
    expect(results[0]!.found).toBe(false);
    expect(recallTable(results)).toEqual([
      { group: 'when', questions: 2, notFound: 1, full: 1, any: 1, close: 1, answerTagged: 1 },
      { group: 'all', questions: 2, notFound: 1, full: 1, any: 1, close: 1, answerTagged: 1 },
    ]);
  });
});
