/**
 * `npm run bench -- --model <dir, id or stand-in>`: what the embedding model costs an ingest and
 * a question on this machine, with onnxruntime-node run bare on the same token batches as the
 * baseline, all in one process.
 */
import { cp, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config.ts';
import { MODEL_PRESETS, resolvePreset } from '../embed/presets.ts';
import { DEFAULT_BATCH_SIZE, TransformersEmbedder, type TransformersLoadOptions } from '../embed/transformers-embedder.ts';
import { WorkerEmbedder } from '../embed/worker-embedder.ts';
import { chunkArticle } from '../ingest/chunk.ts';
import { loadCorpus } from '../ingest/load-corpus.ts';
import { passageForEmbedding } from '../store/passage.ts';
import { corpusSample } from '../embed/stand-in/corpus-sample.ts';
import { ensureStandInModel } from '../embed/stand-in/stand-in-model.ts';
import { compareIngests, measureQuestions, measureThroughput, quantile, type IngestMethod, type IngestRun } from './bench-model-measures.ts';
import { refreshIndex } from '../store/refresh.ts';
import { formatDuration, terminalProgress } from './progress.ts';
import { UsageError } from './run.ts';

export interface ModelBenchOptions {
  config: Config;
  /** A model folder, a model id (found like the bot finds it), or `stand-in`. */
  model: string;
  corpusDir: string;
  /** Passages per throughput cell, as given on the command line. */
  passages: string;
  questions: number;
  /** Every how many articles one goes into the measured ingests (1: the whole corpus), as given. */
  ingestEvery: string;
}

interface Settings extends Omit<ModelBenchOptions, 'passages' | 'ingestEvery'> {
  passages: number;
  ingestEvery: number;
  scratch: string;
}

/** Runs the model bench in a scratch folder that is removed afterwards. */
export async function runModelBench(options: ModelBenchOptions, out: (line: string) => void): Promise<void> {
  const passages = Number(options.passages);
  const ingestEvery = Number(options.ingestEvery);
  if (!(passages >= 8) || !Number.isInteger(ingestEvery) || ingestEvery < 1) throw new UsageError('--passages takes a number from 8, --ingest-every a whole number from 1');
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-model-'));
  try {
    await benchModel({ ...options, passages, ingestEvery, scratch }, out);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const BATCHES = [1, 8, 32];
/** Rounds of the ingest comparison: one per method, so that each goes first once. */
const INGEST_ROUNDS = 3;

/** Where the model's files are and what it is called, as TransformersEmbedder wants them. */
async function resolveModel(options: Settings): Promise<TransformersLoadOptions> {
  const { config } = options;
  const common = { cacheDir: config.model.cacheDir, allowRemote: false };
  if (options.model === 'stand-in') {
    const modelsDir = config.model.localDir ?? config.model.cacheDir;
    const standIn = await ensureStandInModel({ modelsDir, sample: await corpusSample(options.corpusDir, config.maxFileBytes) });
    return { ...common, preset: resolvePreset(standIn.modelId), localModelDir: modelsDir };
  }
  const folder = path.resolve(options.model);
  if (await stat(path.join(folder, 'config.json')).then(() => true, () => false)) {
    // A folder named after a known model (…/Xenova/bge-small-en-v1.5) gets that model's settings.
    const twoLevel = path.relative(path.dirname(path.dirname(folder)), folder).split(path.sep).join('/');
    const name = MODEL_PRESETS[twoLevel] ? twoLevel : path.basename(folder);
    const root = name === twoLevel ? path.dirname(path.dirname(folder)) : path.dirname(folder);
    return { ...common, preset: resolvePreset(name), localModelDir: root };
  }
  if (!/^[\w.-]+(\/[\w.-]+)?$/u.test(options.model)) throw new UsageError(`--model ${options.model}: not a model folder (no config.json there) nor a model id`);
  return { ...common, preset: resolvePreset(options.model), localModelDir: config.model.localDir, allowRemote: config.model.allowRemote };
}

/** `files` of the corpus dealt round-robin into `count` folders below `target`; returns the folders. */
async function splitCorpus(corpusDir: string, files: readonly string[], count: number, target: string): Promise<string[]> {
  const folders = Array.from({ length: Math.min(count, files.length) }, (_, i) => path.join(target, `round-${i}`));
  for (const [i, file] of files.entries()) {
    const copy = path.join(folders[i % folders.length]!, file);
    await mkdir(path.dirname(copy), { recursive: true });
    await cp(path.join(corpusDir, file), copy);
  }
  return folders;
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);

async function benchModel(options: Settings, out: (line: string) => void): Promise<void> {
  const load = await resolveModel(options);
  const cores = os.availableParallelism();
  const corpus = await loadCorpus(options.corpusDir, { maxFileBytes: options.config.maxFileBytes });
  const passages = corpus.articles.flatMap((article) => chunkArticle(article).map((chunk) => passageForEmbedding(article.title, chunk)));
  if (passages.length === 0) throw new UsageError(`The corpus ${options.corpusDir} has no passage to embed.`);
  const step = Math.max(1, passages.length / options.passages);
  const sample = Array.from({ length: Math.min(options.passages, passages.length) }, (_, i) => passages[Math.floor(i * step)]!);
  const words = sample.reduce((n, text) => n + text.split(/\s+/u).filter(Boolean).length, 0);
  out(`model ${load.preset.model} (${load.localModelDir ?? load.cacheDir}), ${load.preset.pooling} pooling; ${cores} cores`);
  out(`corpus ${options.corpusDir}: ${corpus.articles.length} articles, ${passages.length} passages; ${sample.length} sampled passages of ${fixed(words / sample.length, 0)} words on average`);

  // Throughput by precision, threads and batch size, against the bare runtime.
  const threadCounts = [...new Set([1, Math.min(cores, 2), cores])];
  const cells = await measureThroughput(
    load,
    sample,
    [true, false].flatMap((quantized) => threadCounts.flatMap((threads) => BATCHES.map((batch) => ({ quantized, threads, batch })))),
  );
  out('');
  out('| model | threads | batch | Newsdesk passages/s | bare onnxruntime passages/s | Newsdesk / bare time | CPU ms a passage |');
  out('|---|---|---|---|---|---|---|');
  for (const cell of cells) {
    out(
      `| ${cell.quantized ? 'int8' : 'fp32'} | ${cell.threads} | ${cell.batch} | ${fixed(cell.oursPerSecond)} | ${fixed(cell.barePerSecond)} | ` +
        `${fixed(cell.barePerSecond / cell.oursPerSecond, 2)}x | ${fixed(cell.oursCpuMs, 0)} |`,
    );
  }
  const best = (quantized: boolean, threads: number) => cells.filter((c) => c.quantized === quantized && c.threads === threads).sort((a, b) => b.oursPerSecond - a.oursPerSecond)[0]!;
  const bestInt8 = best(true, Math.max(...threadCounts));
  const bestFp32 = best(false, Math.max(...threadCounts));
  const oneThread = best(true, 1);
  out('');
  out(`int8 against fp32 (best batch each, ${bestInt8.threads} threads): ${fixed(bestInt8.oursPerSecond)} against ${fixed(bestFp32.oursPerSecond)} passages/s, ${fixed(bestInt8.oursPerSecond / bestFp32.oursPerSecond, 2)}x`);
  out(`one core of its own (CPU time, 1 thread, best batch): about ${fixed(1000 / oneThread.oursCpuMs)} passages/s int8, ${fixed(1000 / best(false, 1).oursCpuMs)} fp32`);
  if (bestInt8.threads > 1) {
    // Within one call the runtime's threads wait for each other at every operator; the ingest
    // runs one single-threaded copy a core instead, whose scaling the ingests below measure.
    out(`runtime threads 1 -> ${bestInt8.threads} within one call: ${fixed(bestInt8.oursPerSecond / oneThread.oursPerSecond, 2)}x (the ingest runs a single-threaded copy a core instead)`);
  }

  // Questions: the model the bot runs, one question at a time.
  const titles = corpus.articles.map((article) => article.title);
  const questions = Array.from({ length: Math.min(options.questions, titles.length) }, (_, i) => titles[Math.floor((i * titles.length) / Math.min(options.questions, titles.length))]!);
  const queryModel = await TransformersEmbedder.load(load);
  const alone = await measureQuestions(queryModel, questions);
  out('');
  out(`question embedding, int8: ${fixed(quantile(alone, 0.5))} ms median, ${fixed(quantile(alone, 0.95))} ms p95 (${alone.length} questions)`);

  // Whole first ingests of the same articles, in rounds: a naive loop, the runtime's threads, the worker.
  const files = corpus.articles.map((article) => article.file);
  const chosen = files.filter((_, i) => i % options.ingestEvery === 0);
  const rounds = await splitCorpus(options.corpusDir, chosen, INGEST_ROUNDS, path.join(options.scratch, 'ingest'));
  const share = options.ingestEvery === 1 ? 'the whole corpus' : `every ${options.ingestEvery}th article (${chosen.length} of ${files.length})`;
  out('');
  out(`first ingest of ${share} in ${rounds.length} rounds, each method first once, each into an empty index:`);
  const progress = terminalProgress('Ingest', 'passages');
  const methods: IngestMethod[] = [
    { label: 'naive: one passage a call, 1 thread', embedder: await TransformersEmbedder.load({ ...load, batchSize: 1, threads: 1 }), perCall: 1 },
    { label: `this thread: batches of ${bestInt8.batch}, ${bestInt8.threads} threads`, embedder: await TransformersEmbedder.load({ ...load, batchSize: bestInt8.batch, threads: bestInt8.threads }) },
    { label: `${cores} workers x 1 thread (ingest), batches of ${DEFAULT_BATCH_SIZE}`, embedder: new WorkerEmbedder(await TransformersEmbedder.load(load), load), copies: cores },
  ];
  let runs: IngestRun[];
  try {
    runs = await compareIngests(methods, rounds, options.scratch, (done, total) => progress.update(done, total));
  } finally {
    progress.end();
    for (const { embedder } of methods) await embedder.dispose();
  }
  for (const result of runs) {
    out(
      `  ${result.label.padEnd(48)} ${formatDuration(result.wallMs / 1000).padStart(6)}  ${fixed((result.passages / result.wallMs) * 1000)} passages/s, ` +
        `${fixed((result.modelMs / result.wallMs) * 100, 0)}% in the model (per copy), ${fixed(runs[0]!.wallMs / result.wallMs, 2)}x the naive loop; ` +
        `CPU ${fixed(result.cpuMs / result.passages, 0)} ms a passage`,
    );
  }

  // Questions asked while the workers ingest, from their first embedded passages to the end:
  // the question runs on this thread, beside the ingest.
  const busy = new WorkerEmbedder(await TransformersEmbedder.load(load), load);
  let embedding = false;
  let ingesting = true;
  const ingest = refreshIndex({
    corpusDir: rounds[0]!,
    indexDir: path.join(options.scratch, 'index-busy'),
    maxFileBytes: options.config.maxFileBytes,
    embedder: busy,
    startedBy: 'bench',
    onProgress: () => (embedding = true),
  }).finally(() => (ingesting = false));
  const during: number[] = [];
  for (let i = 0; ingesting && during.length < options.questions; ) {
    if (embedding) {
      const started = performance.now();
      await queryModel.embedQuery(questions[i++ % questions.length]!);
      if (ingesting) during.push(performance.now() - started);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await ingest;
  await busy.dispose();
  await queryModel.dispose();
  out('');
  out(`question embedding during an ingest: ${fixed(quantile(during, 0.5))} ms median, ${fixed(quantile(during, 0.95))} ms p95 (${during.length} questions; the ingest runs in the workers)`);

  // One single-threaded copy per core: what each copy added here is what each core would add
  // elsewhere, if those cores are as free as these were (an extrapolation, not a measurement).
  const naive = runs[0]!;
  const worker = runs[2]!;
  const naiveRate = (naive.passages / naive.wallMs) * 1000;
  const perCore = (worker.passages / worker.wallMs) * 1000 / Math.max(1, cores);
  out(`workers against the naive loop: ${fixed(naiveRate === 0 ? 0 : (perCore * cores) / naiveRate, 2)}x on ${cores} cores, ${fixed(perCore)} passages/s a core`);
  out(
    `whole corpus (${passages.length} passages), first ingest at that rate a core: ` +
      [cores, 4, 8]
        .filter((c, i, all) => all.indexOf(c) === i)
        .map((c) => `${formatDuration(passages.length / (perCore * c))} on ${c} cores${c === cores && options.ingestEvery === 1 ? ' (measured)' : ''}`)
        .join(', ') +
      ' (extrapolated from the measured rate a core)',
  );
}
