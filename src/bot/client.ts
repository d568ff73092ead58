import { Client, GatewayIntentBits, Options, type ClientOptions } from 'discord.js';
import type { Config } from '../config.ts';

export interface ClientFlags {
  /**
   * Ask for the privileged Message Content intent: needed to read messages in ASK_CHANNEL_IDS.
   * Mentions of the bot carry their content without it. It must also be enabled in the
   * developer portal (Bot > Privileged Gateway Intents), or Discord closes with 4014.
   */
  messageContent: boolean;
  /** Extra client options, merged last (tests shorten timeouts here). */
  overrides?: Partial<ClientOptions>;
}

/**
 * The discord.js client. Mentions are disabled client-wide, so no quote of scraped text can ping
 * anyone. With `config.discord.apiUrl`, REST goes to that server and the gateway URL is whatever
 * its `GET /gateway/bot` returns.
 */
export function createClient(config: Config, flags: ClientFlags): Client {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];
  if (flags.messageContent) intents.push(GatewayIntentBits.MessageContent);
  return new Client({
    intents,
    allowedMentions: { parse: [], repliedUser: false },
    // A question deleted while being answered still gets its answer, just not as a reply.
    failIfNotExists: false,
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 50 }),
    ...(config.discord.apiUrl !== null && { rest: { api: config.discord.apiUrl } }),
    ...flags.overrides,
  });
}
