import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/answer/question.ts';
import { answerKind, continuesPrevious } from '../../src/answer/sentence-score.ts';
import { tagSentences } from '../../src/ingest/tag.ts';
import { terms } from '../../src/text/tokenize.ts';

function kindOf(question: string, sentence: string): number {
  const [tagged] = tagSentences(sentence);
  return answerKind(analyzeQuestion(question), new Set(terms(question)), sentence, tagged!);
}

describe('answerKind', () => {
  it.each([
    ['When did Raskin join Apple?', 'Mr Raskin joined Apple in 1978 as employee number 31.', 1],
    ['When did Raskin join Apple?', 'Mr Raskin joined Apple as its publications chief.', 0],
    ['How much did the auction raise?', 'The auction raised £115,000 for victims.', 1],
    ['How many people visited the Tate Modern?', 'Visitors to the Tate Modern rose by more than 10%.', 0],
    ['Why is GM recalling the cars?', 'GM is recalling them because the windshield is not properly fitted.', 1],
    ['Why is GM recalling the cars?', 'GM is recalling 17,000 cars in the US.', 0],
    ['Where was the protocol signed?', 'The protocol, signed in Cairo, will establish zones.', 1],
    ['What did Peskov say?', 'Peskov said nothing new.', 0.5],
    // Someone else's capital, a sum that sizes another thing the question names, a pronoun "one".
    ["What's the capital of Australia?", "And in China's capital Beijing, courts have adopted phone photos.", 0],
    ['What is the capital of China?', "And in China's capital Beijing, courts have adopted phone photos.", 1],
    ['How much did the stage school for the musical cost?', 'Previews of the £3m musical have been delayed.', 0],
    ['How much did the musical cost?', 'Previews of the £3m musical have been delayed.', 1],
    ["What price were Air China's shares sold at in its debut?", 'Air China picked London for its $1.07bn (£558m) debut.', 0],
    ['How many people visited the Tate?', "One of the skills is to show people what they wouldn't ask for at the Tate.", 0],
    ['What share of pupils are truants?', 'Truants make up one in 13 pupils.', 0.7],
    ["What was Kelly Holmes's winning time?", 'The 28-year-old Holmes won again.', 0],
    // "Which X" answered by X told apart by words the question lacks; not by X alone.
    ['Which titles was Michelle Collins stripped of?', 'Collins was stripped of her 2003 world and US indoor 200m titles.', 0.5],
    ['Which titles was Michelle Collins stripped of?', 'Collins was stripped of the titles.', 0],
    // A name that shares a word with a name of the question is that name, not the answer.
    ['Which painting did the Tate fail to buy?', 'The Tate Gallery failed to buy the painting.', 0],
    ['Which Manchester club did he join?', 'He joined Manchester United in 2004.', 0.7],
    ["What was Kelly Holmes's winning time?", 'Holmes won in four minutes 14.74 seconds.', 0.7],
  ])('GIVEN %j and %j THEN %d', (question, sentence, expected) => {
    expect(kindOf(question, sentence)).toBe(expected);
  });

  it('GIVEN an answer the question already holds THEN it does not count', () => {
    expect(kindOf('Who visited Tate Modern in 2004?', 'Tate Modern was busy in 2004.')).toBe(0);
  });

  it('GIVEN "which X" THEN a name next to X counts more than a name elsewhere', () => {
    const near = kindOf('Which union does Jonathan Baume lead?', "It suited Mr Baume's union, the First Division Association, to say so.");
    const far = kindOf('Which union does Jonathan Baume lead?', 'Jonathan Baume, of the union, spoke of agendas between Mr Brown and the others in a long interview.');
    expect(near).toBeGreaterThan(far);
  });
});

describe('continuesPrevious', () => {
  it.each([
    ['He said the deal was done.', true],
    ['But she gets $30,000 every time.', true],
    ['According to Kremlin spokesperson Dmitry Peskov.', true],
    ['According to the report, sales rose by a tenth.', false],
    ['The 18-year-old had surgery.', true],
    ['"It is ludicrous," they said.', true],
    ['Heathrow said the deal was done.', false],
    ['Theirs was a long wait.', false],
  ])('GIVEN %j THEN %s', (sentence, expected) => {
    expect(continuesPrevious(sentence)).toBe(expected);
  });
});
