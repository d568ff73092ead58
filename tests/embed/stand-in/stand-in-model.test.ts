import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Embedder } from '../../../src/embed/embedder.ts';
import { openBuildEmbedder } from '../../../src/embed/open-embedder.ts';
import { BGE_SMALL_SHAPE, type BertShape } from '../../../src/embed/stand-in/bert-graph.ts';
import { corpusSample } from '../../../src/embed/stand-in/corpus-sample.ts';
import { ensureStandInModel, STAND_IN_MODEL, type StandInModel } from '../../../src/embed/stand-in/stand-in-model.ts';
import { readOnnx } from './onnx-reader.ts';

/** bge-small scaled down so that CI writes and runs it in seconds; the same generator. */
const SMALL_SHAPE: BertShape = { layers: 2, hidden: 48, heads: 4, intermediate: 192, positions: 128, vocabSize: 3000 };
const REPO_CORPUS = path.resolve('corpus');
const DataType = { FLOAT: 1, INT8: 3 };

let tmp = '';
const opened: Embedder[] = [];

beforeAll(async () => {
  vi.stubGlobal('fetch', () => Promise.reject(new Error('network access in tests')));
  tmp = await mkdtemp(path.join(tmpdir(), 'newsdesk-stand-in-'));
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await rm(tmp, { recursive: true, force: true });
});

/** The model through the configured-model path the bot uses, with downloads off. */
async function open(model: StandInModel, modelsDir: string): Promise<Embedder> {
  const embedder = await openBuildEmbedder({
    model: { name: model.modelId, localDir: modelsDir, cacheDir: path.join(tmp, 'cache'), allowRemote: false, embedder: 'auto' },
    onWarning: (message) => {
      throw new Error(`fell back: ${message}`);
    },
  });
  opened.push(embedder);
  return embedder;
}

/** Checks every weight of a written graph against `shape`, layer by layer. */
function expectShape(onnx: Uint8Array, shape: BertShape, quantized: boolean): void {
  const { nodes, initializers } = readOnnx(onnx);
  const suffix = quantized ? '.weight_quantized' : '.weight';
  const dims = (name: string) => initializers.get(name)?.dims;
  expect(dims(`embeddings.word_embeddings${suffix}`)).toEqual([shape.vocabSize, shape.hidden]);
  expect(dims('embeddings.position_embeddings.weight')).toEqual([shape.positions, shape.hidden]);
  const layers = new Set([...initializers.keys()].map((name) => /^encoder\.layer\.(\d+)\./u.exec(name)?.[1]).filter((n) => n !== undefined));
  expect(layers.size).toBe(shape.layers);
  for (let layer = 0; layer < shape.layers; layer++) {
    const p = `encoder.layer.${layer}`;
    for (const part of ['query', 'key', 'value']) expect(dims(`${p}.attention.self.${part}${suffix}`)).toEqual([shape.hidden, shape.hidden]);
    expect(dims(`${p}.attention.output.dense${suffix}`)).toEqual([shape.hidden, shape.hidden]);
    expect(dims(`${p}.intermediate.dense${suffix}`)).toEqual([shape.hidden, shape.intermediate]);
    expect(dims(`${p}.output.dense${suffix}`)).toEqual([shape.intermediate, shape.hidden]);
    expect(initializers.get(`${p}.output.dense${suffix}`)?.dataType).toBe(quantized ? DataType.INT8 : DataType.FLOAT);
  }
  const count = (op: string) => nodes.filter((n) => n.opType === op).length;
  // Attention: two activation-by-activation products and one softmax per layer, over all heads.
  expect(count('Softmax')).toBe(shape.layers);
  expect(initializers.get('const.split_heads')).toEqual({ dims: [4], dataType: 7 });
  // Every weighted product is int8 in the quantized graph: six per layer.
  expect(count('MatMulInteger')).toBe(quantized ? 6 * shape.layers : 0);
  expect(count('MatMul')).toBe(quantized ? 2 * shape.layers : 8 * shape.layers);
  expect(count('Erf')).toBe(shape.layers);
  // LayerNorm after the embeddings and twice per layer, decomposed as exports write it.
  expect(count('Sqrt')).toBe(1 + 2 * shape.layers);
}

