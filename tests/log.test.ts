import { describe, expect, it } from 'vitest';
import { NewsdeskError } from '../src/errors.ts';
import { createLogger, type LogLevel } from '../src/log.ts';

const SECRET = 'MTIz.secret.TOKEN-value-0123456789';

function capture(level: LogLevel = 'debug', format: 'json' | 'pretty' = 'json') {
  const lines: string[] = [];
  const log = createLogger({ level, secrets: [SECRET, null, ''], format, stream: { write: (s: string) => lines.push(s) }, now: () => new Date('2025-01-02T03:04:05.000Z') });
  return { log, lines };
}

describe('createLogger', () => {
  it('GIVEN json format THEN one JSON object a line with time, level, msg and fields', () => {
    const { log, lines } = capture();
    log.child({ component: 'bot' }).info('hello', { n: 1 });
    expect(lines).toEqual(['{"time":"2025-01-02T03:04:05.000Z","level":"info","msg":"hello","component":"bot","n":1}\n']);
  });

  it.each<[LogLevel, number]>([
    ['debug', 4],
    ['info', 3],
    ['warn', 2],
    ['error', 1],
  ])('GIVEN level %s THEN %i of 4 records are written', (level, count) => {
    const { log, lines } = capture(level);
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines).toHaveLength(count);
  });

  it('GIVEN the token in the message, nested fields, an error message, stack and cause THEN it never appears', () => {
    const { log, lines } = capture();
    const error = new Error(`bad token ${SECRET}`, { cause: new Error(`inner ${SECRET}`) });
    log.error(`login with ${SECRET}`, { deep: { list: [SECRET, { again: `x${SECRET}y` }] }, error });
    const out = lines.join('');
    expect(out).not.toContain(SECRET);
    expect(out).toContain('[redacted]');
    const record = JSON.parse(lines[0]!) as Record<string, any>;
    expect(record.error.stack).toContain('bad token [redacted]');
    expect(record.error.cause.message).toBe('inner [redacted]');
    expect(record.deep.list[1].again).toBe('x[redacted]y');
  });

  it('GIVEN odd values THEN they serialise without throwing', () => {
    const { log, lines } = capture();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    log.info('odd', { big: 10n, when: new Date(0), fn: () => 1, undef: undefined, circular });
    const record = JSON.parse(lines[0]!) as Record<string, any>;
    expect(record.big).toBe('10');
    expect(record.when).toBe('1970-01-01T00:00:00.000Z');
    expect('fn' in record || 'undef' in record).toBe(false);
  });

  it('GIVEN pretty format THEN a short line with fields and the stack indented below', () => {
    const { log, lines } = capture('debug', 'pretty');
    const error = new Error('boom');
    log.warn('it failed', { code: 'X', error });
    const [head, ...rest] = lines[0]!.trimEnd().split('\n');
    expect(head).toBe('03:04:05 WARN  it failed code=X error="boom"');
    expect(rest[0]).toBe('  Error: boom');
  });

  it.each<[string, LogLevel, unknown, boolean]>([
    ['an expected failure at info', 'info', new NewsdeskError('CORPUS_MISSING', 'The corpus folder /x does not exist.', { cause: Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }) }), false],
    ['an expected failure at debug', 'debug', new NewsdeskError('CORPUS_MISSING', 'The corpus folder /x does not exist.', { cause: new Error('ENOENT: no such file') }), true],
    ['a bug at info', 'info', new TypeError('x is undefined'), true],
  ])('GIVEN %s THEN stacks are logged: %s', (_name, level, error, stacks) => {
    const { log, lines } = capture(level, 'pretty');
    log.error('refresh failed', { error });
    expect(lines).toHaveLength(1);
    expect(/\n\s+at /u.test(lines[0]!)).toBe(stacks);
    expect(lines[0]!.split('\n').length > 2).toBe(stacks);
    const json = capture(level, 'json');
    json.log.error('refresh failed', { error });
    const record = JSON.parse(json.lines[0]!);
    expect('stack' in record.error).toBe(stacks);
    if (error instanceof NewsdeskError) expect(JSON.stringify(record.error.cause)).toContain('ENOENT: no such file');
  });
});
