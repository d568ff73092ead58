import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../src/bot/bot.ts';
import { loadConfig } from '../../src/config.ts';
import type { Desk } from '../../src/desk.ts';
import { OfflineEmbedder } from '../../src/embed/offline-embedder.ts';
import { foldFeedback } from '../../src/feedback/summary.ts';
import { openDesk } from '../../src/local-desk.ts';
import { ids, MANAGE_GUILD, MEMBER_PERMISSIONS, startDiscordServer, users, type DiscordTestServer } from '../discord/server.ts';
import { memoryLogger, messageBodies, TOKEN } from './harness.ts';

// The whole flow with nothing faked but Discord: the shipped seed articles are indexed by the
// real refresh, questions go through the real desk, replies through the real discord.js client.

const SEEDS = path.resolve(import.meta.dirname, '../../corpus');

let folder: string;
let server: DiscordTestServer;
let bot: Bot;
let desk: Desk;
let config: ReturnType<typeof loadConfig>;
const logs: string[] = [];

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'newsdesk-full-'));
  await cp(SEEDS, path.join(folder, 'corpus'), { recursive: true });
  server = await startDiscordServer({ token: TOKEN });
  config = loadConfig(
    { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: server.apiUrl, DISCORD_GUILD_ID: ids.guild, ASK_COOLDOWN_SECONDS: '0', EMBEDDER: 'offline' },
    folder,
  );
  const log = memoryLogger(logs);
  desk = await openDesk(config, log, { buildIfMissing: true, buildEmbedder: new OfflineEmbedder() });
  bot = await startBot({ config, desk, log, readyTimeoutMs: 20_000, drainMs: 500 });
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
  await rm(folder, { recursive: true, force: true });
});

/**
 * Resolves once the answer in message `id` is in the feedback file. It is recorded just after it
 * is sent, and a person's reply comes later than that; on a busy machine "just after" has no
 * bound worth guessing, so this waits for the record itself (the test's timeout is the limit).
 */
