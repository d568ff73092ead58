import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, type Config } from '../../src/config.ts';
import { OfflineEmbedder } from '../../src/embed/offline-embedder.ts';
import { openBuildEmbedder, openQueryEmbedder } from '../../src/embed/open-embedder.ts';
import { TransformersEmbedder } from '../../src/embed/transformers-embedder.ts';
import { isNewsdeskError } from '../../src/errors.ts';
import { openDesk } from '../../src/local-desk.ts';
import { createLogger } from '../../src/log.ts';
import { writeTinyBertModel } from '../fixtures/tiny-model.ts';

// The model path of a real deployment, with the generated tiny model standing in for the
// downloaded one: choosing the embedder, falling back, and querying with the one that built.

let root = '';
let modelId = '';
const opened: TransformersEmbedder[] = [];

beforeAll(async () => {
  vi.stubGlobal('fetch', () => Promise.reject(new Error('network access in tests')));
  root = await mkdtemp(path.join(tmpdir(), 'newsdesk-open-embedder-'));
  ({ modelId } = await writeTinyBertModel(path.join(root, 'models')));
});

afterAll(async () => {
  await Promise.all(opened.map((embedder) => embedder.dispose()));
  vi.unstubAllGlobals();
  await rm(root, { recursive: true, force: true });
});

function modelConfig(env: Record<string, string>): Config['model'] {
  return loadConfig({ MODEL_ALLOW_REMOTE: 'false', MODEL_CACHE_DIR: 'cache', ...env }, root).model;
}

function track<T>(embedder: T): T {
  if (embedder instanceof TransformersEmbedder) opened.push(embedder);
  return embedder;
}

describe('openBuildEmbedder', () => {
  it('GIVEN EMBEDDER=offline THEN the offline embedder, without trying the model', async () => {
    const warnings: string[] = [];
    const embedder = await openBuildEmbedder({ model: modelConfig({ EMBEDDER: 'offline', EMBEDDING_MODEL: 'nobody/none' }), onWarning: (w) => warnings.push(w) });
    expect(embedder).toBeInstanceOf(OfflineEmbedder);
    expect(warnings).toEqual([]);
  });

  it('GIVEN a model available in MODEL_LOCAL_DIR THEN that model, named in the embedder id', async () => {
    const embedder = track(await openBuildEmbedder({ model: modelConfig({ EMBEDDING_MODEL: modelId, MODEL_LOCAL_DIR: 'models' }) }));
    expect(embedder.info).toMatchObject({ id: `transformers:${modelId}:mean`, offline: false });
  });

  it('GIVEN a model that cannot be loaded THEN the offline embedder and a warning naming the model and the way to get it, once a process', async () => {
    const warnings: string[] = [];
    const open = () => openBuildEmbedder({ model: modelConfig({ EMBEDDING_MODEL: 'Xenova/bge-small-en-v1.5' }), onWarning: (w) => warnings.push(w) });
    const embedder = await open();
    expect(embedder).toBeInstanceOf(OfflineEmbedder);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Xenova/bge-small-en-v1.5');
    expect(warnings[0]).toContain('offline embedder');
    // A second desk, or a refresh after the first one's embedder was let go, says nothing new.
    expect(await open()).toBeInstanceOf(OfflineEmbedder);
    expect(warnings).toHaveLength(1);
  });
});

describe('openQueryEmbedder', () => {
  const model = () => modelConfig({ MODEL_LOCAL_DIR: 'models' });

  it('GIVEN an index built offline THEN the offline embedder, whatever the configured model', async () => {
    expect(await openQueryEmbedder(new OfflineEmbedder().info, { model: model() })).toBeInstanceOf(OfflineEmbedder);
  });

  it.each(['mean', 'cls'] as const)('GIVEN an index built with the model and %s pooling THEN the same model and pooling', async (pooling) => {
    const embedder = track(await openQueryEmbedder({ id: `transformers:${modelId}:${pooling}`, dimensions: 32, pooling, offline: false }, { model: model() }));
    expect(embedder.info.id).toBe(`transformers:${modelId}:${pooling}`);
  });

  it.each([
    ['an unknown embedder id', 'someone:else', (e: unknown) => (e as Error).message.includes('unknown embedder')],
    ['a model that is gone', 'transformers:nobody/gone:mean', (e: unknown) => isNewsdeskError(e, 'MODEL_UNAVAILABLE')],
  ])('GIVEN %s THEN a clear error', async (_name, id, check) => {
    const error = await openQueryEmbedder({ id, dimensions: 8, pooling: 'mean', offline: false }, { model: model() }).catch((e: unknown) => e);
    expect(check(error)).toBe(true);
  });
});

describe('a desk over an index built with the model', () => {
  it('GIVEN the index was built with the model THEN questions are embedded by it, and building offline later re-embeds everything', async () => {
    const folder = await mkdtemp(path.join(root, 'desk-'));
    await cp(path.resolve(import.meta.dirname, '../../corpus'), path.join(folder, 'corpus'), { recursive: true });
    const config = loadConfig(
      { CORPUS_DIR: 'corpus', INDEX_DIR: 'index', EMBEDDING_MODEL: modelId, MODEL_LOCAL_DIR: path.join(root, 'models'), MODEL_ALLOW_REMOTE: 'false', MODEL_CACHE_DIR: 'cache' },
      folder,
    );
    const log = createLogger({ level: 'error', stream: { write: () => true } });
    const loads = vi.spyOn(TransformersEmbedder, 'load');
    const desk = await openDesk(config, log, { buildIfMissing: true });
    const status = await desk.status();
    expect(status.embedder).toEqual({ id: `transformers:${modelId}:mean`, offline: false });
    const answer = await desk.ask('What US-made missiles did Ukraine fire into the Bryansk region?');
    expect(answer.answered).toBe(true);
    expect(answer.sources[0]?.quote).toContain('ATACMS');
    // The model that built the index answers the question: loaded once, not twice.
    expect(loads).toHaveBeenCalledTimes(1);
    loads.mockRestore();

    const offline = await openDesk({ ...config, model: { ...config.model, embedder: 'offline' } }, log);
    const summary = await offline.refresh({ startedBy: 'test' });
    expect(summary).toMatchObject({ embedder: 'offline:hashing-v1', embedded: summary.chunks, unchanged: 0 });
    expect((await desk.status()).embedder).toEqual({ id: 'offline:hashing-v1', offline: true });
  });
});
