import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// npm records in package.json's `allowScripts` which dependencies may run install scripts; from
// npm 12 an unlisted one is skipped. Every installed package that has such a script is listed,
// so an install behaves the same on every npm and a new one is reviewed when it is added.

const root = path.resolve(import.meta.dirname, '..');
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

/** Names of the packages under a node_modules folder, nested node_modules included, that have an install script. */
function withInstallScripts(modules: string): Set<string> {
  const found = new Set<string>();
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const at = path.join(folder, entry.name);
      if (entry.name.startsWith('@')) {
        visit(at);
        continue;
      }
      const manifest = path.join(at, 'package.json');
      if (existsSync(manifest)) {
        const { name, scripts } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; scripts?: Record<string, string> };
        if (name && scripts && INSTALL_SCRIPTS.some((script) => script in scripts)) found.add(name);
      }
      const nested = path.join(at, 'node_modules');
      if (existsSync(nested)) visit(nested);
    }
  };
  visit(modules);
  return found;
}

describe('install scripts', () => {
  it('GIVEN the installed dependencies THEN each one with an install script is listed in allowScripts', () => {
    const allowed = Object.keys((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> }).allowScripts ?? {});
    const missing = [...withInstallScripts(path.join(root, 'node_modules'))].filter((name) => !allowed.includes(name)).sort();
    expect(missing, `add these to "allowScripts" in package.json after reviewing their install scripts: ${missing.join(', ')}`).toEqual([]);
  });
});
