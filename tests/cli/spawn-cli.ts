import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** What a command printed and how it ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `script` (relative to src/cli; `../main.ts` is npm start) as a user would: its own
 * process in `cwd`, a bare environment (no developer .env, no model download) plus `env`.
 */
export function spawnCli(cwd: string, script: string, args: readonly string[], input = '', env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.resolve(root, 'src/cli', script), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', EMBEDDER: 'offline', LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** True when `text` holds a JavaScript stack trace. */
export function hasStack(text: string): boolean {
  return /^\s+at .+(?:\(|:\d+)/mu.test(text);
}
