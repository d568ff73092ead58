import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { LocalIndex, ProtobufCodec } from 'vectra';
import type { IndexVersion } from '../store/index-version.ts';

/** vectra's own binary path on the vectors of a version, against ours, in this process. */
export interface VectraFigures {
  items: number;
  /** batchInsertItems of every vector, written with ProtobufCodec. */
  insertMs: number;
  fileBytes: number;
  /** A fresh LocalIndex reading that file. */
  loadMs: number;
  queryMedianMs: number;
  oursMedianMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Builds a vectra LocalIndex with its ProtobufCodec (vectors as packed float32) from `version`'s
 * vectors in one batchInsertItems call, reloads it, and times its queries against `dense()`.
 */
export async function measureVectraProtobuf(version: IndexVersion, folder: string, queries: readonly number[][]): Promise<VectraFigures> {
  const vectors = await version.vectors();
  const index = new LocalIndex(folder, undefined, undefined, new ProtobufCodec());
  await index.createIndex({ version: 1 });
  const items = [...vectors].map(([id, vector]) => ({ id, vector, metadata: { chunk: id } }));
  let started = performance.now();
  await index.batchInsertItems(items);
  const insertMs = performance.now() - started;
  let fileBytes = 0;
  for (const file of await readdir(folder)) fileBytes += (await stat(path.join(folder, file))).size;
  const fresh = new LocalIndex(folder, undefined, undefined, new ProtobufCodec());
  started = performance.now();
  await fresh.getIndexStats();
  const loadMs = performance.now() - started;
  const theirs: number[] = [];
  const ours: number[] = [];
  for (const query of queries) {
    started = performance.now();
    await fresh.queryItems(query, '', 50);
    theirs.push(performance.now() - started);
    started = performance.now();
    await version.dense(query, 50);
    ours.push(performance.now() - started);
  }
  return { items: items.length, insertMs, fileBytes, loadMs, queryMedianMs: median(theirs), oursMedianMs: median(ours) };
}
