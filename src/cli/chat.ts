import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { EarlierQuestion } from '../answer/follow-up.ts';
import { renderAnswer } from '../answer/render.ts';
import type { Desk } from '../desk.ts';
import { isNewsdeskError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { CHAT_HELP, chatCommand, ChatSources } from './chat-commands.ts';
import { splitFilterFlags } from './filter-flags.ts';

export interface ChatOptions {
  desk: Desk;
  log: Logger;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** The stream `log` writes to, when it is one: the prompt is drawn again after each log line. */
  logStream?: PromptSafeStream;
}

/**
 * A log stream for the terminal chat: a line logged while the prompt waits (an automatic
 * refresh, a warning) is written on a line of its own, then the prompt is drawn again with
 * whatever was typed after it. Elsewhere it writes straight through to `target`.
 */
export class PromptSafeStream {
  readonly #target: { write(chunk: string): unknown; isTTY?: boolean };
  #prompt: { rl: Interface; output: NodeJS.WritableStream } | null = null;

  constructor(target: { write(chunk: string): unknown; isTTY?: boolean }) {
    this.#target = target;
  }

  get isTTY(): boolean {
    return this.#target.isTTY === true;
  }

  /** The prompt of `rl` is on `output` and waits for a line; null once the line is in. */
  promptShown(prompt: { rl: Interface; output: NodeJS.WritableStream } | null): void {
    this.#prompt = prompt;
  }

  write(chunk: string): void {
    const prompt = this.#prompt;
    if (prompt === null) {
      this.#target.write(chunk);
      return;
    }
    if ((prompt.output as { isTTY?: boolean }).isTTY) {
      clearLine(prompt.output, 0);
      cursorTo(prompt.output, 0);
    } else {
      prompt.output.write('\n');
    }
    this.#target.write(chunk);
    prompt.rl.prompt(true);
  }
}

/** Printed when the chat opens. */
export const CHAT_BANNER = [
  'Newsdesk local chat: ask a question about the articles; answers quote them word for word.',
  'Type "help" for the commands, "exit" or Ctrl+D to leave.',
  'To connect to Discord instead, set DISCORD_TOKEN in .env (see .env.example) and run npm start again.',
].join('\n');

/**
 * A terminal loop answering questions the way the bot does (same Desk call, same rendering,
 * without Discord's markdown escaping and length limits). Resolves when the input ends.
 */
export async function runChat(options: ChatOptions): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const rl = createInterface({ input, output, prompt: '? ', terminal: (output as { isTTY?: boolean }).isTTY === true });
  output.write(`${CHAT_BANNER}\n\n`);
  // Ctrl+C leaves like Ctrl+D (readline would only pause the input otherwise).
  rl.on('SIGINT', () => rl.close());
  let earlier: EarlierQuestion | null = null;
  // What "source N" opens: the last answer's sources, or the last list of articles.
  const shown = new ChatSources();
  const prompt = () => {
    rl.prompt();
    options.logStream?.promptShown({ rl, output });
  };
  try {
    prompt();
    // The async iterator buffers lines typed (or piped) while an answer is being looked up.
    for await (const line of rl) {
      options.logStream?.promptShown(null);
      const question = line.trim();
      if (['exit', 'quit', ':q'].includes(question.toLowerCase())) break;
      if (question) {
        try {
          const reply = await chatCommand(question, options.desk, shown);
          if (reply !== null) output.write(`\n${reply}\n\n`);
          else {
            // "& …" or "and …" follows up the last question, as a reply to an answer does in Discord.
            const followsUp = earlier !== null && /^(?:&|and\b)/iu.test(question);
            const { question: asked, filter } = splitFilterFlags(question);
            const answer = await options.desk.ask(asked, { ...(Object.keys(filter).length > 0 && { filter }), ...(followsUp && { earlier: earlier! }) });
            if (answer.answered) earlier = { question: answer.question, articles: [...new Set(answer.sources.map((source) => source.article))] };
            shown.showAnswer(answer);
            output.write(`\n${renderAnswer(answer, { commands: CHAT_HELP })}\n\n`);
          }
        } catch (error) {
          if (isNewsdeskError(error)) {
            output.write(`\n${error.message}\n\n`);
          } else {
            options.log.error('could not answer', { error });
            output.write('\nSomething went wrong; the details are in the log above.\n\n');
          }
        }
      }
      prompt();
    }
  } finally {
    options.logStream?.promptShown(null);
    rl.close();
  }
}
