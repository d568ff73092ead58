import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeArticleFile } from '../../src/corpus/remove-article.ts';
import { isNewsdeskError } from '../../src/errors.ts';
import { loadCorpus } from '../../src/ingest/load-corpus.ts';
import { generatedArticle, makeTempDir, removeTempDirs, writeFiles } from '../fixtures/core/fakes.ts';

let corpusDir: string;

beforeEach(async () => {
  corpusDir = path.join(await makeTempDir('newsdesk-remove-'), 'corpus');
  await writeFiles(corpusDir, { 'desk/000.txt': generatedArticle(0), 'desk/001.txt': generatedArticle(1) });
});
afterEach(removeTempDirs);

describe('removeArticleFile', () => {
  it('GIVEN an article file THEN it moves under .removed/<time>/ with its path, and the ingest no longer reads it', async () => {
    const moved = await removeArticleFile(corpusDir, 'desk/000.txt', new Date('2025-01-02T03:04:05.678Z'));
    expect(moved).toBe('.removed/2025-01-02T03-04-05-678Z/desk/000.txt');
    expect(await readFile(path.join(corpusDir, moved), 'utf8')).toBe(generatedArticle(0));
    expect(await readdir(path.join(corpusDir, 'desk'))).toEqual(['001.txt']);
    const corpus = await loadCorpus(corpusDir, { maxFileBytes: 1 << 20 });
    expect(corpus.articles.map((a) => a.id)).toEqual(['desk/001']);
  });

  it.each([['../outside.txt'], ['/etc/passwd'], ['desk/../../x.txt'], ['']])('GIVEN a path leaving the corpus (%j) THEN ARTICLE_UNKNOWN and nothing moves', async (file) => {
    const error = await removeArticleFile(corpusDir, file).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'ARTICLE_UNKNOWN')).toBe(true);
    expect((await readdir(path.join(corpusDir, 'desk'))).sort()).toEqual(['000.txt', '001.txt']);
  });

  it('GIVEN a file already gone THEN ARTICLE_UNKNOWN naming it', async () => {
    const error = await removeArticleFile(corpusDir, 'desk/999.txt').catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'ARTICLE_UNKNOWN')).toBe(true);
    expect((error as Error).message).toContain('desk/999.txt');
  });
});
