import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { NewsdeskError } from '../errors.ts';
import type { Embedder, EmbedderInfo, Pooling } from './embedder.ts';
import type { ModelProgressEvent } from './model-progress.ts';
import type { ModelPreset } from './presets.ts';

/** How to find and run a transformers.js model. */
export type TransformersLoadOptions = {
  preset: ModelPreset;
  /** Where downloaded model files are kept, as `<cacheDir>/<model>/...`; created on demand. */
  cacheDir: string;
  /**
   * Folder holding models as `<localModelDir>/<model>/` (e.g. `models/Xenova/bge-small-en-v1.5/`),
   * checked before any download. Null: only `cacheDir` is searched.
   */
  localModelDir?: string | null;
  /** False forbids any network access: the model must already be on disk. */
  allowRemote: boolean;
  /** Texts per model call; default DEFAULT_BATCH_SIZE. A batch is padded to its longest text. */
  batchSize?: number;
  /** Run `onnx/model_quantized.onnx` (default) or the fp32 `onnx/model.onnx`. */
  quantized?: boolean;
  /** Threads the runtime uses within one model call; default: the runtime's choice (one per core). */
  threads?: number;
  onProgress?: (event: ModelProgressEvent) => void;
};

/** The slice of transformers.js' FeatureExtractionPipeline this module uses. */
interface FeatureExtractor {
  (texts: string[], options: { pooling: Pooling; normalize: boolean }): Promise<{
    dims: number[];
    data: ArrayLike<number>;
  }>;
  tokenizer: { model_max_length?: number };
  model: { config?: { max_position_embeddings?: number }; session: { run: (...args: never[]) => Promise<unknown> } };
  dispose(): Promise<void>;
}

/**
 * Texts per model call unless told otherwise. One: measured with a model of bge-small's shape
 * on news passages, a passage's CPU time grows with the batch (52 ms alone, 64 ms in batches of
 * 8, 83 ms in batches of 32, int8 on one thread; docs/model-speed.md): the products of one
 * passage already keep a core busy, and a batch's activations outgrow the caches.
 */
export const DEFAULT_BATCH_SIZE = 1;
/** The files of a model that must be on disk to load it without a download. */
export const MODEL_FILES = 'config.json, tokenizer.json, tokenizer_config.json, onnx/model_quantized.onnx';

// transformers.js keeps its settings in one global `env` that is read while files load, so two
// loads with different folders must not interleave.
let loadChain: Promise<unknown> = Promise.resolve();

/** Sentence embedder running an ONNX model through @xenova/transformers; vectors have unit L2 norm. */
export class TransformersEmbedder implements Embedder {
  readonly info: EmbedderInfo;
  readonly preset: ModelPreset;
  readonly #extractor: FeatureExtractor;
  readonly #batchSize: number;
  #runtimeMs = 0;

  private constructor(preset: ModelPreset, extractor: FeatureExtractor, batchSize: number) {
    this.preset = preset;
    this.#extractor = extractor;
    this.#batchSize = batchSize;
    const session = extractor.model.session;
    const run = session.run.bind(session);
    // One run at a time: the runtime runs them one after another on this thread anyway, and
    // timing two that overlap in waiting would count the same milliseconds twice.
    let last: Promise<unknown> = Promise.resolve();
    session.run = (...args: never[]) => {
      const turn = last.then(async () => {
        const started = performance.now();
        try {
          return await run(...args);
        } finally {
          this.#runtimeMs += performance.now() - started;
        }
      });
      last = turn.catch(() => undefined);
      return turn;
    };
    this.info = {
      id: `transformers:${preset.model}:${preset.pooling}`,
      dimensions: preset.dimensions,
      pooling: preset.pooling,
      offline: false,
    };
  }

  /**
   * Loads the model (downloading it on first use if `allowRemote`) and embeds a probe text to
   * learn its dimensions. Throws NewsdeskError MODEL_UNAVAILABLE, with the cause, on any failure.
   */
  static load(options: TransformersLoadOptions): Promise<TransformersEmbedder> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      const error = new NewsdeskError('CONFIG_INVALID', `Embedding batch size must be a positive integer, got ${batchSize}.`);
      return Promise.reject(error);
    }
    const loaded = loadChain.then(() => loadExtractor(options));
    loadChain = loaded.catch(() => undefined);
    return loaded.then(
      ({ extractor, dimensions }) => new TransformersEmbedder({ ...options.preset, dimensions }, extractor, batchSize),
    );
  }

  /** Milliseconds spent inside the ONNX runtime by this embedder so far. */
  get runtimeMs(): number {
    return this.#runtimeMs;
  }

  /**
   * One unit vector per text, in order; `passagePrefix` is prepended to each. Texts are run in
   * batches of similar length: a batch is padded to its longest text, and the padding costs as
   * much as text.
   */
  async embedPassages(texts: readonly string[]): Promise<number[][]> {
    const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
    const vectors = new Array<number[]>(texts.length);
    for (let start = 0; start < order.length; start += this.#batchSize) {
      const rows = order.slice(start, start + this.#batchSize);
      const batch = await this.#run(rows.map((row) => this.preset.passagePrefix + texts[row]!));
      rows.forEach((row, i) => (vectors[row] = batch[i]!));
    }
    return vectors;
  }

  /** The unit vector of `queryPrefix + text`. */
  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.#run([this.preset.queryPrefix + text]);
    if (!vector) throw new Error('feature-extraction returned no vector for the query');
    return vector;
  }

  /** Frees the ONNX session; the embedder must not be used afterwards. */
  async dispose(): Promise<void> {
    await this.#extractor.dispose();
  }

  async #run(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const output = await runExtractor(this.#extractor, this.preset, texts);
    if (this.info.dimensions > 0 && output.dimensions !== this.info.dimensions) {
      throw new Error(`model returned ${output.dimensions}-dimensional vectors, expected ${this.info.dimensions}`);
    }
    return output.vectors;
  }
}

