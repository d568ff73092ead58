import { parseArgs } from 'node:util';
import { debugLogging } from '../config.ts';
import { isNewsdeskError, type ErrorCode } from '../errors.ts';
import type { Logger } from '../log.ts';

/**
 * Exit statuses, the same for every entry point (the README lists them). Each kind of expected
 * failure has its own, from sysexits.h where one fits, so a process manager or a script can
 * tell them apart: `usage` is 2, as for shells and Node itself; `interrupted` is 128 + SIGINT.
 */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  dataError: 65,
  noInput: 66,
  hostUnknown: 68,
  unavailable: 69,
  bug: 70,
  cantCreate: 73,
  tokenRejected: 77,
  config: 78,
  interrupted: 130,
} as const;

/** The status of each expected failure that has its own; the others exit with EXIT.failure. */
const EXIT_BY_CODE: Partial<Record<ErrorCode, number>> = {
  CONFIG_INVALID: EXIT.config,
  TOKEN_REJECTED: EXIT.tokenRejected,
  DISCORD_UNREACHABLE: EXIT.unavailable,
  DISCORD_HOST_UNKNOWN: EXIT.hostUnknown,
  INPUT_MISSING: EXIT.noInput,
  CORPUS_MISSING: EXIT.noInput,
  INDEX_MISSING: EXIT.noInput,
  INPUT_INVALID: EXIT.dataError,
  OUTPUT_FAILED: EXIT.cantCreate,
  INDEX_WRITE_FAILED: EXIT.cantCreate,
};

/** Printed under the stack of a failure nobody expected. */
export const REPORT_BUG = 'This is a bug in Newsdesk, not a mistake of yours: please report it with the lines above.';

/** Thrown for a command line that does not parse; exits with EXIT.usage after the usage text. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** One flag of a command, declared once: it is parsed, documented in the usage and typed from this. */
export interface Flag {
  type: 'string' | 'boolean';
  /** What a string flag's value is, in the usage: `DIR`, `N`. */
  value?: string;
  /** A string flag's value when it is not given. */
  default?: string;
  help: string;
}

/** The parsed value of each flag: a boolean, or a string (undefined when absent without a default). */
export type FlagValues<F extends Record<string, Flag>> = {
  [K in keyof F]: F[K]['type'] extends 'boolean' ? boolean : F[K] extends { default: string } ? string : string | undefined;
};

/** A command-line entry point. */
export interface CommandSpec<F extends Record<string, Flag>> {
  /** How it is run, without arguments: `npm run ask`, `npm start`. */
  name: string;
  /** What it does, a few lines under the usage line. */
  summary: string;
  flags: F;
  /** The positional arguments as the usage shows them (`"question"`); without, none are accepted. */
  args?: string;
  /**
   * The work; resolves to an exit status (EXIT.ok when it returns nothing). `reportTo` makes a
   * later failure go to that log (which hides secrets) instead of plain stderr.
   */
  run(input: { values: FlagValues<F>; positionals: string[]; reportTo(log: Logger): void }): Promise<number | void>;
}

const HELP: Flag = { type: 'boolean', help: 'print this help and exit' };

/** The usage text: the command line with every flag, the summary, then one line per flag. */
export function usageOf<F extends Record<string, Flag>>(spec: CommandSpec<F>): string {
  const flags = Object.entries(spec.flags).map(([name, flag]) => ({ name: `--${name}${flag.value ? ` ${flag.value}` : ''}`, flag }));
  const line = [...flags.map(({ name }) => `[${name}]`), spec.args ?? ''].filter(Boolean).join(' ');
  const rows = [...flags, { name: '-h, --help', flag: HELP }];
  const width = Math.max(...rows.map(({ name }) => name.length));
  const help = rows.map(({ name, flag }) => `  ${name.padEnd(width)}  ${flag.help}${flag.default !== undefined ? ` (default ${flag.default})` : ''}`);
  return [`Usage: ${spec.name}${line ? ` -- ${line}` : ''}`, spec.summary, '', 'Options:', ...help].join('\n');
}

