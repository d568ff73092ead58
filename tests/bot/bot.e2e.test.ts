import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../src/answer/answer.ts';
import { NOT_FOUND } from '../../src/answer/render.ts';
import { startBot } from '../../src/bot/bot.ts';
import { NOT_MODERATOR } from '../../src/bot/gates.ts';
import { GENERIC_ERROR } from '../../src/bot/errors.ts';
import { MENTION_HINT } from '../../src/bot/messages.ts';
import { isNewsdeskError } from '../../src/errors.ts';
import { ids, MANAGE_GUILD, MEMBER_PERMISSIONS, startDiscordServer, users, type DiscordTestServer, type InteractionHandle } from '../discord/server.ts';
import { ARTICLES, FakeDesk, makeArticle, sourceOf, chunksOf } from './fake-desk.ts';
import { memoryLogger, messageBodies, startHarness, testConfig, TOKEN, type Harness } from './harness.ts';

const QUOTE = 'The central bank kept its key lending rate unchanged at 6.5 per cent on Monday.';
const SOURCE_LINE = '[1] Central bank holds rates at 6.5% — Hindustan Times (PTI), 2025-11-03 · business/001';

let harness: Harness | null = null;
const servers: DiscordTestServer[] = [];

afterEach(async () => {
  const h = harness;
  harness = null;
  if (h) {
    // Whatever the test did: nothing the bot sent may ping, and the token never reaches the log.
    for (const { request, message } of messageBodies(h.server)) {
      expect(message.allowed_mentions, `${request.method} ${request.path}`).toEqual({ parse: [], replied_user: false });
    }
    expect(h.logs.join('')).not.toContain(TOKEN);
    await h.close();
  }
  for (const server of servers.splice(0)) await server.close();
});

async function start(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  harness = await startHarness(options);
  return harness;
}

const messagesPath = (channel: string) => `/channels/${channel}/messages`;
const isPost = (path: string) => (r: { method: string; path: string }) => r.method === 'POST' && r.path === path;

async function edited(server: DiscordTestServer, handle: InteractionHandle, n = 0): Promise<Record<string, any>> {
  return (await server.waitForEdit(handle, n)).body as Record<string, any>;
}

describe('GIVEN a bot connected to the test server', () => {
  it('THEN it identifies with JSON encoding, asks for Message Content when ask channels are set, and registers commands once', async () => {
    const { server } = await start();
    expect(server.gatewayQueries).toEqual(['v=10&encoding=json']);
    const intents = server.identifies[0]?.intents as number;
    expect(intents & 1).toBe(1); // Guilds
    expect(intents & (1 << 9)).toBe(1 << 9); // GuildMessages
    expect(intents & (1 << 15)).toBe(1 << 15); // MessageContent
    const puts = server.find((r) => r.method === 'PUT');
    expect(puts.map((r) => r.path)).toEqual([`/applications/${ids.application}/guilds/${ids.guild}/commands`]);
    expect((puts[0]?.body as { name: string }[]).map((c) => c.name)).toEqual(['ask', 'search', 'sources', 'source', 'status', 'refresh', 'add', 'remove', 'feedback']);
    const refresh = (puts[0]?.body as Record<string, any>[]).find((c) => c.name === 'refresh');
    expect(refresh?.default_member_permissions).toBe(MANAGE_GUILD.toString());
  });

  it('THEN a restart against unchanged commands only reads them (no PUT)', async () => {
    const server = await startDiscordServer({ token: TOKEN });
    servers.push(server);
    const first = await startHarness({ reuse: server });
    await first.close();
    const mark = server.requests.length;
    harness = await startHarness({ reuse: server });
    const after = server.requests.slice(mark).map((r) => `${r.method} ${r.path}`);
    expect(after).toContain(`GET /applications/${ids.application}/guilds/${ids.guild}/commands`);
    expect(after.some((line) => line.startsWith('PUT'))).toBe(false);
  });

  it('THEN without ask channels it does not ask for the privileged Message Content intent', async () => {
    const { server } = await start({ env: { ASK_CHANNEL_IDS: '' } });
    expect((server.identifies[0]?.intents as number) & (1 << 15)).toBe(0);
  });
});

