/**
 * A BERT encoder as an ONNX graph, laid out node for node the way Hugging Face's exporter writes
 * one (decomposed LayerNorm and erf-GELU, which onnxruntime fuses again at load), with seeded
 * random weights. `quantized` writes what dynamic int8 quantization of the export gives:
 * every MatMul with a weight becomes DynamicQuantizeLinear + MatMulInteger with int8 per-column
 * weights, and the word embedding table is stored as int8 and dequantized after the lookup.
 */
import {
  attribute,
  DataType,
  floatTensor,
  int64Tensor,
  type Message,
  modelProto,
  nodeProto,
  tensorProto,
  littleEndian,
  valueInfo,
} from './onnx-protobuf.ts';

/** The dimensions that decide what running the model costs. */
export interface BertShape {
  layers: number;
  hidden: number;
  heads: number;
  intermediate: number;
  /** Rows of the position table: the longest input in tokens. */
  positions: number;
  vocabSize: number;
}

/** The shape of BAAI/bge-small-en-v1.5 (and so of Xenova/bge-small-en-v1.5). */
export const BGE_SMALL_SHAPE: Readonly<BertShape> = Object.freeze({
  layers: 12,
  hidden: 384,
  heads: 12,
  intermediate: 1536,
  positions: 512,
  vocabSize: 30522,
});

/** Deterministic PRNG in [0, 1): the same seed gives the same weights on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds a graph node by node; every node's output name is unique. */
class GraphBuilder {
  readonly nodes: Message[] = [];
  readonly initializers: Message[] = [];
  readonly #random: () => number;
  readonly #quantized: boolean;
  #count = 0;

  constructor(seed: number, quantized: boolean) {
    this.#random = mulberry32(seed);
    this.#quantized = quantized;
  }

  op(opType: string, inputs: readonly string[], attributes: readonly Message[] = [], outputs = 1): string[] {
    const names = Array.from({ length: outputs }, (_, i) => `/${opType}_${this.#count}_output_${i}`);
    this.nodes.push(nodeProto(opType, `/${opType}_${this.#count}`, inputs, names, attributes));
    this.#count++;
    return names;
  }

  one(opType: string, inputs: readonly string[], attributes: readonly Message[] = []): string {
    return this.op(opType, inputs, attributes)[0]!;
  }

  constant(name: string, dims: readonly number[], data: Float32Array): string {
    this.initializers.push(floatTensor(name, dims, data));
    return name;
  }

  scalar(name: string, value: number): string {
    return this.constant(name, [], Float32Array.of(value));
  }

  ints(name: string, values: readonly number[]): string {
    this.initializers.push(int64Tensor(name, [values.length], values));
    return name;
  }

