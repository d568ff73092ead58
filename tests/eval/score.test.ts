import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer, Source } from '../../src/answer/answer.ts';
import { answerJson } from '../../src/answer/render.ts';
import { isNewsdeskError } from '../../src/errors.ts';
import { readQuestions, type EvalQuestion } from '../../src/eval/questions.ts';
import { rankMetrics, scoreAnswer, summarize } from '../../src/eval/score.ts';

function source(article: string, quote: string): Source {
  return { article, title: `Title of ${article}`, outlet: 'Outlet', agency: null, byline: null, published: '2025-01-02', quote, startPos: 0, endPos: quote.length, score: 0.5 };
}

const answered = (...sources: Source[]): Answer => ({ question: 'q', answered: true, confidence: 'answer', sources, related: [] });
const closest = (...sources: Source[]): Answer => ({ question: 'q', answered: true, confidence: 'closest', missing: 'when they met', sources, related: [] });
const refused = (...related: Source[]): Answer => ({ question: 'q', answered: false, sources: [], related });
const question = (partial: Partial<EvalQuestion>): EvalQuestion => ({ q: 'q', article: 'a', expect: [], forbid: [], ...partial });

describe('scoreAnswer', () => {
  it.each([
    ['GIVEN the expected text in a quote of the right article, first THEN rank 1 and a quote hit', answered(source('a', 'They met in MIAMI on Thursday.')), 1, true],
    ['GIVEN the right article third THEN rank 3 and still a quote hit', answered(source('b', 'x'), source('c', 'y'), source('a', 'in Miami')), 3, true],
    ['GIVEN the right article fourth THEN rank 4 and no quote hit (only the first three count)', answered(source('b', 'x'), source('c', 'y'), source('d', 'z'), source('a', 'in Miami')), 4, false],
    ['GIVEN the expected text only in another article THEN no quote hit', answered(source('a', 'elsewhere'), source('b', 'in Miami')), 1, false],
    ['GIVEN a refusal THEN no rank and no hit', refused(source('a', 'in Miami')), null, false],
  ])('%s', (_name, answer, rank, hit) => {
    const result = scoreAnswer(question({ expect: ['Miami'] }), answer, 12);
    expect(result).toMatchObject({ answerable: true, rank, quoteHit: hit, ms: 12 });
  });

  it('GIVEN a closest reply to an answerable question THEN whether its passages show the answer is counted apart', () => {
    const shown = scoreAnswer(question({ expect: ['Miami'] }), closest(source('b', 'x'), source('a', 'in Miami')), 1);
    const elsewhere = scoreAnswer(question({ expect: ['Miami'] }), closest(source('b', 'in Miami')), 1);
    const notShown = scoreAnswer(question({ expect: ['Miami'] }), closest(source('a', 'in Boston')), 1);
    const hit = scoreAnswer(question({ expect: ['Miami'] }), answered(source('a', 'in Miami')), 1);
    expect([shown, elsewhere, notShown, hit].map((r) => r.closestShows)).toEqual([true, false, false, false]);
    expect(summarize([shown, elsewhere, notShown, hit])).toMatchObject({ closestAnswerable: 3, closestShowing: 1, quoteHits: 1 });
  });

  it('GIVEN an unanswerable question THEN forbidden text counts in shown quotes only, not in the titles of related articles', () => {
    const q = question({ article: null, forbid: ['World Cup'] });
    expect(scoreAnswer(q, answered(source('a', 'The World Cup final')), 1).violations).toEqual(['World Cup']);
    expect(scoreAnswer(q, refused(source('a', 'The World Cup final')), 1)).toMatchObject({ reply: 'refused', violations: [] });
  });

  it('GIVEN a closest reply THEN it is no quote hit, its forbidden text counts apart, and an unanswerable question counts as not answered', () => {
    expect(scoreAnswer(question({ expect: ['Miami'] }), closest(source('a', 'in Miami')), 1)).toMatchObject({ reply: 'closest', quoteHit: false, rank: 1 });
    const q = question({ article: null, forbid: ['World Cup'], kind: 'near-miss' });
    const result = scoreAnswer(q, closest(source('a', 'The World Cup final')), 1);
    expect(result).toMatchObject({ reply: 'closest', violations: [], closestViolations: ['World Cup'] });
    expect(summarize([result])).toMatchObject({ correctRefusals: 1, closestUnanswerable: 1, violations: 0, closestViolations: 1 });
  });
});

