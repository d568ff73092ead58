/**
 * One measured job of `npm run bench -- --scale`, run in its own process so that its peak
 * memory and its cold start are its own. Prints one JSON line.
 *
 * Usage: node --import tsx bench-child.ts build <corpusDir> <indexDir>
 *        node --import tsx bench-child.ts ask <corpusDir> <indexDir> <questions>
 */
import { readFile } from 'node:fs/promises';
import { loadConfigFromEnvFile } from '../config.ts';
import { OfflineEmbedder } from '../embed/offline-embedder.ts';
import { isNewsdeskError } from '../errors.ts';
import { openDesk } from '../local-desk.ts';
import { createLogger } from '../log.ts';
import { scanTopK, unitVector } from '../store/dense-search.ts';
import { loadIndexVersion } from '../store/index-version.ts';
import { layout } from '../store/layout.ts';
import { refreshIndex } from '../store/refresh.ts';
import { readCurrentVersion } from '../store/version-files.ts';

const [job, corpusDir, indexDir, questionFile] = process.argv.slice(2);
const say = (value: object) => process.stdout.write(`${JSON.stringify(value)}\n`);
const peakBytes = () => process.resourceUsage().maxRSS * 1024;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))]!;

async function time(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

if (job === 'build') {
  const config = loadConfigFromEnvFile();
  const started = performance.now();
  try {
    const result = await refreshIndex({ corpusDir: corpusDir!, indexDir: indexDir!, maxFileBytes: config.maxFileBytes, embedder: new OfflineEmbedder(), store: config.vectorStore, startedBy: 'bench' });
    say({ ms: result.ms, articles: result.articles, chunks: result.chunks, embedded: result.embedded, peakBytes: peakBytes() });
  } catch (error) {
    // A corpus too large for the vectra store: how soon it was refused, and why.
    if (!isNewsdeskError(error, 'CONFIG_INVALID')) throw error;
    say({ refused: error.message, ms: performance.now() - started });
  }
} else if (job === 'ask') {
  const questions = (await readFile(questionFile!, 'utf8')).split('\n').filter(Boolean);
  const config = { ...loadConfigFromEnvFile(), corpusDir: corpusDir!, indexDir: indexDir! };
  const embedder = new OfflineEmbedder();
  const desk = await openDesk(config, createLogger({ level: 'error' }), { buildEmbedder: embedder });
  await desk.ask(questions[0]!);
  // Milliseconds since this process started: node, tsx, loading the index, the first answer.
  const firstAnswerMs = performance.now();
  const asks: number[] = [];
  for (const question of questions) asks.push(await time(() => desk.ask(question)));
  // The bot's high-water mark: taken before the measures below load a second copy of the index.
  const botPeakBytes = peakBytes();

  // Dense search alone, against the time to read every cache line of the same number of bytes
  // once (the memory-bandwidth floor of a scan), and against the plain loop, in this process.
  const name = (await readCurrentVersion(indexDir!))!;
  const version = await loadIndexVersion(layout.version(indexDir!, name), name);
  const dims = version.manifest.embedder.dimensions;
  const vectors = await Promise.all(questions.map((question) => embedder.embedQuery(question)));
  const dense: number[] = [];
  for (const vector of vectors) dense.push(await time(() => version.dense(vector, 50)));
  const rows = await version.vectorRows(0, version.chunks.size);
  const words = new Int32Array(rows.buffer);
  const floor: number[] = [];
  for (let i = 0; i < 7; i++) {
    floor.push(
      await time(() => {
        let x = 0;
        for (let j = 0; j < words.length; j += 16) x ^= words[j]!;
        return x;
      }),
    );
  }
  const loop: number[] = [];
  for (const vector of vectors.slice(0, 5)) loop.push(await time(() => scanTopK(rows, dims, unitVector(vector), 50)));
  say({ firstAnswerMs, askMedian: median(asks), askP95: quantile(asks, 0.95), denseMedian: median(dense), floorMedian: median(floor), loopMedian: median(loop), peakBytes: botPeakBytes });
} else {
  process.stderr.write('usage: bench-child.ts build|ask <corpusDir> <indexDir> [questions]\n');
  process.exitCode = 2;
}
