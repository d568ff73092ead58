import { describe, expect, it } from 'vitest';
import { filterArticles, MAX_QUESTION_CHARS, normalizeQuestion } from '../src/desk.ts';
import { ARTICLES, metaOf } from './bot/fake-desk.ts';

describe('normalizeQuestion', () => {
  it.each([
    ['spaces and line breaks collapse', '  When   did\n\tthey meet? ', 'When did they meet?'],
    ['full-width letters read as plain ones', 'Ｗｈｏ ｍｅｔ ｉｎ Ｍｉａｍｉ？', 'Who met in Miami?'],
    ['a single word', 'Peskov', 'Peskov'],
    ['a number', '2025', '2025'],
    ['exactly the limit', 'a'.repeat(MAX_QUESTION_CHARS), 'a'.repeat(MAX_QUESTION_CHARS)],
    ['over the limit only before collapsing spaces', `a${' '.repeat(MAX_QUESTION_CHARS + 5)}b`, 'a b'],
  ])('GIVEN %s THEN it becomes %j', (_name, question, expected) => {
    expect(normalizeQuestion(question)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['white space', ' \n\t '],
    ['punctuation only', '?!… —'],
    ['over the limit', 'a'.repeat(MAX_QUESTION_CHARS + 1)],
  ])('GIVEN %s THEN QUESTION_INVALID', (_name, question) => {
    expect(() => normalizeQuestion(question)).toThrow(expect.objectContaining({ code: 'QUESTION_INVALID' }));
  });
});

describe('filterArticles', () => {
  it.each([
    ['bank', ['business/001']],
    ['IANS', ['tech/007']],
    ['SPORT/', ['sport/014']],
    ['', ['business/001', 'sport/014', 'tech/007']],
  ])('GIVEN filter %j THEN %j', (filter, expected) => {
    expect(filterArticles(ARTICLES.map(metaOf), filter).map((a) => a.id)).toEqual(expected);
  });
});
