import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../src/bot/bot.ts';
import { loadConfig } from '../../src/config.ts';
import type { Desk } from '../../src/desk.ts';
import { OfflineEmbedder } from '../../src/embed/offline-embedder.ts';
import { openDesk } from '../../src/local-desk.ts';
import { startUnattended, type Unattended } from '../../src/unattended.ts';
import { ids, MANAGE_GUILD, MEMBER_PERMISSIONS, startDiscordServer, users, type DiscordTestServer } from '../discord/server.ts';
import { memoryLogger, TOKEN } from './harness.ts';

// Moderators manage the articles from Discord, with nothing faked but Discord: attachments are
// served by a local HTTP server on 127.0.0.1, the real desk saves and refreshes.

const SEEDS = path.resolve(import.meta.dirname, '../../corpus');
const MAX_FILE_BYTES = 20_000;
const MODERATOR = { user: users.manager, permissions: MEMBER_PERMISSIONS | MANAGE_GUILD };

const HARBOUR = 'Harbour crane record set in Rotterdam\n\nThe port of Rotterdam moved 1,204 containers in one hour on Tuesday, a record for a single crane crew. The crew of eleven worked through a storm, the harbour master said.\n';
const GLACIER = 'Glacier retreat measured in Vatnaberg\n\nThe Vatnaberg glacier lost forty metres of ice this summer, researchers from the Polar Institute said on Friday. Meltwater flooded the valley road twice in August.\n';

let folder: string;
let files: Server;
let filesUrl: string;
const served = new Map<string, Buffer>();
let server: DiscordTestServer;
let bot: Bot;
let desk: Desk;
let unattended: Unattended;
const logs: string[] = [];

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'newsdesk-corpus-cmd-'));
  await cp(SEEDS, path.join(folder, 'corpus'), { recursive: true });
  files = createServer((request, response) => {
    const body = served.get(request.url ?? '');
    if (body) response.end(body);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  server = await startDiscordServer({ token: TOKEN });
  const config = loadConfig(
    {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: server.apiUrl,
      DISCORD_GUILD_ID: ids.guild,
      ASK_COOLDOWN_SECONDS: '0',
      EMBEDDER: 'offline',
      MAX_FILE_BYTES: String(MAX_FILE_BYTES),
      AUTO_REFRESH: 'true',
      AUTO_REFRESH_QUIET_SECONDS: '1',
    },
    folder,
  );
  const log = memoryLogger(logs);
  desk = await openDesk(config, log, { buildIfMissing: true, buildEmbedder: new OfflineEmbedder() });
  bot = await startBot({ config, desk, log, readyTimeoutMs: 20_000, drainMs: 500 });
  unattended = await startUnattended(config, desk, log, () => bot.connected());
});

afterAll(async () => {
  await unattended?.stop();
  await bot?.stop();
  await server?.close();
  await new Promise<void>((resolve) => files.close(() => resolve()));
  await rm(folder, { recursive: true, force: true });
});

/** An attachment as Discord would hand it over, served from the local file server. */
function attachment(filename: string, bytes: Buffer | string, size?: number) {
  const body = Buffer.from(bytes);
  const route = `/attachments/${served.size}/${encodeURIComponent(filename)}`;
  served.set(route, body);
  return { filename, url: `${filesUrl}${route}`, size: size ?? body.length };
}

