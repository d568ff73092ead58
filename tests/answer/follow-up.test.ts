import { describe, expect, it } from 'vitest';
import { isFollowUp, withoutFollowUpMark } from '../../src/answer/follow-up.ts';

describe('isFollowUp', () => {
  it.each([
    ['And when is that meeting?', true],
    ['& where?', true],
    ['What did Peskov say?', true],
    ['What did he say about it?', true],
    ['What about the Miami talks?', true],
    ['How many titles has Lleyton Hewitt won in his career so far?', true],
    ['How many Grand Slam titles has Lleyton Hewitt won in Australia?', false],
    ['Which bank is running the Chinese flag carrier stock market flotation?', false],
  ])('GIVEN %j THEN %s', (question, expected) => {
    expect(isFollowUp(question)).toBe(expected);
  });

  it('GIVEN the chat\'s follow-up mark THEN it is dropped from the question', () => {
    expect(withoutFollowUpMark('& when is it?')).toBe('when is it?');
    expect(withoutFollowUpMark('when & where?')).toBe('when & where?');
  });
});
