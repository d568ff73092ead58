import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addArticles, type AddArticlesOptions, type Upload } from '../../src/corpus/add-articles.ts';
import { isNewsdeskError } from '../../src/errors.ts';
import { loadCorpus, textKeyOf } from '../../src/ingest/load-corpus.ts';
import { generatedArticle, makeTempDir, removeTempDirs, writeFiles } from '../fixtures/core/fakes.ts';

let root: string;
let corpusDir: string;

beforeEach(async () => {
  root = await makeTempDir('newsdesk-add-');
  corpusDir = path.join(root, 'corpus');
  await writeFiles(corpusDir, { 'desk/000.txt': generatedArticle(0), 'old.txt': generatedArticle(1) });
});
afterEach(removeTempDirs);

async function add(uploads: Upload[], extra: Partial<AddArticlesOptions> = {}) {
  const corpus = await loadCorpus(corpusDir, { maxFileBytes: 1 << 20 });
  const keys = new Map(corpus.articles.map((article) => [textKeyOf(article.text), article.id]));
  return addArticles(uploads, { corpusDir, maxFileBytes: 64 * 1024, replace: false, articleWithText: (key) => keys.get(key) ?? null, ...extra });
}

const upload = (name: string, text: string | Buffer): Upload => ({ name, bytes: Buffer.isBuffer(text) ? text : Buffer.from(text) });

/** Every file below the temp root, so a test sees anything written outside the corpus. */
async function allFiles(): Promise<string[]> {
  return (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name))).sort();
}

describe('addArticles', () => {
  it('GIVEN a new article THEN it is saved under a safe name and read by the next ingest', async () => {
    const [outcome] = await add([upload('Harbour Report.txt', generatedArticle(7))]);
    expect(outcome).toMatchObject({ saved: true, file: 'harbour-report.txt', replaced: false, article: { id: 'harbour-report', title: expect.stringMatching(/^Council report number 7 /) } });
    const corpus = await loadCorpus(corpusDir, { maxFileBytes: 1 << 20 });
    expect(corpus.articles.map((a) => a.id)).toContain('harbour-report');
  });

  it.each([
    ['a duplicate of an indexed article', upload('copy.txt', generatedArticle(0)), /same article text as desk\/000/],
    ['a binary file', upload('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3, 0, 0, 0, 0])), /binary/],
    ['an empty file', upload('empty.txt', '  \n '), /empty/],
    ['furniture only', upload('menu.txt', 'Home\nNews\nSport\n'), /article text/],
    ['an oversize file', upload('big.txt', 'word '.repeat(20_000)), /too large/],
    ['an unsupported ending', upload('script.sh', 'rm -rf /'), /unsupported file type/],
    ['an existing name without replace', upload('old.txt', generatedArticle(9)), /replace:true/],
    ['a name whose id another file has', upload('old.md', generatedArticle(9)), /id "old" is taken by old.txt/],
  ])('GIVEN %s THEN nothing is written and the reason is given', async (_name, file, reason) => {
    const before = await allFiles();
    const [outcome] = await add([file]);
    expect(outcome?.saved).toBe(false);
    expect(outcome).toMatchObject({ reason: expect.stringMatching(reason) });
    expect(await allFiles()).toEqual(before);
  });

  it.each([['../../evil.txt'], ['/tmp/evil.txt'], ['.hidden.txt'], ['..\\..\\evil.txt']])('GIVEN a hostile name %j THEN the file lands inside the corpus folder, visible, and nowhere else', async (name) => {
    const [outcome] = await add([upload(name, generatedArticle(11))]);
    expect(outcome).toMatchObject({ saved: true });
    const created = (await allFiles()).filter((file) => !['corpus/desk/000.txt', 'corpus/old.txt'].includes(file));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatch(/^corpus\/[^./][^/]*\.txt$/);
  });

  it('GIVEN replace:true THEN an existing article file is overwritten with the new text', async () => {
    const [outcome] = await add([upload('old.txt', generatedArticle(12))], { replace: true });
    expect(outcome).toMatchObject({ saved: true, replaced: true, article: { id: 'old' } });
    expect(await readFile(path.join(corpusDir, 'old.txt'), 'utf8')).toBe(generatedArticle(12));
  });

  it('GIVEN replace:true and the same text as another article THEN it is still refused', async () => {
    const [outcome] = await add([upload('old.txt', generatedArticle(0))], { replace: true });
    expect(outcome).toMatchObject({ saved: false, reason: expect.stringMatching(/same article text as desk\/000/) });
  });

  it('GIVEN several uploads THEN each is judged alone, a second copy in the same batch is refused, and the good ones are saved', async () => {
    const outcomes = await add([upload('a.txt', generatedArticle(20)), upload('b.txt', generatedArticle(20)), upload('A.txt', generatedArticle(21)), upload('c.bin', 'x')]);
    expect(outcomes.map((o) => o.saved)).toEqual([true, false, false, false]);
    expect(outcomes[1]).toMatchObject({ reason: 'same article text as a' });
    expect(outcomes[2]).toMatchObject({ reason: 'another upload is also saved as a.txt' });
    expect((await readdir(corpusDir)).sort()).toEqual(['a.txt', 'desk', 'old.txt']);
  });

  it('GIVEN a corpus folder that is gone THEN CORPUS_MISSING and nothing is written', async () => {
    const error = await addArticles([upload('a.txt', generatedArticle(3))], { corpusDir: path.join(root, 'nowhere'), maxFileBytes: 1 << 20, replace: false, articleWithText: () => null }).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'CORPUS_MISSING')).toBe(true);
    expect(await allFiles()).toEqual(['corpus/desk/000.txt', 'corpus/old.txt']);
  });

  it('GIVEN a file appearing under the same name after the check THEN it is not overwritten', async () => {
    let planted = false;
    const outcomes = await addArticles([upload('race.txt', generatedArticle(30))], {
      corpusDir,
      maxFileBytes: 1 << 20,
      replace: false,
      articleWithText: () => {
        // Runs during the check, before anything is written.
        if (!planted) void writeFile(path.join(corpusDir, 'race.txt'), 'planted');
        planted = true;
        return null;
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (outcomes[0]?.saved === false) expect(outcomes[0].reason).toMatch(/could not be saved|already/);
    const text = await readFile(path.join(corpusDir, 'race.txt'), 'utf8');
    expect(text === 'planted' || text === generatedArticle(30)).toBe(true);
    expect((await readdir(corpusDir)).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
