import { describe, expect, it } from 'vitest';
import { GENERIC_ERROR, isInteractionGone, userMessage } from '../../src/bot/errors.ts';
import { extractQuestion, mentionsBot } from '../../src/bot/messages.ts';
import { NewsdeskError, type ErrorCode } from '../../src/errors.ts';
import { RefreshBusyError } from '../../src/store/refresh-lock.ts';
import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes } from 'discord.js';

const BOT = '1100000000000000001';

describe('extractQuestion', () => {
  it.each([
    [`<@${BOT}> who won?`, 'who won?'],
    [`<@!${BOT}>   who   won? <@${BOT}>`, 'who won?'],
    [`who won, <@${BOT}>?`, 'who won, ?'],
    [`<@${BOT}>`, ''],
    ['<@1100000000000000999> who won?', 'who won?'],
    ['@everyone @here who met in Miami? <@&1100000000000000777> <#1100000000000000555>', 'who met in Miami?'],
  ])('GIVEN %j THEN %j', (content, question) => {
    expect(extractQuestion(content, BOT)).toBe(question);
  });
});

describe('mentionsBot', () => {
  it.each([
    [`<@${BOT}> hi`, true],
    [`<@!${BOT}> hi`, true],
    ['@everyone hi', false],
    [`<@&${BOT}> hi`, false],
    [`<@${BOT}0> hi`, false],
  ])('GIVEN %j THEN %s', (content, expected) => {
    expect(mentionsBot(content, BOT)).toBe(expected);
  });
});

describe('userMessage', () => {
  it.each<[ErrorCode, RegExp]>([
    ['QUESTION_INVALID', /^Please ask a question in words\.$/],
    ['ARTICLE_UNKNOWN', /^Please ask a question in words\.$/],
    ['INDEX_MISSING', /not been indexed yet/],
    ['INDEX_CORRUPT', /damaged/],
    ['CORPUS_MISSING', /not available/],
    ['MODEL_UNAVAILABLE', /not available/],
    ['CONFIG_INVALID', /misconfigured/],
    ['REFRESH_BUSY', /^A refresh is already running\./],
    // /refresh is for moderators; they are told exactly why it was refused.
    ['CORPUS_EMPTY', /^Please ask a question in words\.$/],
    ['INDEX_WRITE_FAILED', /could not be saved.*still answered/],
  ])('GIVEN NewsdeskError %s THEN %s', (code, expected) => {
    expect(userMessage(new NewsdeskError(code, 'Please ask a question in words.'))).toMatch(expected);
  });

  it('GIVEN an infrastructure error with a path THEN the path is not shown', () => {
    expect(userMessage(new NewsdeskError('INDEX_MISSING', 'No index at /srv/secret/index'))).not.toContain('/srv');
  });

  it('GIVEN REFRESH_BUSY with a holder THEN who started it', () => {
    const error = new RefreshBusyError({ pid: 1, host: 'elsewhere', startedBy: 'ingest CLI', startedAt: '2025-11-04T08:00:00.000Z' });
    expect(userMessage(error)).toContain('started by ingest CLI <t:1762243200:f>');
  });

  it('GIVEN any other error THEN the generic message', () => {
    expect(userMessage(new Error('secret details'))).toBe(GENERIC_ERROR);
  });
});

describe('isInteractionGone', () => {
  const apiError = (code: number) =>
    new DiscordAPIError({ code, message: 'x' }, code, 404, 'POST', 'http://127.0.0.1/x', { body: undefined, files: undefined });
  it.each([
    [apiError(10062), true],
    [apiError(40060), true],
    [apiError(10008), false],
    // discord.js types this constructor as private; at run time it is the error replying twice throws.
    [new (DiscordjsError as unknown as new (code: string) => Error)(DiscordjsErrorCodes.InteractionAlreadyReplied), true],
    [new Error('x'), false],
  ])('GIVEN %s THEN %s', (error, expected) => {
    expect(isInteractionGone(error)).toBe(expected);
  });
});
