import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBot, type Bot } from '../../src/bot/bot.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { ids, startDiscordServer, type DiscordTestServer, type RecordedRequest, type ServerOptions } from '../discord/server.ts';
import { FakeDesk } from './fake-desk.ts';

/** Looks like a bot token; must never show up in a log line. */
export const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.GtEsT1.secret-token-value_0123456789abcdefghijklmno';

export interface Harness {
  server: DiscordTestServer;
  desk: FakeDesk;
  config: Config;
  bot: Bot;
  /** Raw JSON log lines written by the bot. */
  logs: string[];
  log: Logger;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  server?: ServerOptions;
  desk?: FakeDesk;
  /** Reuse a running server (e.g. to restart the bot against the same state). */
  reuse?: DiscordTestServer;
  pageTtlMs?: number;
}

/** The configuration the bot would load from `.env`, pointed at the test server. */
export function testConfig(server: DiscordTestServer, env: Record<string, string> = {}): Config {
  // Folders resolve against this; the fake desk never touches them, so it need not exist.
  const cwd = path.join(tmpdir(), 'newsdesk-bot-unused');
  return loadConfig(
    {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: server.apiUrl,
      DISCORD_GUILD_ID: ids.guild,
      MODERATOR_ROLE_IDS: ids.moderatorRole,
      ASK_CHANNEL_IDS: ids.askChannel,
      ASK_COOLDOWN_SECONDS: '0',
      MAX_CONCURRENT_ANSWERS: '2',
      LOG_LEVEL: 'debug',
      // Each bot its own feedback file, removed with the other temp folders of the run.
      FEEDBACK_FILE: path.join(tmpdir(), `newsdesk-bot-feedback-${process.pid}`, `${randomUUID()}.jsonl`),
      ...env,
    },
    cwd,
  );
}

export function memoryLogger(lines: string[], level: Logger['level'] = 'debug'): Logger {
  return createLogger({ level, secrets: [TOKEN], format: 'json', stream: { write: (chunk: string) => lines.push(chunk) } });
}

/** A test server, a fake desk and a connected bot. Call `close()` after each test. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const server = options.reuse ?? (await startDiscordServer({ token: TOKEN, ...options.server }));
  const desk = options.desk ?? new FakeDesk();
  const config = testConfig(server, options.env);
  const logs: string[] = [];
  const log = memoryLogger(logs);
  let bot: Bot;
  try {
    bot = await startBot({ config, desk, log, readyTimeoutMs: 20_000, drainMs: 500, ...(options.pageTtlMs !== undefined && { pageTtlMs: options.pageTtlMs }) });
  } catch (error) {
    if (!options.reuse) await server.close();
    throw error;
  }
  return {
    server,
    desk,
    config,
    bot,
    logs,
    log,
    close: async () => {
      await bot.stop();
      if (!options.reuse) await server.close();
      await rm(path.dirname(config.feedbackFile), { recursive: true, force: true });
    },
  };
}

/** Requests that carry a message the bot sends or edits: they must never ping anyone. */
export function messageBodies(server: DiscordTestServer): { request: RecordedRequest; message: Record<string, any> }[] {
  const out: { request: RecordedRequest; message: Record<string, any> }[] = [];
  for (const request of server.requests) {
    const body = request.body as Record<string, any> | null;
    if (!body || typeof body !== 'object') continue;
    if (request.path.endsWith('/callback')) {
      if ((body.type === 4 || body.type === 7) && body.data) out.push({ request, message: body.data });
    } else if (
      (request.method === 'POST' && /^\/channels\/\d+\/messages$/.test(request.path)) ||
      (request.path.startsWith('/webhooks/') && (request.method === 'POST' || request.method === 'PATCH'))
    ) {
      out.push({ request, message: body });
    }
  }
  return out;
}