describe('GIVEN a message that mentions the bot', () => {
  it('THEN it shows typing and replies to that message with the quote and its source', async () => {
    const { server } = await start();
    const question = server.dispatchMessage({ content: `<@${ids.bot}> what rate did the central bank hold?` });
    const reply = await server.waitForRequest(isPost(messagesPath(ids.general)));
    expect(server.find(isPost(`/channels/${ids.general}/typing`))).toHaveLength(1);
    const body = reply.body as Record<string, any>;
    expect(body.content).toContain(`> "${QUOTE}" [1]`);
    expect(body.content).toContain(SOURCE_LINE);
    expect(body.message_reference).toMatchObject({ message_id: question.id });
    expect(harness?.desk.calls.find((c) => c.method === 'ask')?.args).toEqual(['what rate did the central bank hold?']);
  });

  it('THEN in a thread the reply goes to the thread', async () => {
    const { server } = await start();
    server.dispatchMessage({ content: `<@!${ids.bot}> who won the series?`, channelId: ids.thread });
    const reply = await server.waitForRequest(isPost(messagesPath(ids.thread)));
    expect((reply.body as { content: string }).content).toContain('India won the final Test');
  });

  it('THEN a bare mention gets a hint instead of an answer', async () => {
    const { server, desk } = await start();
    server.dispatchMessage({ content: `<@${ids.bot}>` });
    const reply = await server.waitForRequest(isPost(messagesPath(ids.general)));
    expect((reply.body as { content: string }).content).toBe(MENTION_HINT);
    expect(desk.calls.filter((c) => c.method === 'ask')).toHaveLength(0);
  });
});

describe('GIVEN messages the bot must not answer or must answer without a mention', () => {
  it('THEN other bots and unmentioned messages elsewhere are ignored, ask channels are answered', async () => {
    const { server, desk } = await start();
    server.dispatchMessage({ content: `<@${ids.bot}> what rate did the central bank hold?`, author: users.otherBot });
    server.dispatchMessage({ content: 'what rate did the central bank hold?', channelId: ids.general });
    server.dispatchMessage({ content: 'who won the series?', channelId: ids.askChannel });
    const reply = await server.waitForRequest(isPost(messagesPath(ids.askChannel)));
    expect((reply.body as { content: string }).content).toContain('India won the final Test');
    expect(server.find(isPost(messagesPath(ids.general)))).toHaveLength(0);
    expect(desk.calls.filter((c) => c.method === 'ask')).toHaveLength(1);
  });

  it('THEN a second question within the cooldown is told to wait, once', async () => {
    const { server, desk } = await start({ env: { ASK_COOLDOWN_SECONDS: '60' } });
    server.dispatchMessage({ content: 'who won the series?', channelId: ids.askChannel });
    await server.waitForRequest(isPost(messagesPath(ids.askChannel)));
    server.dispatchMessage({ content: 'who praised the bowlers?', channelId: ids.askChannel });
    server.dispatchMessage({ content: 'and the captain?', channelId: ids.askChannel });
    const wait = await server.waitForRequest((r) => isPost(messagesPath(ids.askChannel))(r) && /Please wait \d+ s/.test((r.body as { content: string }).content));
    expect(wait).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.find(isPost(messagesPath(ids.askChannel)))).toHaveLength(2);
    expect(desk.calls.filter((c) => c.method === 'ask')).toHaveLength(1);
  });
});

