import { describe, expect, it } from 'vitest';
import { missingClause, pastOf } from '../../src/answer/missing.ts';

describe('missingClause', () => {
  it.each([
    ['When did Putin visit India?', 'when Putin visited India'],
    ['How much did the stage school cost?', 'how much the stage school cost'],
    ['How much does the ticket cost?', 'how much the ticket costs'],
    ['What is the capital of Australia?', 'what the capital of Australia is'],
    ['Where will the film be shot?', 'where the film will be shot'],
    ['How many people were killed in the crash?', 'how many people were killed in the crash'],
    ['Who won the final?', 'who won the final'],
    ['When will Putin visit India?', 'when Putin will visit India'],
    ['How many games has Bolton lost?', 'how many games Bolton has lost'],
    ['Can you tell me when Putin will visit India?', 'when Putin will visit India'],
    ['Putin visits India?', '“Putin visits India”'],
    ["How long did Putin's talks with the American envoys last?", "how long Putin's talks with the American envoys lasted"],
    ["When did Putin's plane land in Delhi?", "when Putin's plane landed in Delhi"],
    ["How much did Rishi Sunak's furlough scheme cost in total?", "how much Rishi Sunak's furlough scheme cost in total"],
    ["How much extra does Wanadoo's broadband phone service cost?", "how much extra Wanadoo's broadband phone service costs"],
  ])('GIVEN %j THEN %j', (question, clause) => {
    expect(missingClause(question)).toBe(clause);
  });
});

describe('pastOf', () => {
  it.each([
    ['visit', 'visited'],
    ['sell', 'sold'],
    ['take', 'took'],
    ['close', 'closed'],
    ['carry', 'carried'],
    ['stop', 'stopped'],
    ['say', 'said'],
  ])('GIVEN %j THEN %j', (base, past) => {
    expect(pastOf(base)).toBe(past);
  });
});
