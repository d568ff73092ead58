/**
 * Copies Mozilla Readability's test pages (Apache-2.0) into `test-pages/readability/`, an
 * ignored folder, for `npm run measure-pages`. Reads a git clone given as the argument (a work
 * tree or a bare repository), or clones github.com/mozilla/readability when none is given.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PAGES_DIR } from '../eval/pages.ts';

const REPO_URL = 'https://github.com/mozilla/readability.git';
const FILES = ['source.html', 'expected.html', 'expected-metadata.json'];

function git(gitDir: string, args: string[]): string {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The git directory of a clone: `<clone>/.git`, or the folder itself when it is bare. */
function gitDirOf(clone: string): string {
  return execFileSync('git', ['-C', clone, 'rev-parse', '--absolute-git-dir'], { encoding: 'utf8' }).trim();
}

function main(): void {
  const given = process.argv[2];
  let temporary: string | null = null;
  let clone = given;
  if (clone === undefined) {
    temporary = mkdtempSync(path.join(tmpdir(), 'readability-'));
    clone = path.join(temporary, 'readability');
    execFileSync('git', ['clone', '--depth', '1', '--bare', REPO_URL, clone], { stdio: 'inherit' });
  }
  try {
    const gitDir = gitDirOf(clone);
    const commit = git(gitDir, ['rev-parse', 'HEAD']).trim();
    const pages = git(gitDir, ['ls-tree', '--name-only', 'HEAD', 'test/test-pages/']).split('\n').filter(Boolean);
    rmSync(PAGES_DIR, { recursive: true, force: true });
    for (const page of pages) {
      const target = path.join(PAGES_DIR, path.basename(page));
      mkdirSync(target, { recursive: true });
      for (const file of FILES) writeFileSync(path.join(target, file), git(gitDir, ['show', `HEAD:${page}/${file}`]));
    }
    writeFileSync(path.join(PAGES_DIR, 'SOURCE'), `${REPO_URL} ${commit}\nApache License 2.0, Mozilla Readability test pages\n`);
    process.stdout.write(`${pages.length} pages from readability ${commit.slice(0, 12)} in ${PAGES_DIR}\n`);
  } finally {
    if (temporary !== null) rmSync(temporary, { recursive: true, force: true });
  }
}

main();
