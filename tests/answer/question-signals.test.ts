import { describe, expect, it } from 'vitest';
import { questionSignals } from '../../src/answer/question-signals.ts';
import { analyzeQuestion } from '../../src/answer/question.ts';

const signals = (question: string) => questionSignals(analyzeQuestion(question), new Map([['term', 1]]), 1);

describe('questionSignals', () => {
  it.each([
    'Any tips for getting a red wine stain out of a carpet?',
    "what's the best way to get a red wine stain out of a carpet?",
    "What's a decent way to keep track of all my passwords?",
    'Can you give me some advice on saving for a house?',
    'How do I make a sourdough starter?',
    'What are the quickest ways to learn French?',
  ])('GIVEN a request for advice (%j) THEN q_advice is 1', (question) => {
    expect(signals(question).q_advice).toBe(1);
  });

  it.each([
    ['"advice" as a noun of a report', 'Blair rejects Iraq advice calls'],
    ['"tips" as a verb', 'Edwards tips Idowu for Euro gold'],
    ['"gives way to"', 'Cash gives way to flexible friend'],
  ])('GIVEN %s (%j) THEN q_advice is 0', (_name, question) => {
    expect(signals(question).q_advice).toBe(0);
  });

  it.each(['What is 12 - 5?', "what's 15% of 80?", 'What is 3*4?', 'If three of us split a £47 bill, what does each person owe?'])(
    'GIVEN a sum (%j) THEN q_arithmetic is 1',
    (question) => {
      expect(signals(question).q_arithmetic).toBe(1);
    },
  );

  it.each([
    ['a score', 'Wasps 31-37 Leicester'],
    ['a score in a question', 'Whose own goal gave Liverpool their 1-0 win?'],
    ['a range of years', 'What happened to the club in 1987-1990?'],
  ])('GIVEN %s (%j) THEN q_arithmetic is 0', (_name, question) => {
    expect(signals(question).q_arithmetic).toBe(0);
  });

  it.each([
    ['the asker', 'What did my MP say about the strike?', 1],
    ['a contraction', "I've heard Peskov spoke: what did he say?", 1],
    ['someone quoted in single quotes', "Goldsmith: 'I was not leant on'", 0],
    ['someone quoted in double quotes', 'Who said "my door is open"?', 0],
    ['an apostrophe inside a word', "What's my best option?", 1],
  ])('GIVEN the first person of %s (%j) THEN q_first_person is %d', (_name, question, expected) => {
    expect(signals(question).q_first_person).toBe(expected);
  });
});
