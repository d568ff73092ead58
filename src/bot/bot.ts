import { DiscordjsError, DiscordjsErrorCodes, Events, GatewayCloseCodes, type Client, type ClientOptions } from 'discord.js';
import type { Config } from '../config.ts';
import type { Desk } from '../desk.ts';
import { isNewsdeskError, NewsdeskError } from '../errors.ts';
import { FeedbackFile } from '../feedback/feedback-file.ts';
import type { Logger } from '../log.ts';
import { discordUnreachable, tokenRejected } from '../net-errors.ts';
import { createClient } from './client.ts';
import { commandData, commands } from './commands/index.ts';
import type { BotContext } from './context.ts';
import { Cooldown, Limiter } from './cooldown.ts';
import { createMessageHandler } from './messages.ts';
import { Pager } from './pagination.ts';
import { registerCommands } from './register.ts';
import { routeInteraction } from './router.ts';

export interface StartBotOptions {
  config: Config;
  desk: Desk;
  log: Logger;
  /** Give up connecting after this long, in ms (default 90 s). */
  readyTimeoutMs?: number;
  /** How long page buttons stay alive without a click, in ms (default 5 min). */
  pageTtlMs?: number;
  /** Longest wait in `stop()` for answers in progress, in ms (default 5 s). */
  drainMs?: number;
  /** Extra discord.js client options, merged last. */
  clientOptions?: Partial<ClientOptions>;
}

