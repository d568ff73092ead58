import { describe, expect, it } from 'vitest';
import { NewsdeskError } from '../../src/errors.ts';
import { EXIT, exitCodeFor, parseCommandLine, usageOf, UsageError, type CommandSpec, type Flag } from '../../src/cli/run.ts';

const spec: CommandSpec<Record<string, Flag>> = {
  name: 'npm run demo',
  summary: 'Does a demo.',
  flags: {
    json: { type: 'boolean', help: 'print JSON' },
    index: { type: 'string', value: 'DIR', help: 'the index folder' },
    top: { type: 'string', value: 'N', default: '3', help: 'how many' },
  },
  args: '"question"',
  run: async () => undefined,
};

describe('usageOf', () => {
  it('GIVEN a command THEN the usage line lists every flag and the arguments, then one line per flag', () => {
    expect(usageOf(spec)).toBe(
      [
        'Usage: npm run demo -- [--json] [--index DIR] [--top N] "question"',
        'Does a demo.',
        '',
        'Options:',
        '  --json       print JSON',
        '  --index DIR  the index folder',
        '  --top N      how many (default 3)',
        '  -h, --help   print this help and exit',
      ].join('\n'),
    );
  });

  it('GIVEN a command without flags or arguments THEN the usage line is its name alone', () => {
    expect(usageOf({ ...spec, flags: {}, args: undefined }).split('\n')[0]).toBe('Usage: npm run demo');
  });
});

describe('parseCommandLine', () => {
  it.each<[string, string[], unknown]>([
    ['nothing', [], { help: false, values: { json: false, index: undefined, top: '3' }, positionals: [] }],
    ['flags and a question', ['--json', '--index', 'idx', '--top=5', 'who', 'won?'], { help: false, values: { json: true, index: 'idx', top: '5' }, positionals: ['who', 'won?'] }],
    ['--help among others', ['--json', '--help'], { help: true }],
    ['-h', ['-h'], { help: true }],
  ])('GIVEN %s THEN %j', (_name, argv, expected) => {
    expect(parseCommandLine(spec, argv)).toEqual(expected);
  });

  it.each<[string, CommandSpec<Record<string, Flag>>, string[], RegExp]>([
    ['an unknown flag', spec, ['--frobnicate'], /Unknown option '--frobnicate'/],
    ['a string flag without its value', spec, ['--index'], /--index/],
    ['an argument where none is taken', { ...spec, args: undefined }, ['extra'], /Unexpected argument 'extra'/],
  ])('GIVEN %s THEN UsageError', (_name, command, argv, message) => {
    expect(() => parseCommandLine(command, argv)).toThrow(UsageError);
    expect(() => parseCommandLine(command, argv)).toThrow(message);
  });
});

describe('parseFailure', () => {
  it('GIVEN an unknown flag THEN the flag, and for a command with arguments a line that can be copied as it is', () => {
    const argv = ['--bogus'];
    const error = (() => {
      try {
        parseCommandLine(spec, argv);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toBe(`Unknown option '--bogus'. An argument that starts with "-" goes after "--": npm run demo -- -- "--bogus"`);
    expect(() => parseCommandLine({ ...spec, args: undefined }, argv)).toThrow(/^Unknown option '--bogus'\.$/);
  });
});

describe('exitCodeFor', () => {
  it.each<[string, unknown, number]>([
    ['a command line that does not parse', new UsageError('bad'), 2],
    ['a configuration mistake', new NewsdeskError('CONFIG_INVALID', 'INDEX_DIR: bad.'), 78],
    ['an expected failure at work', new NewsdeskError('REFRESH_BUSY', 'busy'), 1],
    ['a missing corpus', new NewsdeskError('CORPUS_MISSING', 'no corpus'), 66],
    ['a missing question file', new NewsdeskError('INPUT_MISSING', 'no file'), 66],
    ['a file in the wrong format', new NewsdeskError('INPUT_INVALID', 'not JSON'), 65],
    ['a file that cannot be written', new NewsdeskError('OUTPUT_FAILED', 'read-only'), 73],
    ['a host name that does not resolve', new NewsdeskError('DISCORD_HOST_UNKNOWN', 'ENOTFOUND'), 68],
    ['a network that cannot reach Discord', new NewsdeskError('DISCORD_UNREACHABLE', 'ECONNREFUSED'), 69],
    ['a token Discord rejects', new NewsdeskError('TOKEN_REJECTED', 'DISCORD_TOKEN: rejected'), 77],
    ['a bug', new TypeError('x is undefined'), 70],
  ])('GIVEN %s THEN %i', (_name, error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });

  it('GIVEN the statuses THEN each kind has its own, as the README states', () => {
    expect(EXIT).toEqual({ ok: 0, failure: 1, usage: 2, dataError: 65, noInput: 66, hostUnknown: 68, unavailable: 69, bug: 70, cantCreate: 73, tokenRejected: 77, config: 78, interrupted: 130 });
    expect(new Set(Object.values(EXIT)).size).toBe(Object.keys(EXIT).length);
  });
});
