import { startBot, type Bot } from './bot/bot.ts';
import { PromptSafeStream, runChat } from './cli/chat.ts';
import { EXIT, REPORT_BUG, runCommand } from './cli/run.ts';
import { loadConfigFromEnvFile } from './config.ts';
import { NewsdeskError } from './errors.ts';
import { openDesk } from './local-desk.ts';
import { createLogger, type Logger } from './log.ts';
import { readWordNetAtStart } from './text/wordnet.ts';
import { startUnattended } from './unattended.ts';

runCommand({
  name: 'npm start',
  summary: `The Discord bot when DISCORD_TOKEN is set in .env; without it, on a terminal, a local chat that
answers exactly as the bot would. The first start builds the index from CORPUS_DIR.`,
  flags: {},
  async run({ reportTo }) {
    const config = loadConfigFromEnvFile();
    // The local chat keeps its prompt below the log lines.
    const chatLog = config.discord.token === null ? new PromptSafeStream(process.stderr) : undefined;
    const log = createLogger({ level: config.logLevel, secrets: [config.discord.token], ...(chatLog && { stream: chatLog }) });
    reportTo(log);
    watchProcess(log);
    if (config.discord.token === null && !process.stdin.isTTY) {
      throw new NewsdeskError('CONFIG_INVALID', 'DISCORD_TOKEN is not set. Put the bot token in .env (see .env.example), or run npm start in a terminal for the local chat.');
    }
    // The first start builds the index, so a newcomer's first question has something to search.
    const desk = await openDesk(config, log, { buildIfMissing: true });
    // WordNet's files take about a second to read, synchronously: read them before the bot or
    // the chat serves anyone, not inside the first question.
    readWordNetAtStart((message) => log.warn(message));
    if (config.discord.token === null) {
      const unattended = await startUnattended(config, desk, log, () => true);
      await runChat({ desk, log, ...(chatLog && { logStream: chatLog }) }).finally(() => unattended.stop());
      return;
    }
    const bot = await startBot({ config, desk, log });
    const unattended = await startUnattended(config, desk, log, () => bot.connected()).catch(async (error: unknown) => {
      await bot.stop();
      throw error;
    });
    await untilSignal(bot, log);
    await unattended.stop();
  },
});

/** Resolves once a SIGINT or SIGTERM has stopped the bot; a second signal exits at once. */
function untilSignal(bot: Bot, log: Logger): Promise<void> {
  return new Promise<void>((resolve) => {
    let stopping = false;
    const shutdown = (signal: NodeJS.Signals) => {
      if (stopping) {
        log.warn('second signal: exiting now', { signal });
        process.exit(EXIT.interrupted);
      }
      stopping = true;
      log.info('shutting down', { signal });
      bot.stop().then(resolve, (error: unknown) => {
        log.error('shutdown failed', { error });
        resolve();
      });
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  });
}

/** Nothing fails silently: stray rejections are logged; an uncaught exception ends the process. */
function watchProcess(log: Logger): void {
  process.on('unhandledRejection', (reason) => log.error('unhandled promise rejection', { error: reason }));
  process.on('uncaughtException', (error) => {
    log.error('uncaught exception', { error });
    log.error(REPORT_BUG);
    process.exit(EXIT.bug);
  });
}