export interface Bot {
  client: Client<true>;
  /** True while the gateway connection is up (false while it reconnects, and after stop). */
  connected(): boolean;
  /** Finishes answers in progress (up to `drainMs`), then disconnects. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Connects to Discord, registers the slash commands when they changed, and answers until
 * `stop()`. Rejects (after destroying the client) when it cannot connect, with a NewsdeskError
 * for each expected reason: `DISCORD_UNREACHABLE` or `DISCORD_HOST_UNKNOWN` (network, DNS),
 * `TOKEN_REJECTED`, or `CONFIG_INVALID` naming ASK_CHANNEL_IDS for a refused intent.
 */
export async function startBot(options: StartBotOptions): Promise<Bot> {
  const { config, desk, log } = options;
  const token = config.discord.token;
  if (!token) throw new NewsdeskError('CONFIG_INVALID', 'DISCORD_TOKEN: is empty; the bot cannot connect without it.');

  const messageContent = config.discord.askChannelIds.length > 0;
  const client = createClient(config, { messageContent, ...(options.clientOptions && { overrides: options.clientOptions }) });
  let readyAt: number | null = null;
  const pager = new Pager({ log, ...(options.pageTtlMs !== undefined && { ttlMs: options.pageTtlMs }) });
  const ctx: BotContext = {
    config,
    desk,
    log,
    cooldown: new Cooldown(config.askCooldownSeconds),
    limiter: new Limiter(config.maxConcurrentAnswers),
    pager,
    feedback: new FeedbackFile(config.feedbackFile, (message) => log.warn(message)),
    readyAt: () => readyAt,
  };

  let stopped = false;
  let connected = false;
  // Handlers in progress, so stop() can let them finish.
  const inflight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    // Handlers route their own errors; this only guards against a bug turning into an unhandled rejection.
    const settled: Promise<void> = work
      .catch((error: unknown) => log.error('handler failed', { error }))
      .finally(() => inflight.delete(settled));
    inflight.add(settled);
  };
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  const onMessage = createMessageHandler(ctx);
  client.on(Events.InteractionCreate, (interaction) => track(routeInteraction(interaction, byName, ctx)));
  client.on(Events.MessageCreate, (message) => track(onMessage(message)));
  client.on(Events.Error, (error) => log.error('discord client error', { error }));
  client.on(Events.Warn, (message) => log.warn(message));
  // Before the first connection, connect() turns these into the one error startup fails with.
  const connectionLevel = () => (readyAt === null ? 'debug' : 'warn');
  // A dropped connection is expected and retried: its stack only at LOG_LEVEL=debug.
  client.on(Events.ShardError, (error, shard) => log[connectionLevel()]('gateway connection error', { shard, error: log.level === 'debug' ? error : error.message }));
  client.on(Events.ShardDisconnect, (event, shard) => {
    connected = false;
    log[connectionLevel()]('gateway disconnected', { shard, code: event.code });
  });
  client.on(Events.ShardReady, () => (connected = !stopped));
  // discord.js reports its own shutdown as "reconnecting" too.
  client.on(Events.ShardReconnecting, (shard) => {
    connected = false;
    log[stopped ? 'debug' : 'info']('gateway reconnecting', { shard });
  });
  client.on(Events.ShardResume, (shard, replayed) => {
    connected = !stopped;
    log.info('gateway resumed', { shard, replayed });
  });
  client.rest.on('rateLimited', (info) => log.warn('rate limited by Discord', { route: info.route, retryAfterMs: info.retryAfter }));
  if (log.level === 'debug') client.on(Events.Debug, (message) => log.debug(message));

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    connected = false;
    client.removeAllListeners(Events.InteractionCreate).removeAllListeners(Events.MessageCreate);
    if (inflight.size > 0) {
      log.info('waiting for answers in progress', { count: inflight.size });
      await Promise.race([Promise.allSettled([...inflight]), delay(options.drainMs ?? 5000)]);
    }
    pager.dispose();
    await client.destroy();
    // A bot that never connected has nothing to disconnect from.
    if (readyAt !== null) log.info('disconnected from Discord');
  };

  try {
    await connect(client, token, options.readyTimeoutMs ?? 90_000, config.discord.apiUrl);
    readyAt = Date.now();
    connected = true;
    const ready = client as Client<true>;
    log.info('connected to Discord', { user: ready.user.tag, id: ready.user.id, guilds: ready.guilds.cache.size, messageContent });
    await register(ready, ctx);
    return { client: ready, connected: () => connected, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Logs in and waits for `clientReady`; fails fast on a close code that will not recover. */
async function connect(client: Client, token: string, timeoutMs: number, apiUrl: string | null): Promise<void> {
  let cleanup = () => {};
  const failed = new Promise<never>((_, reject) => {
    const onDisconnect = (event: { code: number }) => reject(disconnectError(event.code));
    const timer = setTimeout(
      () => reject(new NewsdeskError('DISCORD_UNREACHABLE', `Discord did not get ready within ${Math.round(timeoutMs / 1000)} s: its gateway could not be reached or did not answer. Check the network${apiUrl ? ' and DISCORD_API_URL' : ''}.`)),
      timeoutMs,
    );
    client.once(Events.ShardDisconnect, onDisconnect);
    cleanup = () => {
      client.off(Events.ShardDisconnect, onDisconnect);
      clearTimeout(timer);
    };
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await Promise.race([Promise.all([client.login(token), ready]), failed]);
  } catch (error) {
    if (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) {
      throw tokenRejected('Discord rejected this token', error);
    }
    if (isNewsdeskError(error)) throw error;
    throw discordUnreachable(error, apiUrl) ?? error;
  } finally {
    cleanup();
  }
}

function disconnectError(code: number): Error {
  if (code === GatewayCloseCodes.AuthenticationFailed) {
    return tokenRejected('the gateway rejected this token (close code 4004)');
  }
  if (code === GatewayCloseCodes.DisallowedIntents) {
    return new NewsdeskError(
      'CONFIG_INVALID',
      'ASK_CHANNEL_IDS: reading messages needs the Message Content intent, which Discord refused (close code 4014). ' +
        'Enable "Message Content Intent" under Bot > Privileged Gateway Intents in the developer portal, or clear ASK_CHANNEL_IDS.',
    );
  }
  return new Error(`The Discord gateway closed the connection with code ${code} and will not reconnect.`);
}

/** Registers the commands when they changed; a failure is logged, the bot keeps answering. */
async function register(client: Client<true>, ctx: BotContext): Promise<void> {
  const applicationId = ctx.config.discord.clientId ?? client.application.id;
  try {
    await registerCommands({
      rest: client.rest,
      applicationId,
      guildId: ctx.config.discord.guildId,
      commands: commandData(),
      log: ctx.log,
    });
  } catch (error) {
    ctx.log.error('could not register slash commands; run npm run deploy-commands', { applicationId, error });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