describe('summarize and rankMetrics', () => {
  it('GIVEN mixed results THEN the totals add up', () => {
    const results = [
      scoreAnswer(question({ expect: ['x'] }), answered(source('a', 'x')), 10),
      scoreAnswer(question({ expect: ['x'] }), refused(), 20),
      scoreAnswer(question({ article: null }), refused(), 30),
      scoreAnswer(question({ article: null, forbid: ['y'] }), answered(source('b', 'y')), 40),
    ];
    expect(summarize(results)).toMatchObject({ answerable: 2, unanswerable: 2, hitAt1: 1, hitAt3: 1, quoteHits: 1, correctRefusals: 1, wrongRefusals: 1, violations: 1, meanMs: 25 });
  });

  it('GIVEN questions with a type or a kind THEN quote hits per type and refusals per kind', () => {
    const results = [
      scoreAnswer(question({ expect: ['x'], type: 'who' }), answered(source('a', 'x')), 1),
      scoreAnswer(question({ expect: ['x'], type: 'who' }), answered(source('a', 'y')), 1),
      scoreAnswer(question({ expect: ['x'], type: 'when' }), refused(), 1),
      scoreAnswer(question({ article: null, kind: 'absent' }), { ...refused(), refusal: { kind: 'absent', term: 'Macron' } }, 1),
      scoreAnswer(question({ article: null, kind: 'general' }), answered(source('b', 'y')), 1),
      scoreAnswer(question({ expect: ['x'] }), answered(source('a', 'x')), 1),
    ];
    expect(summarize(results).groups).toEqual([
      { group: 'type:when', answerable: true, questions: 1, correct: 0, closest: 0, refused: 1 },
      { group: 'type:who', answerable: true, questions: 2, correct: 1, closest: 0, refused: 0 },
      { group: 'kind:absent', answerable: false, questions: 1, correct: 1, closest: 0, refused: 1 },
      { group: 'kind:general', answerable: false, questions: 1, correct: 0, closest: 0, refused: 0 },
    ]);
    expect(results[3]).toMatchObject({ group: 'absent', refusal: 'absent', firstQuote: null });
    expect(results[1]).toMatchObject({ group: 'who', firstQuote: 'y' });
  });

  it.each([
    [[1, 1, 1], 1, 1],
    [[1, 2, null], 0.5, 1 / 3],
    [[11, null], 0, 0],
    [[], 0, 0],
  ] as const)('GIVEN ranks %j THEN MRR@10 %s and hit@1 %s', (ranks, mrr, hitAt1) => {
    const metrics = rankMetrics(ranks, 10);
    expect(metrics.mrr).toBeCloseTo(mrr, 10);
    expect(metrics.hitAt1).toBeCloseTo(hitAt1, 10);
  });
});

describe('readQuestions', () => {
  let folder: string;
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it.each([
    ['{"q": "Where?", "article": "a", "expect": ["x"]}\n\n{"q": "Nothing?", "article": null}\n', null],
    ['{"q": "Where?", "article": "a"}\nnot json\n', /:2: not JSON/],
    ['{"article": "a"}\n', /:1: needs "q"/],
  ])('GIVEN %j THEN it reads or names the bad line', async (text, error) => {
    folder = await mkdtemp(path.join(tmpdir(), 'newsdesk-eval-'));
    const file = path.join(folder, 'q.jsonl');
    await writeFile(file, text);
    if (error === null) {
      expect(await readQuestions(file)).toEqual([
        { q: 'Where?', article: 'a', expect: ['x'], forbid: [] },
        { q: 'Nothing?', article: null, expect: [], forbid: [] },
      ]);
    } else {
      const failure = await readQuestions(file).catch((e: unknown) => e);
      expect(isNewsdeskError(failure, 'INPUT_INVALID')).toBe(true);
      expect((failure as Error).message).toMatch(error);
    }
  });

  it('GIVEN a type or a kind THEN they are kept', async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'newsdesk-eval-'));
    const file = path.join(folder, 'q.jsonl');
    await writeFile(file, '{"q": "Where?", "article": "a", "type": "where"}\n{"q": "No?", "article": null, "kind": "absent", "type": 3}\n');
    expect(await readQuestions(file)).toEqual([
      { q: 'Where?', article: 'a', expect: [], forbid: [], type: 'where' },
      { q: 'No?', article: null, expect: [], forbid: [], kind: 'absent' },
    ]);
  });
});

describe('answerJson', () => {
  it('GIVEN an answer THEN one line with the documented fields, quotes in sources', () => {
    const line = answerJson(answered({ ...source('a', 'They met in Miami.'), byline: 'Jane Doe' }));
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      question: 'q',
      answered: true,
      confidence: 'answer',
      text: expect.stringContaining('They met in Miami.'),
      sources: [{ article: 'a', title: 'Title of a', outlet: 'Outlet', agency: null, byline: 'Jane Doe', published: '2025-01-02', quote: 'They met in Miami.', score: 0.5 }],
      related: [],
    });
  });

  it('GIVEN a closest reply THEN its confidence and what is missing, and the text says it does not answer', () => {
    const parsed = JSON.parse(answerJson(closest(source('a', 'They spoke.'))));
    expect(parsed).toMatchObject({ answered: true, confidence: 'closest', missing: 'when they met' });
    expect(parsed.text).toMatch(/^The articles don't say when they met\. Closest passages, which do not answer it:/u);
  });

  it('GIVEN a refusal THEN no source and no quote, only related articles by name', () => {
    const parsed = JSON.parse(answerJson(refused(source('b', 'A weak match.'))));
    expect(parsed).toMatchObject({ answered: false, sources: [], related: [{ article: 'b', title: 'Title of b', byline: null }] });
    expect(JSON.stringify(parsed)).not.toContain('A weak match.');
  });
});
