import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, type CliRun } from './spawn-cli.ts';

// The command lines as a user runs them: separate processes, offline embedder, temp folders.

const root = path.resolve(import.meta.dirname, '../..');
let folder = '';

function run(script: string, args: string[], input?: string, env: Record<string, string> = {}): Promise<CliRun> {
  return spawnCli(folder, script, args, input, env);
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'newsdesk-cli-'));
  await cp(path.join(root, 'corpus'), path.join(folder, 'corpus'), { recursive: true });
  await writeFile(path.join(folder, 'corpus', 'empty.txt'), '');
});

afterAll(() => rm(folder, { recursive: true, force: true }));

describe('npm run ingest', () => {
  it('GIVEN --json THEN exactly one JSON object on stdout, and a second run embeds nothing', { timeout: 60_000 }, async () => {
    const first = await run('ingest.ts', ['--json', '--index', 'idx']);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    expect(Object.keys(summary)).toEqual(['articles', 'chunks', 'embedded', 'unchanged', 'removed', 'added', 'changed', 'skipped', 'embedder', 'ms']);
    expect(summary).toMatchObject({ articles: 5, embedded: summary.chunks, unchanged: 0, removed: 0, embedder: 'offline:hashing-v1' });
    expect(summary.skipped).toEqual([{ file: 'empty.txt', reason: 'empty file', kind: 'empty' }]);

    const second = JSON.parse((await run('ingest.ts', ['--json', '--index', 'idx'])).stdout);
    expect(second).toMatchObject({ articles: 5, embedded: 0, unchanged: 5 });
  });

  it('GIVEN a missing corpus folder THEN a clear error and a non-zero exit', { timeout: 30_000 }, async () => {
    const result = await run('ingest.ts', ['--corpus', 'no-such-folder', '--index', 'idx-missing']);
    expect(result.code).toBe(66);
    expect(result.stderr).toMatch(/The corpus folder .*no-such-folder does not exist/);
  });

  it('GIVEN an unknown option THEN usage and exit 2', { timeout: 30_000 }, async () => {
    const result = await run('ingest.ts', ['--frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: npm run ingest');
  });
});

describe('npm run ask', () => {
  it('GIVEN questions on stdin and --json THEN one JSON line per question, invalid ones included', { timeout: 60_000 }, async () => {
    await run('ingest.ts', ['--json', '--index', 'idx-ask']);
    const input = ['Where are Witkoff and Kushner meeting Rustem Umerov?', '???', 'What is the recipe for banana bread?'].join('\n');
    const result = await run('ask.ts', ['--json', '--index', 'idx-ask'], input);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ answered: true, sources: [{ article: '001_64dab0bbe86921ae', outlet: 'Business Standard', agency: 'AP', published: '2025-12-04' }] });
    expect(lines[0].sources[0].quote).toContain('in Miami');
    expect(lines[1]).toMatchObject({ question: '???', answered: false, error: 'Please ask a question in words.' });
    expect(lines[2]).toMatchObject({ answered: false, sources: [] });
    expect(lines[2].text).toContain('I could not find this in the articles.');
  });

  it('GIVEN --since, --until and --outlet THEN only those articles are quoted, with either store', { timeout: 90_000 }, async () => {
    const question = 'Where are Witkoff and Kushner meeting Rustem Umerov?';
    for (const store of ['vectra', 'flat']) {
      const env = { VECTOR_STORE: store };
      const index = `idx-filter-${store}`;
      expect((await run('ingest.ts', ['--json', '--index', index], undefined, env)).code).toBe(0);
      const kept = JSON.parse((await run('ask.ts', ['--json', '--index', index, '--since', '2025-12', '--outlet', 'business standard', question], undefined, env)).stdout);
      expect(kept).toMatchObject({ answered: true, sources: [{ outlet: 'Business Standard', published: '2025-12-04' }] });
      const before = JSON.parse((await run('ask.ts', ['--json', '--index', index, '--until', '2025-11-30', question], undefined, env)).stdout);
      expect(before.sources.every((source: { published: string | null }) => source.published !== null && source.published <= '2025-11-30')).toBe(true);
      expect(JSON.stringify(before)).not.toContain('in Miami');
    }
    const bad = JSON.parse((await run('ask.ts', ['--json', '--index', 'idx-filter-flat', '--since', 'yesterday', question])).stdout);
    expect(bad).toMatchObject({ answered: false, error: 'since: "yesterday" is not a date; write it as YYYY-MM-DD (or YYYY-MM, or YYYY).' });
  });

  it('GIVEN VECTOR_STORE=usearch THEN the configuration error names the key, exit 78', { timeout: 30_000 }, async () => {
    const result = await run('ask.ts', ['--index', 'idx-ask', 'Anything?'], undefined, { VECTOR_STORE: 'usearch' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('VECTOR_STORE: "usearch" must be one of vectra, flat.');
  });

  it('GIVEN no index yet THEN it says how to build one', { timeout: 30_000 }, async () => {
    const result = await run('ask.ts', ['--index', 'never-built', 'Anything?']);
    expect(result.code).toBe(66);
    expect(result.stderr).toContain('npm run ingest');
  });
});

describe('npm run eval', () => {
  it('GIVEN a question file THEN the scores as one JSON object', { timeout: 60_000 }, async () => {
    await run('ingest.ts', ['--json', '--index', 'idx-eval']);
    await writeFile(
      path.join(folder, 'questions.jsonl'),
      [
        { q: 'What US-made missiles did Ukraine fire into the Bryansk region?', article: '004_0803f335cd7ceff2', expect: ['ATACMS'] },
        { q: 'What is the recipe for banana bread?', article: null, forbid: [] },
      ].map((line) => JSON.stringify(line)).join('\n'),
    );
    const result = await run('eval.ts', ['--json', '--index', 'idx-eval', 'questions.jsonl']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ embedder: 'offline:hashing-v1', answerable: 1, unanswerable: 1, hitAt1: 1, quoteHits: 1, correctRefusals: 1, violations: 0 });
  });

  it('GIVEN --known-item THEN MRR@10 and hit@1 over the corpus', { timeout: 60_000 }, async () => {
    await run('ingest.ts', ['--json', '--index', 'idx-known']);
    const result = await run('eval.ts', ['--json', '--known-item', '--corpus', 'corpus', '--index', 'idx-known']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ queries: 5, fusion: 'rrf' });
    expect(report.mrrAt10).toBeGreaterThan(0.5);
    expect(report.hitAt1).toBeGreaterThan(0.5);
    // Without --corpus, the articles of CORPUS_DIR, as --help says.
    const byDefault = await run('eval.ts', ['--json', '--known-item', '--index', 'idx-known'], '', { CORPUS_DIR: 'corpus' });
    expect(byDefault.code).toBe(0);
    expect(JSON.parse(byDefault.stdout)).toEqual({ ...report, meanMs: expect.any(Number) });
  });
});

