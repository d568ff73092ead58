import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfigFromEnvFile } from '../config.ts';
import { NewsdeskError } from '../errors.ts';
import { describeFsError } from '../fs-errors.ts';
import { FeedbackFile } from '../feedback/feedback-file.ts';
import { exportQuestions, summarizeFeedback } from '../feedback/summary.ts';
import { createLogger } from '../log.ts';
import { runCommand, UsageError } from './run.ts';

runCommand({
  name: 'npm run feedback',
  summary: `Reads the feedback file (FEEDBACK_FILE) and prints how answers fared: answers, refusals, 👍 and
👎. With --export, writes the voted-down and refused questions as a question file that
npm run eval reads, each with "article": null for a person to fill in (or keep, for a question
the articles really do not answer).`,
  flags: {
    export: { type: 'string', value: 'FILE', help: 'write the questions worth a test to FILE (JSON lines)' },
    since: { type: 'string', value: 'DATE', help: 'only answers given on or after DATE (YYYY-MM-DD or an ISO time)' },
  },
  async run({ values }) {
    const config = loadConfigFromEnvFile();
    const log = createLogger({ level: config.logLevel, format: 'auto' });
    const since = values.since === undefined ? null : isoDate(values.since);
    if (!existsSync(config.feedbackFile)) {
      throw new NewsdeskError('INPUT_MISSING', `No feedback yet: ${config.feedbackFile} does not exist. The bot writes it with its first answer in Discord; if it has answered already, check FEEDBACK_FILE.`);
    }
    const { records, malformed } = await new FeedbackFile(config.feedbackFile, (message) => log.warn(message)).read();
    if (records.length === 0 && malformed > 0) {
      throw new NewsdeskError('INPUT_INVALID', `${config.feedbackFile} holds no feedback records (none of its ${malformed} lines is one). Check FEEDBACK_FILE.`);
    }
    const summary = summarizeFeedback(records, since);
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out(`${summary.answers} answers${since ? ` since ${since}` : ''} in ${config.feedbackFile}: ${summary.refused} refused, ${summary.up} 👍, ${summary.down} 👎.`);
    if (malformed > 0) out(`${malformed} lines could not be read and were left out.`);
    if (values.export !== undefined) {
      const file = path.resolve(values.export);
      const text = exportQuestions(summary);
      await writeFile(file, text).catch((cause: unknown) => {
        throw new NewsdeskError('OUTPUT_FAILED', `--export: ${file} cannot be written (${describeFsError(cause)}).`, { cause });
      });
      out(`Wrote ${text.split('\n').filter(Boolean).length} questions to ${file}.`);
    }
  },
});

/** `since` as an ISO time, or a usage error naming the flag. */
function isoDate(value: string): string {
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/u.test(value) || Number.isNaN(time)) throw new UsageError(`--since: "${value}" is not a date (YYYY-MM-DD)`);
  return new Date(time).toISOString();
}
