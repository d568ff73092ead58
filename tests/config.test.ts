import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { checkConfigPaths, checkFolder } from '../src/config-paths.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isNewsdeskError } from '../src/errors.ts';

const CWD = path.resolve('/srv/newsdesk');
const ID = '123456789012345678';

function configError(env: Record<string, string>): unknown {
  try {
    loadConfig(env, CWD);
  } catch (error) {
    return error;
  }
  return null;
}

describe('loadConfig', () => {
  it('GIVEN an empty environment THEN every default applies, folders resolved against cwd', () => {
    expect(loadConfig({}, CWD)).toEqual({
      discord: { token: null, clientId: null, guildId: null, askChannelIds: [], moderatorRoleIds: [], apiUrl: null },
      corpusDir: path.join(CWD, 'corpus'),
      indexDir: path.join(CWD, 'index'),
      vectorStore: 'vectra',
      maxFileBytes: 5 * 1024 * 1024,
      model: { name: 'Xenova/bge-small-en-v1.5', localDir: null, cacheDir: path.join(CWD, 'models'), allowRemote: true, embedder: 'auto' },
      askCooldownSeconds: 10,
      maxConcurrentAnswers: 2,
      logLevel: 'info',
      autoRefresh: null,
      health: null,
      feedbackFile: path.join(CWD, 'feedback', 'feedback.jsonl'),
    });
  });

  it('GIVEN blank values THEN they count as unset', () => {
    expect(loadConfig({ DISCORD_TOKEN: '  ', MAX_FILE_BYTES: '', EMBEDDER: ' ', ASK_CHANNEL_IDS: ' ' }, CWD)).toEqual(loadConfig({}, CWD));
  });

  it.each([
    ['DISCORD_TOKEN', ' abc.def ', (c: ReturnType<typeof loadConfig>) => c.discord.token, 'abc.def'],
    ['DISCORD_CLIENT_ID', ID, (c: ReturnType<typeof loadConfig>) => c.discord.clientId, ID],
    ['DISCORD_GUILD_ID', '12345678901234567890', (c: ReturnType<typeof loadConfig>) => c.discord.guildId, '12345678901234567890'],
    ['ASK_CHANNEL_IDS', `${ID}, 223456789012345678  323456789012345678`, (c: ReturnType<typeof loadConfig>) => c.discord.askChannelIds, [ID, '223456789012345678', '323456789012345678']],
    ['MODERATOR_ROLE_IDS', ID, (c: ReturnType<typeof loadConfig>) => c.discord.moderatorRoleIds, [ID]],
    ['DISCORD_API_URL', 'http://127.0.0.1:8080/api//', (c: ReturnType<typeof loadConfig>) => c.discord.apiUrl, 'http://127.0.0.1:8080/api'],
    ['CORPUS_DIR', 'data/articles', (c: ReturnType<typeof loadConfig>) => c.corpusDir, path.join(CWD, 'data/articles')],
    ['INDEX_DIR', '/var/lib/newsdesk', (c: ReturnType<typeof loadConfig>) => c.indexDir, '/var/lib/newsdesk'],
    ['VECTOR_STORE', 'flat', (c: ReturnType<typeof loadConfig>) => c.vectorStore, 'flat'],
    ['MAX_FILE_BYTES', '1', (c: ReturnType<typeof loadConfig>) => c.maxFileBytes, 1],
    ['MODEL_LOCAL_DIR', 'models/local', (c: ReturnType<typeof loadConfig>) => c.model.localDir, path.join(CWD, 'models/local')],
    ['MODEL_ALLOW_REMOTE', 'No', (c: ReturnType<typeof loadConfig>) => c.model.allowRemote, false],
    ['MODEL_ALLOW_REMOTE', 'on', (c: ReturnType<typeof loadConfig>) => c.model.allowRemote, true],
    ['MODEL_ALLOW_REMOTE', '0', (c: ReturnType<typeof loadConfig>) => c.model.allowRemote, false],
    ['EMBEDDER', 'offline', (c: ReturnType<typeof loadConfig>) => c.model.embedder, 'offline'],
    ['EMBEDDING_MODEL', 'Xenova/e5-small-v2', (c: ReturnType<typeof loadConfig>) => c.model.name, 'Xenova/e5-small-v2'],
    ['ASK_COOLDOWN_SECONDS', '0', (c: ReturnType<typeof loadConfig>) => c.askCooldownSeconds, 0],
    ['MAX_CONCURRENT_ANSWERS', '64', (c: ReturnType<typeof loadConfig>) => c.maxConcurrentAnswers, 64],
    ['LOG_LEVEL', 'debug', (c: ReturnType<typeof loadConfig>) => c.logLevel, 'debug'],
  ] as const)('GIVEN %s=%j THEN it is read', (key, value, pick, expected) => {
    expect(pick(loadConfig({ [key]: value }, CWD))).toEqual(expected);
  });

  it.each([
    ['bad snowflake: letters', 'DISCORD_CLIENT_ID', 'my-bot', '"my-bot"'],
    ['bad snowflake: too short', 'DISCORD_GUILD_ID', '1234567890123456', '"1234567890123456"'],
    ['bad snowflake: too long', 'DISCORD_GUILD_ID', '123456789012345678901', '"123456789012345678901"'],
    ['bad snowflake in a list', 'ASK_CHANNEL_IDS', `${ID},general`, '"general"'],
    ['bad snowflake in roles', 'MODERATOR_ROLE_IDS', '@moderators', '"@moderators"'],
    ['bad integer: words', 'MAX_FILE_BYTES', 'five megabytes', '"five megabytes"'],
    ['bad integer: fraction', 'MAX_FILE_BYTES', '1.5', '"1.5"'],
    ['bad integer: zero below the minimum', 'MAX_FILE_BYTES', '0', '"0"'],
    ['bad integer: above the maximum', 'ASK_COOLDOWN_SECONDS', '3601', '"3601"'],
    ['bad integer: negative', 'ASK_COOLDOWN_SECONDS', '-1', '"-1"'],
    ['bad integer: zero answers', 'MAX_CONCURRENT_ANSWERS', '0', '"0"'],
    ['bad boolean', 'MODEL_ALLOW_REMOTE', 'Maybe', '"maybe"'],
    ['bad choice', 'EMBEDDER', 'gpu', '"gpu"'],
    ['bad vector store', 'VECTOR_STORE', 'usearch', '"usearch" must be one of vectra, flat'],
    ['bad log level', 'LOG_LEVEL', 'verbose', '"verbose"'],
    ['bad URL', 'DISCORD_API_URL', 'not a url', '"not a url"'],
    ['non-http URL', 'DISCORD_API_URL', 'ftp://example.org/api', '"ftp://example.org/api"'],
  ])('GIVEN %s (%s=%j) THEN CONFIG_INVALID naming the key and the value', (_name, key, value, shown) => {
    const error = configError({ [key]: value });
    expect(isNewsdeskError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message.startsWith(`${key}: `)).toBe(true);
    expect((error as Error).message).toContain(shown);
  });
});