describe('hostile corpora and configuration', () => {
  it('GIVEN a .txt symlink to a named pipe in the corpus THEN the ingest finishes and lists it as skipped', { timeout: 60_000 }, async () => {
    await cp(path.join(root, 'corpus'), path.join(folder, 'piped'), { recursive: true });
    execFileSync('mkfifo', [path.join(folder, 'pipe')]);
    await symlink(path.join(folder, 'pipe'), path.join(folder, 'piped', 'p.txt'));
    const result = await run('ingest.ts', ['--json', '--corpus', 'piped', '--index', 'idx-piped']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).skipped).toEqual([{ file: 'p.txt', reason: 'a symbolic link to a named pipe, not a regular file; never opened', kind: 'not-regular' }]);
  });

  it('GIVEN an empty corpus over a full index THEN refused with exit 1, and --allow-empty empties it', { timeout: 60_000 }, async () => {
    await run('ingest.ts', ['--json', '--index', 'idx-empty']);
    await mkdir(path.join(folder, 'nothing'));
    const refused = await run('ingest.ts', ['--corpus', 'nothing', '--index', 'idx-empty']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^newsdesk: The corpus folder .*nothing has no article files, so this refresh would remove all 5 articles from the index\. Nothing was changed\..*--allow-empty/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    const allowed = await run('ingest.ts', ['--json', '--allow-empty', '--corpus', 'nothing', '--index', 'idx-empty']);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout)).toMatchObject({ articles: 0, removed: 5 });
  });

  it('GIVEN a grouped summary on a pipe THEN no progress output, only the summary', { timeout: 60_000 }, async () => {
    const result = await run('ingest.ts', ['--index', 'idx-plain']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Indexed 5 articles in \d+ chunks/);
    expect(result.stdout).toContain('  skipped 1 file:\n    empty.txt: empty file\n');
  });

  const entryPoints: [string, string[]][] = [
    ['npm start', ['../main.ts']],
    ['ingest', ['ingest.ts']],
    ['ask', ['ask.ts', 'Anything?']],
    ['eval', ['eval.ts', 'questions.jsonl']],
  ];
  const mistakes: [string, Record<string, string>, RegExp][] = [
    ['INDEX_DIR is a file', { INDEX_DIR: 'a-file' }, /^newsdesk: INDEX_DIR: .*a-file is a file, not a folder; set INDEX_DIR to a folder\.$/],
    ['CORPUS_DIR is a file', { CORPUS_DIR: 'a-file' }, /^newsdesk: CORPUS_DIR: .*a-file is a file, not a folder/],
    ['MODEL_LOCAL_DIR does not exist', { MODEL_LOCAL_DIR: 'no-models-here' }, /^newsdesk: MODEL_LOCAL_DIR: .*no-models-here does not exist/],
    ['MODEL_CACHE_DIR goes through a file', { MODEL_CACHE_DIR: 'a-file/models' }, /^newsdesk: MODEL_CACHE_DIR: .*a-file\/models goes through a file, not a folder/],
    ['a bad value', { MAX_FILE_BYTES: 'lots' }, /^newsdesk: MAX_FILE_BYTES: "lots" must be a whole number/],
  ];
  // Every mistake through the ingest; the two kinds (a path, a value) through the others.
  const cases = entryPoints.flatMap(([name, script]) =>
    mistakes.filter(([mistake]) => name === 'ingest' || mistake === 'INDEX_DIR is a file' || mistake === 'a bad value').map(([mistake, env, message]) => [name, mistake, script, env, message] as const),
  );
  it.each(cases)(
    'GIVEN %s and %s THEN one line naming the key, no stack, and exit 78',
    { timeout: 30_000 },
    async (_name, _mistake, [script, ...args], env, message) => {
      await writeFile(path.join(folder, 'a-file'), 'not a folder');
      const result = await run(script!, args, '', env);
      expect(result.code).toBe(78);
      expect(result.stderr.trim()).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    },
  );

  it('GIVEN --index naming a file THEN the message names --index and exit 78', { timeout: 30_000 }, async () => {
    await writeFile(path.join(folder, 'a-file'), 'not a folder');
    const result = await run('ingest.ts', ['--index', 'a-file']);
    expect(result.code).toBe(78);
    expect(result.stderr.trim()).toMatch(/^newsdesk: --index: .*a-file is a file, not a folder; give --index a folder\.$/);
  });
});

