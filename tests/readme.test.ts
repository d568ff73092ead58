import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_FILES } from '../src/embed/transformers-embedder.ts';
import { spawnCli } from './cli/spawn-cli.ts';

// The README is the front door: short, every key of .env.example in it, every link working, and
// every command it shows accepted by the command's own parser. The commands that need nothing
// but a fresh clone are run for real, in a copy of what a clone holds.

const root = path.resolve(import.meta.dirname, '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const scripts: Record<string, string> = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;
let docs: { file: string; text: string }[] = [];

beforeAll(async () => {
  const names = (await readdir(path.join(root, 'docs'))).filter((name) => name.endsWith('.md'));
  docs = await Promise.all(names.map(async (name) => ({ file: `docs/${name}`, text: await readFile(path.join(root, 'docs', name), 'utf8') })));
});

/** The words of a command line as a shell splits them (quotes, no expansion). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/gu)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** Every `npm …` command the README shows: in sh blocks (comments aside) and in inline code. */
function readmeCommands(): string[] {
  const inBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/gu)].flatMap((m) => m[1]!.split('\n').map((line) => line.replace(/\s+#.*$/u, '').trim()));
  const inline = [...readme.matchAll(/`(npm [^`]+)`/gu)].map((m) => m[1]!);
  return [...new Set([...inBlocks, ...inline].filter((line) => /^npm (?:start|run|test|install)\b/u.test(line)))];
}

/** The entry point and arguments of `npm start …` or `npm run <script> …`, from package.json. */
function entryPoint(command: string): { name: string; script: string; args: string[] } {
  const [, verb, ...rest] = shellWords(command);
  const name = verb === 'run' ? rest.shift()! : verb!;
  const target = scripts[name];
  expect(target, `${command}: package.json has no script "${name}"`).toBeDefined();
  const file = /^tsx (src\/\S+\.ts)$/u.exec(target!)?.[1];
  expect(file, `${command}: "${target}" is not a tsx entry point`).toBeDefined();
  expect(rest.length === 0 || rest[0] === '--', `${command}: arguments go after "--"`).toBe(true);
  return { name: verb === 'run' ? `npm run ${name}` : 'npm start', script: path.join(root, file!), args: rest.slice(1) };
}

describe('README', () => {
  it('GIVEN the README THEN it fits on a screen or two, and points at nothing a clone lacks', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(160);
    for (const { file, text } of [{ file: 'README.md', text: readme }, ...docs]) expect(text, file).not.toContain('../shared');
  });

  it('GIVEN .env.example THEN every key has its row in the configuration table', async () => {
    const example = await readFile(path.join(root, '.env.example'), 'utf8');
    const keys = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gmu)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) expect(readme, key).toMatch(new RegExp(`^\\| \`${key}\` \\|`, 'mu'));
  });

  it('GIVEN MODEL_LOCAL_DIR THEN the README and .env.example list every file the model needs', async () => {
    const example = await readFile(path.join(root, '.env.example'), 'utf8');
    for (const file of MODEL_FILES.split(', ')) {
      expect(readme, file).toContain(file);
      expect(example, file).toContain(file);
    }
  });

  it('GIVEN the links of the README and docs THEN each file and heading exists', async () => {
    for (const { file, text } of [{ file: 'README.md', text: readme }, ...docs]) {
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/gu)) {
        if (/^[a-z]+:/u.test(target!)) continue;
        const [relative, anchor] = target!.split('#');
        const linked = path.resolve(root, path.dirname(file), relative!);
        const content = await readFile(linked, 'utf8').catch(() => null);
        expect(content, `${file} links to ${target}`).not.toBeNull();
        if (anchor) expect(content!.split('\n').some((line) => /^#+ /u.test(line) && line.replace(/^#+ /u, '').toLowerCase().replace(/[^\w\s-]/gu, '').replace(/\s+/gu, '-') === anchor), `${file} links to ${target}`).toBe(true);
      }
    }
  });

  it('GIVEN its command lines THEN there are enough to check', () => {
    expect(readmeCommands().length).toBeGreaterThan(10);
  });

  it('GIVEN npm test THEN package.json has that script', () => {
    expect(readmeCommands()).toContain('npm test');
    expect(scripts.test).toBeDefined();
  });

  it.each(readmeCommands().filter((command) => /^npm (?:start|run)\b/u.test(command)))('GIVEN %s THEN the command\'s own parser accepts it', async (command) => {
    const entry = entryPoint(command);
    // With --help after its arguments, the command parses them all, then prints its usage and does nothing else.
    const result = await spawnCli(root, entry.script, [...entry.args, '--help']);
    expect(result.stderr, command).toBe('');
    expect(result.code, command).toBe(0);
    expect(result.stdout.startsWith(`Usage: ${entry.name}`), command).toBe(true);
  });
});

describe('README commands in a fresh clone', () => {
  let clone = '';
  beforeAll(async () => {
    clone = await mkdtemp(path.join(tmpdir(), 'newsdesk-readme-'));
    for (const folder of ['corpus', 'docs']) await cp(path.join(root, folder), path.join(clone, folder), { recursive: true });
  });
  afterAll(() => rm(clone, { recursive: true, force: true }));

  it('GIVEN only what a clone holds THEN the evaluation, the ingest and a question run as shown', { timeout: 120_000 }, async () => {
    // Those that need another corpus (~/bbc, index-bbc), Discord, a feedback file or a long run are parsed above only.
    const runnable = readmeCommands().filter((command) => /^npm run (?:eval|ingest|ask)\b/u.test(command) && !/~\/|index-bbc|--allow-empty/u.test(command));
    expect(runnable.map((command) => shellWords(command)[2])).toEqual(['ingest', 'ask', 'eval']);
    // The evaluation first: on a fresh clone it builds the index it needs.
    const order = [...runnable].sort((a, b) => Number(!a.includes('eval')) - Number(!b.includes('eval')));
    const outputs: string[] = [];
    for (const command of order) {
      const entry = entryPoint(command);
      const result = await spawnCli(clone, entry.script, entry.args);
      expect(result.code, `${command}\n${result.stderr}`).toBe(0);
      outputs.push(result.stdout);
    }
    const [evaluation, ingest, answer] = outputs;
    expect(evaluation).toMatch(/^quote hits \(answer replies\)\s+\d+\/10$/mu);
    expect(evaluation).toMatch(/^unanswerable, not answered\s+\d\/2 \(\d closest\)$/mu);
    expect(ingest).toMatch(/^Indexed 5 articles/u);
    expect(answer).toContain('Sources:');
  });
});
