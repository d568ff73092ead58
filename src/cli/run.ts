import { loadConfigFromEnvFile, type Config } from '../config.ts';
import { CONFIG_EXIT_CODE, isNewsdeskError } from '../errors.ts';

/** Thrown for a command line that does not parse; exits with status 2. */
export class UsageError extends Error {}

/**
 * Runs a command-line entry point: expected failures print their message, others their stack;
 * both exit non-zero. The only place, with `main.ts`, that exits the process.
 */
export function runCli(usage: string, main: () => Promise<void>): void {
  main().then(
    () => {
      process.exitCode ??= 0;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`${error.message}\n\n${usage}\n`);
        process.exitCode = 2;
      } else if (isNewsdeskError(error)) {
        process.stderr.write(`newsdesk: ${error.message}\n`);
        process.exitCode = error.code === 'CONFIG_INVALID' ? CONFIG_EXIT_CODE : 1;
      } else {
        process.stderr.write(`newsdesk: unexpected error\n${(error as Error)?.stack ?? String(error)}\n`);
        process.exitCode = 1;
      }
    },
  );
}

/**
 * The configuration for a long-running entry point, or null after printing why it is invalid
 * (the message names the key); the caller then exits with CONFIG_EXIT_CODE.
 */
export function loadConfigOrReport(): Config | null {
  try {
    return loadConfigFromEnvFile();
  } catch (error) {
    process.stderr.write(`newsdesk: ${isNewsdeskError(error) ? error.message : String(error)}\n`);
    return null;
  }
}