// Every entry point as npm runs it: `--help` prints the usage and does nothing else (no bot, no
// registration, no index), an unknown flag is refused with the usage-error status. A token is
// set, so that without --help the bot would start and deploy-commands would register: at a
// closed local port, so that not even a broken --help can reach the network.
describe.each([
  ['npm start', '../main.ts'],
  ['npm run ingest', 'ingest.ts'],
  ['npm run ask', 'ask.ts'],
  ['npm run eval', 'eval.ts'],
  ['npm run feedback', 'feedback.ts'],
  ['npm run bench', 'bench.ts'],
  ['npm run deploy-commands', 'deploy-commands.ts'],
])('%s', (name, script) => {
  const env = { DISCORD_TOKEN: 'not-a-real-token', DISCORD_API_URL: 'http://127.0.0.1:9/api' };

  it('GIVEN --help THEN the usage on stdout, exit 0, and nothing else done', { timeout: 30_000 }, async () => {
    const result = await run(script, ['--help'], '', env);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(`Usage: ${name}`)).toBe(true);
    expect(result.stderr).toBe('');
  });

  it('GIVEN an unknown flag THEN the reason and the usage on stderr, exit 2', { timeout: 30_000 }, async () => {
    const result = await run(script, ['--frobnicate'], '', env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--frobnicate'");
    expect(result.stderr).toContain(`Usage: ${name}`);
    expect(result.stdout).toBe('');
  });
});

describe('npm run feedback', () => {
  it('GIVEN a feedback file THEN the counts, and --export writes the questions to fill in; a bad --since is a usage error', { timeout: 30_000 }, async () => {
    const file = path.join(folder, 'fb', 'feedback.jsonl');
    await mkdir(path.dirname(file), { recursive: true });
    const answer = (message: string, answered: boolean) => JSON.stringify({ type: 'answer', at: '2025-03-01T00:00:00.000Z', guild: 'g', channel: 'c', message, question: `question ${message}?`, answered, refusal: answered ? null : 'near-miss', cited: [], user: 'hash' });
    await writeFile(file, [answer('m1', true), answer('m2', false), JSON.stringify({ type: 'vote', at: '2025-03-02T00:00:00.000Z', message: 'm1', user: 'h2', vote: 'down' }), 'cut line{'].join('\n') + '\n');
    const env = { FEEDBACK_FILE: file };
    const result = await run('feedback.ts', ['--export', 'exported.jsonl'], '', env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 answers');
    expect(result.stdout).toContain('1 refused, 0 👍, 1 👎');
    expect(result.stdout).toContain('1 lines could not be read');
    expect(result.stdout).toContain('Wrote 2 questions');
    const exported = (await readFile(path.join(folder, 'exported.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(exported.map((q) => [q.q, q.article])).toEqual([['question m1?', null], ['question m2?', null]]);
    expect((await run('feedback.ts', ['--since', 'yesterday'], '', env)).code).toBe(2);
  });
});
