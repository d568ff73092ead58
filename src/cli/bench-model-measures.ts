/**
 * The measurements of the model bench: embedding throughput against the bare runtime on the
 * same token batches, question latency, and whole ingests. Each returns figures; printing is
 * the caller's.
 */
import ortModule from 'onnxruntime-node';
import path from 'node:path';
import type { Embedder } from '../embed/embedder.ts';
import { TransformersEmbedder, type TransformersLoadOptions } from '../embed/transformers-embedder.ts';
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
}

type Tokenizer = (texts: string[], options: { padding: boolean; truncation: boolean }) => Record<string, { data: BigInt64Array; dims: number[] }>;

/** The model file transformers.js reads for these options. */
function modelFile(load: TransformersLoadOptions, quantized: boolean): string {
  return path.join(load.localModelDir ?? load.cacheDir, ...load.preset.model.split('/'), 'onnx', quantized ? 'model_quantized.onnx' : 'model.onnx');
}

/**
 * Embeds `texts` (sorted by length, then cut into batches of `batch`) through a
 * TransformersEmbedder and through a bare onnxruntime session of the same file, batch by batch
 * in turn, so both see the same machine load. The first batch of each only warms up.
 */
export async function measureThroughput(load: TransformersLoadOptions, texts: readonly string[], cell: { batch: number; threads: number; quantized: boolean }): Promise<Throughput> {
  const embedder = await TransformersEmbedder.load({ ...load, batchSize: cell.batch, threads: cell.threads, quantized: cell.quantized });
  const session = await ort.InferenceSession.create(modelFile(load, cell.quantized), { intraOpNumThreads: cell.threads, interOpNumThreads: 1 });
  const { AutoTokenizer } = await import('@xenova/transformers');
  const tokenizer = (await AutoTokenizer.from_pretrained(load.preset.model)) as unknown as Tokenizer & { model_max_length: number };
  tokenizer.model_max_length = Math.min(tokenizer.model_max_length, load.preset.maxTokens);
  const sorted = [...texts].sort((a, b) => a.length - b.length).map((text) => load.preset.passagePrefix + text);
  const feedsOf = (batch: string[]) => {
    const encoded = tokenizer(batch, { padding: true, truncation: true });
    return Object.fromEntries(session.inputNames.map((name) => [name, new ort.Tensor('int64', encoded[name]!.data, encoded[name]!.dims)]));
  };
  let oursMs = 0;
  let bareMs = 0;
  let counted = 0;
  try {
    // Both warm up on the first batch: a session's first run allocates its buffers.
    const warmUp = sorted.slice(0, cell.batch);
    await session.run(feedsOf(warmUp));
    await embedder.embedPassages(warmUp);
    for (let start = 0; start < sorted.length; start += cell.batch) {
      const batch = sorted.slice(start, start + cell.batch);
      const feeds = feedsOf(batch);
      const timed = async (run: () => Promise<unknown>) => {
        const started = performance.now();
        await run();
        return performance.now() - started;
      };
      // Taking turns at going first, so neither always runs on a warmer cache.
      const bareFirst = (start / cell.batch) % 2 === 0;
      const bare = bareFirst ? await timed(() => session.run(feeds)) : 0;
      const ours = await timed(() => embedder.embedPassages(batch));
      const bareMs2 = bareFirst ? bare : await timed(() => session.run(feeds));
      bareMs += bareMs2;
      oursMs += ours;
      counted += batch.length;
    }
  } finally {
    await embedder.dispose();
    await (session as unknown as { release?: () => Promise<void> }).release?.();
  }
  return { ...cell, oursPerSecond: (counted / oursMs) * 1000, barePerSecond: (counted / bareMs) * 1000 };
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

/** A first ingest's wall time and the part of it the model ran. */
export interface IngestRun {
  label: string;
  passages: number;
  wallMs: number;
  /** Time inside the runtime, on whichever thread ran it. */
  modelMs: number;
}

/** A first ingest of `corpusDir` into the empty `indexDir` with `embedder`, `perCall` passages per embedding call. */
export async function measureIngest(
  label: string,
  embedder: Embedder & { readonly runtimeMs: number },
  folders: { corpusDir: string; indexDir: string },
  perCall: number | undefined,
  onProgress: (done: number, total: number) => void,
): Promise<IngestRun> {
  const before = embedder.runtimeMs;
  const started = performance.now();
  const result = await refreshIndex({ ...folders, maxFileBytes: 5 * 1024 * 1024, embedder, startedBy: 'bench', ...(perCall ? { batchSize: perCall } : {}), onProgress });
  const wallMs = performance.now() - started;
  return { label, passages: result.embedded, wallMs, modelMs: embedder.runtimeMs - before };
}
