import { isNewsdeskError } from '../errors.ts';
import type { Embedder, EmbedderInfo } from './embedder.ts';
import type { ModelProgressEvent } from './model-progress.ts';
import { OfflineEmbedder } from './offline-embedder.ts';
import { resolvePreset } from './presets.ts';
import { TransformersEmbedder, type TransformersLoadOptions } from './transformers-embedder.ts';
import { WorkerEmbedder } from './worker-embedder.ts';

/** Which embedding model to use and where its files are: the `model` part of the configuration. */
export interface ModelSettings {
  /** Hugging Face model id, e.g. `Xenova/bge-small-en-v1.5`. */
  name: string;
  /** Folder holding `<model id>/` for machines without the internet; null when unused. */
  localDir: string | null;
  /** Where downloaded models are cached. */
  cacheDir: string;
  /** False forbids any download: only the local folder or cache is used. */
  allowRemote: boolean;
  /** `auto` uses the model and falls back to the offline embedder; `offline` always uses the latter. */
  embedder: 'auto' | 'offline';
}

export interface OpenEmbedderOptions {
  model: ModelSettings;
  onWarning?: (message: string) => void;
  onProgress?: (event: ModelProgressEvent) => void;
}

/** Models whose fallback to the offline embedder this process has announced. */
const fallbackAnnounced = new Set<string>();

/**
 * The embedder for building an index: the configured model, or the offline embedder when the
 * configuration asks for it or the model cannot be loaded (no network and no local copy). The
 * fallback is announced through `onWarning` with what to do about it, once a process.
 */
export async function openBuildEmbedder(options: OpenEmbedderOptions): Promise<Embedder> {
  if (options.model.embedder === 'offline') return new OfflineEmbedder();
  try {
    const load = loadOptions(options.model.name, options);
    // Passages in a worker thread: an ingest then never holds up a question on this one.
    return new WorkerEmbedder(await TransformersEmbedder.load(load), load);
  } catch (error) {
    if (!isNewsdeskError(error, 'MODEL_UNAVAILABLE')) throw error;
    // Said once a process: a bot or chat that refreshes all day would otherwise repeat it each time.
    if (!fallbackAnnounced.has(options.model.name)) {
      fallbackAnnounced.add(options.model.name);
      options.onWarning?.(
        `${error.message} Building with the offline embedder instead (hashed words: works anywhere, weaker on paraphrases); ` +
          'once the model is available, the next ingest re-embeds everything with it.',
      );
    }
    return new OfflineEmbedder();
  }
}

/**
 * The embedder that built an index, for its queries: a query vector from any other embedder
 * would not be comparable. Throws NewsdeskError `MODEL_UNAVAILABLE` when that model is gone.
 */
export async function openQueryEmbedder(built: EmbedderInfo, options: OpenEmbedderOptions): Promise<Embedder> {
  const offline = new OfflineEmbedder();
  if (built.id === offline.info.id) return offline;
  const model = /^transformers:(.+):(mean|cls)$/u.exec(built.id);
  if (!model) throw new Error(`unknown embedder "${built.id}" in the index manifest`);
  return TransformersEmbedder.load(loadOptions(model[1]!, options, model[2] as 'mean' | 'cls'));
}

function loadOptions(name: string, options: OpenEmbedderOptions, pooling?: 'mean' | 'cls'): TransformersLoadOptions {
  return {
    preset: resolvePreset(name, pooling ? { pooling } : undefined),
    cacheDir: options.model.cacheDir,
    localModelDir: options.model.localDir,
    allowRemote: options.model.allowRemote,
    onProgress: options.onProgress,
  };
}