describe('checkConfigPaths', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-config-'));
  writeFileSync(path.join(dir, 'file'), 'x');

  it('GIVEN the defaults in a fresh folder THEN nothing is missing that must exist', () => {
    expect(() => checkConfigPaths(loadConfig({}, dir))).not.toThrow();
  });

  it.each([
    ['INDEX_DIR', 'file', /^INDEX_DIR: .*file is a file, not a folder; set INDEX_DIR to a folder\.$/],
    ['CORPUS_DIR', 'file/corpus', /^CORPUS_DIR: .*goes through a file, not a folder/],
    ['MODEL_CACHE_DIR', 'file', /^MODEL_CACHE_DIR: .*is a file/],
    ['MODEL_LOCAL_DIR', 'missing', /^MODEL_LOCAL_DIR: .*missing does not exist/],
  ])('GIVEN %s=%s THEN CONFIG_INVALID naming the key', (key, value, message) => {
    let error: unknown = null;
    try {
      checkConfigPaths(loadConfig({ [key]: value }, dir));
    } catch (caught) {
      error = caught;
    }
    expect(isNewsdeskError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  it('GIVEN a command-line option THEN the advice names the option', () => {
    expect(() => checkFolder('--index', path.join(dir, 'file'), true)).toThrow(/give --index a folder/);
  });
});
