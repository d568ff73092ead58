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
