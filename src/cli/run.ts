import { parseArgs } from 'node:util';
import { isNewsdeskError } from '../errors.ts';
import type { Logger } from '../log.ts';

/**
 * Exit statuses, the same for every entry point (the README lists them): `config` is EX_CONFIG
 * of sysexits.h; `usage` is 2, as for shells and Node itself; `interrupted` is 128 + SIGINT.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, config: 78, interrupted: 130 } as const;

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
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) return { help: true };
  const values: Record<string, string | boolean | undefined> = {};
  for (const [name, flag] of Object.entries(spec.flags)) values[name] = parsed.values[name] ?? (flag.type === 'boolean' ? false : undefined);
  return { help: false, values: values as FlagValues<F>, positionals: parsed.positionals };
}

/** The exit status for a failure: bad usage, a configuration mistake, or any other failure. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  return isNewsdeskError(error, 'CONFIG_INVALID') ? EXIT.config : EXIT.failure;
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

function report(error: unknown, usage: string, log: Logger | null, name: string): void {
  if (error instanceof UsageError) process.stderr.write(`${error.message}\n\n${usage}\n`);
  else if (log && isNewsdeskError(error)) log.error(error.message, { code: error.code });
  else if (log) log.error(`${name} failed`, { error });
  else if (isNewsdeskError(error)) process.stderr.write(`newsdesk: ${error.message}\n`);
  else process.stderr.write(`newsdesk: unexpected error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}

/** Ends the process once what was written has been flushed; open handles (stdin on a terminal, a model's threads) do not keep it alive. */
function exit(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
