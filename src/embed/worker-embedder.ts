import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Embedder, EmbedderInfo } from './embedder.ts';
import type { PassageReply, PassageRequest } from './passage-worker.ts';
import type { TransformersEmbedder, TransformersLoadOptions } from './transformers-embedder.ts';

/** A worker left idle this long is stopped, and its copy of the model freed, in ms. */
const IDLE_MS = 60_000;

/**
 * A model embedder whose passages are embedded by a second copy of the model in a worker
 * thread, and whose queries by the copy on this thread. The runtime blocks the thread it runs
 * on, so an ingest embedding here would hold up every question, and every Discord heartbeat,
 * for a whole batch; in the worker it holds up nothing, and the cleaning and tagging of the
 * next articles run meanwhile. The worker starts with the first passages and stops when idle.
 */
export class WorkerEmbedder implements Embedder {
  readonly info: EmbedderInfo;
  readonly #queries: TransformersEmbedder;
  readonly #options: Omit<TransformersLoadOptions, 'onProgress'>;
  #worker: Worker | null = null;
  #idle: NodeJS.Timeout | null = null;
  #next = 0;
  readonly #waiting = new Map<number, { resolve(rows: number[][]): void; reject(error: Error): void }>();
  #workerRuntimeMs = 0;

  /** `options` load the worker's copy: the same files `queries` was loaded from. */
  constructor(queries: TransformersEmbedder, options: TransformersLoadOptions) {
    this.#queries = queries;
    this.info = queries.info;
    const { onProgress: _, ...rest } = options;
    // The files are on disk by now: the worker never downloads.
    this.#options = { ...rest, preset: queries.preset, allowRemote: false };
  }

  /** Milliseconds inside the runtime, both threads together. */
  get runtimeMs(): number {
    return this.#workerRuntimeMs + this.#queries.runtimeMs;
  }

  embedQuery(text: string): Promise<number[]> {
    return this.#queries.embedQuery(text);
  }

  embedPassages(texts: readonly string[]): Promise<number[][]> {
    if (texts.length === 0) return Promise.resolve([]);
    const worker = this.#start();
    const id = this.#next++;
    // A worker with work keeps the process alive; an idle one does not.
    worker.ref();
    return new Promise<number[][]>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ id, texts: [...texts] } satisfies PassageRequest);
    });
  }

  /** Stops the worker and frees both copies of the model. */
  async dispose(): Promise<void> {
    await this.#stop();
    await this.#queries.dispose();
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
      this.#idle = setTimeout(() => void this.#stop(), IDLE_MS).unref();
    }
    if (!waiting) return;
    if ('error' in reply) return waiting.reject(new Error(reply.error));
    this.#workerRuntimeMs += reply.runtimeMs;
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

  async #stop(): Promise<void> {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
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