  /** Uniform values with BERT's initializer spread (standard deviation 0.02). */
  weights(count: number): Float32Array {
    const spread = 0.02 * Math.sqrt(3);
    const data = new Float32Array(count);
    for (let i = 0; i < count; i++) data[i] = (this.#random() * 2 - 1) * spread;
    return data;
  }

  /** `x · W + b` for a [in, out] weight, as the export writes it (or its quantized form). */
  linear(x: string, name: string, inputs: number, outputs: number): string {
    const weight = this.weights(inputs * outputs);
    const bias = this.constant(`${name}.bias`, [outputs], this.weights(outputs));
    if (!this.#quantized) return this.one('Add', [bias, this.one('MatMul', [x, this.constant(`${name}.weight`, [inputs, outputs], weight)])]);
    const { values, scales } = quantizeColumns(weight, inputs, outputs);
    this.initializers.push(tensorProto(`${name}.weight_quantized`, [inputs, outputs], DataType.INT8, littleEndian(values)));
    this.initializers.push(tensorProto(`${name}.weight_zero_point`, [outputs], DataType.INT8, new Uint8Array(outputs)));
    const weightScale = this.constant(`${name}.weight_scale`, [outputs], scales);
    const [xq, xScale, xZero] = this.op('DynamicQuantizeLinear', [x], [], 3) as [string, string, string];
    const product = this.one('MatMulInteger', [xq, `${name}.weight_quantized`, xZero, `${name}.weight_zero_point`]);
    const asFloat = this.one('Cast', [product], [attribute('to', DataType.FLOAT)]);
    const scale = this.one('Mul', [xScale, weightScale]);
    return this.one('Add', [bias, this.one('Mul', [asFloat, scale])]);
  }

  /** LayerNorm over the last axis, decomposed as the exporter writes it. */
  layerNorm(x: string, name: string, width: number): string {
    const mean = this.one('ReduceMean', [x], [attribute('axes', [-1])]);
    const centred = this.one('Sub', [x, mean]);
    const variance = this.one('ReduceMean', [this.one('Pow', [centred, 'const.two'])], [attribute('axes', [-1])]);
    const deviation = this.one('Sqrt', [this.one('Add', [variance, 'const.epsilon'])]);
    const normed = this.one('Div', [centred, deviation]);
    const gamma = this.constant(`${name}.weight`, [width], new Float32Array(width).fill(1));
    const beta = this.constant(`${name}.bias`, [width], new Float32Array(width));
    return this.one('Add', [this.one('Mul', [normed, gamma]), beta]);
  }

  /** erf-GELU: x · 0.5 · (1 + erf(x / √2)). */
  gelu(x: string): string {
    const erf = this.one('Erf', [this.one('Div', [x, 'const.sqrt2'])]);
    return this.one('Mul', [this.one('Mul', [x, this.one('Add', [erf, 'const.one'])]), 'const.half']);
  }
}

/** Symmetric int8 per output column, as dynamic quantization stores MatMul weights. */
function quantizeColumns(weight: Float32Array, rows: number, columns: number): { values: Int8Array; scales: Float32Array } {
  const scales = new Float32Array(columns);
  for (let i = 0; i < weight.length; i++) {
    const column = i % columns;
    scales[column] = Math.max(scales[column]!, Math.abs(weight[i]!));
  }
  for (let c = 0; c < columns; c++) scales[c] = scales[c]! / 127 || 1;
  const values = new Int8Array(rows * columns);
  for (let i = 0; i < weight.length; i++) values[i] = Math.round(weight[i]! / scales[i % columns]!);
  return { values, scales };
}

/**
 * The ONNX bytes of a BERT encoder of `shape`: inputs input_ids, attention_mask and
 * token_type_ids ([batch, sequence] int64), output last_hidden_state [batch, sequence, hidden].
 * Padding positions are masked out of attention, so a text's vectors do not depend on the
 * batch it is padded in.
 */
export function bertOnnx(shape: BertShape, options: { seed: number; quantized: boolean }): Uint8Array {
  const { layers, hidden, heads, intermediate, positions, vocabSize } = shape;
  if (hidden % heads !== 0) throw new Error(`hidden width ${hidden} is not a multiple of ${heads} heads`);
  const headWidth = hidden / heads;
  const g = new GraphBuilder(options.seed, options.quantized);
  g.scalar('const.two', 2);
  g.scalar('const.epsilon', 1e-12);
  g.scalar('const.sqrt2', Math.SQRT2);
  g.scalar('const.one', 1);
  g.scalar('const.half', 0.5);
  g.scalar('const.head_scale', Math.sqrt(headWidth));
  g.scalar('const.mask_min', -3.4028234663852886e38);
  g.ints('const.axes_1_2', [1, 2]);
  g.ints('const.zero', [0]);
  g.ints('const.one_i', [1]);
  g.ints('const.two_i', [2]);
  g.ints('const.split_heads', [0, 0, heads, headWidth]);
  g.ints('const.join_heads', [0, 0, hidden]);

  // Embeddings: word + position + token type, then LayerNorm.
  let words: string;
  const table = g.weights(vocabSize * hidden);
  if (options.quantized) {
    let max = 0;
    for (const x of table) max = Math.max(max, Math.abs(x));
    const scale = max / 127 || 1;
    const values = Int8Array.from(table, (x) => Math.round(x / scale));
    g.initializers.push(tensorProto('embeddings.word_embeddings.weight_quantized', [vocabSize, hidden], DataType.INT8, littleEndian(values)));
    g.initializers.push(tensorProto('embeddings.word_embeddings.weight_zero_point', [], DataType.INT8, new Uint8Array(1)));
    g.scalar('embeddings.word_embeddings.weight_scale', scale);
    const gathered = g.one('Gather', ['embeddings.word_embeddings.weight_quantized', 'input_ids']);
    words = g.one('DequantizeLinear', [gathered, 'embeddings.word_embeddings.weight_scale', 'embeddings.word_embeddings.weight_zero_point']);
  } else {
    words = g.one('Gather', [g.constant('embeddings.word_embeddings.weight', [vocabSize, hidden], table), 'input_ids']);
  }
  const sequence = g.one('Slice', [g.one('Shape', ['input_ids']), 'const.one_i', 'const.two_i', 'const.zero']);
  const positionTable = g.constant('embeddings.position_embeddings.weight', [positions, hidden], g.weights(positions * hidden));
  // More tokens than positions leaves fewer rows than tokens and Add fails, as in a real BERT.
  const position = g.one('Slice', [positionTable, 'const.zero', sequence, 'const.zero']);
  const tokenType = g.one('Gather', [g.constant('embeddings.token_type_embeddings.weight', [2, hidden], g.weights(2 * hidden)), 'token_type_ids']);
  let x = g.layerNorm(g.one('Add', [g.one('Add', [words, tokenType]), position]), 'embeddings.LayerNorm', hidden);

  // Additive attention mask [batch, 1, 1, sequence]: 0 for tokens, the float minimum for padding.
  const mask = g.one('Cast', [g.one('Unsqueeze', ['attention_mask', 'const.axes_1_2'])], [attribute('to', DataType.FLOAT)]);
  const additiveMask = g.one('Mul', [g.one('Sub', ['const.one', mask]), 'const.mask_min']);

  for (let layer = 0; layer < layers; layer++) {
    const prefix = `encoder.layer.${layer}`;
    const splitHeads = (t: string, perm: number[]) => g.one('Transpose', [g.one('Reshape', [t, 'const.split_heads'])], [attribute('perm', perm)]);
    const query = splitHeads(g.linear(x, `${prefix}.attention.self.query`, hidden, hidden), [0, 2, 1, 3]);
    const key = splitHeads(g.linear(x, `${prefix}.attention.self.key`, hidden, hidden), [0, 2, 3, 1]);
    const value = splitHeads(g.linear(x, `${prefix}.attention.self.value`, hidden, hidden), [0, 2, 1, 3]);
    const scores = g.one('Add', [g.one('Div', [g.one('MatMul', [query, key]), 'const.head_scale']), additiveMask]);
    const probabilities = g.one('Softmax', [scores], [attribute('axis', -1)]);
    const context = g.one('Transpose', [g.one('MatMul', [probabilities, value])], [attribute('perm', [0, 2, 1, 3])]);
    const attended = g.linear(g.one('Reshape', [context, 'const.join_heads']), `${prefix}.attention.output.dense`, hidden, hidden);
    x = g.layerNorm(g.one('Add', [attended, x]), `${prefix}.attention.output.LayerNorm`, hidden);
    const expanded = g.gelu(g.linear(x, `${prefix}.intermediate.dense`, hidden, intermediate));
    const contracted = g.linear(expanded, `${prefix}.output.dense`, intermediate, hidden);
    x = g.layerNorm(g.one('Add', [contracted, x]), `${prefix}.output.LayerNorm`, hidden);
  }
  g.nodes.push(nodeProto('Identity', '/Identity_output', [x], ['last_hidden_state']));

  const ids = (name: string) => valueInfo(name, DataType.INT64, ['batch_size', 'sequence_length']);
  return modelProto({
    name: 'bert',
    nodes: g.nodes,
    initializers: g.initializers,
    inputs: [ids('input_ids'), ids('attention_mask'), ids('token_type_ids')],
    outputs: [valueInfo('last_hidden_state', DataType.FLOAT, ['batch_size', 'sequence_length', hidden])],
    opset: 13,
    producer: 'newsdesk-stand-in',
  });
}
