import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../src/bot/bot.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { OfflineEmbedder } from '../src/embed/offline-embedder.ts';
import { isNewsdeskError } from '../src/errors.ts';
import { openDesk } from '../src/local-desk.ts';
import { startUnattended, type Unattended } from '../src/unattended.ts';
import { memoryLogger, TOKEN } from './bot/harness.ts';
import { ids, startDiscordServer, type DiscordTestServer } from './discord/server.ts';
import { generatedArticle, makeTempDir, removeTempDirs, writeFiles } from './fixtures/core/fakes.ts';

let server: DiscordTestServer | null = null;
let bot: Bot | null = null;
let unattended: Unattended | null = null;

afterEach(async () => {
  await unattended?.stop();
  await bot?.stop();
  await server?.close();
  unattended = bot = server = null;
  await removeTempDirs();
});

async function setup(env: Record<string, string> = {}): Promise<{ config: Config; root: string }> {
  const root = await makeTempDir('newsdesk-unattended-');
  await writeFiles(path.join(root, 'corpus'), { 'a.txt': generatedArticle(1) });
  server = await startDiscordServer({ token: TOKEN });
  const config = loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: server.apiUrl, DISCORD_GUILD_ID: ids.guild, EMBEDDER: 'offline', ...env }, root);
  // Any free port on loopback, as HEALTH_PORT would give a fixed one.
  return { config: { ...config, health: { host: '127.0.0.1', port: 0 } }, root };
}

const healthz = async (port: number) => {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('startUnattended: /healthz', () => {
  it('GIVEN the bot before login, connected, and disconnected THEN 503, 200 with the index, 503', async () => {
    const { config } = await setup();
    const log = memoryLogger([]);
    const desk = await openDesk(config, log, { buildIfMissing: true, buildEmbedder: new OfflineEmbedder() });
    let connected = () => false;
    unattended = await startUnattended(config, desk, log, () => connected());
    const port = unattended.healthPort!;
    expect((await healthz(port)).status).toBe(503);

    bot = await startBot({ config, desk, log, readyTimeoutMs: 20_000, drainMs: 200 });
    connected = () => bot!.connected();
    const up = await healthz(port);
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ ok: true, connected: true, index: { articles: 1, version: expect.stringMatching(/^v/) } });

    server!.closeGatewaySessions(4004, 'Authentication failed.');
    // However long the bot takes to see the close, the test's timeout is the only limit.
    while (bot.connected()) await new Promise((resolve) => setTimeout(resolve, 20));
    const down = await healthz(port);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ok: false, connected: false });
  });

  it('GIVEN the default configuration THEN it listens on loopback only, and HEALTH_PORT is off', async () => {
    expect(loadConfig({}, '/tmp').health).toBeNull();
    expect(loadConfig({ HEALTH_PORT: '8080' }, '/tmp').health).toEqual({ host: '127.0.0.1', port: 8080 });
    const { config } = await setup();
    const log = memoryLogger([]);
    const desk = await openDesk(config, log, { buildEmbedder: new OfflineEmbedder() });
    unattended = await startUnattended(config, desk, log, () => true);
    expect(unattended.healthPort).toBeGreaterThan(0);
  });

  it('GIVEN a port already in use THEN a configuration error naming HEALTH_PORT', async () => {
    const { config } = await setup();
    const log = memoryLogger([]);
    const desk = await openDesk(config, log, { buildEmbedder: new OfflineEmbedder() });
    unattended = await startUnattended(config, desk, log, () => true);
    const error = await startUnattended({ ...config, health: { host: '127.0.0.1', port: unattended.healthPort! } }, desk, log, () => true).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toContain('HEALTH_PORT');
  });
});
