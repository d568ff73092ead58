import { REST, Routes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ids, startDiscordServer, type DiscordTestServer } from './server.ts';

const TOKEN = 'server-self-test-token';

describe('the Discord test server', () => {
  let server: DiscordTestServer;
  let rest: REST;
  beforeEach(async () => {
    server = await startDiscordServer({ token: TOKEN });
    rest = new REST({ api: server.apiUrl, retries: 0 }).setToken(TOKEN);
  });
  afterEach(async () => {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
    await server.close();
  });

  it('GIVEN GET /gateway/bot THEN its own ws url', async () => {
    expect(await rest.get(Routes.gatewayBot())).toMatchObject({ url: server.gatewayUrl, shards: 1 });
  });

  it('GIVEN an unknown route THEN 404 JSON, recorded as unhandled', async () => {
    await expect(rest.get('/guilds/1/bans')).rejects.toMatchObject({ status: 404 });
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/guilds/1/bans', status: 404, unhandled: true });
  });

  it('GIVEN a wrong token THEN 401', async () => {
    const other = new REST({ api: server.apiUrl, retries: 0 }).setToken('nope');
    await expect(other.get(Routes.user())).rejects.toMatchObject({ status: 401 });
    other.clearHashSweeper();
    other.clearHandlerSweeper();
  });

  it('GIVEN a multipart message with a file THEN payload_json is the recorded body and the file is listed', async () => {
    await rest.post(Routes.channelMessages(ids.general), {
      body: { content: 'with file' },
      files: [{ name: 'a.txt', data: Buffer.from('hello') }],
    });
    const request = server.requests.at(-1)!;
    expect(request.body).toEqual({ content: 'with file' });
    expect(request.files).toEqual([{ field: 'files[0]', filename: 'a.txt', size: 5 }]);
  });

  it('GIVEN an interaction THEN callback, original edits, GET @original and follow-ups behave like Discord', async () => {
    const handle = server.dispatchCommand('ask', { question: 'q' });
    const callback = Routes.interactionCallback(handle.id, handle.token);
    await rest.post(callback, { body: { type: 5, data: { flags: 64 } }, auth: false });
    await expect(rest.post(callback, { body: { type: 5 }, auth: false })).rejects.toMatchObject({ code: 40060 });
    await rest.patch(Routes.webhookMessage(ids.application, handle.token, '@original'), { body: { content: 'edited' }, auth: false });
    expect(await rest.get(Routes.webhookMessage(ids.application, handle.token, '@original'), { auth: false })).toMatchObject({ content: 'edited', flags: 64 | 128 });
    const followUp = (await rest.post(Routes.webhook(ids.application, handle.token), { body: { content: 'more' }, auth: false })) as { id: string };
    expect(server.messages.get(followUp.id)).toMatchObject({ content: 'more' });
    expect(server.originalMessage(handle)).toMatchObject({ content: 'edited' });
  });

  it('GIVEN an unknown interaction token THEN 10062', async () => {
    await expect(rest.post(Routes.interactionCallback('1', 'nope'), { body: { type: 5 }, auth: false })).rejects.toMatchObject({ code: 10062 });
  });

  it('GIVEN waitForRequest before the request THEN it resolves when it arrives; without one it times out with the recent requests', async () => {
    const waiting = server.waitForRequest((r) => r.path === '/users/@me');
    await rest.get(Routes.user());
    expect((await waiting).method).toBe('GET');
    await expect(server.waitForRequest((r) => r.path === '/never', { timeoutMs: 50 })).rejects.toThrow(/GET \/users\/@me → 200/);
  });
});
