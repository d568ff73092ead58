import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Embedder, EmbedderInfo } from './embedder.ts';
import type { PassageReply, PassageRequest } from './passage-worker.ts';
import { DEFAULT_BATCH_SIZE, type TransformersEmbedder, type TransformersLoadOptions } from './transformers-embedder.ts';

/** A worker left idle this long is stopped, and its copy of the model freed, in ms. */
const IDLE_MS = 60_000;

/** One worker thread with its own copy of the model, started on demand and stopped when idle. */
class PassageThread {
  readonly #options: Omit<TransformersLoadOptions, 'onProgress'>;
  #worker: Worker | null = null;
  #idle: NodeJS.Timeout | null = null;
  #next = 0;
  readonly #waiting = new Map<number, { resolve(rows: number[][]): void; reject(error: Error): void }>();
  /** Milliseconds its model has run. */
  runtimeMs = 0;

  constructor(options: Omit<TransformersLoadOptions, 'onProgress'>) {
    this.#options = options;
  }

  embed(texts: string[]): Promise<number[][]> {
    const worker = this.#start();
    const id = this.#next++;
    // A worker with work keeps the process alive; an idle one does not.
    worker.ref();
    return new Promise<number[][]>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ id, texts } satisfies PassageRequest);
    });
  }

  async stop(): Promise<void> {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
  }

  #start(): Worker {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    if (this.#worker) return this.#worker;
    const worker = spawn(new URL('./passage-worker.ts', import.meta.url), this.#options);
    worker.on('message', (reply: PassageReply) => this.#answer(reply));
    worker.on('error', (error) => this.#fail(worker, error));
    worker.on('exit', (code) => this.#fail(worker, new Error(`the embedding worker stopped (exit code ${code})`)));
    this.#worker = worker;
    return worker;
  }

  #answer(reply: PassageReply): void {
    const waiting = this.#waiting.get(reply.id);
    this.#waiting.delete(reply.id);
    if (this.#waiting.size === 0) {
      // An idle worker must not keep a finished command running.
      this.#worker?.unref();
      this.#idle = setTimeout(() => void this.stop(), IDLE_MS).unref();
    }
    if (!waiting) return;
    if ('error' in reply) return waiting.reject(new Error(reply.error));
    this.runtimeMs += reply.runtimeMs;
    const rows: number[][] = [];
    for (let start = 0; start < reply.vectors.length; start += reply.dimensions) rows.push(Array.from(reply.vectors.subarray(start, start + reply.dimensions)));
    waiting.resolve(rows);
  }

  #fail(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    for (const { reject } of this.#waiting.values()) reject(error);
    this.#waiting.clear();
  }
}

/**
 * A model embedder whose passages are embedded in worker threads, each with its own copy of
 * the model running on one core, and whose queries by the copy on this thread. The runtime
 * blocks the thread it runs on, so an ingest embedding here would hold up every question, and
 * every Discord heartbeat, for a whole batch; in the workers it holds up nothing, and the
 * tagging of the next articles runs meanwhile. One single-threaded copy per core rather than
 * one copy with a thread per core: the runtime's threads wait for each other at every operator
 * and spin while they wait, which wastes the cores when other programs share them (measured in
 * docs/model-speed.md). Workers start with the first passages and stop when idle.
 */
export class WorkerEmbedder implements Embedder {
  readonly info: EmbedderInfo;
  /** The next call's passages wait in the workers' queues while the last call's run. */
  readonly callsInFlight = 2;
  readonly #queries: TransformersEmbedder;
  readonly #threads: PassageThread[];
  readonly #batchSize: number;

  /**
   * `options` load the workers' copies: the same files `queries` was loaded from. `workers`
   * defaults to one per core.
   */
  constructor(queries: TransformersEmbedder, options: TransformersLoadOptions, workers = os.availableParallelism()) {
    this.#queries = queries;
    this.info = queries.info;
    const { onProgress: _, ...rest } = options;
    this.#batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    // The files are on disk by now: the workers never download.
    const load = { ...rest, preset: queries.preset, allowRemote: false, threads: options.threads ?? 1 };
    this.#threads = Array.from({ length: Math.max(1, workers) }, () => new PassageThread(load));
  }

  /** Milliseconds inside the runtime, all threads together. */
  get runtimeMs(): number {
    return this.#threads.reduce((sum, thread) => sum + thread.runtimeMs, this.#queries.runtimeMs);
  }

  embedQuery(text: string): Promise<number[]> {
    return this.#queries.embedQuery(text);
  }

  /**
   * The texts sorted by length and cut into model batches, the batches dealt in turn to the
   * workers: each gets batches of similar length and about the same work.
   */
  async embedPassages(texts: readonly string[]): Promise<number[][]> {
    const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
    const shares: number[][] = this.#threads.map(() => []);
    for (let start = 0, batch = 0; start < order.length; start += this.#batchSize, batch++) {
      shares[batch % shares.length]!.push(...order.slice(start, start + this.#batchSize));
    }
    const vectors = new Array<number[]>(texts.length);
    await Promise.all(
      shares.map(async (rows, i) => {
        if (rows.length === 0) return;
        const embedded = await this.#threads[i]!.embed(rows.map((row) => texts[row]!));
        rows.forEach((row, n) => (vectors[row] = embedded[n]!));
      }),
    );
    return vectors;
  }

  /** Stops the workers and frees every copy of the model. */
  async dispose(): Promise<void> {
    await Promise.all(this.#threads.map((thread) => thread.stop()));
    await this.#queries.dispose();
  }
}

/**
 * A worker running `entry` with `workerData`. Newsdesk runs its TypeScript through tsx, whose
 * loader a worker does not inherit: a `.ts` entry is imported after registering tsx there.
 */
function spawn(entry: URL, workerData: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/u, '.mjs');
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}
