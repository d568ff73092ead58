import { describe, expect, it } from 'vitest';
import { questionSignals } from '../../src/answer/question-signals.ts';
import { analyzeQuestion } from '../../src/answer/question.ts';

const signals = (question: string) => questionSignals(analyzeQuestion(question), new Map([['term', 1]]), 1);

describe('questionSignals', () => {
  it.each([
    ['a request for advice', 'Any tips for getting a red wine stain out of a carpet?', 1],
    ['a request for advice', "what's the best way to get a red wine stain out of a carpet?", 1],
    ['a request for advice', "What's a decent way to keep track of all my passwords?", 1],
    ['a request for advice', 'Can you give me some advice on saving for a house?', 1],
    ['a request for advice', 'How do I make a sourdough starter?', 1],
    ['a request for advice', 'What are the quickest ways to learn French?', 1],
    ['"advice" as a noun of a report', 'Blair rejects Iraq advice calls', 0],
    ['"tips" as a verb', 'Edwards tips Idowu for Euro gold', 0],
    ['"gives way to"', 'Cash gives way to flexible friend', 0],
  ])('GIVEN %s (%j) THEN q_advice is %d', (_name, question, expected) => {
    expect(signals(question).q_advice).toBe(expected);
  });

  it.each([
    ['a sum', 'What is 12 - 5?', 1],
    ['a sum', "what's 15% of 80?", 1],
    ['a sum', 'What is 3*4?', 1],
    ['a sum', 'If three of us split a £47 bill, what does each person owe?', 1],
    ['a score', 'Wasps 31-37 Leicester', 0],
    ['a score in a question', 'Whose own goal gave Liverpool their 1-0 win?', 0],
    ['a range of years', 'What happened to the club in 1987-1990?', 0],
  ])('GIVEN %s (%j) THEN q_arithmetic is %d', (_name, question, expected) => {
    expect(signals(question).q_arithmetic).toBe(expected);
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
