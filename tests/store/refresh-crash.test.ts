/**
 * Crash safety of the refresh: a child process refreshes a corpus of a few hundred articles
 * with a slow fake embedder and is killed with SIGKILL at several moments — while embedding
 * (early, middle) and while writing the new version (half written; moved into place but CURRENT
 * not yet switched). The child fixture holds still at the chosen point until the kill, so where
 * the kill lands does not depend on timing.
 * After each kill the index must load (or not exist, when no build ever finished) and still be
 * the version from before, and the next refresh must take over the dead holder's lock and end
 * with every article.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIndexVersion } from '../../src/store/index-version.ts';
import { BUILDING_PREFIX, layout } from '../../src/store/layout.ts';
import { refreshIndex } from '../../src/store/refresh.ts';
import { readCurrentVersion } from '../../src/store/version-files.ts';
import { FakeEmbedder, generatedArticle, makeTempDir, removeTempDirs, writeFiles } from '../fixtures/core/fakes.ts';

const ARTICLES = 240;
const CHILD = fileURLToPath(new URL('../fixtures/core/refresh-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

interface Moment {
  name: string;
  /** Milliseconds the child's fake embedder waits per batch of 8 chunks. */
  delayMs: number;
  /** Where the child stops until it is killed (see the child fixture). */
  pause: string;
  /** Share of the chunks embedded when it is killed: [at least, at most]. */
  embedded: [number, number];
}

const progressOf = (line: string): [number, number] | null => {
  const m = /^progress (\d+) (\d+)$/.exec(line);
  return m ? [Number(m[1]), Number(m[2])] : null;
};

// ARTICLES articles of about 2 chunks each, 8 chunks per embedding call: ~60 calls in all.
const MOMENTS: Moment[] = [
  { name: 'early: embedding, first batch done', delayMs: 5, pause: 'embed:2', embedded: [0, 0.1] },
  { name: 'middle: embedding, half the batches done', delayMs: 5, pause: 'embed:30', embedded: [0.3, 0.7] },
  { name: 'late: new version half written', delayMs: 0, pause: String.raw`rename:articles\.json$`, embedded: [1, 1] },
  { name: 'late: new version in place, CURRENT not switched', delayMs: 0, pause: String.raw`rename:/CURRENT$`, embedded: [1, 1] },
];

interface Child {
  process: ChildProcess;
  lines: string[];
  exited: Promise<void>;
  /** The first stdout line `match` accepts, or null when the child exits without one. */
  waitFor(match: (line: string) => boolean): Promise<string | null>;
}

let corpusDir: string;
let indexDir: string;
let children: Child[] = [];

function startChild(embedderId: string, moment: Moment): Child {
  const args = ['--import', 'tsx', CHILD, corpusDir, indexDir, embedderId, String(moment.delayMs), moment.pause];
  const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let waiters: { match: (line: string) => boolean; resolve: (line: string | null) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    waiters = waiters.filter((waiter) => (waiter.match(line) ? (waiter.resolve(line), false) : true));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const waiter of waiters.splice(0)) waiter.resolve(null);
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    process: child,
    lines,
    exited,
    waitFor: (match) => {
      const seen = lines.find(match);
      if (seen !== undefined || !alive()) return Promise.resolve(seen ?? null);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

beforeAll(async () => {
  const root = await makeTempDir('newsdesk-crash-');
  corpusDir = path.join(root, 'corpus');
  indexDir = path.join(root, 'index');
  const files: Record<string, string> = {};
  for (let n = 0; n < ARTICLES; n++) files[`gen/${String(n).padStart(3, '0')}.txt`] = generatedArticle(n, 3);
  await writeFiles(corpusDir, files);
  // Children load their modules (slow) before they are told to go; each round starts the next
  // child, so that its loading overlaps with the round.
  children = [startChild('crash:0', MOMENTS[0]!)];
});

afterAll(async () => {
  for (const child of children) {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
  }
  await removeTempDirs();
});

describe('refresh killed with SIGKILL', () => {
  // The rounds run in order on one index: each starts from the version the previous one left.
  let previous: string | null = null;

  it.each(MOMENTS.map((moment, round) => [moment.name, round] as const))(
    'GIVEN a kill at %s THEN the index still loads as before and the next refresh completes',
    { timeout: 60_000 },
    async (_name, round) => {
      const moment = MOMENTS[round]!;
      const child = children[round]!;
      const next = MOMENTS[round + 1];
      if (next) children.push(startChild(`crash:${round + 1}`, next));
      expect(await child.waitFor((line) => line === 'ready'), 'the child did not start').toBe('ready');
      child.process.stdin!.write('go\n');
      const trigger = await child.waitFor((line) => line.startsWith('paused '));
      expect(trigger, `the child ended before the kill point: ${child.lines.filter((l) => !progressOf(l)).join(' | ')}`).not.toBeNull();
      child.process.kill('SIGKILL');
      await child.exited;
      expect(child.process.signalCode).toBe('SIGKILL');
      // The kill landed where intended.
      const last = child.lines.map(progressOf).filter((p) => p !== null).at(-1) ?? [0, 1];
      expect(last[0] / last[1]).toBeGreaterThanOrEqual(moment.embedded[0]);
      expect(last[0] / last[1]).toBeLessThanOrEqual(moment.embedded[1]);
      expect(child.lines.some((line) => line.startsWith('done '))).toBe(false);

      // THEN CURRENT still names the version from before the killed refresh (none in round 0).
      const current = await readCurrentVersion(indexDir);
      expect(current).toBe(previous);
      if (current !== null) {
        const version = await loadIndexVersion(layout.version(indexDir, current), current);
        expect(version.articles.size).toBe(ARTICLES);
        expect((await version.vectors()).size).toBe(version.chunks.size);
      }

      // THEN a following refresh takes over the dead child's lock and ends with every article.
      const embedder = new FakeEmbedder({ id: `follow:${round}` });
      const result = await refreshIndex({ corpusDir, indexDir, maxFileBytes: 1024 * 1024, embedder, startedBy: `follow-up ${round}`, batchSize: 64 });
      expect(result).toMatchObject({ articles: ARTICLES, skipped: [] });
      const name = await readCurrentVersion(indexDir);
      expect(name).toBe(result.version);
      const after = await loadIndexVersion(layout.version(indexDir, name!), name!);
      expect(after.articles.size).toBe(ARTICLES);
      expect(after.manifest.embedder.id).toBe(`follow:${round}`);
      expect((await after.vectors()).size).toBe(after.chunks.size);
      for (const chunk of after.chunks.values()) expect(after.articles.has(chunk.article)).toBe(true);
      // Abandoned builds are swept, at most the current and one older version remain, the lock is free.
      const entries = await readdir(layout.versions(indexDir));
      expect(entries.filter((e) => e.startsWith(BUILDING_PREFIX))).toEqual([]);
      expect(entries).toContain(name);
      expect(entries.length).toBeLessThanOrEqual(2);
      expect(await readdir(indexDir)).not.toContain('refresh.lock');
      previous = name;
    },
  );

  it('GIVEN all rounds done THEN one more refresh has nothing to do', async () => {
    expect(previous).not.toBeNull();
    const quiet = await refreshIndex({ corpusDir, indexDir, maxFileBytes: 1024 * 1024, embedder: new FakeEmbedder({ id: `follow:${MOMENTS.length - 1}` }), startedBy: 'final' });
    expect(quiet).toMatchObject({ embedded: 0, version: previous, articles: ARTICLES });
  });
});
