/**
 * The few ONNX protobuf messages a generated model needs, written by hand: varints,
 * length-delimited fields and raw little-endian tensor bytes. Field numbers follow
 * onnx/onnx.proto. Large tensors are kept as separate parts and joined once at the end, so a
 * 130 MB model is copied a single time.
 */

/** ONNX TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7 } as const;
const AttributeType = { FLOAT: 1, INT: 2, INTS: 7 } as const;

/** Bytes of a message: parts in order, joined lazily by `toBytes`. */
export type Message = { parts: Uint8Array[]; length: number };

function varint(value: number): number[] {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`unsupported varint ${value}`);
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

/** A signed 64-bit varint (two's complement, ten bytes for negatives), as int64 fields need. */
function signedVarint(value: number): number[] {
  if (value >= 0) return varint(value);
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

function bytes(data: number[] | Uint8Array): Message {
  const part = data instanceof Uint8Array ? data : Uint8Array.from(data);
  return { parts: [part], length: part.length };
}

/** Concatenates messages without copying their parts. */
export function message(fields: readonly Message[]): Message {
  return { parts: fields.flatMap((f) => f.parts), length: fields.reduce((n, f) => n + f.length, 0) };
}

export function toBytes(m: Message): Uint8Array {
  const out = new Uint8Array(m.length);
  let offset = 0;
  for (const part of m.parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function varintField(field: number, value: number): Message {
  return bytes([...varint(field << 3), ...signedVarint(value)]);
}

export function messageField(field: number, body: Message): Message {
  return message([bytes([...varint((field << 3) | 2), ...varint(body.length)]), body]);
}

export function stringField(field: number, text: string): Message {
  return messageField(field, bytes(new TextEncoder().encode(text)));
}

function floatField(field: number, value: number): Message {
  const raw = new Uint8Array(4);
  new DataView(raw.buffer).setFloat32(0, value, true);
  return message([bytes(varint((field << 3) | 5)), bytes(raw)]);
}

/** An ONNX attribute of type INT, INTS or FLOAT. */
export function attribute(name: string, value: number | number[], kind: 'int' | 'float' = 'int'): Message {
  if (Array.isArray(value)) {
    return message([stringField(1, name), ...value.map((v) => varintField(8, v)), varintField(20, AttributeType.INTS)]);
  }
  if (kind === 'float') return message([stringField(1, name), floatField(2, value), varintField(20, AttributeType.FLOAT)]);
  return message([stringField(1, name), varintField(3, value), varintField(20, AttributeType.INT)]);
}

/** A NodeProto; `domain` empty for the standard operators. */
export function nodeProto(opType: string, name: string, inputs: readonly string[], outputs: readonly string[], attributes: readonly Message[] = []): Message {
  return message([
    ...inputs.map((input) => stringField(1, input)),
    ...outputs.map((output) => stringField(2, output)),
    stringField(3, name),
    stringField(4, opType),
    ...attributes.map((a) => messageField(5, a)),
  ]);
}

/** A TensorProto with `raw` already in little-endian element order. */
export function tensorProto(name: string, dims: readonly number[], dataType: number, raw: Uint8Array): Message {
  return message([...dims.map((d) => varintField(1, d)), varintField(2, dataType), stringField(8, name), messageField(9, bytes(raw))]);
}

export function floatTensor(name: string, dims: readonly number[], data: Float32Array): Message {
  return tensorProto(name, dims, DataType.FLOAT, littleEndian(data));
}

export function int64Tensor(name: string, dims: readonly number[], data: readonly number[]): Message {
  const raw = new Uint8Array(data.length * 8);
  const view = new DataView(raw.buffer);
  data.forEach((x, i) => view.setBigInt64(i * 8, BigInt(x), true));
  return tensorProto(name, dims, DataType.INT64, raw);
}

/** The bytes of a typed array in little-endian order, without a copy on little-endian machines. */
export function littleEndian(data: Float32Array | Int8Array | Uint8Array): Uint8Array {
  if (data instanceof Int8Array || data instanceof Uint8Array) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] === 1) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const raw = new Uint8Array(data.length * 4);
  const view = new DataView(raw.buffer);
  data.forEach((x, i) => view.setFloat32(i * 4, x, true));
  return raw;
}

/** A ValueInfoProto of a tensor; string dims stay symbolic (dynamic), numbers are fixed. */
export function valueInfo(name: string, elemType: number, dims: ReadonlyArray<string | number>): Message {
  const shape = message(dims.map((d) => messageField(1, typeof d === 'string' ? stringField(2, d) : varintField(1, d))));
  const tensorType = message([varintField(1, elemType), messageField(2, shape)]);
  return message([stringField(1, name), messageField(2, messageField(1, tensorType))]);
}

/** A ModelProto holding one graph, for the standard operator set `opset`. */
export function modelProto(options: {
  name: string;
  nodes: readonly Message[];
  initializers: readonly Message[];
  inputs: readonly Message[];
  outputs: readonly Message[];
  opset: number;
  producer: string;
}): Uint8Array {
  const graph = message([
    ...options.nodes.map((n) => messageField(1, n)),
    stringField(2, options.name),
    ...options.initializers.map((t) => messageField(5, t)),
    ...options.inputs.map((v) => messageField(11, v)),
    ...options.outputs.map((v) => messageField(12, v)),
  ]);
  const opset = message([stringField(1, ''), varintField(2, options.opset)]);
  return toBytes(message([varintField(1, 8), stringField(2, options.producer), messageField(7, graph), messageField(8, opset)]));
}
