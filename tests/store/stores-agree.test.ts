import { existsSync, readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.ts';
import { loadConfig } from '../../src/config.ts';
import type { Desk } from '../../src/desk.ts';
import { OfflineEmbedder } from '../../src/embed/offline-embedder.ts';
import { openDesk } from '../../src/local-desk.ts';
import { IndexReader } from '../../src/store/index-reader.ts';
import { MemoryLogger, makeTempDir, removeTempDirs } from '../fixtures/core/fakes.ts';

// The vectra and flat stores over the same vectors must answer every question alike: same
// sources, same quotes, same dense hits, with and without filters. The flat index is made from
// the vectra one by a refresh under VECTOR_STORE=flat (vectors copied, nothing embedded again).

const SEEDS = fileURLToPath(new URL('../../corpus/', import.meta.url));
const SEED_QUESTIONS = fileURLToPath(new URL('../../../shared/eval/seed-questions.jsonl', import.meta.url));
const BBC = fileURLToPath(new URL('../../../shared/corpora/bbc/', import.meta.url));
const BBC_DEV = fileURLToPath(new URL('../../../shared/eval/bbc-dev.jsonl', import.meta.url));

const questionsIn = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { q: string }).q);

/** A desk per store over `corpusDir`, the flat one converted from the vectra one. */
async function desksFor(corpusDir: string): Promise<{ vectra: Desk; flat: Desk; flatIndex: string; vectraIndex: string }> {
  const root = await makeTempDir('newsdesk-agree-');
  const vectraIndex = path.join(root, 'vectra');
  const flatIndex = path.join(root, 'flat');
  const open = (indexDir: string, store: string) =>
    openDesk(loadConfig({ EMBEDDER: 'offline', CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, VECTOR_STORE: store }, root), new MemoryLogger(), {
      buildIfMissing: true,
      buildEmbedder: new OfflineEmbedder(),
    });
  const vectra = await open(vectraIndex, 'vectra');
  await cp(vectraIndex, flatIndex, { recursive: true });
  const flat = await open(flatIndex, 'flat');
  const embedded = (await flat.refresh({ startedBy: 'test' })).embedded;
  expect(embedded).toBe(0);
  return { vectra, flat, flatIndex, vectraIndex };
}

/** What a reader sees of an answer: its sources and quotes, in order. */
const shown = (answer: Answer) => ({ answered: answer.answered, sources: answer.sources.map(({ article, quote, startPos, endPos }) => ({ article, quote, startPos, endPos })) });

async function expectSameAnswers(desks: { vectra: Desk; flat: Desk }, questions: readonly string[], filter?: Parameters<Desk['ask']>[1]): Promise<number> {
  let answered = 0;
  for (const question of questions) {
    const [a, b] = [await desks.vectra.ask(question, filter), await desks.flat.ask(question, filter)];
    expect(shown(b), question).toEqual(shown(a));
    if (a.answered) answered++;
  }
  return answered;
}

describe('the vectra and flat stores over the seed articles', () => {
  it('GIVEN the seed questions, with and without filters THEN both give the same sources, quotes and dense hits', async () => {
    const desks = await desksFor(SEEDS);
    const questions = questionsIn(SEED_QUESTIONS);
    expect(await expectSameAnswers(desks, questions)).toBeGreaterThan(questions.length / 2);
    for (const filter of [{ since: '2025' }, { until: '2024-06' }, { outlet: 'standard' }, { since: '2021-01-01', until: '2024-12-31', outlet: 'mid-day' }]) {
      await expectSameAnswers(desks, questions, { filter });
      for (const question of questions) {
        const [a, b] = [await desks.vectra.search(question, { top: 5, filter }), await desks.flat.search(question, { top: 5, filter })];
        expect(b.map((p) => [p.chunk.id, p.score])).toEqual(a.map((p) => [p.chunk.id, p.score]));
      }
    }
    const [vectraVersion, flatVersion] = [await new IndexReader(desks.vectraIndex).current(), await new IndexReader(desks.flatIndex).current()];
    expect([vectraVersion.manifest.store, flatVersion.manifest.store]).toEqual(['vectra', 'flat']);
    const embedder = new OfflineEmbedder();
    for (const question of questions) {
      const vector = await embedder.embedQuery(question);
      for (const filter of [undefined, { undated: true, since: '2025-01-01' }, { outlets: ['Hindustan Times', 'mid-day'] }, { article: '001_64dab0bbe86921ae' }]) {
        expect(await flatVersion.dense(vector, 7, filter)).toEqual(await vectraVersion.dense(vector, 7, filter));
      }
    }
    await removeTempDirs();
  }, 120_000);
});

describe.skipIf(!existsSync(BBC) || !existsSync(BBC_DEV))('the vectra and flat stores over the BBC corpus', () => {
  it('GIVEN every question of bbc-dev.jsonl THEN both give the same sources and quotes', async () => {
    const desks = await desksFor(BBC);
    const questions = questionsIn(BBC_DEV);
    expect(questions.length).toBeGreaterThan(300);
    expect(await expectSameAnswers(desks, questions)).toBeGreaterThan(questions.length / 2);
    await removeTempDirs();
  }, 600_000);
});