/** The command line parsed against the declared flags; throws UsageError for anything else. */
export function parseCommandLine<F extends Record<string, Flag>>(
  spec: CommandSpec<F>,
  argv: readonly string[],
): { help: true } | { help: false; values: FlagValues<F>; positionals: string[] } {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: spec.args !== undefined,
      options: {
        ...Object.fromEntries(Object.entries(spec.flags).map(([name, { type, default: fallback }]) => [name, { type, ...(fallback !== undefined && { default: fallback }) }])),
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw parseFailure(error, spec.args === undefined ? null : spec.name);
  }
  if (parsed.values.help) return { help: true };
  const values: Record<string, string | boolean | undefined> = {};
  for (const [name, flag] of Object.entries(spec.flags)) values[name] = parsed.values[name] ?? (flag.type === 'boolean' ? false : undefined);
  return { help: false, values: values as FlagValues<F>, positionals: parsed.positionals };
}

/**
 * Why node's parseArgs refused a command line, as a UsageError. Its advice for an argument that
 * starts with "-" is rewritten with the command's own name (`name`, null when it takes no
 * arguments), so it can be copied as it is.
 */
export function parseFailure(error: unknown, name: string | null): UsageError {
  const { code, message } = error as { code?: string; message: string };
  const option = /^Unknown option '([^']+)'/u.exec(message);
  if (code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || !option) return new UsageError(message);
  const advice = name === null ? '' : ` An argument that starts with "-" goes after "--": ${name} -- -- "${option[1]}"`;
  return new UsageError(`Unknown option '${option[1]}'.${advice}`);
}

/** The exit status for a failure: bad usage, each kind of expected failure, or a bug. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (isNewsdeskError(error)) return EXIT_BY_CODE[error.code] ?? EXIT.failure;
  return EXIT.bug;
}

/**
 * Runs an entry point: `--help` prints the usage, a command line that does not parse prints why
 * and the usage, an expected failure its message (one line), an unexpected one its stack. This is
 * the only place that ends the process, apart from main.ts's process-wide handlers.
 */
export function runCommand<const F extends Record<string, Flag>>(spec: CommandSpec<F>, argv: readonly string[] = process.argv.slice(2)): void {
  let log: Logger | null = null;
  const work = async (): Promise<number> => {
    const parsed = parseCommandLine(spec, argv);
    if (parsed.help) {
      process.stdout.write(`${usageOf(spec)}\n`);
      return EXIT.ok;
    }
    return (await spec.run({ values: parsed.values, positionals: parsed.positionals, reportTo: (to) => (log = to) })) ?? EXIT.ok;
  };
  finish(work(), usageOf(spec), () => log, spec.name);
}

/**
 * For an entry point that reads its own command line (the bench): the same reporting and exit
 * statuses as runCommand.
 */
export function runCli(usage: string, main: () => Promise<void>): void {
  finish(main().then(() => EXIT.ok), usage, () => null, 'newsdesk');
}

function finish(work: Promise<number>, usage: string, log: () => Logger | null, name: string): void {
  work.then(exit, (error: unknown) => {
    report(error, usage, log(), name);
    exit(exitCodeFor(error));
  });
}

/**
 * An expected failure is one line (with its cause's stack only at LOG_LEVEL=debug); a failure
 * nobody expected is a bug, printed with its stack and a line asking to report it.
 */
function report(error: unknown, usage: string, log: Logger | null, name: string): void {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    return;
  }
  const debug = log ? log.level === 'debug' : debugLogging();
  if (isNewsdeskError(error)) {
    const cause = debug && error.cause !== undefined ? error.cause : undefined;
    if (log) log.error(error.message, { code: error.code, ...(cause !== undefined && { cause }) });
    else process.stderr.write(`newsdesk: ${error.message}\n${cause === undefined ? '' : `${stackOf(cause)}\n`}`);
    return;
  }
  if (log) {
    log.error(`${name} failed`, { error });
    log.error(REPORT_BUG);
  } else {
    process.stderr.write(`newsdesk: unexpected error\n${stackOf(error)}\n${REPORT_BUG}\n`);
  }
}

function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Ends the process once what was written has been flushed; open handles (stdin on a terminal, a model's threads) do not keep it alive. */
function exit(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
