/**
 * Writes a model folder that transformers.js loads like a downloaded export: config, WordPiece
 * tokenizer and `onnx/model.onnx` + `onnx/model_quantized.onnx`, with bge-small's shape (or a
 * smaller one for tests) and seeded random weights. Its vectors mean nothing; its cost per
 * passage is the real model's, which is what benchmarks need. A folder already written by the
 * same recipe is reused.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bertOnnx, BGE_SMALL_SHAPE, type BertShape } from './bert-graph.ts';
import { buildWordPieceVocab, countWords, type WordCounts } from './wordpiece-vocab.ts';
import { tokenizerConfigJson, tokenizerJson } from './tokenizer-json.ts';

/** Model id of the full-size stand-in for Xenova/bge-small-en-v1.5. */
export const STAND_IN_MODEL = 'newsdesk/bge-small-stand-in';

/** Tokens per word of uncased BERT WordPiece on English news, punctuation included. */
export const NEWS_TOKENS_PER_WORD = 1.3;

/** The file naming the recipe a folder was written by. */
const RECIPE_FILE = 'stand-in.json';
const SOURCES = fileURLToPath(new URL('.', import.meta.url));

export interface StandInOptions {
  /** Models are written to `<modelsDir>/<name>/`. */
  modelsDir: string;
  /** Default STAND_IN_MODEL. */
  name?: string;
  /** Default BGE_SMALL_SHAPE. */
  shape?: BertShape;
  /** Text the vocabulary is learnt from, with a key that changes when the text does. */
  sample: { key: string; texts: () => Promise<Iterable<string>> };
  seed?: number;
}

export interface StandInModel {
  modelId: string;
  modelDir: string;
  shape: BertShape;
  /** Tokens per word the vocabulary gives the sample text. */
  tokensPerWord: number;
  /** False when an earlier folder of the same recipe was reused. */
  written: boolean;
}

/** Writes the stand-in model unless a folder of the same recipe exists; returns where it is. */
export async function ensureStandInModel(options: StandInOptions): Promise<StandInModel> {
  const modelId = options.name ?? STAND_IN_MODEL;
  const shape = options.shape ?? BGE_SMALL_SHAPE;
  const seed = options.seed ?? 0x5eed;
  const modelDir = path.join(options.modelsDir, ...modelId.split('/'));
  const recipe = { shape, seed, sample: options.sample.key, tokensPerWordTarget: NEWS_TOKENS_PER_WORD, generator: await generatorHash() };
  const existing = await readFile(path.join(modelDir, RECIPE_FILE), 'utf8').then((text) => JSON.parse(text) as { recipe: unknown; tokensPerWord: number }, () => null);
  if (existing && JSON.stringify(existing.recipe) === JSON.stringify(recipe)) {
    return { modelId, modelDir, shape, tokensPerWord: existing.tokensPerWord, written: false };
  }

  let counts: WordCounts | undefined;
  for (const text of await options.sample.texts()) counts = countWords(text, counts);
  if (!counts || counts.words === 0) throw new Error('the sample text for the stand-in vocabulary is empty');
  const vocab = buildWordPieceVocab(counts, { size: shape.vocabSize, tokensPerWord: NEWS_TOKENS_PER_WORD });

  // Written beside the final folder and renamed, so an interrupted run leaves no half model.
  const building = `${modelDir}.building-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(path.join(building, 'onnx'), { recursive: true });
  const config = {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: shape.hidden,
    intermediate_size: shape.intermediate,
    num_attention_heads: shape.heads,
    num_hidden_layers: shape.layers,
    max_position_embeddings: shape.positions,
    type_vocab_size: 2,
    vocab_size: shape.vocabSize,
    hidden_act: 'gelu',
    layer_norm_eps: 1e-12,
    pad_token_id: 0,
  };
  await writeFile(path.join(building, 'config.json'), JSON.stringify(config, null, 2));
  await writeFile(path.join(building, 'tokenizer_config.json'), JSON.stringify(tokenizerConfigJson(shape.positions), null, 2));
  await writeFile(path.join(building, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocab.tokens)));
  // One graph at a time: the full-size fp32 one alone is 130 MB.
  await writeFile(path.join(building, 'onnx', 'model.onnx'), bertOnnx(shape, { seed, quantized: false }));
  await writeFile(path.join(building, 'onnx', 'model_quantized.onnx'), bertOnnx(shape, { seed, quantized: true }));
  await writeFile(path.join(building, RECIPE_FILE), JSON.stringify({ recipe, tokensPerWord: vocab.tokensPerWord }, null, 2));
  await rm(modelDir, { recursive: true, force: true });
  await rename(building, modelDir);
  return { modelId, modelDir, shape, tokensPerWord: vocab.tokensPerWord, written: true };
}

/** A hash of this generator's source: a change to it writes the model again. */
async function generatorHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await readdir(SOURCES)).sort()) hash.update(name).update(await readFile(path.join(SOURCES, name)));
  return hash.digest('hex').slice(0, 16);
}
