import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids, startDiscordServer, type DiscordTestServer } from '../discord/server.ts';
import { hasStack, spawnCli } from './spawn-cli.ts';

// Every expected failure a newcomer can meet on the command line: one line saying what to fix,
// no stack trace, and an exit status of its own. A closed loopback port stands for a network
// that cannot reach Discord; the Discord-protocol test server for one that answers.

const root = path.resolve(import.meta.dirname, '../..');
const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.GtEsT1.right-token-value_0123456789abcdefghijklmno';
const CLOSED = 'http://127.0.0.1:9/api';
let folder = '';
/** TMPDIR of the commands run here, so anything they leave behind can be seen. */
let scratch = '';
let server: DiscordTestServer;
let intents: DiscordTestServer;

const run = (script: string, args: string[], env: Record<string, string> = {}) => spawnCli(folder, script, args, '', { TMPDIR: scratch, ...env });

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'newsdesk-failures-'));
  scratch = path.join(folder, 'tmp');
  await mkdir(scratch);
  await cp(path.join(root, 'corpus'), path.join(folder, 'corpus'), { recursive: true });
  await writeFile(path.join(folder, 'not-json.jsonl'), 'q: Where?\n');
  await writeFile(path.join(folder, 'a-file'), 'not a folder');
  await mkdir(path.join(folder, 'a-folder'));
  expect((await run('ingest.ts', [])).code).toBe(0);
  server = await startDiscordServer({ token: TOKEN });
  intents = await startDiscordServer({ token: TOKEN, closeOnIdentify: 4014 });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await intents?.close();
  await rm(folder, { recursive: true, force: true });
});

const discord = () => ({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: server.apiUrl });

