import { createInterface } from 'node:readline';
import { answerJson, renderAnswer } from '../answer/render.ts';
import { explainReply } from '../answer/explain.ts';
import type { AskFilter } from '../answer/ask-filter.ts';
import { shippedRanker } from '../answer/ranker.ts';
import { isNewsdeskError } from '../errors.ts';
import { openDesk, type LocalDesk } from '../local-desk.ts';
import { createLogger } from '../log.ts';
import { FILTER_FLAGS } from './filter-flags.ts';
import { configWithFolders, INDEX_FLAG, withIngestCommand } from './folders.ts';
import { runCommand, UsageError } from './run.ts';
import { readWordNetAtStart } from '../text/wordnet.ts';

async function answerOne(desk: LocalDesk, question: string, json: boolean, top: number, filter: AskFilter, explain: boolean): Promise<void> {
  try {
    const answer = await desk.ask(question, { top, filter });
    process.stdout.write(json ? `${answerJson(answer)}\n` : `${renderAnswer(answer)}\n\n`);
    if (explain) process.stdout.write(`${explainReply((await desk.prepare(question, { filter })).prepared, shippedRanker())}\n\n`);
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
    explain: { type: 'boolean', help: 'after each answer, why: the decision, the best sentences and the features behind their scores' },
    index: INDEX_FLAG,
    top: { type: 'string', value: 'N', default: '3', help: 'sources in an answer, 1 to 10' },
    ...FILTER_FLAGS,
  },
  args: '"question"',
  async run({ values, positionals }) {
    const top = Number(values.top);
    if (!Number.isInteger(top) || top < 1 || top > 10) throw new UsageError('--top takes a whole number from 1 to 10');
    const question = positionals.join(' ').trim();
    // An empty argument is a question left out (an unset shell variable), not a request to read stdin.
    if (positionals.length > 0 && !question) throw new UsageError('The question is empty: give a question in words.');
    if (!question && process.stdin.isTTY) throw new UsageError('Give a question, or pipe questions on stdin.');
    const config = configWithFolders(values);
    const log = createLogger({ level: config.logLevel, format: 'auto' });
    const desk = await openDesk(config, log);
    readWordNetAtStart((message) => log.warn(message));
    const filter: AskFilter = { since: values.since, until: values.until, outlet: values.outlet };
    try {
      if (question) return await answerOne(desk, question, values.json, top, filter, values.explain);
      for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        if (line.trim()) await answerOne(desk, line, values.json, top, filter, values.explain);
      }
    } catch (error) {
      throw withIngestCommand(error, values);
    }
  },
});
