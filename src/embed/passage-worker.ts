/**
 * Worker thread entry: loads the model named in `workerData` and embeds the passages it is
 * sent, so that a long ingest runs beside the main thread instead of blocking it (the runtime's
 * `run` is synchronous on the calling thread).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TransformersEmbedder, type TransformersLoadOptions } from './transformers-embedder.ts';

/** A request: embed `texts`; answered with the same `id`. */
export type PassageRequest = { id: number; texts: string[] };
/** `vectors` holds the rows end to end, `dimensions` numbers each; `runtimeMs` is this request's time in the runtime. */
export type PassageReply = { id: number; vectors: Float32Array; dimensions: number; runtimeMs: number } | { id: number; error: string };

const port = parentPort!;
const loading = TransformersEmbedder.load(workerData as TransformersLoadOptions);
// A failed load is reported with the first request; an unanswered rejection would kill the thread.
loading.catch(() => undefined);

port.on('message', async ({ id, texts }: PassageRequest) => {
  try {
    const embedder = await loading;
    const before = embedder.runtimeMs;
    const rows = await embedder.embedPassages(texts);
    const dimensions = embedder.info.dimensions;
    const vectors = new Float32Array(rows.length * dimensions);
    rows.forEach((row, i) => vectors.set(row, i * dimensions));
    port.postMessage({ id, vectors, dimensions, runtimeMs: embedder.runtimeMs - before } satisfies PassageReply, [vectors.buffer]);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies PassageReply);
  }
});
