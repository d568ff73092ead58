/**
 * The measurements of the model bench: embedding throughput against the bare runtime on the
 * same token batches, question latency, and whole ingests. Each returns figures; printing is
 * the caller's.
 */
import ortModule from 'onnxruntime-node';
import path from 'node:path';
import type { Embedder } from '../embed/embedder.ts';
import { loadTokenizer, TransformersEmbedder, type TransformersLoadOptions } from '../embed/transformers-embedder.ts';
import { refreshIndex } from '../store/refresh.ts';

const ort = ortModule;

/** Milliseconds at the `q` quantile (0..1) of `values`, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** One cell of the throughput table: passages per second through Newsdesk and through the bare runtime. */
export interface Throughput {
  batch: number;
  threads: number;
  quantized: boolean;
  /** TransformersEmbedder.embedPassages, tokenizing, pooling and normalising included. */
  oursPerSecond: number;
  /** InferenceSession.run alone on the same token batches. */
  barePerSecond: number;
  /**
   * Process CPU time per passage through Newsdesk, in ms. Unlike wall time it does not grow when
   * other programs share the cores, so with one thread it is the cost on a core of one's own.
   */
  oursCpuMs: number;
}

/** The model file transformers.js reads for these options. */
function modelFile(load: TransformersLoadOptions, quantized: boolean): string {
  return path.join(load.localModelDir ?? load.cacheDir, ...load.preset.model.split('/'), 'onnx', quantized ? 'model_quantized.onnx' : 'model.onnx');
}

/** Passages of the sample each cell embeds in one turn: the largest batch size measured. */
const TURN = 32;

/**
 * Throughput of every cell on the same passages. Each cell loads a TransformersEmbedder and a
 * bare onnxruntime session of the same file; then, turn by turn, every cell embeds the next
 * `TURN` passages of the sample (sorted by length) in its batches, through both, taking turns
 * at going first. Interleaved so, a shared machine's load falls on every cell alike.
 */
export async function measureThroughput(load: TransformersLoadOptions, texts: readonly string[], cells: readonly Pick<Throughput, 'batch' | 'threads' | 'quantized'>[]): Promise<Throughput[]> {
  const sorted = [...texts].sort((a, b) => a.length - b.length).map((text) => load.preset.passagePrefix + text);
  const turns = Array.from({ length: Math.ceil(sorted.length / TURN) }, (_, i) => sorted.slice(i * TURN, (i + 1) * TURN));
  const loaded = [];
  for (const cell of cells) {
    const embedder = await TransformersEmbedder.load({ ...load, batchSize: cell.batch, threads: cell.threads, quantized: cell.quantized });
    const session = await ort.InferenceSession.create(modelFile(load, cell.quantized), { intraOpNumThreads: cell.threads, interOpNumThreads: 1 });
    loaded.push({ cell, embedder, session });
  }
  // After a model load, which points transformers.js at the model's folder.
  const tokenize = await loadTokenizer(load.preset);
  const runners = loaded.map(({ cell, embedder, session }) => ({
    cell,
    embedder,
    session,
    feedsOf: (batch: string[]) => {
      const encoded = tokenize(batch);
      return Object.fromEntries(session.inputNames.map((name) => [name, new ort.Tensor('int64', encoded[name]!.data, encoded[name]!.dims)]));
    },
    oursMs: 0,
    oursCpuMs: 0,
    bareMs: 0,
  }));
  const timed = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  try {
    for (const runner of runners) {
      // A session's first run allocates its buffers: warm both up.
      const warmUp = sorted.slice(0, runner.cell.batch);
      await runner.session.run(runner.feedsOf(warmUp));
      await runner.embedder.embedPassages(warmUp);
    }
    for (const [turn, slice] of turns.entries()) {
      for (let k = 0; k < runners.length; k++) {
        const runner = runners[(k + turn) % runners.length]!;
        for (let start = 0; start < slice.length; start += runner.cell.batch) {
          const batch = slice.slice(start, start + runner.cell.batch);
          const feeds = runner.feedsOf(batch);
          const bareFirst = (turn + start / runner.cell.batch) % 2 === 0;
          if (bareFirst) runner.bareMs += await timed(() => runner.session.run(feeds));
          const cpu = process.cpuUsage();
          runner.oursMs += await timed(() => runner.embedder.embedPassages(batch));
          const used = process.cpuUsage(cpu);
          runner.oursCpuMs += (used.user + used.system) / 1000;
          if (!bareFirst) runner.bareMs += await timed(() => runner.session.run(feeds));
        }
      }
    }
  } finally {
    for (const runner of runners) {
      await runner.embedder.dispose();
      await (runner.session as unknown as { release?: () => Promise<void> }).release?.();
    }
  }
  return runners.map(({ cell, oursMs, oursCpuMs, bareMs }) => ({
    ...cell,
    oursPerSecond: (sorted.length / oursMs) * 1000,
    barePerSecond: (sorted.length / bareMs) * 1000,
    oursCpuMs: oursCpuMs / sorted.length,
  }));
}

/** Milliseconds per question embedding, after three warm-up questions. */
export async function measureQuestions(embedder: Embedder, questions: readonly string[]): Promise<number[]> {
  for (const question of questions.slice(0, 3)) await embedder.embedQuery(question);
  const times: number[] = [];
  for (const question of questions) {
    const started = performance.now();
    await embedder.embedQuery(question);
    times.push(performance.now() - started);
  }
  return times;
}

/** First ingests' wall time, summed over rounds, and the part of it the model ran. */
export interface IngestRun {
  label: string;
  passages: number;
  wallMs: number;
  /** Time inside the runtime, on whichever thread ran it, divided by the copies of the model. */
  modelMs: number;
  /** Process CPU time, all threads. */
  cpuMs: number;
}

/** One way to embed an ingest: an embedder and how many passages it is given a call. */
export interface IngestMethod {
  label: string;
  /** Copies of the model running side by side; their runtime is shared out over them. Default 1. */
  copies?: number;
  embedder: Embedder & { readonly runtimeMs: number; dispose(): Promise<void> };
  perCall?: number;
}

/**
 * First ingests of each corpus folder in `rounds` by every method, each into an empty index in
 * `scratch`. Round r starts with method r (mod n), so each method goes first as often as the
 * others, and a shared machine's changing load falls on all alike.
 */
export async function compareIngests(methods: readonly IngestMethod[], rounds: readonly string[], scratch: string, onProgress: (done: number, total: number) => void): Promise<IngestRun[]> {
  const runs: IngestRun[] = methods.map(({ label }) => ({ label, passages: 0, wallMs: 0, modelMs: 0, cpuMs: 0 }));
  for (const [round, corpusDir] of rounds.entries()) {
    for (let k = 0; k < methods.length; k++) {
      const m = (k + round) % methods.length;
      const { embedder, perCall, copies = 1 } = methods[m]!;
      const before = embedder.runtimeMs;
      const cpu = process.cpuUsage();
      const started = performance.now();
      const indexDir = path.join(scratch, `index-${round}-${m}`);
      const result = await refreshIndex({ corpusDir, indexDir, maxFileBytes: 5 * 1024 * 1024, embedder, startedBy: 'bench', ...(perCall ? { batchSize: perCall } : {}), onProgress });
      runs[m]!.wallMs += performance.now() - started;
      runs[m]!.modelMs += (embedder.runtimeMs - before) / copies;
      const used = process.cpuUsage(cpu);
      runs[m]!.cpuMs += (used.user + used.system) / 1000;
      runs[m]!.passages += result.embedded;
    }
  }
  return runs;
}