async function answerRecorded(id: string): Promise<void> {
  const file = path.join(folder, 'feedback', 'feedback.jsonl');
  while (!(await readFile(file, 'utf8').catch(() => '')).includes(`"message":"${id}"`)) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('GIVEN the seed articles indexed on first start', () => {
  it('THEN a mention is answered with a verbatim quote and its source', async () => {
    const question = server.dispatchMessage({ content: `<@${ids.bot}> Where are Witkoff and Kushner meeting Rustem Umerov?` });
    const reply = await server.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${ids.general}/messages`);
    const body = reply.body as { content: string; message_reference: { message_id: string } };
    expect(body.message_reference.message_id).toBe(question.id);
    expect(body.content).toContain('in Miami for further talks');
    expect(body.content).toContain("Putin calls US talks on Ukraine war 'useful' but also 'difficult work' — Business Standard (AP), 2025-12-04");
  });

  it('THEN /ask is deferred, then edited with the answer', async () => {
    const handle = server.dispatchCommand('ask', { question: 'What US-made missiles did Ukraine fire into the Bryansk region?' });
    expect(((await server.waitForCallback(handle)).body as { type: number }).type).toBe(5);
    const edit = (await server.waitForEdit(handle)).body as { content: string };
    expect(edit.content).toContain('US-made ATACMS missiles');
  });

  it('THEN a question the articles do not answer is refused, and furniture is never quoted', async () => {
    const handle = server.dispatchCommand('ask', { question: "Who won the ICC Women's World Cup 2025?" });
    const edit = (await server.waitForEdit(handle)).body as { content: string };
    expect(edit.content).toContain('I could not find this in the articles.');
    expect(edit.content).not.toContain('World Cup triumph');
  });

  it('THEN an article added to the corpus is answered after a moderator /refresh, without a restart', async () => {
    await writeFile(
      path.join(folder, 'corpus', 'harbour.txt'),
      'Harbour crane record set in Rotterdam\n\nThe port of Rotterdam moved 1,204 containers in one hour on Tuesday, a record for a single crane crew. The crew of eleven worked through a storm, the harbour master said.\n',
    );
    const before = await desk.ask('How many containers did the Rotterdam crane crew move in one hour?');
    expect(before.answered).toBe(false);
    const refresh = server.dispatchCommand('refresh', {}, { user: users.manager, permissions: MEMBER_PERMISSIONS | MANAGE_GUILD });
    const summary = (await server.waitForEdit(refresh)).body as { content: string };
    expect(summary.content).toContain('Added 1 · changed 0 · removed 0 · unchanged 5');
    const handle = server.dispatchCommand('ask', { question: 'How many containers did the Rotterdam crane crew move in one hour?' });
    const edit = (await server.waitForEdit(handle)).body as { content: string };
    expect(edit.content).toContain('1,204 containers in one hour');
  });

  it('THEN 👍 then 👎 on an answer leaves one vote, changed, acknowledged only to the voter, and the 👎 modal comment is kept', async () => {
    const handle = server.dispatchCommand('ask', { question: 'Where are Witkoff and Kushner meeting Rustem Umerov?' });
    await server.waitForEdit(handle);
    const message = server.originalMessage(handle)!;
    const row = (message.components as { components: { custom_id: string }[] }[])[0]!;
    const [up, down] = row.components.map((button) => button.custom_id).filter((id) => id.startsWith('vote:'));
    const first = server.dispatchButton(up!, message);
    const thanks = (await server.waitForCallback(first)).body as { type: number; data: { content: string; flags: number } };
    expect(thanks).toMatchObject({ type: 4, data: { content: expect.stringContaining('👍') } });
    expect(thanks.data.flags & 64).toBe(64);
    const second = server.dispatchButton(down!, message);
    const modal = (await server.waitForCallback(second)).body as { type: number; data: { custom_id: string } };
    expect(modal.type).toBe(9);
    const submit = server.dispatchModalSubmit(modal.data.custom_id, { comment: 'Wrong sentence quoted' });
    expect(((await server.waitForCallback(submit)).body as { data: { flags: number } }).data.flags & 64).toBe(64);
    const records = (await readFile(path.join(folder, 'feedback', 'feedback.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    const folded = foldFeedback(records).get(message.id as string)!;
    expect([...folded.votes.values()]).toEqual(['down']);
    expect(folded.comments).toEqual(['Wrong sentence quoted']);
  });

  it('THEN /feedback lists that 👎 with its comment to a moderator, and refuses a member ephemerally', async () => {
    const member = server.dispatchCommand('feedback', {});
    const refused = (await server.waitForCallback(member)).body as { type: number; data: { flags: number } };
    expect(refused.type).toBe(4);
    expect(refused.data.flags & 64).toBe(64);
    const handle = server.dispatchCommand('feedback', { days: 1 }, { user: users.manager, permissions: MEMBER_PERMISSIONS | MANAGE_GUILD });
    const page = (await server.waitForEdit(handle)).body as { embeds: { title: string; description: string }[] };
    expect(page.embeds[0]!.title).toBe('Feedback, last 1 day');
    expect(page.embeds[0]!.description).toMatch(/👎 1/);
    expect(page.embeds[0]!.description).toContain('Where are Witkoff and Kushner meeting Rustem Umerov?');
    expect(page.embeds[0]!.description).toContain('> Wrong sentence quoted');
  });

  it('THEN a source button shows only the clicker the article with the quoted passage marked and the sentences around it', async () => {
    const handle = server.dispatchCommand('ask', { question: 'What US-made missiles did Ukraine fire into the Bryansk region?' });
    await server.waitForEdit(handle);
    const message = server.originalMessage(handle)!;
    const buttons = (message.components as { components: { custom_id: string; label?: string }[] }[])[0]!.components;
    const first = buttons.find((button) => button.custom_id.startsWith('src:'))!;
    expect(first.label).toMatch(/^1 · /);
    const click = server.dispatchButton(first.custom_id, message, { user: users.manager });
    const reply = (await server.waitForCallback(click)).body as { type: number; data: { flags: number; embeds: { title: string; description: string }[] } };
    expect(reply.type).toBe(4);
    expect(reply.data.flags & 64).toBe(64);
    expect(reply.data.embeds[0]!.description).toMatch(/\*\*[^*]*ATACMS[^*]*\*\*/);
    expect(reply.data.embeds[0]!.title).toContain('Putin');
  });

  it('THEN a source button whose article left the index gets a short note, never a failure', async () => {
    const handle = server.dispatchCommand('ask', { question: 'What US-made missiles did Ukraine fire into the Bryansk region?' });
    await server.waitForEdit(handle);
    const message = server.originalMessage(handle)!;
    const click = server.dispatchButton('src:0:10:no/such-article', message);
    const reply = (await server.waitForCallback(click)).body as { type: number; data: { content: string; flags: number } };
    expect(reply).toMatchObject({ type: 4, data: { content: expect.stringContaining('no longer in the index') } });
    expect(reply.data.flags & 64).toBe(64);
  });

  it('THEN a reply to an answer is read as a follow-up and cites the article the earlier answer cited', async () => {
    const first = server.dispatchCommand('ask', { question: 'Why did Trump call off the Budapest meeting?' });
    await server.waitForEdit(first);
    const answer = server.originalMessage(first)!;
    expect(answer.content).toContain('Kremlin says no need to promptly prepare Putin-Trump meeting');
    await answerRecorded(String(answer.id));
    const since = server.requests.length;
    server.dispatchMessage({ content: 'What did Peskov say?', replyTo: answer });
    const reply = await server.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${ids.general}/messages`, { since });
    const body = reply.body as { content: string };
    expect(body.content).toMatch(/\[1\] Kremlin says no need to promptly prepare Putin-Trump meeting/);
  });

  it('THEN a reply that neither pings the bot nor carries the replied message is a follow-up too, the answer fetched once', async () => {
    const first = server.dispatchCommand('ask', { question: 'Why did Trump call off the Budapest meeting?' });
    await server.waitForEdit(first);
    const answer = server.originalMessage(first)!;
    await answerRecorded(String(answer.id));
    // A bot started after the answer was given has not seen it: only the reference tells.
    await bot.stop();
    bot = await startBot({ config, desk, log: memoryLogger(logs), readyTimeoutMs: 20_000, drainMs: 500 });
    const fetches = () => server.find((r) => r.method === 'GET' && r.path === `/channels/${ids.general}/messages/${answer.id}`).length;
    for (const question of ['What did Peskov say?', 'And what did he say about the summit?']) {
      const since = server.requests.length;
      const reply = server.dispatchMessage({ content: question, replyTo: answer, referencedMessage: false });
      expect(reply.mentions).toEqual([]);
      expect(reply).not.toHaveProperty('referenced_message');
      const sent = await server.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${ids.general}/messages`, { since });
      expect((sent.body as { message_reference: { message_id: string } }).message_reference.message_id).toBe(reply.id);
      expect((sent.body as { content: string }).content).toMatch(/\[1\] Kremlin says no need to promptly prepare Putin-Trump meeting/);
    }
    expect(fetches()).toBe(1);

    // A reply to someone else's message is not addressed to the bot.
    const other = server.dispatchMessage({ content: 'Anyone read the Kremlin story?', author: users.manager });
    const since = server.requests.length;
    const notForTheBot = server.dispatchMessage({ content: 'What did Peskov say?', replyTo: other, referencedMessage: false });
    // Messages are handled in the order they come; by the time a later mention is answered, the reply was passed over.
    const mention = server.dispatchMessage({ content: `<@${ids.bot}> What did Peskov say?` });
    await server.waitForRequest((r) => r.method === 'POST' && (r.body as { message_reference?: { message_id: string } } | null)?.message_reference?.message_id === mention.id, { since });
    const replies = server.requests.slice(since).map((r) => (r.body as { message_reference?: { message_id: string } } | null)?.message_reference?.message_id);
    expect(replies).not.toContain(notForTheBot.id);
  });

  it('THEN /ask with thread opens a thread on the answer, named after the question', async () => {
    const since = server.requests.length;
    const handle = server.dispatchCommand('ask', { question: 'Where are Witkoff and Kushner meeting Rustem Umerov?', thread: true });
    await server.waitForEdit(handle);
    const thread = await server.waitForRequest((r) => r.method === 'POST' && /^\/channels\/\d+\/messages\/\d+\/threads$/.test(r.path), { since });
    expect(thread.path).toContain(`/messages/${server.originalMessage(handle)!.id}/threads`);
    expect((thread.body as { name: string }).name).toBe('Where are Witkoff and Kushner meeting Rustem Umerov?');
  });

  it('THEN every answer is in the feedback file, with the asker hashed, never as a raw Discord id', async () => {
    const lines = (await readFile(path.join(folder, 'feedback', 'feedback.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((record) => /^[0-9a-f]{32}$/.test(record.user))).toBe(true);
    expect(lines.filter((record) => record.type === 'answer').length).toBeGreaterThan(2);
    expect(lines.some((record) => record.answered === false && record.refusal !== null)).toBe(true);
    expect(lines.some((record) => record.cited.length > 0)).toBe(true);
    const text = await readFile(path.join(folder, 'feedback', 'feedback.jsonl'), 'utf8');
    for (const user of Object.values(users)) expect(text).not.toContain(user.id);
  });

  it('THEN buttons on an answer given before a restart still work after it', async () => {
    const handle = server.dispatchCommand('ask', { question: 'What US-made missiles did Ukraine fire into the Bryansk region?' });
    await server.waitForEdit(handle);
    const message = server.originalMessage(handle)!;
    const ids = (message.components as { components: { custom_id: string }[] }[])[0]!.components.map((b) => b.custom_id);
    await bot.stop();
    bot = await startBot({ config, desk: await openDesk(config, memoryLogger(logs)), log: memoryLogger(logs), readyTimeoutMs: 20_000, drainMs: 500 });
    const source = server.dispatchButton(ids.find((id) => id.startsWith('src:'))!, message);
    expect(((await server.waitForCallback(source)).body as { data: { embeds: { description: string }[] } }).data.embeds[0]!.description).toContain('ATACMS');
    const up = server.dispatchButton('vote:up', message);
    expect(((await server.waitForCallback(up)).body as { data: { content: string } }).data.content).toContain('👍');
  });

  it('THEN nothing the bot sent can mention anyone', () => {
    const bodies = messageBodies(server);
    expect(bodies.length).toBeGreaterThan(0);
    for (const { message } of bodies) expect(message.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(logs.join('')).not.toContain(TOKEN);
  });
});
