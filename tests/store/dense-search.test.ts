import { describe, expect, it } from 'vitest';
import { scanTopK, unitVector, VectorMatrix } from '../../src/store/dense-search.ts';

/** Rows of a deterministic pseudo-random unit matrix. */
function matrix(rows: number, dims: number): Float32Array {
  const data = new Float32Array(rows * dims);
  let seed = 7;
  for (let i = 0; i < data.length; i++) data[i] = ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
  for (let r = 0; r < rows; r++) data.set(unitVector(data.subarray(r * dims, (r + 1) * dims)), r * dims);
  return data;
}

/** Every row scored and sorted: what the fast paths must agree with. */
function bruteForce(data: Float32Array, dims: number, query: Float32Array, k: number, from = 0, to = data.length / dims) {
  const scored = [];
  for (let row = from; row < to; row++) {
    let dot = 0;
    for (let j = 0; j < dims; j++) dot += data[row * dims + j]! * query[j]!;
    scored.push({ row, score: dot });
  }
  return scored.sort((a, b) => b.score - a.score || a.row - b.row).slice(0, k);
}

describe('unitVector', () => {
  it.each([
    ['a vector', [3, 4], [0.6, 0.8]],
    ['a zero vector', [0, 0], [0, 0]],
  ])('GIVEN %s THEN it is scaled to length 1 (zero stays zero)', (_name, input, expected) => {
    expect(Array.from(unitVector(input))).toEqual(expected.map(Math.fround));
  });
});

describe('scanTopK and VectorMatrix.nearest', () => {
  const DIMS = 24;
  const data = matrix(500, DIMS);
  const query = unitVector(data.subarray(37 * DIMS, 38 * DIMS));

  it.each([1, 10, 50, 499, 500, 800])('GIVEN k = %i THEN the loop finds exactly the best rows, best first', (k) => {
    const found = scanTopK(data, DIMS, query, k);
    const expected = bruteForce(data, DIMS, query, k);
    expect(found.map((hit) => hit.row)).toEqual(expected.map((hit) => hit.row));
    found.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i]!.score, 6));
  });

  it.each([
    ['the whole matrix', 0, 500],
    ['a range of rows (one article)', 100, 140],
    ['an empty range', 10, 10],
  ])('GIVEN %s THEN nearest() agrees with scoring every row', async (_name, from, to) => {
    const found = await new VectorMatrix(data, DIMS).nearest(Array.from(query), 20, from, to);
    expect(found.map((hit) => hit.row)).toEqual(bruteForce(data, DIMS, query, 20, from, to).map((hit) => hit.row));
    if (from === 0) expect(found[0]).toMatchObject({ row: 37 });
  });

  it('GIVEN rows that tie THEN the earlier row comes first', () => {
    const twins = new Float32Array([1, 0, 0, 1, 1, 0, 1, 0]);
    expect(scanTopK(twins, 2, new Float32Array([1, 0]), 3).map((hit) => hit.row)).toEqual([0, 2, 3]);
  });
});
