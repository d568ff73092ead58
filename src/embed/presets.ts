import { NewsdeskError } from '../errors.ts';
import type { Pooling } from './embedder.ts';

/** How to run one sentence-embedding model: its pooling, prefixes and sizes. */
export type ModelPreset = {
  /** Hugging Face model id (ONNX export, e.g. a `Xenova/...` repo) or a folder name below the local model folder. */
  model: string;
  pooling: Pooling;
  /** L2-normalise each pooled vector; must be true for the Embedder contract of unit vectors. */
  normalize: boolean;
  /** Prepended verbatim to every query (retrieval-tuned models expect it). */
  queryPrefix: string;
  /** Prepended verbatim to every passage. */
  passagePrefix: string;
  /** Vector length; 0 means unknown until the model is loaded. */
  dimensions: number;
  /** Longest input in tokens, specials included; longer texts are truncated. */
  maxTokens: number;
};

/** Model id used when the configuration names none. */
export const DEFAULT_MODEL = 'Xenova/bge-small-en-v1.5';

const BGE_SMALL: ModelPreset = {
  model: 'Xenova/bge-small-en-v1.5',
  pooling: 'cls',
  normalize: true,
  queryPrefix: 'Represent this sentence for searching relevant passages: ',
  passagePrefix: '',
  dimensions: 384,
  maxTokens: 512,
};

/** Known models, keyed by model id; values are the settings their authors recommend. */
export const MODEL_PRESETS: Readonly<Record<string, Readonly<ModelPreset>>> = Object.freeze({
  'Xenova/bge-small-en-v1.5': BGE_SMALL,
  // Written by `npm run stand-in`: bge-small's shape and settings with random weights, for
  // measuring speed where the real weights cannot be downloaded.
  'newsdesk/bge-small-stand-in': { ...BGE_SMALL, model: 'newsdesk/bge-small-stand-in' },
  'Xenova/all-MiniLM-L6-v2': {
    model: 'Xenova/all-MiniLM-L6-v2',
    pooling: 'mean',
    normalize: true,
    queryPrefix: '',
    passagePrefix: '',
    dimensions: 384,
    // Trained on 128-token inputs; sentence-transformers caps it at 256 although BERT allows 512.
    maxTokens: 256,
  },
  'Xenova/e5-small-v2': {
    model: 'Xenova/e5-small-v2',
    pooling: 'mean',
    normalize: true,
    queryPrefix: 'query: ',
    passagePrefix: 'passage: ',
    dimensions: 384,
    maxTokens: 512,
  },
  'Xenova/gte-small': {
    model: 'Xenova/gte-small',
    pooling: 'mean',
    normalize: true,
    queryPrefix: '',
    passagePrefix: '',
    dimensions: 384,
    maxTokens: 512,
  },
});

/** Defaults for a model not in MODEL_PRESETS: the common BERT-style sentence-embedder settings. */
const UNKNOWN_MODEL_DEFAULTS: Omit<ModelPreset, 'model'> = {
  pooling: 'mean',
  normalize: true,
  queryPrefix: '',
  passagePrefix: '',
  dimensions: 0,
  maxTokens: 512,
};

/**
 * The preset for `model` with `overrides` applied. Unknown models are allowed: they get mean
 * pooling, no prefixes, 512 tokens and dimensions 0 (learnt at load) unless overridden.
 * Explicitly undefined override fields are ignored. Throws CONFIG_INVALID for an empty model
 * name or impossible sizes.
 */
export function resolvePreset(model: string, overrides: Partial<ModelPreset> = {}): ModelPreset {
  const name = model.trim();
  const base = MODEL_PRESETS[name] ?? { ...UNKNOWN_MODEL_DEFAULTS, model: name };
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined),
  ) as Partial<ModelPreset>;
  // The key decides the preset; an override cannot rename the model under another's settings.
  const preset: ModelPreset = { ...base, ...defined, model: name };
  if (!name) throw new NewsdeskError('CONFIG_INVALID', 'The embedding model name is empty.');
  if (preset.pooling !== 'mean' && preset.pooling !== 'cls') {
    throw new NewsdeskError('CONFIG_INVALID', `Unknown pooling "${String(preset.pooling)}" for ${name}: use "mean" or "cls".`);
  }
  if (!Number.isInteger(preset.maxTokens) || preset.maxTokens < 2) {
    throw new NewsdeskError('CONFIG_INVALID', `maxTokens for ${name} must be an integer of at least 2.`);
  }
  if (!Number.isInteger(preset.dimensions) || preset.dimensions < 0) {
    throw new NewsdeskError('CONFIG_INVALID', `dimensions for ${name} must be a whole number (0 = learn at load).`);
  }
  return preset;
}
