import { createInterface } from 'node:readline';
import { answerJson, renderAnswer } from '../answer/render.ts';
import type { AskFilter } from '../answer/ask-filter.ts';
import type { Desk } from '../desk.ts';
import { isNewsdeskError } from '../errors.ts';
import { openDesk } from '../local-desk.ts';
import { createLogger } from '../log.ts';
import { FILTER_FLAGS } from './filter-flags.ts';
import { configWithFolders, INDEX_FLAG } from './folders.ts';
import { runCommand, UsageError } from './run.ts';

async function answerOne(desk: Desk, question: string, json: boolean, top: number, filter: AskFilter): Promise<void> {
  try {
    const answer = await desk.ask(question, { top, filter });
    process.stdout.write(json ? `${answerJson(answer)}\n` : `${renderAnswer(answer)}\n\n`);
  } catch (error) {
    // In a batch, one bad line must not stop the rest.
    if (!isNewsdeskError(error, 'QUESTION_INVALID')) throw error;
    process.stdout.write(json ? `${JSON.stringify({ question, answered: false, error: error.message, sources: [] })}\n` : `${error.message}\n\n`);
  }
}

runCommand({
  name: 'npm run ask',
  summary: `Answers a question from the index with verbatim quotes and their sources. With no question and
questions piped on stdin, answers one question per line.`,
  flags: {
    json: { type: 'boolean', help: 'one JSON object per question on its own line' },
    index: INDEX_FLAG,
    top: { type: 'string', value: 'N', default: '3', help: 'sources in an answer, 1 to 10' },
    ...FILTER_FLAGS,
  },
  args: '"question"',
  async run({ values, positionals }) {
    const top = Number(values.top);
    if (!Number.isInteger(top) || top < 1 || top > 10) throw new UsageError('--top takes a whole number from 1 to 10');
    const config = configWithFolders(values);
    const desk = await openDesk(config, createLogger({ level: config.logLevel, format: 'auto' }));
    const question = positionals.join(' ').trim();
    const filter: AskFilter = { since: values.since, until: values.until, outlet: values.outlet };
    if (question) return answerOne(desk, question, values.json, top, filter);
    if (process.stdin.isTTY) throw new UsageError('Give a question, or pipe questions on stdin.');
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      if (line.trim()) await answerOne(desk, line, values.json, top, filter);
    }
  },
});
