import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../src/bot/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { OfflineEmbedder } from '../../src/embed/offline-embedder.ts';
import { openDesk } from '../../src/local-desk.ts';
import { ids, startDiscordServer, type DiscordTestServer } from '../discord/server.ts';
import { memoryLogger, TOKEN } from './harness.ts';

// /ask and /search with since, until and outlet, through the real desk over the seed articles
// (one of them undated, four outlets), with each vector store.

const SEEDS = path.resolve(import.meta.dirname, '../../corpus');
const QUESTION = 'Where are Witkoff and Kushner meeting Rustem Umerov?';
/** Its answer, in Business Standard's article of 2025-12-04. */
const ANSWER = 'in Miami for further talks';

describe.each(['vectra', 'flat'] as const)('GIVEN the seed articles in the %s store', (store) => {
  let folder: string;
  let server: DiscordTestServer;
  let bot: Bot;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'newsdesk-filters-'));
    await cp(SEEDS, path.join(folder, 'corpus'), { recursive: true });
    server = await startDiscordServer({ token: TOKEN });
    const config = loadConfig(
      { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: server.apiUrl, DISCORD_GUILD_ID: ids.guild, ASK_COOLDOWN_SECONDS: '0', EMBEDDER: 'offline', VECTOR_STORE: store },
      folder,
    );
    const log = memoryLogger([]);
    const desk = await openDesk(config, log, { buildIfMissing: true, buildEmbedder: new OfflineEmbedder() });
    expect((await desk.status()).articles).toBe(5);
    bot = await startBot({ config, desk, log, readyTimeoutMs: 5000, drainMs: 500 });
  });

  afterAll(async () => {
    await bot?.stop();
    await server?.close();
    await rm(folder, { recursive: true, force: true });
  });

  const ask = async (options: Record<string, string>) => {
    const handle = server.dispatchCommand('ask', { question: QUESTION, ...options });
    return ((await server.waitForEdit(handle)).body as { content: string }).content;
  };

  it('THEN /ask with a span and part of an outlet\'s name that hold the answer quotes it', async () => {
    const content = await ask({ since: '2025-12', until: '2025-12-31', outlet: 'business' });
    expect(content).toContain(ANSWER);
    expect(content).toContain('Business Standard');
  });

  it('THEN /ask with a span before the answer\'s article, or another outlet, never quotes that article', async () => {
    for (const options of [{ until: '2025-11-30' }, { outlet: 'Hindustan Times' }, { since: '2026' }] as Record<string, string>[]) {
      const content = await ask(options);
      expect(content).not.toContain(ANSWER);
      expect(content).not.toContain('Business Standard');
    }
  });

  it('THEN /search with an outlet shows only that outlet\'s passages', async () => {
    const handle = server.dispatchCommand('search', { query: 'Putin talks', outlet: 'hindustan times' });
    const body = (await server.waitForEdit(handle)).body as { content?: string; embeds?: { description?: string; fields?: unknown }[] };
    const text = JSON.stringify(body);
    expect(text).toContain('Hindustan Times');
    for (const other of ['Business Standard', 'mid-day', 'News Snap Circle']) expect(text).not.toContain(other);
  });

  it('THEN a date that is none, or an outlet no article has, is answered with what to fix', async () => {
    expect(await ask({ since: '2025-13' })).toMatch(/^since: "2025-13" is not a date; write it as YYYY-MM-DD/u);
    expect(await ask({ outlet: 'Le Monde' })).toMatch(/^outlet: no article is from "Le Monde"; outlets in the index include Business Standard, Hindustan Times/u);
    expect(await ask({ since: '2025-12-05', until: '2025-12-01' })).toContain('swap them');
  });

  it('THEN the outlet option autocompletes from the index\'s outlets, those starting with the text first', async () => {
    const callback = await server.waitForCallback(server.dispatchAutocomplete('ask', 'outlet', 'n', { question: QUESTION }));
    const choices = (callback.body as { data: { choices: { name: string; value: string }[] } }).data.choices;
    expect(choices.map((choice) => choice.value)).toEqual(['News Snap Circle', 'Business Standard', 'Hindustan Times']);
  });
});