/** Token ids of a batch, by model input name, as the pipeline feeds them to the runtime: `[batch, sequence]` int64. */
export type TokenBatch = Record<string, { data: BigInt64Array; dims: number[] }>;

/**
 * The tokenizer of a model loaded earlier in this process, padding each batch to its longest
 * text and truncating at `maxTokens`: what the pipeline does before it runs the model.
 */
export async function loadTokenizer(preset: ModelPreset): Promise<(texts: string[]) => TokenBatch> {
  const { AutoTokenizer } = await import('@xenova/transformers');
  const tokenizer = (await AutoTokenizer.from_pretrained(preset.model)) as unknown as ((texts: string[], options: { padding: boolean; truncation: boolean }) => TokenBatch) & { model_max_length: number };
  tokenizer.model_max_length = Math.min(tokenizer.model_max_length, preset.maxTokens);
  return (texts) => tokenizer(texts, { padding: true, truncation: true });
}

/** Creates the pipeline with `env` set for these options; dimensions come from a probe embedding. */
async function loadExtractor(
  options: TransformersLoadOptions,
): Promise<{ extractor: FeatureExtractor; dimensions: number }> {
  const { preset, allowRemote } = options;
  const cacheDir = path.resolve(options.cacheDir);
  const modelRoot = path.resolve(options.localModelDir ?? cacheDir);

  let extractor: FeatureExtractor | undefined;
  try {
    // Imported lazily: it loads onnxruntime's native library, which the offline embedder never needs.
    const { env, pipeline } = await import('@xenova/transformers');
    // Set on every load because `env` is a process-wide singleton that other code may have changed.
    env.allowRemoteModels = allowRemote;
    // Local lookup must stay on even when only the cache is used: with both local and remote off,
    // transformers.js refuses to load before it ever looks in the cache.
    env.allowLocalModels = true;
    env.localModelPath = modelRoot;
    env.useFS = true;
    env.useFSCache = true;
    env.useBrowserCache = false;
    // The default cache is inside node_modules, which `npm ci` wipes.
    env.cacheDir = cacheDir;

    const modelFile = path.join('onnx', (options.quantized ?? true) ? 'model_quantized.onnx' : 'model.onnx');
    const files = [modelRoot, cacheDir].map((root) => path.join(root, preset.model, modelFile));
    extractor = (await withThreads(options.threads, files, () => pipeline('feature-extraction', preset.model, {
      quantized: options.quantized ?? true,
      cache_dir: cacheDir,
      local_files_only: !allowRemote,
      progress_callback: (event: Record<string, unknown>) => reportProgress(options.onProgress, event),
    }))) as unknown as FeatureExtractor;

    capInputLength(extractor, preset.maxTokens);
    const probe = await runExtractor(extractor, preset, [`${preset.passagePrefix}probe`]);
    if (preset.dimensions > 0 && probe.dimensions !== preset.dimensions) {
      throw new Error(
        `its files produce ${probe.dimensions}-dimensional vectors but ${preset.dimensions} were expected; ` +
          'the folder probably holds a different model',
      );
    }
    return { extractor, dimensions: probe.dimensions };
  } catch (error) {
    await extractor?.dispose().catch(() => undefined);
    throw unavailable(options, modelRoot, cacheDir, error);
  }
}

/**
 * Runs `load` with every ONNX session it creates set to `threads` intra-op threads:
 * transformers.js passes no session options of its own. Safe because loads are serialised.
 *
 * transformers.js hands the runtime the model's bytes, and onnxruntime-node 1.14 ignores the
 * session options of a model given as bytes: every copy would then run one thread per core,
 * and two single-threaded copies would be four threads fighting over two cores. So the session
 * is made from the file those bytes were read from (one of `files`, compared byte for byte),
 * or from a temporary copy of them when none matches.
 */
