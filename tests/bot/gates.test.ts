import { describe, expect, it } from 'vitest';
import { Cooldown } from '../../src/bot/cooldown.ts';
import { checkGates, inAskChannel, isModerator, NOT_MODERATOR, QUESTION_GATES, waitMessage, type Caller, type Gate } from '../../src/bot/gates.ts';
import { loadConfig } from '../../src/config.ts';

const MODERATOR_ROLE = '1300000000000000001';
const ASK_CHANNEL = '1400000000000000001';

const caller = (overrides: Partial<Caller> = {}): Caller => ({
  userId: '1100000000000000042',
  member: { manageGuild: false, roles: [] },
  channelId: '1400000000000000999',
  parentId: null,
  addressed: true,
  ...overrides,
});

describe('isModerator', () => {
  it.each<[string, Caller['member'], boolean]>([
    ['Manage Server', { manageGuild: true, roles: [] }, true],
    ['a moderator role', { manageGuild: false, roles: ['1300000000000000009', MODERATOR_ROLE] }, true],
    ['other roles only', { manageGuild: false, roles: ['1300000000000000009'] }, false],
    ['outside a server', null, false],
  ])('GIVEN %s THEN %s', (_name, member, expected) => {
    expect(isModerator({ member }, [MODERATOR_ROLE])).toBe(expected);
  });
});

describe('inAskChannel', () => {
  it.each([
    ['the ask channel', ASK_CHANNEL, null, true],
    ['a thread of it', '1400000000000000777', ASK_CHANNEL, true],
    ['another channel', '1400000000000000777', null, false],
    ['a thread of another channel', '1400000000000000777', '1400000000000000778', false],
  ])('GIVEN %s THEN %s', (_name, channelId, parentId, expected) => {
    expect(inAskChannel({ channelId, parentId }, [ASK_CHANNEL])).toBe(expected);
  });
});

describe('checkGates', () => {
  const config = loadConfig({ MODERATOR_ROLE_IDS: MODERATOR_ROLE, ASK_CHANNEL_IDS: ASK_CHANNEL });
  const context = (cooldownSeconds = 10) => ({ config, cooldown: new Cooldown(cooldownSeconds, () => 1_000_000) });

  it.each<[string, readonly Gate[], Partial<Caller>, ReturnType<typeof checkGates>]>([
    ['no gates', [], {}, null],
    ['a moderator at the moderator gate', ['moderator'], { member: { manageGuild: true, roles: [] } }, null],
    ['a member at the moderator gate', ['moderator'], {}, { message: NOT_MODERATOR }],
    ['a message in another channel, not mentioning the bot', ['channel', ...QUESTION_GATES], { addressed: false }, { message: null }],
    ['a message in the ask channel', ['channel'], { addressed: false, channelId: ASK_CHANNEL }, null],
    ['a first question', QUESTION_GATES, {}, null],
  ])('GIVEN %s THEN %j', (_name, gates, overrides, expected) => {
    expect(checkGates(gates, caller(overrides), context())).toEqual(expected);
  });

  it('GIVEN questions within the cooldown THEN the second is told to wait, the third is told nothing new', () => {
    const ctx = context(10);
    expect(checkGates(QUESTION_GATES, caller(), ctx)).toBeNull();
    expect(checkGates(QUESTION_GATES, caller(), ctx)).toEqual({ message: waitMessage(10_000), repeated: false });
    expect(checkGates(QUESTION_GATES, caller(), ctx)).toEqual({ message: waitMessage(10_000), repeated: true });
  });

  it('GIVEN a refusal by an earlier gate THEN the cooldown turn is not taken', () => {
    const ctx = context(10);
    expect(checkGates(['channel', ...QUESTION_GATES], caller({ addressed: false }), ctx)).toEqual({ message: null });
    expect(checkGates(QUESTION_GATES, caller(), ctx)).toBeNull();
  });
});

describe('waitMessage', () => {
  it.each([
    [1, 'Please wait 1 s before asking another question.'],
    [4001, 'Please wait 5 s before asking another question.'],
  ])('GIVEN %i ms THEN %s', (ms, expected) => {
    expect(waitMessage(ms)).toBe(expected);
  });
});
