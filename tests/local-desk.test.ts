import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../src/config.ts';
import { MAX_QUESTION_CHARS, type Desk } from '../src/desk.ts';
import { OfflineEmbedder } from '../src/embed/offline-embedder.ts';
import { isNewsdeskError } from '../src/errors.ts';
import { openDesk } from '../src/local-desk.ts';
import { IndexReader } from '../src/store/index-reader.ts';
import { RefreshBusyError } from '../src/store/refresh-lock.ts';
import { makeTempDir, MemoryLogger, removeTempDirs, writeFiles } from './fixtures/core/fakes.ts';

const CORPUS: Record<string, string> = {
  'world/summit.txt': [
    'Published: November 3, 2025',
    '',
    'Kremlin sees no need to hurry a summit',
    '',
    'Moscow, Nov 3 (IANS) There is no need to rapidly organize a meeting between the two presidents, Kremlin spokesman Dmitry Peskov said in an interview on Sunday.',
    '',
    'The two leaders last met in person on August 15, 2025, at Joint Base Elmendorf–Richardson in Anchorage, Alaska. That summit ended without an agreement on a ceasefire.',
    '',
  ].join('\n'),
  'business/tolls.txt': [
    'Published: March 5, 2024',
    '',
    'Harbour tolls rise by a tenth at Port Halden',
    '',
    'The port authority of Halden raised harbour tolls by a tenth on Monday, its director Mira Olsen told reporters at the quay.',
    '',
    'Fishermen protested at the harbour gate, saying the new tolls of 340 crowns a day would ruin the smaller boats.',
    '',
  ].join('\n'),
  'sport/final.txt': [
    'Published: June 1, 2023',
    '',
    'Riverside Rovers win the county cup final',
    '',
    'Riverside Rovers beat Northgate Athletic by three goals to one in the county cup final at Elm Park on Saturday afternoon.',
    '',
    'Captain Tomas Berg scored twice before half time, and fans celebrated in the market square until midnight.',
    '',
  ].join('\n'),
  'science/glacier.txt': [
    'Vatnaberg glacier lost forty metres of ice',
    '',
    'The Vatnaberg glacier in the northern valley lost forty metres of ice during the summer, researchers from the Polar Institute measured.',
    '',
    'The meltwater flooded the valley road twice in August, and the institute plans new measurements every month.',
    '',
  ].join('\n'),
};

let root: string;
let config: Config;
let log: MemoryLogger;

beforeEach(async () => {
  root = await makeTempDir('newsdesk-desk-');
  await writeFiles(path.join(root, 'corpus'), CORPUS);
  config = loadConfig({ CORPUS_DIR: 'corpus', INDEX_DIR: 'index', EMBEDDER: 'offline' }, root);
  log = new MemoryLogger();
});
afterEach(removeTempDirs);

async function builtDesk(): Promise<Desk> {
  const desk = await openDesk(config, log, { buildEmbedder: new OfflineEmbedder() });
  const summary = await desk.refresh({ startedBy: 'test' });
  expect(summary).toMatchObject({ articles: 4, skipped: [], embedder: 'offline:hashing-v1' });
  return desk;
}

/** The stored text of an article, to check that quotes are verbatim. */
async function storedText(id: string): Promise<string> {
  const version = await new IndexReader(config.indexDir).current();
  return version.articles.get(id)!.text;
}