async function withThreads<T>(threads: number | undefined, files: readonly string[], load: () => Promise<T>): Promise<T> {
  if (threads === undefined) return load();
  const runtime = await import('onnxruntime-node');
  // CommonJS: the exports are the default export under Node, the namespace under some loaders.
  const ort = (runtime as unknown as { default?: typeof runtime }).default ?? runtime;
  const create = ort.InferenceSession.create;
  type Create = (model: Uint8Array | string, options?: Record<string, unknown>) => ReturnType<typeof create>;
  const original = create as unknown as Create;
  (ort.InferenceSession as unknown as { create: Create }).create = async (model, options) => {
    // Read from a file, the options are checked too: transformers.js lists 'wasm' after 'cpu'
    // as a fallback, which onnxruntime-node rejects (its fallback path never reaches this one).
    const providers = Array.isArray(options?.executionProviders) ? options.executionProviders.filter((provider) => provider !== 'wasm') : undefined;
    const settings = { ...options, ...(providers?.length ? { executionProviders: providers } : {}), intraOpNumThreads: threads, interOpNumThreads: 1 };
    if (typeof model === 'string') return original.call(ort.InferenceSession, model, settings);
    return withModelFile(model, files, (file) => original.call(ort.InferenceSession, file ?? model, settings));
  };
  try {
    return await load();
  } finally {
    ort.InferenceSession.create = create;
  }
}

/**
 * Calls `use` with the path of a file holding exactly `bytes`: one of `files`, else a temporary
 * copy removed afterwards; with null when neither can be had (the bytes are then used as they are).
 */
export async function withModelFile<T>(bytes: Uint8Array, files: readonly string[], use: (file: string | null) => Promise<T>): Promise<T> {
  for (const file of files) {
    const stat = await fs.stat(file).catch(() => null);
    if (stat?.size !== bytes.byteLength) continue;
    const onDisk = await fs.readFile(file).catch(() => null);
    if (onDisk && Buffer.compare(onDisk, bytes) === 0) return use(file);
  }
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsdesk-model-')).catch(() => null);
  if (folder === null) return use(null);
  try {
    const copy = path.join(folder, 'model.onnx');
    const written = await fs.writeFile(copy, bytes).then(() => true, () => false);
    return await use(written ? copy : null);
  } finally {
    await fs.rm(folder, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * The pipeline truncates to `tokenizer.model_max_length`, which some exported configs leave
 * unset (Math.min then yields NaN and nothing is truncated) or set to 1e30; longer input would
 * overflow the position table and make ONNX fail, so clamp it to what the model can take.
 */
function capInputLength(extractor: FeatureExtractor, maxTokens: number): void {
  const limits = [maxTokens, extractor.tokenizer.model_max_length, extractor.model.config?.max_position_embeddings];
  const finite = limits.filter((n): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0);
  extractor.tokenizer.model_max_length = Math.min(...finite);
}

async function runExtractor(
  extractor: FeatureExtractor,
  preset: ModelPreset,
  texts: string[],
): Promise<{ dimensions: number; vectors: number[][] }> {
  const tensor = await extractor(texts, { pooling: preset.pooling, normalize: preset.normalize });
  const [rows, dimensions] = tensor.dims;
  if (tensor.dims.length !== 2 || rows !== texts.length || !dimensions) {
    throw new Error(`unexpected feature-extraction output shape [${tensor.dims.join(', ')}]`);
  }
  const vectors: number[][] = [];
  for (let row = 0; row < rows; row++) {
    const vector = new Array<number>(dimensions);
    for (let i = 0; i < dimensions; i++) vector[i] = tensor.data[row * dimensions + i] ?? Number.NaN;
    vectors.push(vector);
  }
  return { dimensions, vectors };
}

function reportProgress(onProgress: TransformersLoadOptions['onProgress'], event: Record<string, unknown>): void {
  if (!onProgress) return;
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  try {
    onProgress({
      file: text(event.file),
      loaded: count(event.loaded),
      total: count(event.total),
      status: text(event.status),
    });
  } catch {
    // A broken progress display must not make the model look unavailable.
  }
}

function unavailable(
  options: TransformersLoadOptions,
  modelRoot: string,
  cacheDir: string,
  error: unknown,
): NewsdeskError {
  if (error instanceof NewsdeskError) return error;
  const model = options.preset.model;
  const reason = error instanceof Error ? error.message : String(error);
  const folders = modelRoot === cacheDir ? [cacheDir] : [modelRoot, cacheDir];
  const where = folders.map((dir) => path.join(dir, model)).join(' or ');
  const howToGet = options.allowRemote
    ? `On first use it is downloaded from Hugging Face, which needs internet access; offline, put its files (${MODEL_FILES}) in ${where}.`
    : `Downloads are disabled, so its files (${MODEL_FILES}) must already be in ${where}: allow downloads and run once with internet access, or copy the model folder there.`;
  return new NewsdeskError('MODEL_UNAVAILABLE', `Embedding model "${model}" could not be loaded (${reason}). ${howToGet}`, {
    cause: error,
  });
}
