import { REST, Routes, type APIApplication } from 'discord.js';
import type { Config } from '../config.ts';
import { NewsdeskError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { discordUnreachable, tokenRejected } from '../net-errors.ts';
import { commandData } from './commands/index.ts';
import { registerCommands } from './register.ts';

/** What `deploy-commands` did. */
export interface DeployResult {
  scope: 'guild' | 'global';
  updated: boolean;
  count: number;
}

/**
 * Registers the bot's slash commands (the list the bot itself uses) over REST, at
 * `config.discord.apiUrl` when set. The application id comes from DISCORD_CLIENT_ID or from
 * `GET /applications/@me`. Throws NewsdeskError `CONFIG_INVALID` without a token,
 * `TOKEN_REJECTED` when Discord rejects it, `DISCORD_UNREACHABLE` or `DISCORD_HOST_UNKNOWN` when
 * it cannot be reached.
 */
export async function deployCommands(config: Config, log: Logger, options: { force?: boolean } = {}): Promise<DeployResult> {
  const token = config.discord.token;
  if (!token) {
    throw new NewsdeskError('CONFIG_INVALID', 'DISCORD_TOKEN: is not set; put the bot token in .env (see .env.example) to register commands.');
  }
  const rest = new REST(config.discord.apiUrl ? { api: config.discord.apiUrl } : {}).setToken(token);
  try {
    const applicationId = config.discord.clientId ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
    const commands = commandData();
    const result = await registerCommands({ rest, applicationId, guildId: config.discord.guildId, commands, log, ...(options.force !== undefined && { force: options.force }) });
    return { ...result, count: commands.length };
  } catch (error) {
    if ((error as { status?: unknown }).status === 401) {
      throw tokenRejected('Discord rejected this token', error);
    }
    throw discordUnreachable(error, config.discord.apiUrl) ?? error;
  } finally {
    // Without this the REST manager's sweepers keep a short-lived CLI process alive.
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