const cases: [string, () => [string, string[], Record<string, string>], number, RegExp][] = [
  ['npm start and Discord cannot be reached', () => ['../main.ts', [], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: CLOSED }], 69, /Discord cannot be reached at http:\/\/127\.0\.0\.1:9\/api \(ECONNREFUSED\)\. Check DISCORD_API_URL/],
  ['npm start and a token Discord rejects', () => ['../main.ts', [], { ...discord(), DISCORD_TOKEN: 'wrong-token-value' }], 77, /DISCORD_TOKEN: Discord rejected this token\. Copy it again/],
  ['npm start and the Message Content intent refused', () => ['../main.ts', [], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: intents.apiUrl, ASK_CHANNEL_IDS: ids.askChannel }], 78, /ASK_CHANNEL_IDS: reading messages needs the Message Content intent/],
  ['npm start and a missing CORPUS_DIR', () => ['../main.ts', [], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: CLOSED, CORPUS_DIR: 'no-corpus', INDEX_DIR: 'new-index', EMBEDDER: 'auto', MODEL_ALLOW_REMOTE: 'false' }], 66, /The corpus folder .*no-corpus does not exist\. Set CORPUS_DIR in \.env/],
  ['deploy-commands and Discord cannot be reached', () => ['deploy-commands.ts', [], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: CLOSED }], 69, /Discord cannot be reached/],
  ['deploy-commands and a token Discord rejects', () => ['deploy-commands.ts', [], { ...discord(), DISCORD_TOKEN: 'wrong-token-value' }], 77, /DISCORD_TOKEN: Discord rejected this token/],
  ['ask with an empty question', () => ['ask.ts', [''], {}], 2, /^The question is empty/],
  ['ask with an unknown flag', () => ['ask.ts', ['--bogus'], {}], 2, /^Unknown option '--bogus'\. An argument that starts with "-" goes after "--": npm run ask -- -- "--bogus"$/m],
  ['ask with --index where no index is', () => ['ask.ts', ['--index', 'no-index-here', 'Who?'], {}], 66, /No index in .*no-index-here yet\. Run `npm run ingest -- --index no-index-here` to build it\./],
  ['ingest with a missing corpus and a new --index', () => ['ingest.ts', ['--corpus', 'no-corpus', '--index', 'new-index'], {}], 66, /The corpus folder .*no-corpus does not exist/],
  ['eval with a missing question file', () => ['eval.ts', ['no-questions.jsonl'], {}], 66, /The question file .*no-questions\.jsonl does not exist\./],
  ['eval with a folder for a question file', () => ['eval.ts', ['a-folder'], {}], 66, /The question file .*a-folder cannot be read \(EISDIR: is a folder, not a file\)/],
  ['eval with a file that is not JSON lines', () => ['eval.ts', ['not-json.jsonl'], {}], 65, /not-json\.jsonl:1: not JSON \(.+\); a question file has one JSON object a line\./],
  ['eval --known-item with --index where no index is', () => ['eval.ts', ['--known-item', '--index', 'no-index-here'], {}], 66, /Run `npm run ingest -- --index no-index-here`/],
  ['bench with a missing --corpus', () => ['bench.ts', ['--corpus', 'no-corpus'], {}], 66, /The corpus folder .*no-corpus does not exist/],
  ['bench with a file for --corpus', () => ['bench.ts', ['--corpus', 'a-file'], {}], 78, /--corpus: .*a-file is a file, not a folder/],
  ['bench with --scale and a missing --corpus', () => ['bench.ts', ['--scale', '--corpus', 'no-corpus'], {}], 66, /The corpus folder .*no-corpus does not exist/],
  ['bench with an empty --corpus', () => ['bench.ts', ['--corpus', 'a-folder'], {}], 1, /The corpus has no article to measure/],
  ['feedback before any answer', () => ['feedback.ts', [], { FEEDBACK_FILE: 'no-feedback.jsonl' }], 66, /No feedback yet: .*no-feedback\.jsonl does not exist/],
  ['feedback with a folder for FEEDBACK_FILE', () => ['feedback.ts', [], { FEEDBACK_FILE: 'a-folder' }], 66, /The feedback file .*a-folder cannot be read \(EISDIR/],
  ['feedback with a file of something else', () => ['feedback.ts', [], { FEEDBACK_FILE: 'not-json.jsonl' }], 65, /not-json\.jsonl holds no feedback records/],
  ['feedback --export into a missing folder', () => ['feedback.ts', ['--export', 'no-folder/out.jsonl'], { FEEDBACK_FILE: 'fb.jsonl' }], 73, /--export: .*no-folder\/out\.jsonl cannot be written \(ENOENT/],
];

describe('expected failures', () => {
  it.each(cases)('GIVEN %s THEN one line without a stack, its own exit status, and nothing left behind', { timeout: 60_000 }, async (_name, command, code, message) => {
    await writeFile(path.join(folder, 'fb.jsonl'), `${JSON.stringify({ type: 'vote', at: '2025-03-02T00:00:00.000Z', message: 'm1', user: 'h2', vote: 'down' })}\n`);
    const [script, args, env] = command();
    const result = await run(script, args, env);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(code);
    expect(hasStack(result.stderr)).toBe(false);
    // Usage errors add the usage after a blank line; every other failure is one line.
    if (code !== 2) expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('disconnected from Discord');
    expect(result.stderr).not.toContain('Embedding model');
    expect((await readdir(scratch)).filter((name) => name.startsWith('newsdesk-'))).toEqual([]);
    expect(await readdir(folder)).not.toContain('new-index');
  });

  it('GIVEN LOG_LEVEL=debug THEN an expected failure also shows the stack of its cause', { timeout: 30_000 }, async () => {
    const result = await run('eval.ts', ['no-questions.jsonl'], { LOG_LEVEL: 'debug' });
    expect(result.code).toBe(66);
    expect(result.stderr).toMatch(/does not exist\./);
    expect(hasStack(result.stderr)).toBe(true);
  });

  it('GIVEN a bug THEN its stack, a line asking to report it, and exit 70', { timeout: 30_000 }, async () => {
    const result = await run(path.join(root, 'tests/fixtures/cli/bug.ts'), []);
    expect(result.code).toBe(70);
    expect(hasStack(result.stderr)).toBe(true);
    expect(result.stderr.trim().split('\n').at(-1)).toBe('This is a bug in Newsdesk, not a mistake of yours: please report it with the lines above.');
  });
});
