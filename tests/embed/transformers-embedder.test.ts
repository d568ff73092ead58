import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { isNewsdeskError } from '../../src/errors.ts';
import { resolvePreset, type ModelPreset } from '../../src/embed/presets.ts';
import type { ModelProgressEvent } from '../../src/embed/model-progress.ts';
import { TransformersEmbedder } from '../../src/embed/transformers-embedder.ts';
import { TINY_MAX_TOKENS, writeTinyBertModel } from '../fixtures/tiny-model.ts';

const HIDDEN = 24;

let tmp = '';
let modelRoot = '';
let modelId = '';
const opened: TransformersEmbedder[] = [];

beforeAll(async () => {
  // Any attempt to reach Hugging Face fails the test instead of hanging or downloading.
  vi.stubGlobal('fetch', () => Promise.reject(new Error('network access in tests')));
  tmp = await mkdtemp(path.join(tmpdir(), 'newsdesk-embed-'));
  modelRoot = path.join(tmp, 'models');
  ({ modelId } = await writeTinyBertModel(modelRoot, { hidden: HIDDEN }));
});

afterAll(async () => {
  await Promise.all(opened.map((e) => e.dispose()));
  vi.unstubAllGlobals();
  await rm(tmp, { recursive: true, force: true });
});

async function load(
  overrides: Partial<ModelPreset> = {},
  options: { localModelDir?: string | null; cacheDir?: string; model?: string; batchSize?: number } = {},
): Promise<TransformersEmbedder> {
  const embedder = await TransformersEmbedder.load({
    preset: resolvePreset(options.model ?? modelId, overrides),
    cacheDir: options.cacheDir ?? path.join(tmp, 'cache'),
    localModelDir: options.localModelDir === undefined ? modelRoot : options.localModelDir,
    allowRemote: false,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  });
  opened.push(embedder);
  return embedder;
}

async function loadError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the load to fail');
}

const norm = (v: readonly number[]): number => Math.hypot(...v);
const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

function expectClose(actual: readonly number[], expected: readonly number[], tolerance = 1e-5): void {
  expect(actual).toHaveLength(expected.length);
  const worst = Math.max(...actual.map((x, i) => Math.abs(x - (expected[i] ?? Number.NaN))));
  expect(worst).toBeLessThan(tolerance);
}

