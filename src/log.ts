import { NewsdeskError } from './errors.ts';

/** Severity of a log record, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured context of a log record; values are serialised as JSON (errors with their stack). */
export type LogFields = Record<string, unknown>;

/** A leveled, structured logger. Records below its level are dropped; secrets never reach the output. */
export interface Logger {
  readonly level: LogLevel;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every record. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Strings (tokens) replaced by `[redacted]` wherever they appear. Empty strings are ignored. */
  secrets?: readonly (string | null | undefined)[];
  /** Where lines go; defaults to `process.stderr`. */
  stream?: { write(chunk: string): unknown; isTTY?: boolean };
  /** `json`: one JSON object a line; `pretty`: short human lines; `auto`: pretty on a TTY. */
  format?: 'json' | 'pretty' | 'auto';
  /** Clock, for tests. */
  now?: () => Date;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const REDACTED = '[redacted]';
const MAX_DEPTH = 6;

/** Creates a logger writing JSON lines (or concise lines on a TTY) to stderr. */
export function createLogger(options: LoggerOptions): Logger {
  const stream = options.stream ?? process.stderr;
  const format = options.format ?? 'auto';
  const pretty = format === 'pretty' || (format === 'auto' && stream.isTTY === true);
  // Shorter secrets could match ordinary words; Discord tokens are ~70 characters.
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 4);
  const now = options.now ?? (() => new Date());
  const redact = (text: string) => secrets.reduce((out, secret) => out.split(secret).join(REDACTED), text);

  const make = (bound: LogFields): Logger => {
    const write = (level: LogLevel, message: string, fields?: LogFields) => {
      if (RANK[level] < RANK[options.level]) return;
      const record = { ...bound, ...fields };
      const clean = serialise(record, redact, 0, options.level === 'debug') as LogFields;
      const time = now().toISOString();
      const line = pretty
        ? prettyLine(time, level, redact(message), clean)
        : JSON.stringify({ time, level, msg: redact(message), ...clean });
      try {
        stream.write(`${line}\n`);
      } catch {
        // A closed stderr must not take the process down with it.
      }
    };
    return {
      level: options.level,
      debug: (message, fields) => write('debug', message, fields),
      info: (message, fields) => write('info', message, fields),
      warn: (message, fields) => write('warn', message, fields),
      error: (message, fields) => write('error', message, fields),
      child: (fields) => make({ ...bound, ...fields }),
    };
  };
  return make({});
}

/**
 * Turns values into JSON-safe data: errors keep name, message, code, stack and cause. An
 * expected failure (a NewsdeskError) is logged without stacks, its own or its cause's, unless
 * `stacks` (LOG_LEVEL=debug): its message says what to fix.
 */
function serialise(value: unknown, redact: (s: string) => string, depth: number, stacks: boolean): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) {
    const out: LogFields = { name: value.name, message: redact(value.message) };
    const extra = value as Error & { code?: unknown; status?: unknown; method?: unknown; url?: unknown };
    for (const key of ['code', 'status', 'method', 'url'] as const) {
      if (extra[key] !== undefined) out[key] = serialise(extra[key], redact, depth + 1, stacks);
    }
    const expected = !stacks && value instanceof NewsdeskError;
    if (value.stack && !expected) out.stack = redact(value.stack);
    if (value.cause !== undefined) out.cause = expected ? causeMessage(value.cause, redact) : serialise(value.cause, redact, depth + 1, stacks);
    return out;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => serialise(item, redact, depth + 1, stacks));
  if (typeof value === 'object') {
    const out: LogFields = {};
    for (const [key, item] of Object.entries(value)) {
      const clean = serialise(item, redact, depth + 1, stacks);
      if (clean !== undefined) out[key] = clean;
    }
    return out;
  }
  return redact(String(value));
}

/** What went wrong below an expected failure, in one line: `ENOENT: no such file…`. */
function causeMessage(cause: unknown, redact: (s: string) => string): string {
  return redact(cause instanceof Error ? cause.message : String(cause));
}

function prettyLine(time: string, level: LogLevel, message: string, fields: LogFields): string {
  const clock = time.slice(11, 19);
  const stacks: string[] = [];
  const pairs = Object.entries(fields).map(([key, value]) => {
    if (isSerialisedError(value)) {
      if (value.stack) stacks.push(value.stack);
      return `${key}=${JSON.stringify(value.message)}`;
    }
    return `${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`;
  });
  const head = `${clock} ${level.toUpperCase().padEnd(5)} ${message}${pairs.length ? ` ${pairs.join(' ')}` : ''}`;
  return [head, ...stacks.map((stack) => `  ${stack.replace(/\n/g, '\n  ')}`)].join('\n');
}

function isSerialisedError(value: unknown): value is { message: string; stack?: string } {
  return typeof value === 'object' && value !== null && 'message' in value && 'name' in value;
}