describe('openDesk (local)', () => {
  it('GIVEN no index yet THEN ask fails with INDEX_MISSING and status reports an empty desk', async () => {
    const desk = await openDesk(config, log, { buildEmbedder: new OfflineEmbedder() });
    const error = await desk.ask('When did the leaders meet?').catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'INDEX_MISSING')).toBe(true);
    expect(await desk.status()).toEqual({ articles: 0, chunks: 0, embedder: { id: 'none', offline: false }, builtAt: null, version: null, refreshing: null, lastRefresh: null });
  });

  it.each([
    ['When did the two leaders last meet in person?', 'world/summit', 'August 15, 2025'],
    ['How much are the new harbour tolls per day at Port Halden?', 'business/tolls', '340 crowns'],
    ['Who scored twice in the county cup final?', 'sport/final', 'Tomas Berg scored twice'],
    ['How many metres of ice did the Vatnaberg glacier lose?', 'science/glacier', 'forty metres of ice'],
  ])('GIVEN a built index and %j THEN it answers from %s with a verbatim quote', async (question, article, fact) => {
    const desk = await builtDesk();
    const answer = await desk.ask(question);
    expect(answer.answered).toBe(true);
    const first = answer.sources[0]!;
    expect(first.article).toBe(article);
    expect(first.quote).toContain(fact);
    for (const source of answer.sources) expect(source.quote).toBe((await storedText(source.article)).slice(source.startPos, source.endPos));
  });

  it.each([
    ['an unrelated question', 'Who painted the Mona Lisa in Florence?'],
    ['a question sharing one word with the corpus', 'What is the population of the Mongolian capital by the harbour?'],
  ])('GIVEN %s THEN it does not answer: a refusal with related sources at most, or the closest passages shown as not answering', async (_name, question) => {
    const desk = await builtDesk();
    const answer = await desk.ask(question);
    expect(answer.answered && answer.confidence === 'answer').toBe(false);
    if (!answer.answered) expect(answer.sources).toEqual([]);
    for (const source of [...answer.sources, ...answer.related]) expect(source.quote).toBe((await storedText(source.article)).slice(source.startPos, source.endPos));
  });

  it('GIVEN an invalid question THEN ask and search reject it with QUESTION_INVALID', async () => {
    const desk = await builtDesk();
    await expect(desk.ask('   ')).rejects.toMatchObject({ code: 'QUESTION_INVALID' });
    await expect(desk.search('x'.repeat(MAX_QUESTION_CHARS + 1))).rejects.toMatchObject({ code: 'QUESTION_INVALID' });
  });

  it('GIVEN articles() THEN newest first, undated last, metadata only', async () => {
    const desk = await builtDesk();
    const articles = await desk.articles();
    expect(articles.map((a) => [a.id, a.published])).toEqual([
      ['world/summit', '2025-11-03'],
      ['business/tolls', '2024-03-05'],
      ['sport/final', '2023-06-01'],
      ['science/glacier', null],
    ]);
    expect(articles.map((a) => a.title)).toEqual([
      'Kremlin sees no need to hurry a summit',
      'Harbour tolls rise by a tenth at Port Halden',
      'Riverside Rovers win the county cup final',
      'Vatnaberg glacier lost forty metres of ice',
    ]);
    for (const article of articles) {
      expect(Object.keys(article).sort()).toEqual(['agency', 'byline', 'file', 'hash', 'id', 'outlet', 'published', 'title', 'words']);
    }
    expect(articles[0]!.agency).toBe('IANS');
  });

  it('GIVEN article(id) THEN it gives the metadata and the opening paragraph; an unknown id gives null', async () => {
    const desk = await builtDesk();
    const details = await desk.article('science/glacier');
    expect(details?.meta).toMatchObject({ id: 'science/glacier', file: 'science/glacier.txt', title: 'Vatnaberg glacier lost forty metres of ice', published: null });
    expect(details?.opening).toBe('The Vatnaberg glacier in the northern valley lost forty metres of ice during the summer, researchers from the Polar Institute measured.');
    expect(details?.indexedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await desk.article('science/nothing')).toBeNull();
  });

  it.each([
    ['the article that matches', 'glacier ice', 'science/glacier'],
    ['an article that does not match the words', 'glacier ice', 'business/tolls'],
  ])('GIVEN search restricted to %s THEN only its passages come back', async (_name, query, article) => {
    const desk = await builtDesk();
    const passages = await desk.search(query, { article, top: 5 });
    expect(passages.length).toBeGreaterThan(0);
    for (const passage of passages) {
      expect(passage.article.id).toBe(article);
      expect('text' in passage.article).toBe(false);
      expect(passage.chunk.text).toBe((await storedText(article)).slice(passage.chunk.startPos, passage.chunk.endPos));
    }
  });

  it('GIVEN search without an article THEN the best passage is from the matching article', async () => {
    const desk = await builtDesk();
    const passages = await desk.search('Riverside Rovers county cup', { top: 3 });
    expect(passages[0]?.article.id).toBe('sport/final');
    expect(passages.length).toBeLessThanOrEqual(3);
  });

  it('GIVEN search with an unknown article id THEN ARTICLE_UNKNOWN', async () => {
    const desk = await builtDesk();
    const error = await desk.search('glacier', { article: 'science/nothing' }).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'ARTICLE_UNKNOWN')).toBe(true);
    expect((error as Error).message).toContain('science/nothing');
  });

  it('GIVEN status after a build THEN it reports the index', async () => {
    const desk = await builtDesk();
    const status = await desk.status();
    expect(status).toMatchObject({ articles: 4, embedder: { id: 'offline:hashing-v1', offline: true }, refreshing: null });
    expect(status.chunks).toBeGreaterThanOrEqual(4);
    expect(status.builtAt).not.toBeNull();
  });

  it('GIVEN two refreshes at once on one desk THEN the second is REFRESH_BUSY', async () => {
    const desk = await openDesk(config, log, { buildEmbedder: new OfflineEmbedder() });
    const [a, b] = await Promise.allSettled([desk.refresh({ startedBy: 'alice' }), desk.refresh({ startedBy: 'bob' })]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    const reason = (b as PromiseRejectedResult).reason as RefreshBusyError;
    expect(reason).toBeInstanceOf(RefreshBusyError);
    expect(reason.holder.startedBy).toBe('alice');
    expect((await desk.status()).refreshing).toBeNull();
  });

  it('GIVEN a refresh under way on this desk THEN /add and /remove wait for it, then save, refresh again and say so', async () => {
    const desk = await openDesk(config, log, { buildEmbedder: new OfflineEmbedder(), buildIfMissing: true });
    const running = desk.refresh({ startedBy: 'auto refresh' });
    const upload = { name: 'harbour-crane.txt', bytes: Buffer.from('Harbour crane record set in Halden\n\nThe crane crew of Halden moved 1,204 containers in one hour on Tuesday, the harbour master said.\n') };
    const added = await desk.addArticles([upload], { replace: false, startedBy: 'alice' });
    await running;
    expect(added.outcomes).toMatchObject([{ saved: true }]);
    expect(added.refresh).toMatchObject({ added: 1 });
    expect((await desk.articles()).map((a) => a.id)).toContain('harbour-crane');

    const again = desk.refresh({ startedBy: 'auto refresh' });
    const removed = await desk.removeArticle('harbour-crane', { startedBy: 'bob' });
    await again;
    expect(removed.refresh).toMatchObject({ removed: 1 });
    expect((await desk.articles()).map((a) => a.id)).not.toContain('harbour-crane');
  });

  it('GIVEN buildIfMissing THEN opening builds the index, and a second desk follows a refresh made by the first', async () => {
    const first = await openDesk(config, log, { buildEmbedder: new OfflineEmbedder(), buildIfMissing: true });
    const second = await openDesk(config, log, { buildEmbedder: new OfflineEmbedder() });
    expect((await second.articles()).length).toBe(4);

    await rm(path.join(config.corpusDir, 'sport/final.txt'));
    const summary = await first.refresh({ startedBy: 'test' });
    expect(summary).toMatchObject({ removed: 1, articles: 3, embedded: 0 });
    expect((await second.articles()).map((a) => a.id)).not.toContain('sport/final');
    expect(log.records.some((r) => r.message === 'refresh finished')).toBe(true);
  });
});