describe('TransformersEmbedder with the tiny local model', () => {
  it('loads with downloads disabled and learns its dimensions from the probe', async () => {
    const events: ModelProgressEvent[] = [];
    const embedder = await TransformersEmbedder.load({
      preset: resolvePreset(modelId),
      cacheDir: path.join(tmp, 'cache'),
      localModelDir: modelRoot,
      allowRemote: false,
      onProgress: (event) => events.push(event),
    });
    opened.push(embedder);

    expect(embedder.info).toEqual({
      id: `transformers:${modelId}:mean`,
      dimensions: HIDDEN,
      pooling: 'mean',
      offline: false,
    });
    expect(embedder.preset.dimensions).toBe(HIDDEN);
    const files = new Set(events.filter((e) => e.status === 'done').map((e) => e.file));
    expect(files).toEqual(new Set(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']));
  });

  it.each(['mean', 'cls'] as const)('%s pooling gives unit vectors of the model width', async (pooling) => {
    const embedder = await load({ pooling });
    expect(embedder.info.id).toBe(`transformers:${modelId}:${pooling}`);
    const vectors = await embedder.embedPassages(['The storm hit the city.', 'Football season starts']);
    expect(vectors).toHaveLength(2);
    for (const v of vectors) {
      expect(v).toHaveLength(HIDDEN);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(dot(vectors[0] ?? [], vectors[1] ?? [])).toBeLessThan(0.999);
    expect(norm(await embedder.embedQuery('storm'))).toBeCloseTo(1, 5);
  });

  it('CLS pooling differs from mean pooling', async () => {
    const [mean, cls] = await Promise.all([load({ pooling: 'mean' }), load({ pooling: 'cls' })]);
    const text = 'The council voted on the new budget.';
    const [a] = await mean.embedPassages([text]);
    const [b] = await cls.embedPassages([text]);
    expect(dot(a ?? [], b ?? [])).toBeLessThan(0.99);
  });

  it.each(['mean', 'cls'] as const)('%s: a batch gives the same vectors as one text at a time', async (pooling) => {
    const embedder = await load({ pooling }, { batchSize: 2 });
    const texts = ['x', 'The mayor said the flood was over.', '', 'Prices rose 3% in May, the bank said.', 'storm'];
    const batched = await embedder.embedPassages(texts);
    expect(batched).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      const [alone] = await embedder.embedPassages([text]);
      expectClose(batched[i] ?? [], alone ?? []);
    }
    expect(await embedder.embedPassages([])).toEqual([]);
  });

  it('ranks texts sharing words above unrelated ones', async () => {
    const embedder = await load();
    const [storm, storms, football] = await embedder.embedPassages([
      'storm flood in the city',
      'the city flood after the storm',
      'football team wins league match',
    ]);
    expect(dot(storm ?? [], storms ?? [])).toBeGreaterThan(dot(storm ?? [], football ?? []));
  });

  it('applies the query and passage prefixes of the preset', async () => {
    const prefixed = await load({ queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    const plain = await load();
    const [prefixedPassage] = await prefixed.embedPassages(['x']);
    const [plainPassage] = await plain.embedPassages(['x']);

    expect(dot(await prefixed.embedQuery('x'), prefixedPassage ?? [])).toBeLessThan(0.999);
    expectClose(await plain.embedQuery('x'), plainPassage ?? []);
    // The prefix is plain text before the input, so "passage: x" unprefixed equals prefixed "x".
    expectClose(await plain.embedQuery('passage: x'), prefixedPassage ?? []);
  });

  it('truncates a very long text instead of failing', async () => {
    const embedder = await load({ maxTokens: 512 });
    const long = Array.from({ length: 5000 }, (_, i) => ['storm', 'city', 'council', 'budget'][i % 4]).join(' ');
    const [vector] = await embedder.embedPassages([long, 'short']);
    expect(vector).toHaveLength(HIDDEN);
    expect(norm(vector ?? [])).toBeCloseTo(1, 5);
    expect(norm(await embedder.embedQuery(long))).toBeCloseTo(1, 5);
    // Text beyond the limit is dropped: only the first TINY_MAX_TOKENS tokens count.
    const words = long.split(' ');
    const [head] = await embedder.embedPassages([words.slice(0, TINY_MAX_TOKENS).join(' ')]);
    const [headAndMore] = await embedder.embedPassages([words.slice(0, TINY_MAX_TOKENS + 50).join(' ')]);
    expectClose(head ?? [], headAndMore ?? []);
  });

  it.each([
    ['no model_max_length', null],
    ['a huge model_max_length', 1e30],
  ])('truncates to the position table when the tokenizer config has %s', async (_, tokenizerMaxLength) => {
    const name = `newsdesk-test/tiny-bert-max-${String(tokenizerMaxLength)}`;
    await writeTinyBertModel(modelRoot, { hidden: HIDDEN, name, tokenizerMaxLength });
    const embedder = await load({ maxTokens: 512 }, { model: name });
    const long = Array.from({ length: 1000 }, () => 'storm').join(' ');
    const [vector] = await embedder.embedPassages([long, 'x']);
    expect(norm(vector ?? [])).toBeCloseTo(1, 5);
  });

  it('finds a model that is only in the cache folder when no local folder is given', async () => {
    const cacheDir = path.join(tmp, 'cache-only');
    await cp(path.join(modelRoot, modelId), path.join(cacheDir, modelId), { recursive: true });
    const embedder = await load({}, { localModelDir: null, cacheDir });
    expect(embedder.info.dimensions).toBe(HIDDEN);
  });
});

describe('TransformersEmbedder failures', () => {
  it('reports a missing model folder as MODEL_UNAVAILABLE when downloads are disabled', async () => {
    const error = await loadError(load({}, { localModelDir: path.join(tmp, 'no-such-folder') }));
    expect(isNewsdeskError(error, 'MODEL_UNAVAILABLE')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain(modelId);
    expect(message).toContain(path.join(tmp, 'no-such-folder'));
    expect(message).toMatch(/internet/);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('reports an unknown model with only a cache folder as MODEL_UNAVAILABLE', async () => {
    const error = await loadError(load({}, { localModelDir: null, model: 'Xenova/bge-small-en-v1.5' }));
    expect(isNewsdeskError(error, 'MODEL_UNAVAILABLE')).toBe(true);
    expect((error as Error).message).toContain('Xenova/bge-small-en-v1.5');
  });

  it('rejects files whose width differs from the preset', async () => {
    const error = await loadError(load({ dimensions: 384 }));
    expect(isNewsdeskError(error, 'MODEL_UNAVAILABLE')).toBe(true);
    expect((error as Error).message).toMatch(/24-dimensional.*384/);
  });

  it('keeps concurrent loads with different folders apart', async () => {
    // Each load awaits between setting the global env and reading files, so without
    // serialisation the second load's folder would leak into the first.
    const [good, bad, alsoGood] = await Promise.allSettled([
      load(),
      load({}, { localModelDir: path.join(tmp, 'elsewhere') }),
      load({ pooling: 'cls' }),
      load({}, { localModelDir: path.join(tmp, 'elsewhere-too') }),
    ]);
    expect(good.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    expect(alsoGood.status).toBe('fulfilled');
  });

  it('rejects a batch size below 1 as CONFIG_INVALID', async () => {
    const error = await loadError(load({}, { batchSize: 0 }));
    expect(isNewsdeskError(error, 'CONFIG_INVALID')).toBe(true);
  });
});

describe('the runtime thread count', () => {
  it('reaches the runtime: the session is made from the model file, which honours it, not from its bytes, which do not', async () => {
    const runtime = await import('onnxruntime-node');
    const ort = (runtime as unknown as { default?: typeof runtime }).default ?? runtime;
    const seen: { model: unknown; options: Record<string, unknown> | undefined }[] = [];
    const create = ort.InferenceSession.create;
    const spy = vi.spyOn(ort.InferenceSession, 'create').mockImplementation(((model: unknown, options?: Record<string, unknown>) => {
      seen.push({ model, options });
      return (create as unknown as (m: unknown, o?: unknown) => unknown).call(ort.InferenceSession, model, options);
    }) as never);
    try {
      const threaded = await TransformersEmbedder.load({ preset: resolvePreset(modelId), cacheDir: path.join(tmp, 'cache'), localModelDir: modelRoot, allowRemote: false, threads: 1 });
      opened.push(threaded);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.model).toBe(path.join(modelRoot, modelId, 'onnx', 'model_quantized.onnx'));
      expect(seen[0]!.options).toMatchObject({ intraOpNumThreads: 1, interOpNumThreads: 1 });
      const plain = await load();
      expectClose(await threaded.embedQuery('the minister visited Delhi'), await plain.embedQuery('the minister visited Delhi'));
    } finally {
      spy.mockRestore();
    }
  });

  it('falls back to a temporary copy of the bytes when no known file holds them, and removes it', async () => {
    const { readFile, stat } = await import('node:fs/promises');
    const { withModelFile } = await import('../../src/embed/transformers-embedder.ts');
    const bytes = new Uint8Array([8, 1, 2, 3, 4]);
    let used: string | null = null;
    const read = await withModelFile(bytes, [path.join(tmp, 'missing.onnx')], async (file) => {
      used = file;
      return file === null ? null : readFile(file);
    });
    expect(used).not.toBeNull();
    expect(Buffer.compare(read!, bytes)).toBe(0);
    await expect(stat(used!)).rejects.toThrow();
  });
});

describe('time in the runtime', () => {
  it('GIVEN calls under way at once THEN their runs are timed one after another, never counting the same milliseconds twice', async () => {
    const embedder = await load({}, { batchSize: 1 });
    const before = embedder.runtimeMs;
    const started = performance.now();
    const texts = Array.from({ length: 6 }, (_, i) => `passage number ${i} about the council budget and the mayor`);
    const results = await Promise.all([embedder.embedPassages(texts.slice(0, 3)), embedder.embedPassages(texts.slice(3))]);
    const wall = performance.now() - started;
    expect(results.flat()).toHaveLength(6);
    const inRuntime = embedder.runtimeMs - before;
    expect(inRuntime).toBeGreaterThan(0);
    // Runs taken in turn all fall inside the calls' span; overlapping timers would exceed it.
    expect(inRuntime).toBeLessThanOrEqual(wall);
  });
});
