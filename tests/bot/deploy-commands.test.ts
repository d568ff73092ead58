import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { deployCommands } from '../../src/bot/deploy.ts';
import { isNewsdeskError } from '../../src/errors.ts';
import { ids, startDiscordServer, type DiscordTestServer } from '../discord/server.ts';
import { memoryLogger, testConfig, TOKEN } from './harness.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('deployCommands', () => {
  let server: DiscordTestServer;
  beforeEach(async () => {
    server = await startDiscordServer({ token: TOKEN });
  });
  afterEach(async () => {
    await server.close();
  });

  it('GIVEN DISCORD_API_URL and a guild THEN it learns the app id, registers there, then finds them up to date', async () => {
    const config = testConfig(server);
    const logs: string[] = [];
    expect(await deployCommands(config, memoryLogger(logs))).toEqual({ scope: 'guild', updated: true, count: 9 });
    expect(server.find((r) => r.method === 'GET' && r.path === '/applications/@me')).toHaveLength(1);
    expect(server.commands.get(ids.guild)?.map((c) => c.name)).toEqual(['ask', 'search', 'sources', 'source', 'status', 'refresh', 'add', 'remove', 'feedback']);
    expect(await deployCommands(config, memoryLogger(logs))).toEqual({ scope: 'guild', updated: false, count: 9 });
    expect(server.find((r) => r.method === 'PUT')).toHaveLength(1);
    expect(logs.join('')).not.toContain(TOKEN);
  });

  it('GIVEN --force and no guild THEN global commands are overwritten without reading them', async () => {
    const config = testConfig(server, { DISCORD_GUILD_ID: '', DISCORD_CLIENT_ID: ids.application });
    expect(await deployCommands(config, memoryLogger([]), { force: true })).toEqual({ scope: 'global', updated: true, count: 9 });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /applications/${ids.application}/commands`]);
  });

  it.each([
    ['no token', { DISCORD_TOKEN: '' }, 'CONFIG_INVALID', /^DISCORD_TOKEN: is not set/],
    ['a token Discord rejects', { DISCORD_TOKEN: 'wrong-token-value' }, 'TOKEN_REJECTED', /^DISCORD_TOKEN: Discord rejected this token/],
  ] as const)('GIVEN %s THEN %s naming DISCORD_TOKEN', async (_name, env, code, message) => {
    const error = await deployCommands(testConfig(server, env), memoryLogger([])).catch((e: unknown) => e);
    expect(isNewsdeskError(error, code)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});

describe('npm run deploy-commands', () => {
  it('GIVEN no token THEN the script exits with the configuration status (78) naming DISCORD_TOKEN', { timeout: 20_000 }, async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'newsdesk-deploy-'));
    onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'src/cli/deploy-commands.ts')], {
        // An empty folder and a bare environment, so a developer's .env cannot leak in.
        cwd,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('DISCORD_TOKEN: is not set');
  });
});
