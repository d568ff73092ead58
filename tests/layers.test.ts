import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The data flow of docs/architecture.md, checked: a module imports only from its own layer or those below.

const src = path.resolve(import.meta.dirname, '../src');

/** Layers from the bottom up; a path is in the first layer whose pattern matches it. */
const LAYERS: [string, RegExp][] = [
  ['shared', /^(errors|log|fs-errors|net-errors)\.ts$/],
  ['text', /^text\//],
  ['ingest', /^ingest\//],
  ['embed', /^embed\//],
  ['store', /^store\//],
  ['corpus', /^corpus\//],
  ['answer', /^answer\//],
  ['eval', /^eval\//],
  ['feedback', /^feedback\//],
  ['desk', /^(config|config-paths|desk|local-desk|health|unattended)\.ts$/],
  ['front ends', /^(bot|cli)\//],
  ['entry', /^main\.ts$/],
];

const layerOf = (file: string): number => LAYERS.findIndex(([, pattern]) => pattern.test(file));

const modules = (readdirSync(src, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file: file.split(path.sep).join('/'), text: readFileSync(path.join(src, file), 'utf8') }));

function imports(file: string, text: string): string[] {
  // Static imports, and dynamic ones (a model runtime is loaded on first use).
  return [...text.matchAll(/^import [^;]*? from '([^']+)';|\bimport\('([^']+)'\)/gmsu)].map(([, from = '', loaded = '']) => from || loaded).map((from) =>
    from.startsWith('.') ? path.posix.join(path.posix.dirname(file), from) : from,
  );
}

describe('layers', () => {
  it('GIVEN every module of src/ THEN each belongs to a layer', () => {
    expect(modules.filter(({ file }) => layerOf(file) < 0).map(({ file }) => file)).toEqual([]);
  });

  it('GIVEN every import between modules THEN none runs up the layers', () => {
    const upward = modules.flatMap(({ file, text }) =>
      imports(file, text)
        .filter((target) => target.endsWith('.ts') && layerOf(target) > layerOf(file))
        .map((target) => `${file} imports ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it.each([
    ['discord.js', /^bot\//],
    ['@xenova/transformers', /^embed\//],
    // The vector stores, and the bench, which measures vectra's codecs and query paths.
    ['vectra', /^store\/|^cli\/bench(-[a-z]+)?\.ts$/],
  ])('GIVEN the package %s THEN only its layer imports it', (pkg, allowed) => {
    const outside = modules.filter(({ file, text }) => imports(file, text).includes(pkg) && !allowed.test(file)).map(({ file }) => file);
    expect(outside).toEqual([]);
  });
});
