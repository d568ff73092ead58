import { deployCommands } from '../bot/deploy.ts';
import { loadConfigFromEnvFile } from '../config.ts';
import { createLogger } from '../log.ts';
import { runCommand } from './run.ts';

runCommand({
  name: 'npm run deploy-commands',
  summary: `Registers the slash commands (the list the bot itself uses) in DISCORD_GUILD_ID, or globally;
only when they changed. The bot does this at startup too.`,
  flags: {
    force: { type: 'boolean', help: 'register them even when nothing changed' },
  },
  async run({ values, reportTo }) {
    const config = loadConfigFromEnvFile();
    const log = createLogger({ level: config.logLevel, secrets: [config.discord.token] });
    reportTo(log);
    const result = await deployCommands(config, log, { force: values.force });
    const where = result.scope === 'guild' ? `in guild ${config.discord.guildId}` : 'globally (they can take up to an hour to appear)';
    process.stdout.write(`${result.updated ? 'Registered' : 'Already up to date:'} ${result.count} commands ${where}.\n`);
  },
});