describe('the scaled-down stand-in', () => {
  let model: StandInModel;
  let modelsDir: string;

  beforeAll(async () => {
    modelsDir = path.join(tmp, 'models');
    model = await ensureStandInModel({ modelsDir, name: 'newsdesk-test/small-stand-in', shape: SMALL_SHAPE, sample: await corpusSample(REPO_CORPUS, 1e6) });
  });

  it('GIVEN the generator THEN both graphs have the shape asked for, the quantized one with int8 products', async () => {
    expectShape(await readFile(path.join(model.modelDir, 'onnx', 'model.onnx')), SMALL_SHAPE, false);
    expectShape(await readFile(path.join(model.modelDir, 'onnx', 'model_quantized.onnx')), SMALL_SHAPE, true);
    const config = JSON.parse(await readFile(path.join(model.modelDir, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ num_hidden_layers: 2, hidden_size: 48, num_attention_heads: 4, intermediate_size: 192, vocab_size: 3000 });
  });

  it('GIVEN the sample text THEN its vocabulary splits about 1.3 tokens a word', () => {
    expect(model.tokensPerWord).toBeGreaterThan(1.2);
    expect(model.tokensPerWord).toBeLessThan(1.4);
  });

  it('GIVEN a second call with the same recipe THEN the folder is reused, not written again', async () => {
    const again = await ensureStandInModel({ modelsDir, name: 'newsdesk-test/small-stand-in', shape: SMALL_SHAPE, sample: await corpusSample(REPO_CORPUS, 1e6) });
    expect(again.written).toBe(false);
    expect(again.tokensPerWord).toBe(model.tokensPerWord);
  });

  it('GIVEN the folder as a local model THEN the bot loads it and gets unit vectors of its width', async () => {
    const embedder = await open(model, modelsDir);
    expect(embedder.info).toMatchObject({ dimensions: SMALL_SHAPE.hidden, offline: false });
    const [vector] = await embedder.embedPassages(['The council approved the budget on Tuesday.']);
    expect(vector).toHaveLength(SMALL_SHAPE.hidden);
    expect(Math.hypot(...vector!)).toBeCloseTo(1, 5);
  });

  it('GIVEN texts of different lengths in one batch THEN padding is masked: each vector is the one it gets alone', async () => {
    const embedder = await open(model, modelsDir);
    const texts = ['Rain.', 'The minister said the new tax on energy prices would be debated by the council next week.', 'Police closed the street.'];
    const together = await embedder.embedPassages(texts);
    for (const [i, text] of texts.entries()) {
      const [alone] = await embedder.embedPassages([text]);
      // Not bit-identical: dynamic quantization scales activations over the whole batch.
      together[i]!.forEach((x, d) => expect(x).toBeCloseTo(alone![d]!, 3));
    }
    // Different texts, different vectors: the attention reads the tokens.
    expect(together[0]).not.toEqual(together[1]);
  });
});

// The full-size model is 170 MB on disk and takes half a minute to write: run with NEWSDESK_FULL_STAND_IN=1.
describe.runIf(process.env.NEWSDESK_FULL_STAND_IN === '1')('the full-size stand-in', () => {
  it('GIVEN bge-small shape THEN 12 layers of width 384 load from a local folder and give 384-d unit vectors', { timeout: 300_000 }, async () => {
    const modelsDir = path.resolve('models');
    const model = await ensureStandInModel({ modelsDir, sample: await corpusSample(REPO_CORPUS, 1e6) });
    expect(model.modelId).toBe(STAND_IN_MODEL);
    expectShape(await readFile(path.join(model.modelDir, 'onnx', 'model_quantized.onnx')), BGE_SMALL_SHAPE, true);
    expectShape(await readFile(path.join(model.modelDir, 'onnx', 'model.onnx')), BGE_SMALL_SHAPE, false);
    const embedder = await open(model, modelsDir);
    expect(embedder.info).toMatchObject({ id: `transformers:${STAND_IN_MODEL}:cls`, dimensions: 384 });
    const vector = await embedder.embedQuery('Who won the election?');
    expect(vector).toHaveLength(384);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
  });
});
