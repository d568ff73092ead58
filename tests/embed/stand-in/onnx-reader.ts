/**
 * Reads back what a test needs of an ONNX file: each node's operator and inputs, and each
 * initializer's name, dims and element type. Only the protobuf wire types ONNX uses.
 */
export interface OnnxSummary {
  nodes: { opType: string; inputs: string[] }[];
  initializers: Map<string, { dims: number[]; dataType: number }>;
  opset: number;
}

type Field = { field: number; value: number | Uint8Array };

function* fields(bytes: Uint8Array): Generator<Field> {
  let at = 0;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[at++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
    }
  };
  while (at < bytes.length) {
    const key = varint();
    const wire = key & 7;
    const field = Math.floor(key / 8);
    if (wire === 0) yield { field, value: varint() };
    else if (wire === 2) {
      const length = varint();
      yield { field, value: bytes.subarray(at, at + length) };
      at += length;
    } else if (wire === 5) {
      yield { field, value: bytes.subarray(at, at + 4) };
      at += 4;
    } else throw new Error(`wire type ${wire} not expected in ONNX`);
  }
}

const text = (value: number | Uint8Array) => new TextDecoder().decode(value as Uint8Array);

export function readOnnx(bytes: Uint8Array): OnnxSummary {
  const summary: OnnxSummary = { nodes: [], initializers: new Map(), opset: 0 };
  for (const { field, value } of fields(bytes)) {
    if (field === 8) for (const f of fields(value as Uint8Array)) if (f.field === 2) summary.opset = f.value as number;
    if (field !== 7) continue;
    for (const graphField of fields(value as Uint8Array)) {
      const body = graphField.value as Uint8Array;
      if (graphField.field === 1) {
        const node = { opType: '', inputs: [] as string[] };
        for (const f of fields(body)) {
          if (f.field === 1) node.inputs.push(text(f.value));
          if (f.field === 4) node.opType = text(f.value);
        }
        summary.nodes.push(node);
      } else if (graphField.field === 5) {
        const tensor = { name: '', dims: [] as number[], dataType: 0 };
        for (const f of fields(body)) {
          if (f.field === 1) tensor.dims.push(f.value as number);
          if (f.field === 2) tensor.dataType = f.value as number;
          if (f.field === 8) tensor.name = text(f.value);
        }
        summary.initializers.set(tensor.name, { dims: tensor.dims, dataType: tensor.dataType });
      }
    }
  }
  return summary;
}
