import { execFileSync } from 'node:child_process';
import { chmod, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isNewsdeskError } from '../../src/errors.ts';
import { articleIdOf, loadCorpus, type LoadedCorpus } from '../../src/ingest/load-corpus.ts';
import { prepareArticle } from '../../src/ingest/prepare.ts';
import { generatedArticle, makeTempDir, removeTempDirs, writeFiles } from '../fixtures/core/fakes.ts';

const MAX = 64 * 1024;

let corpus: string;
beforeEach(async () => {
  corpus = await makeTempDir('newsdesk-corpus-');
});
afterEach(removeTempDirs);

const reasonFor = (loaded: LoadedCorpus, file: string) => loaded.skipped.find((s) => s.file === file)?.reason;

describe('articleIdOf', () => {
  it.each([
    ['business/001.txt', 'business/001'],
    ['a.b.html', 'a.b'],
    ['top.md', 'top'],
    ['deep/er/x.markdown', 'deep/er/x'],
  ])('GIVEN %s THEN the id is %s', (file, id) => {
    expect(articleIdOf(file)).toBe(id);
  });
});

describe('loadCorpus skips', () => {
  it.each([
    ['an empty file', 'empty.txt', '', /^empty file$/],
    ['a white-space-only file', 'blank.txt', ' \n\t\n ', /^empty file$/],
    ['a binary file', 'image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /binary/],
    ['control-character noise', 'noise.txt', Buffer.from('\x01\x02\x03\x04 abc \x05\x06\x07\x08'), /binary/],
    ['a file over maxFileBytes', 'huge.txt', generatedArticle(3).repeat(200), /too large .*MAX_FILE_BYTES/],
    ['an unsupported extension', 'notes.pdf', generatedArticle(4), /unsupported file type "\.pdf"/],
    ['a file without extension', 'LATEST', generatedArticle(4), /unsupported file type "\(none\)"/],
    ['a README', 'README.md', '# About this corpus\n\nThese are articles.', /documentation/],
    ['a LICENSE in a subfolder', 'world/LICENSE.txt', generatedArticle(6), /documentation/],
    ['page furniture only', 'menu.html', '<html><body><nav>Home | World | Sport</nav><p>Subscribe now</p></body></html>', /article text after removing page furniture/],
    ['too few words', 'short.txt', 'Kremlin speaks.\n\nPeskov said no.', /only \d+ words of article text/],
  ] as const)('GIVEN %s THEN it is skipped with the reason, and the rest is indexed', async (_name, file, content, reason) => {
    await writeFiles(corpus, { [file]: content, 'keep/ok.txt': generatedArticle(1) });
    const loaded = await loadCorpus(corpus, { maxFileBytes: MAX });
    expect(loaded.articles.map((a) => a.id)).toEqual(['keep/ok']);
    expect(reasonFor(loaded, file)).toMatch(reason);
    expect(loaded.skipped).toHaveLength(1);
  });

  it('GIVEN the same text under two names THEN it is indexed once and the second names the first', async () => {
    await writeFiles(corpus, { 'a/first.txt': generatedArticle(7), 'b/second.txt': generatedArticle(7) });
    const loaded = await loadCorpus(corpus, { maxFileBytes: MAX });
    expect(loaded.articles.map((a) => a.id)).toEqual(['a/first']);
    expect(loaded.skipped).toEqual([{ file: 'b/second.txt', reason: 'same article text as a/first', kind: 'duplicate' }]);
  });

  it('GIVEN two files with one id (x.md and x.txt) THEN the second is skipped', async () => {
    await writeFiles(corpus, { 'x.md': generatedArticle(1), 'x.txt': generatedArticle(2) });
    const loaded = await loadCorpus(corpus, { maxFileBytes: MAX });
    expect(loaded.articles.map((a) => a.file)).toEqual(['x.md']);
    expect(reasonFor(loaded, 'x.txt')).toMatch(/already has the article id "x"/);
  });

  it('GIVEN a dangling symlink and a symlink to a folder inside the corpus THEN both are skipped with the reason', async () => {
    await writeFiles(corpus, { 'ok.txt': generatedArticle(1), 'sub/inner.txt': generatedArticle(2) });
    await symlink(path.join(corpus, 'nowhere.txt'), path.join(corpus, 'dangling.txt'));
    await symlink(path.join(corpus, 'sub'), path.join(corpus, 'folder.txt'));
    const loaded = await loadCorpus(corpus, { maxFileBytes: MAX });
    expect(loaded.articles.map((a) => a.id)).toEqual(['ok', 'sub/inner']);
    expect(reasonFor(loaded, 'dangling.txt')).toMatch(/^unreadable \(ENOENT: no such file or folder\)/);
    expect(reasonFor(loaded, 'folder.txt')).toMatch(/^symbolic link to a folder inside the corpus \(sub\), whose files are read there/);
  });

  it('GIVEN a .txt symlink to a named pipe and a plain pipe THEN both are skipped as not regular files, without waiting on them', async () => {
    const outside = await makeTempDir('newsdesk-outside-');
    execFileSync('mkfifo', [path.join(outside, 'pipe'), path.join(corpus, 'plain-pipe.txt')]);
    await writeFiles(corpus, { 'ok.txt': generatedArticle(1) });
    await symlink(path.join(outside, 'pipe'), path.join(corpus, 'p.txt'));
    // Opening either pipe for reading would block until a writer came: none ever does.
    const loaded = await loadCorpus(corpus, { maxFileBytes: MAX });
    expect(loaded.articles.map((a) => a.id)).toEqual(['ok']);
    expect(reasonFor(loaded, 'p.txt')).toBe('a symbolic link to a named pipe, not a regular file; never opened');
    expect(reasonFor(loaded, 'plain-pipe.txt')).toBe('a named pipe, not a regular file; never opened');
    expect(loaded.skipped.map((s) => s.kind)).toEqual(['not-regular', 'not-regular']);
  });

  it('GIVEN a symlink to a folder outside the corpus THEN its files are read under the link\'s name', async () => {
    const outside = await makeTempDir('newsdesk-outside-');
    await writeFiles(outside, { 'world/far.txt': generatedArticle(3) });
    await writeFiles(corpus, { 'ok.txt': generatedArticle(1) });
    await symlink(path.join(outside, 'world'), path.join(corpus, 'linked'));
    const loaded = await loadCorpus(corpus, { maxFileBytes: MAX });
    expect(loaded.articles.map((a) => a.id)).toEqual(['linked/far', 'ok']);
    expect(loaded.skipped).toEqual([]);
  });

  it('GIVEN symlinks that loop (a folder linking to itself, two links to one folder) THEN each real folder is read once and the loop ends', async () => {
    const outside = await makeTempDir('newsdesk-outside-');
    await writeFiles(outside, { 'far.txt': generatedArticle(3) });
    await symlink(outside, path.join(outside, 'again'));
    await symlink(outside, path.join(corpus, 'a'));
    await symlink(outside, path.join(corpus, 'b'));
    await symlink(corpus, path.join(outside, 'home'));
    const loaded = await loadCorpus(corpus, { maxFileBytes: MAX });
    expect(loaded.articles.map((a) => a.id)).toEqual(['a/far']);
    expect(reasonFor(loaded, 'a/again')).toMatch(/already read as a\/ \(a loop or a second link\); not followed again$/);
    expect(reasonFor(loaded, 'b')).toMatch(/already read as a\//);
    expect(reasonFor(loaded, 'a/home')).toMatch(/inside the corpus \(the corpus folder itself\)/);
  });

  // chmod does not stop root from reading, so this case only means something for other users.
  it.skipIf(process.getuid?.() === 0)('GIVEN a file without read permission THEN it is skipped as unreadable', async () => {
    await writeFiles(corpus, { 'ok.txt': generatedArticle(1), 'locked.txt': generatedArticle(2) });
    await chmod(path.join(corpus, 'locked.txt'), 0o000);
    try {
      const loaded = await loadCorpus(corpus, { maxFileBytes: MAX });
      expect(loaded.articles.map((a) => a.id)).toEqual(['ok']);
      expect(reasonFor(loaded, 'locked.txt')).toMatch(/^unreadable \(EACCES/);
    } finally {
      await chmod(path.join(corpus, 'locked.txt'), 0o644);
    }
  });

  it('GIVEN dot-files and dot-folders THEN they are not even listed', async () => {
    await writeFiles(corpus, { '.hidden.txt': generatedArticle(1), '.git/objects/x.txt': generatedArticle(2), 'seen.txt': generatedArticle(3) });
    const loaded = await loadCorpus(corpus, { maxFileBytes: MAX });
    expect(loaded.articles.map((a) => a.id)).toEqual(['seen']);
    expect(loaded.skipped).toEqual([]);
  });
});

describe('loadCorpus reads', () => {
  it('GIVEN nested folders and several extensions THEN ids are relative paths without extension, in path order', async () => {
    await writeFiles(corpus, {
      'world/2025/003.html': `<html><head><title>Harbour tolls rise</title></head><body><article><h1>Harbour tolls rise</h1><p>${generatedArticle(3, 2).split('\n').slice(2).join(' ')}</p></article></body></html>`,
      'business/001.txt': generatedArticle(1),
      'business/002.md': generatedArticle(2),
      'opinion/004.markdown': generatedArticle(4),
      'sport/005.htm': `<html><body><p>${generatedArticle(5, 2).split('\n').slice(2).join(' ')}</p></body></html>`,
    });
    const loaded = await loadCorpus(corpus, { maxFileBytes: MAX });
    expect(loaded.articles.map((a) => [a.id, a.file])).toEqual([
      ['business/001', 'business/001.txt'],
      ['business/002', 'business/002.md'],
      ['opinion/004', 'opinion/004.markdown'],
      ['sport/005', 'sport/005.htm'],
      ['world/2025/003', 'world/2025/003.html'],
    ]);
    expect(loaded.skipped).toEqual([]);
    for (const article of loaded.articles) {
      expect(article.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(article.words).toBeGreaterThanOrEqual(15);
      expect(article.text).not.toMatch(/<\w+/);
    }
  });

  it('GIVEN an invalid-UTF-8 file THEN it is kept, decoded as Windows-1252, and listed in recoded', async () => {
    const bytes = Buffer.concat([Buffer.from(generatedArticle(5)), Buffer.from('\nThe minister said '), Buffer.from([0x93, 0x48, 0x69, 0x94, 0x20, 0xa3, 0x35, 0x2e])]);
    await writeFiles(corpus, { 'latin.txt': bytes, 'plain.txt': generatedArticle(6) });
    const loaded = await loadCorpus(corpus, { maxFileBytes: MAX });
    expect(loaded.articles.map((a) => a.id)).toEqual(['latin', 'plain']);
    expect(loaded.recoded).toEqual([{ file: 'latin.txt', encoding: 'windows-1252' }]);
    expect(loaded.articles[0]!.text).toContain('The minister said “Hi” £5.');
  });

  // `recoded` lists files kept in a fallback encoding; a recoded file that is skipped is
  // reported once, as skipped.
  it.each([
    ['too short', Buffer.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x6f, 0x6b, 0x2e])],
    ['a duplicate of a UTF-8 file', Buffer.from(generatedArticle(1).replace('Engineers', '\x93Engineers\x94'), 'latin1')],
  ])('GIVEN a Windows-1252 file that is skipped (%s) THEN it is not listed in recoded', async (_name, bytes) => {
    await writeFiles(corpus, { 'a.txt': generatedArticle(1).replace('Engineers', '“Engineers”'), 'b.txt': bytes });
    const loaded = await loadCorpus(corpus, { maxFileBytes: MAX });
    expect(loaded.articles.map((a) => a.id)).toEqual(['a']);
    expect(loaded.skipped.map((s) => s.file)).toEqual(['b.txt']);
    expect(loaded.recoded).toEqual([]);
  });

  it('GIVEN a UTF-16 file THEN it is kept and listed in recoded', async () => {
    await writeFiles(corpus, { 'wide.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(generatedArticle(8), 'utf16le')]) });
    const loaded = await loadCorpus(corpus, { maxFileBytes: MAX });
    expect(loaded.articles.map((a) => a.id)).toEqual(['wide']);
    expect(loaded.recoded).toEqual([{ file: 'wide.txt', encoding: 'utf-16le' }]);
  });

  it('GIVEN a defaultOutlet THEN articles naming none get it', async () => {
    await writeFiles(corpus, { 'a.txt': generatedArticle(1) });
    const loaded = await loadCorpus(corpus, { maxFileBytes: MAX, defaultOutlet: 'Harbour Gazette' });
    expect(loaded.articles[0]!.outlet).toBe('Harbour Gazette');
  });

  it('GIVEN an exact maxFileBytes THEN a file of that size is read and one byte more is skipped', async () => {
    const text = generatedArticle(2);
    await writeFiles(corpus, { 'a.txt': text });
    const size = Buffer.byteLength(text);
    expect((await loadCorpus(corpus, { maxFileBytes: size })).articles).toHaveLength(1);
    expect((await loadCorpus(corpus, { maxFileBytes: size - 1 })).skipped[0]?.reason).toMatch(/too large/);
  });

  it.each([
    ['a folder that does not exist', (dir: string) => path.join(dir, 'missing')],
    ['a file instead of a folder', (dir: string) => path.join(dir, 'file.txt')],
  ])('GIVEN %s THEN NewsdeskError CORPUS_MISSING', async (_name, target) => {
    await writeFile(path.join(corpus, 'file.txt'), 'x');
    const error = await loadCorpus(target(corpus), { maxFileBytes: MAX }).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'CORPUS_MISSING')).toBe(true);
    expect((error as Error).message).toContain(target(corpus));
  });
});

describe('prepareArticle', () => {
  const raw = generatedArticle(9);

  it.each([
    ['CRLF line ends', raw.replace(/\n/g, '\r\n')],
    ['CR line ends', raw.replace(/\n/g, '\r')],
    ['a leading BOM', `\uFEFF${raw}`],
  ])('GIVEN %s THEN the article equals the one from plain LF text', (_name, variant) => {
    const plain = prepareArticle({ file: 'a.txt', raw, format: 'text', defaultOutlet: null });
    const other = prepareArticle({ file: 'a.txt', raw: variant, format: 'text', defaultOutlet: null });
    expect(other).toEqual(plain);
    expect(plain.ok && plain.article.text).not.toContain('\r');
  });

  it.each([
    ['the text', raw.replace('district 63', 'district 64')],
    ['the title', raw.replace('Council report number 9', 'Council report number nine')],
  ])('GIVEN a change of %s THEN the hash changes', (_name, edited) => {
    const before = prepareArticle({ file: 'a.txt', raw, format: 'text', defaultOutlet: null });
    const after = prepareArticle({ file: 'a.txt', raw: edited, format: 'text', defaultOutlet: null });
    expect(before.ok && after.ok).toBe(true);
    if (before.ok && after.ok) expect(after.article.hash).not.toBe(before.article.hash);
  });

  it('GIVEN a change of default outlet THEN the hash changes (metadata is hashed too)', () => {
    const a = prepareArticle({ file: 'a.txt', raw, format: 'text', defaultOutlet: null });
    const b = prepareArticle({ file: 'a.txt', raw, format: 'text', defaultOutlet: 'Gazette' });
    expect(a.ok && b.ok && a.article.hash !== b.article.hash).toBe(true);
  });
});
