import { describe, expect, it } from 'vitest';
import { isNewsdeskError } from '../src/errors.ts';
import { discordUnreachable, networkFailure } from '../src/net-errors.ts';

const errno = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('networkFailure', () => {
  it.each<[string, unknown, ReturnType<typeof networkFailure>]>([
    ['a DNS failure', errno('ENOTFOUND', 'getaddrinfo ENOTFOUND discord.com'), { kind: 'host-unknown', code: 'ENOTFOUND' }],
    ['a DNS failure inside fetch', new TypeError('fetch failed', { cause: errno('EAI_AGAIN') }), { kind: 'host-unknown', code: 'EAI_AGAIN' }],
    ['a refused connection', errno('ECONNREFUSED'), { kind: 'unreachable', code: 'ECONNREFUSED' }],
    ['no route, among happy-eyeballs attempts', new AggregateError([errno('ENETUNREACH'), errno('EHOSTUNREACH')]), { kind: 'unreachable', code: 'ENETUNREACH' }],
    ['a request given up', Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }), { kind: 'unreachable', code: 'AbortError' }],
    ['a file-system error', errno('ENOENT'), null],
    ['any other error', new Error('boom'), null],
    ['not an error', 'text', null],
  ])('GIVEN %s THEN %j', (_name, error, expected) => {
    expect(networkFailure(error)).toEqual(expected);
  });
});

describe('discordUnreachable', () => {
  it('GIVEN a DNS failure for discord.com THEN DISCORD_HOST_UNKNOWN saying to check the network', () => {
    const error = discordUnreachable(errno('ENOTFOUND', 'getaddrinfo ENOTFOUND discord.com'), null);
    expect(isNewsdeskError(error, 'DISCORD_HOST_UNKNOWN')).toBe(true);
    expect(error!.message).toBe('Discord cannot be reached: the host name of discord.com does not resolve (ENOTFOUND). Check the network connection (and any proxy or firewall).');
  });

  it('GIVEN a refused connection to DISCORD_API_URL THEN DISCORD_UNREACHABLE naming the key', () => {
    const error = discordUnreachable(errno('ECONNREFUSED'), 'http://127.0.0.1:9/api');
    expect(isNewsdeskError(error, 'DISCORD_UNREACHABLE')).toBe(true);
    expect(error!.message).toContain('DISCORD_API_URL');
  });

  it('GIVEN any other error THEN null', () => {
    expect(discordUnreachable(new Error('boom'), null)).toBeNull();
  });
});