/** Every file below the temp folder, relative to it, but the feedback file the bot appends to as it answers. */
async function allFiles(): Promise<string[]> {
  return (await readdir(folder, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(folder, path.join(e.parentPath, e.name)))
    .filter((file) => !file.startsWith(`feedback${path.sep}`))
    .sort();
}

async function ask(question: string): Promise<string> {
  const handle = server.dispatchCommand('ask', { question });
  return ((await server.waitForEdit(handle, 0, 15_000)).body as { content: string }).content;
}

/** Resolves once `test` holds, checking every 100 ms; fails after 15 s. */
async function until(test: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await test()); waited += 100) {
    if (waited > 15_000) throw new Error('condition not met in 15 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('GIVEN a moderator managing the articles from Discord', () => {
  it('THEN /add of a new article saves it, refreshes and makes it answerable', async () => {
    const handle = server.dispatchCommandWithAttachments('add', { file: attachment('Rotterdam crane.txt', HARBOUR) }, {}, MODERATOR);
    const reply = (await server.waitForEdit(handle, 0, 15_000)).body as { content: string; flags?: number };
    expect(reply.content).toContain('added as **Harbour crane record set in Rotterdam**');
    expect(reply.content).toContain('`rotterdam-crane`');
    expect(reply.content).toContain('Added 1');
    expect(await ask('How many containers did the Rotterdam crane crew move in one hour?')).toContain('1,204 containers in one hour');
  });

  it('THEN /add of a duplicate, a binary, an oversize file and hostile names writes nothing outside the corpus and says why', async () => {
    const before = await allFiles();
    const handle = server.dispatchCommandWithAttachments(
      'add',
      {
        file: attachment('copy.txt', HARBOUR),
        second: attachment('photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3, 0, 0, 0, 0])),
        third: attachment('huge.txt', 'word '.repeat(10_000)),
        fourth: attachment('../../evil.txt', 'Evil\n\nword '.repeat(3)),
        fifth: attachment('.hidden.txt', 'Hidden\n\nshort'),
      },
      {},
      MODERATOR,
    );
    const reply = ((await server.waitForEdit(handle, 0, 15_000)).body as { content: string }).content;
    expect(reply).toContain('same article text as rotterdam-crane');
    expect(reply).toMatch(/photo\.txt: .*binary/);
    expect(reply).toMatch(/huge\.txt: .*larger than MAX\\?_FILE\\?_BYTES/);
    expect(reply).toMatch(/evil\.txt: .*(words|article text)/);
    expect(reply).toMatch(/hidden\.txt: .*(words|article text)/);
    expect(reply).toContain('Nothing was added');
    expect(await allFiles()).toEqual(before);
  });

  it('THEN a hostile name that holds an article is saved inside the corpus folder under a plain name', async () => {
    const handle = server.dispatchCommandWithAttachments('add', { file: attachment('../../glacier.txt', GLACIER) }, {}, MODERATOR);
    const reply = ((await server.waitForEdit(handle, 0, 15_000)).body as { content: string }).content;
    expect(reply).toContain('`glacier`');
    const created = (await allFiles()).filter((file) => file.endsWith('glacier.txt'));
    expect(created).toEqual([path.join('corpus', 'glacier.txt')]);
  });

  it('THEN a member\'s /add is refused ephemerally, before anything is fetched or written', async () => {
    const before = await allFiles();
    const handle = server.dispatchCommandWithAttachments('add', { file: attachment('member.txt', GLACIER.replace('forty', 'fifty')) });
    const callback = (await server.waitForCallback(handle)).body as { type: number; data: { content: string; flags: number } };
    expect(callback.type).toBe(4);
    expect(callback.data.flags & 64).toBe(64);
    expect(await allFiles()).toEqual(before);
  });

  it('THEN /remove moves the file under .removed/ and the article stops being cited', async () => {
    const handle = server.dispatchCommand('remove', { article: 'rotterdam-crane' }, MODERATOR);
    const reply = ((await server.waitForEdit(handle, 0, 15_000)).body as { content: string }).content;
    expect(reply).toContain('Removed **Harbour crane record set in Rotterdam**');
    expect(reply).toMatch(/\.removed\/[^`]+\/rotterdam-crane\.txt/);
    expect((await allFiles()).some((file) => file.startsWith(path.join('corpus', '.removed')) && file.endsWith('rotterdam-crane.txt'))).toBe(true);
    expect(await ask('How many containers did the Rotterdam crane crew move in one hour?')).not.toContain('1,204 containers');
  });

  it('THEN with AUTO_REFRESH a file copied into the corpus folder becomes answerable without any command', async () => {
    await writeFile(path.join(folder, 'corpus', 'lighthouse.txt'), 'Lighthouse keeper retires after forty years\n\nThe keeper of the Skarholm lighthouse, Anna Lind, retired on Monday after forty years of service, the coastal authority said. Her last watch ended at dawn.\n');
    await until(async () => (await desk.ask('Who kept the Skarholm lighthouse?')).sources.some((s) => s.quote.includes('Anna Lind')));
    expect((await desk.status()).lastRefresh?.startedBy).toContain('AUTO_REFRESH');
  });

  it('THEN with AUTO_REFRESH a burst of 50 files costs at most two refreshes, and all are indexed', async () => {
    const refreshes = () => logs.filter((line) => line.includes('automatic refresh')).length;
    await until(async () => (await desk.status()).refreshing === null);
    const before = refreshes();
    // Written all at once, as a sync job would: no pause between files for a quiet period to end in.
    await Promise.all(Array.from({ length: 50 }, (_, n) => writeFile(path.join(folder, 'corpus', `burst-${n}.txt`), `Burst report ${n}\n\n${`The committee number ${n} met in hall ${n} and voted on motion ${n * 3} after a long debate about roads. `.repeat(2)}\n`)));
    await until(async () => (await desk.articles()).filter((a) => a.id.startsWith('burst-')).length === 50);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(refreshes() - before).toBeGreaterThanOrEqual(1);
    expect(refreshes() - before).toBeLessThanOrEqual(2);
  });
});
