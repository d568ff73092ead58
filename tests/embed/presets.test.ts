import { describe, expect, it } from 'vitest';

import { isNewsdeskError } from '../../src/errors.ts';
import { DEFAULT_MODEL, MODEL_PRESETS, resolvePreset } from '../../src/embed/presets.ts';

describe('MODEL_PRESETS', () => {
  it.each([
    ['Xenova/bge-small-en-v1.5', 'cls', 'Represent this sentence for searching relevant passages: ', '', 384, 512],
    ['Xenova/all-MiniLM-L6-v2', 'mean', '', '', 384, 256],
    ['Xenova/e5-small-v2', 'mean', 'query: ', 'passage: ', 384, 512],
    ['Xenova/gte-small', 'mean', '', '', 384, 512],
  ] as const)('%s: %s pooling, prefixes %j/%j, %i dims, %i tokens', (model, pooling, query, passage, dims, max) => {
    expect(resolvePreset(model)).toEqual({
      model,
      pooling,
      normalize: true,
      queryPrefix: query,
      passagePrefix: passage,
      dimensions: dims,
      maxTokens: max,
    });
    expect(MODEL_PRESETS[model]?.model).toBe(model);
  });

  it('defaults to bge-small', () => {
    expect(DEFAULT_MODEL).toBe('Xenova/bge-small-en-v1.5');
    expect(MODEL_PRESETS[DEFAULT_MODEL]).toBeDefined();
  });
});

describe('resolvePreset', () => {
  it('accepts an unknown model with mean pooling and dimensions learnt at load', () => {
    expect(resolvePreset('someone/my-model')).toEqual({
      model: 'someone/my-model',
      pooling: 'mean',
      normalize: true,
      queryPrefix: '',
      passagePrefix: '',
      dimensions: 0,
      maxTokens: 512,
    });
  });

  it.each([
    [{ pooling: 'cls' as const }, { pooling: 'cls' }],
    [{ queryPrefix: 'q: ', passagePrefix: 'p: ' }, { queryPrefix: 'q: ', passagePrefix: 'p: ' }],
    [{ maxTokens: 128, dimensions: 768 }, { maxTokens: 128, dimensions: 768 }],
  ])('applies overrides %j', (overrides, expected) => {
    expect(resolvePreset('someone/my-model', overrides)).toMatchObject(expected);
    expect(resolvePreset('Xenova/gte-small', overrides)).toMatchObject(expected);
  });

  it('ignores overrides that are explicitly undefined', () => {
    expect(resolvePreset('Xenova/bge-small-en-v1.5', { pooling: undefined }).pooling).toBe('cls');
  });

  it('keeps the model name it was asked for, trimmed', () => {
    expect(resolvePreset(' Xenova/e5-small-v2 ', { model: 'other' }).model).toBe('Xenova/e5-small-v2');
    expect(resolvePreset(' Xenova/e5-small-v2 ').queryPrefix).toBe('query: ');
  });

  it('does not let callers mutate the table', () => {
    const preset = resolvePreset(DEFAULT_MODEL);
    preset.pooling = 'mean';
    expect(resolvePreset(DEFAULT_MODEL).pooling).toBe('cls');
  });

  it.each([
    ['', {}],
    ['m', { maxTokens: 0 }],
    ['m', { maxTokens: 1.5 }],
    ['m', { dimensions: -1 }],
    ['m', { pooling: 'max' as never }],
  ])('rejects model %j with %j as CONFIG_INVALID', (model, overrides) => {
    let caught: unknown;
    try {
      resolvePreset(model, overrides);
    } catch (error) {
      caught = error;
    }
    expect(isNewsdeskError(caught, 'CONFIG_INVALID')).toBe(true);
  });
});
