import { startBot, type Bot } from './bot/bot.ts';
import { runChat } from './cli/chat.ts';
import { loadConfigOrReport } from './cli/run.ts';
import { CONFIG_EXIT_CODE, isNewsdeskError } from './errors.ts';
import { openDesk } from './local-desk.ts';
import { createLogger, type Logger } from './log.ts';

/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise a local chat in the
 * terminal. Only this file prints fatal errors and chooses the exit code.
 */
async function main(): Promise<number> {
  const config = loadConfigOrReport();
  if (config === null) return CONFIG_EXIT_CODE;
  const log = createLogger({ level: config.logLevel, secrets: [config.discord.token] });
  watchProcess(log);

  if (config.discord.token === null && !process.stdin.isTTY) {
    log.error('DISCORD_TOKEN is not set. Put the bot token in .env (see .env.example), or run npm start in a terminal for the local chat.');
    return CONFIG_EXIT_CODE;
  }

  let bot: Bot | null = null;
  try {
    // The first start builds the index, so a newcomer's first question has something to search.
    const desk = await openDesk(config, log, { buildIfMissing: true });
    if (config.discord.token === null) {
      await runChat({ desk, log });
      return 0;
    }
    bot = await startBot({ config, desk, log });
    const running = bot;
    await new Promise<void>((resolve) => {
      let stopping = false;
      const shutdown = (signal: NodeJS.Signals) => {
        if (stopping) {
          log.warn('second signal: exiting now', { signal });
          process.exit(130);
        }
        stopping = true;
        log.info('shutting down', { signal });
        running.stop().then(resolve, (error: unknown) => {
          log.error('shutdown failed', { error });
          resolve();
        });
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    });
    return 0;
  } catch (error) {
    // An expected failure is its message; only a bug needs the stack.
    if (isNewsdeskError(error)) log.error(error.message, { code: error.code });
    else log.error('Newsdesk could not start', { error });
    await bot?.stop().catch(() => undefined);
    return isNewsdeskError(error, 'CONFIG_INVALID') ? CONFIG_EXIT_CODE : 1;
  }
}

/** Nothing fails silently: stray rejections are logged; an uncaught exception ends the process. */
function watchProcess(log: Logger): void {
  process.on('unhandledRejection', (reason) => log.error('unhandled promise rejection', { error: reason }));
  process.on('uncaughtException', (error) => {
    log.error('uncaught exception', { error });
    process.exit(1);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
