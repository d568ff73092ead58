import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolvePreset } from '../../src/embed/presets.ts';
import { TransformersEmbedder, type TransformersLoadOptions } from '../../src/embed/transformers-embedder.ts';
import { WorkerEmbedder } from '../../src/embed/worker-embedder.ts';
import { writeTinyBertModel } from '../fixtures/tiny-model.ts';

let tmp = '';
let options: TransformersLoadOptions;
const opened: WorkerEmbedder[] = [];

beforeAll(async () => {
  vi.stubGlobal('fetch', () => Promise.reject(new Error('network access in tests')));
  tmp = await mkdtemp(path.join(tmpdir(), 'newsdesk-worker-'));
  const { modelId } = await writeTinyBertModel(path.join(tmp, 'models'), { hidden: 16 });
  options = { preset: resolvePreset(modelId), cacheDir: path.join(tmp, 'cache'), localModelDir: path.join(tmp, 'models'), allowRemote: false };
});

afterAll(async () => {
  await Promise.all(opened.map((e) => e.dispose()));
  vi.unstubAllGlobals();
  await rm(tmp, { recursive: true, force: true });
});

async function open(workerOptions: Partial<TransformersLoadOptions> = {}, workers?: number): Promise<{ worker: WorkerEmbedder; local: TransformersEmbedder }> {
  const local = await TransformersEmbedder.load(options);
  const worker = new WorkerEmbedder(await TransformersEmbedder.load(options), { ...options, ...workerOptions }, workers);
  opened.push(worker);
  return { worker, local };
}

const TEXTS = ['The council approved the budget.', 'Rain flooded the city centre on Monday night.', 'Police closed the street.'];

describe('WorkerEmbedder', () => {
  it('GIVEN passages THEN the worker thread gives the vectors this thread would, in order', async () => {
    const { worker, local } = await open();
    const there = await worker.embedPassages(TEXTS);
    const here = await local.embedPassages(TEXTS);
    expect(there).toHaveLength(TEXTS.length);
    there.forEach((vector, i) => vector.forEach((x, d) => expect(x).toBeCloseTo(here[i]![d]!, 5)));
    expect(worker.runtimeMs).toBeGreaterThan(0);
    await local.dispose();
  });

  it('GIVEN two workers and several batches THEN the batches are shared out and every vector comes back in its place', async () => {
    const { worker, local } = await open({ batchSize: 2 }, 2);
    const texts = [...TEXTS, 'A storm closed schools.', 'The league cut its prices for the new season.', 'Shares fell.', 'The hospital opened a new ward for children on Friday.'];
    const there = await worker.embedPassages(texts);
    const here = await local.embedPassages(texts);
    there.forEach((vector, i) => vector.forEach((x, d) => expect(x).toBeCloseTo(here[i]![d]!, 5)));
    await local.dispose();
  });

  it('GIVEN an ingest under way THEN a question is embedded on this thread without waiting for it', async () => {
    const { worker } = await open();
    const order: string[] = [];
    const passages = worker.embedPassages(Array.from({ length: 400 }, (_, i) => `${TEXTS[i % 3]} Item ${i}.`)).then(() => order.push('passages'));
    const query = worker.embedQuery('who approved the budget').then(() => order.push('query'));
    await Promise.all([passages, query]);
    expect(order).toEqual(['query', 'passages']);
  });

  it('GIVEN a worker that cannot load the model THEN the passages fail with the reason, and nothing hangs', async () => {
    const { worker } = await open({ localModelDir: path.join(tmp, 'nowhere'), cacheDir: path.join(tmp, 'nowhere') });
    await expect(worker.embedPassages(TEXTS)).rejects.toThrow(/could not be loaded/u);
    // Questions still work on this thread.
    expect(await worker.embedQuery('budget')).toHaveLength(16);
  });
});