describe('GIVEN /ask', () => {
  it('THEN it defers at once (type 5) and then edits in the answer with sources', async () => {
    const { server } = await start();
    const handle = server.dispatchCommand('ask', { question: 'what rate did the central bank hold?' });
    const callback = await server.waitForCallback(handle);
    expect(callback.body).toMatchObject({ type: 5, data: { flags: 0 } });
    const edit = await edited(server, handle);
    expect(edit.content).toContain('**Q:** what rate did the central bank hold?');
    expect(edit.content).toContain(`> "${QUOTE}" [1]`);
    expect(edit.content).toContain(SOURCE_LINE);
    const callbackIndex = server.requests.indexOf(callback);
    const editIndex = server.requests.findIndex((r) => r.method === 'PATCH');
    expect(callbackIndex).toBeLessThan(editIndex);
  });

  it('THEN a feedback file that cannot be written leaves answering intact, and is reported once', async () => {
    // A file where the feedback folder should be: every write fails (ENOTDIR), as on a read-only disk.
    const blocker = path.join(tmpdir(), `newsdesk-feedback-blocker-${process.pid}`);
    await writeFile(blocker, 'not a folder');
    try {
      const { server, logs } = await start({ env: { FEEDBACK_FILE: path.join(blocker, 'feedback.jsonl') } });
      for (const question of ['what rate did the central bank hold?', 'who won the series?']) {
        const handle = server.dispatchCommand('ask', { question });
        const edit = await edited(server, handle);
        expect(edit.content).toContain('> "');
        expect(edit.components).toBeDefined();
      }
      const handle = server.dispatchCommand('ask', { question: 'who won the series?' });
      await edited(server, handle);
      const message = server.originalMessage(handle)!;
      const vote = server.dispatchButton('vote:up', message);
      const voted = ((await server.waitForCallback(vote)).body as { data: { content: string } }).data.content;
      expect(voted).toContain('cannot be recorded');
      expect(logs.filter((line) => line.includes('Feedback cannot be written')).length).toBe(1);
    } finally {
      await rm(blocker, { force: true });
    }
  });

  it('THEN private:true defers ephemerally', async () => {
    const { server } = await start();
    const handle = server.dispatchCommand('ask', { question: 'who won the series?', private: true });
    const callback = await server.waitForCallback(handle);
    expect(callback.body).toMatchObject({ type: 5, data: { flags: 64 } });
    expect((await edited(server, handle)).content).toContain('India won');
  });

  it('THEN a question the articles do not answer is refused, naming related sources', async () => {
    const { server } = await start();
    const handle = server.dispatchCommand('ask', { question: 'what did the governor say about the weather on mars?' });
    const edit = await edited(server, handle);
    expect(edit.content).toContain(NOT_FOUND);
    expect(edit.content).toContain('Related:');
    expect(edit.content).not.toContain('> "');
  });

  it('THEN an answer longer than 2000 characters is cut between quotes with a "more sources" line', async () => {
    const desk = new FakeDesk();
    const long = makeArticle({ id: 'long/001', title: 'A long article', text: Array.from({ length: 12 }, (_, i) => `Paragraph ${i} ${'lorem ipsum dolor sit amet '.repeat(14)}end ${i}.`).join('\n') });
    desk.articlesList = [...ARTICLES, long];
    const sources = chunksOf(long).map((chunk) => sourceOf(long, chunk));
    desk.answerWith = (question): Answer => ({ question, answered: true, sources, related: [] });
    const { server } = await start({ desk });
    const handle = server.dispatchCommand('ask', { question: 'tell me everything' });
    const content = (await edited(server, handle)).content as string;
    expect(content.length).toBeLessThanOrEqual(2000);
    const shown = sources.filter((s) => content.includes(`> "${s.quote}" [1]`)).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(sources.length);
    expect(content).toContain(`…and ${sources.length - shown} more sources not shown.`);
    // Every quote line that is there is whole: it closes with its citation.
    for (const line of content.split('\n').filter((l) => l.startsWith('> "'))) expect(line).toMatch(/" \[1\]$/);
  });

  it('THEN @everyone and user mentions inside a quote ping nobody', async () => {
    const desk = new FakeDesk();
    const text = `Hello @everyone and @here, said <@${users.alice.id}> and <@&${ids.moderatorRole}>.`;
    const article = makeArticle({ id: 'pings/001', title: 'Pings', text });
    desk.articlesList = [article];
    desk.answerWith = (question) => ({ question, answered: true, sources: [sourceOf(article, chunksOf(article)[0]!)], related: [] });
    const { server } = await start({ desk });
    const handle = server.dispatchCommand('ask', { question: 'who said hello?' });
    expect((await edited(server, handle)).content).toContain('@everyone');
    server.dispatchMessage({ content: `<@${ids.bot}> who said hello?` });
    const reply = await server.waitForRequest(isPost(messagesPath(ids.general)));
    expect((reply.body as { content: string }).content).toContain(`<@${users.alice.id}>`);
    // afterEach checks allowed_mentions on every message; check these two explicitly too.
    expect((reply.body as Record<string, unknown>).allowed_mentions).toEqual({ parse: [], replied_user: false });
  });
});

describe('GIVEN /refresh', () => {
  it('THEN a member without Manage Server or a moderator role is refused, ephemerally, without refreshing', async () => {
    const { server, desk } = await start();
    const handle = server.dispatchCommand('refresh', {}, { user: users.alice, roles: [ids.memberRole] });
    const callback = await server.waitForCallback(handle);
    expect(callback.body).toMatchObject({ type: 4, data: { content: NOT_MODERATOR, flags: 64 } });
    expect(desk.calls.filter((c) => c.method === 'refresh')).toHaveLength(0);
  });

  it.each([
    ['Manage Server permission', { user: users.manager, permissions: MEMBER_PERMISSIONS | MANAGE_GUILD }],
    ['moderator role', { user: users.moderator, roles: [ids.moderatorRole] }],
  ])('THEN a member with the %s refreshes and sees the summary', async (_name, actor) => {
    const { server, desk } = await start();
    const handle = server.dispatchCommand('refresh', {}, actor);
    expect((await server.waitForCallback(handle)).body).toMatchObject({ type: 5, data: { flags: 64 } });
    const content = (await edited(server, handle)).content as string;
    expect(content).toContain('Refresh finished in 1.2 s.');
    expect(content).toContain('Added 1 · changed 0 · removed 0 · unchanged 2 · skipped 1');
    expect(content).toContain('broken.pdf: unsupported file type');
    expect(desk.calls.filter((c) => c.method === 'refresh')).toHaveLength(1);
  });

  it('THEN a second /refresh while one runs says who started it and when', async () => {
    const { server, desk } = await start();
    const release = desk.holdRefresh();
    const first = server.dispatchCommand('refresh', {}, { user: users.manager, permissions: MEMBER_PERMISSIONS | MANAGE_GUILD });
    await server.waitForCallback(first);
    const second = server.dispatchCommand('refresh', {}, { user: users.moderator, roles: [ids.moderatorRole] });
    const busy = (await edited(server, second)).content as string;
    expect(busy).toMatch(/^A refresh is already running: started by @manager \(Discord user 1100000000000000401\) <t:\d+:f> \(<t:\d+:R>\)/);
    release();
    expect((await edited(server, first)).content).toContain('Refresh finished');
  });
});

describe('GIVEN a /refresh that outlives the 15-minute interaction token', () => {
  afterEach(() => vi.useRealTimers());

  it('THEN the summary goes to the moderator by direct message instead of an edit', async () => {
    const { server, desk } = await start();
    const release = desk.holdRefresh();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const handle = server.dispatchCommand('refresh', {}, { user: users.manager, permissions: MEMBER_PERMISSIONS | MANAGE_GUILD });
    await server.waitForCallback(handle);
    vi.setSystemTime(Date.now() + 15 * 60_000);
    release();
    const dm = await server.waitForRequest((r) => r.method === 'POST' && r.path === '/users/@me/channels');
    expect(dm.body).toEqual({ recipient_id: users.manager.id });
    const sent = await server.waitForRequest((r) => r.method === 'POST' && /^\/channels\/9\d+\/messages$/.test(r.path));
    expect((sent.body as { content: string }).content).toContain('Refresh finished');
    expect(server.find((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'))).toHaveLength(0);
  });
});

describe('GIVEN /source', () => {
  it('THEN autocomplete answers with at most 25 choices, names of at most 100 characters', async () => {
    const desk = new FakeDesk();
    desk.articlesList = Array.from({ length: 60 }, (_, i) =>
      makeArticle({ id: `bulk/${String(i).padStart(3, '0')}`, title: `Budget story number ${i} ${'with a very long headline '.repeat(6)}`, text: 'Text.', published: '2025-01-01' }),
    );
    const { server } = await start({ desk });
    const handle = server.dispatchAutocomplete('source', 'article', 'budget');
    const callback = await server.waitForCallback(handle);
    const choices = (callback.body as { type: number; data: { choices: { name: string; value: string }[] } }).data.choices;
    expect((callback.body as { type: number }).type).toBe(8);
    expect(choices.length).toBe(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('THEN autocomplete ranks a title match first', async () => {
    const { server } = await start();
    const callback = await server.waitForCallback(server.dispatchAutocomplete('source', 'article', 'central'));
    expect((callback.body as { data: { choices: { value: string }[] } }).data.choices[0]?.value).toBe('business/001');
  });

  it('THEN it shows the article details, and with passage the best passages inside it', async () => {
    const { server, desk } = await start();
    const handle = server.dispatchCommand('source', { article: 'business/001', passage: 'inflation tolerance' });
    const embed = (await edited(server, handle)).embeds[0] as Record<string, any>;
    expect(embed.title).toBe('Central bank holds rates at 6.5%');
    expect(embed.description).toContain(QUOTE);
    expect(embed.description).toContain('inflation was \\"within the tolerance band\\"'.replace(/\\"/g, '"'));
    expect(embed.fields.map((f: { name: string }) => f.name)).toEqual(['Outlet', 'Agency', 'Published', 'Words', 'Indexed', 'ID']);
    expect(desk.calls.find((c) => c.method === 'search')?.args).toEqual(['inflation tolerance', { article: 'business/001', top: 3 }]);
  });

  it('THEN an unknown article is explained', async () => {
    const { server } = await start();
    const handle = server.dispatchCommand('source', { article: 'nope/404' });
    expect((await edited(server, handle)).content).toContain('There is no article "nope/404"');
  });
});

describe('GIVEN /sources with more articles than fit on a page', () => {
  const many = () => {
    const desk = new FakeDesk();
    desk.articlesList = Array.from({ length: 25 }, (_, i) =>
      makeArticle({ id: `news/${String(i).padStart(3, '0')}`, title: `Story ${i}`, text: 'Text.', published: `2025-10-${String(i + 1).padStart(2, '0')}` }),
    );
    return desk;
  };

  it('THEN it shows page 1 with buttons; Next works for the invoker only', async () => {
    const { server } = await start({ desk: many() });
    const handle = server.dispatchCommand('sources', {});
    const edit = await edited(server, handle);
    expect(edit.embeds[0].footer.text).toBe('Page 1 of 3');
    expect(edit.embeds[0].description.split('\n')[0]).toContain('Story 24'); // newest first
    const [previous, next] = edit.components[0].components as { custom_id: string; disabled: boolean }[];
    expect(previous?.disabled).toBe(true);
    expect(next?.disabled).toBe(false);

    const message = server.originalMessage(handle)!;
    const stranger = server.dispatchButton(next!.custom_id, message, { user: users.manager });
    expect((await server.waitForCallback(stranger)).body).toMatchObject({ type: 4, data: { flags: 64 } });

    const click = server.dispatchButton(next!.custom_id, message, { user: users.alice });
    const update = (await server.waitForCallback(click)).body as Record<string, any>;
    expect(update.type).toBe(7);
    expect(update.data.embeds[0].footer.text).toBe('Page 2 of 3');
    expect(update.data.components[0].components[0].disabled).toBe(false);
  });

  it('THEN the buttons expire: they are removed and later clicks are told so', async () => {
    const { server } = await start({ desk: many(), pageTtlMs: 150 });
    const handle = server.dispatchCommand('sources', {});
    const first = await edited(server, handle);
    const removal = await edited(server, handle, 1);
    expect(removal.components).toEqual([]);
    const click = server.dispatchButton(first.components[0].components[1].custom_id, server.originalMessage(handle)!);
    const answer = (await server.waitForCallback(click)).body as Record<string, any>;
    expect(answer).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(answer.data.content).toContain('expired');
  });

  it('THEN a filter narrows the list and one page has no buttons', async () => {
    const { server } = await start({ desk: many() });
    const handle = server.dispatchCommand('sources', { filter: 'story 2' });
    const edit = await edited(server, handle);
    expect(edit.embeds[0].title).toBe('Articles matching "story 2" (6)');
    expect(edit.components).toEqual([]);
  });
});

describe('GIVEN /search and /status', () => {
  it('THEN /search lists passages with sources in an embed', async () => {
    const { server } = await start();
    const handle = server.dispatchCommand('search', { query: 'battery recycling' });
    const embed = (await edited(server, handle)).embeds[0] as Record<string, any>;
    expect(embed.title).toBe('Search: battery recycling');
    expect(embed.description).toContain('[1] Startup raises $20 million for battery recycling — IANS, by Asha Rao, undated · tech/007');
  });

  it('THEN /status reports articles, chunks, the embedder and whether it is the offline fallback', async () => {
    const { server } = await start();
    const handle = server.dispatchCommand('status', {});
    const fields = (await edited(server, handle)).embeds[0].fields as { name: string; value: string }[];
    const value = (name: string) => fields.find((f) => f.name === name)?.value;
    expect(value('Articles')).toBe('3');
    expect(value('Chunks')).toBe('7');
    expect(value('Embedder')).toBe('offline:hashing-v1 (offline fallback)');
    expect(value('Last refresh')).toMatch(/^<t:\d+:f>/);
    expect(value('Uptime')).toMatch(/^\d+ s$/);
  });
});

describe('GIVEN failures', () => {
  it('THEN an unexpected error is logged with its stack and the user gets a generic message', async () => {
    const desk = new FakeDesk();
    desk.answerWith = () => {
      throw new Error('database on fire');
    };
    const { server, logs } = await start({ desk });
    const handle = server.dispatchCommand('ask', { question: 'who won the series?' });
    expect((await edited(server, handle)).content).toBe(GENERIC_ERROR);
    const record = logs.map((line) => JSON.parse(line) as Record<string, any>).find((r) => r.msg === 'unexpected error');
    expect(record?.error.stack).toContain('database on fire');
    expect(record?.command).toBe('ask');
  });

  it('THEN a NewsdeskError is shown with its user message', async () => {
    const { server } = await start();
    const handle = server.dispatchCommand('ask', { question: '???' });
    expect((await edited(server, handle)).content).toBe('Please ask a question in words.');
  });

  it('THEN an interaction Discord already forgot (10062) is logged, not retried', async () => {
    const { server, logs } = await start();
    server.override((r) => (r.path.endsWith('/callback') ? { status: 404, body: { message: 'Unknown interaction', code: 10062 } } : undefined));
    const handle = server.dispatchCommand('ask', { question: 'who won the series?' });
    await server.waitForCallback(handle);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.find((r) => r.path.includes(handle.token))).toHaveLength(1);
    expect(logs.some((line) => line.includes('interaction expired or was answered elsewhere'))).toBe(true);
  });

  it('THEN a rejected token fails startup with an error naming DISCORD_TOKEN, and is never logged', async () => {
    const server = await startDiscordServer({ token: 'another-token-entirely' });
    servers.push(server);
    const logs: string[] = [];
    const error = await startBot({ config: testConfig(server), desk: new FakeDesk(), log: memoryLogger(logs), readyTimeoutMs: 3000 }).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'TOKEN_REJECTED')).toBe(true);
    expect((error as Error).message).toMatch(/^DISCORD_TOKEN:/);
    expect(logs.join('')).not.toContain(TOKEN);
  });

  it.each([
    ['a host name that does not resolve', 'ENOTFOUND', 'DISCORD_HOST_UNKNOWN', /does not resolve \(ENOTFOUND\)/],
    ['a network with no route to Discord', 'ENETUNREACH', 'DISCORD_UNREACHABLE', /^Discord cannot be reached at .* \(ENETUNREACH\)/],
  ] as const)('THEN %s fails startup with %s... one error saying to check the network', async (_name, errno, code, message) => {
    const server = await startDiscordServer({ token: TOKEN });
    servers.push(server);
    // What undici throws when the lookup or the connection fails, without touching a network.
    const unreachable = () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error(`getaddrinfo ${errno} discord.com`), { code: errno }) }));
    const logs: string[] = [];
    const error = await startBot({ config: testConfig(server), desk: new FakeDesk(), log: memoryLogger(logs), readyTimeoutMs: 3000, clientOptions: { rest: { api: server.apiUrl, makeRequest: unreachable } } }).catch((e: unknown) => e);
    expect(isNewsdeskError(error, code)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain('DISCORD_API_URL');
    expect(logs.join('')).not.toContain('disconnected from Discord');
  });

  it('THEN a refused Message Content intent (4014) fails startup naming ASK_CHANNEL_IDS', async () => {
    const server = await startDiscordServer({ closeOnIdentify: 4014 });
    servers.push(server);
    const error = await startBot({ config: testConfig(server), desk: new FakeDesk(), log: memoryLogger([]), readyTimeoutMs: 3000 }).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/^ASK_CHANNEL_IDS:.*4014/);
  });
});
