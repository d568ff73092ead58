import { deployCommands } from '../bot/deploy.ts';
import { CONFIG_EXIT_CODE, isNewsdeskError } from '../errors.ts';
import { createLogger } from '../log.ts';
import { loadConfigOrReport } from './run.ts';

/**
 * `npm run deploy-commands [-- --force]`: registers the slash commands in DISCORD_GUILD_ID, or
 * globally; only when they changed, unless `--force`.
 */
async function main(): Promise<number> {
  const config = loadConfigOrReport();
  if (config === null) return CONFIG_EXIT_CODE;
  const log = createLogger({ level: config.logLevel, secrets: [config.discord.token] });
  try {
    const result = await deployCommands(config, log, { force: process.argv.includes('--force') });
    const where = result.scope === 'guild' ? `in guild ${config.discord.guildId}` : 'globally (they can take up to an hour to appear)';
    process.stdout.write(`${result.updated ? 'Registered' : 'Already up to date:'} ${result.count} commands ${where}.\n`);
    return 0;
  } catch (error) {
    if (isNewsdeskError(error)) log.error(error.message);
    else log.error('could not register commands', { error });
    return isNewsdeskError(error, 'CONFIG_INVALID') ? CONFIG_EXIT_CODE : 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
