import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { answerJson, renderAnswer } from '../answer/render.ts';
import { loadConfigFromEnvFile } from '../config.ts';
import { checkFolder } from '../config-paths.ts';
import type { Desk } from '../desk.ts';
import { isNewsdeskError } from '../errors.ts';
import { openDesk } from '../local-desk.ts';
import { createLogger } from '../log.ts';
import { runCli, UsageError } from './run.ts';

const USAGE = `Usage: npm run ask -- [--json] [--index DIR] [--top N] "question"

Answers a question from the index with verbatim quotes and their sources. With no question and
questions piped on stdin, answers one question per line.
  --json    one JSON object per question on its own line
  --top N   sources in an answer (default 3)`;

async function answerOne(desk: Desk, question: string, json: boolean, top: number): Promise<void> {
  try {
    const answer = await desk.ask(question, { top });
    process.stdout.write(json ? `${answerJson(answer)}\n` : `${renderAnswer(answer)}\n\n`);
  } catch (error) {
    // In a batch, one bad line must not stop the rest.
    if (!isNewsdeskError(error, 'QUESTION_INVALID')) throw error;
    process.stdout.write(json ? `${JSON.stringify({ question, answered: false, error: error.message, sources: [] })}\n` : `${error.message}\n\n`);
  }
}

runCli(USAGE, async () => {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean', default: false }, index: { type: 'string' }, top: { type: 'string', default: '3' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (args.values.help) return void process.stdout.write(`${USAGE}\n`);
  const top = Number(args.values.top);
  if (!Number.isInteger(top) || top < 1 || top > 10) throw new UsageError('--top takes a whole number from 1 to 10');
  const config = loadConfigFromEnvFile();
  if (args.values.index) {
    config.indexDir = path.resolve(args.values.index);
    checkFolder('--index', config.indexDir, true);
  }
  const log = createLogger({ level: config.logLevel, format: 'auto' });
  const desk = await openDesk(config, log);
  const question = args.positionals.join(' ').trim();
  if (question) return answerOne(desk, question, args.values.json, top);
  if (process.stdin.isTTY) throw new UsageError('Give a question, or pipe questions on stdin.');
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim()) await answerOne(desk, line, args.values.json, top);
  }
});
