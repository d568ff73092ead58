/**
 * The five articles the bot ships with (`corpus/`), indexed with the offline embedder: the
 * questions a new server asks first are answered from the right sentence, and questions about
 * people and places no shipped article names are refused, however small the corpus.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Desk } from '../../src/desk.ts';
import { OfflineEmbedder } from '../../src/embed/offline-embedder.ts';
import { openDesk } from '../../src/local-desk.ts';
import { makeTempDir, MemoryLogger } from '../fixtures/core/fakes.ts';

const SHIPPED_CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'corpus');

let desk: Desk;

beforeAll(async () => {
  const root = await makeTempDir('newsdesk-shipped-');
  const config = loadConfig({ CORPUS_DIR: SHIPPED_CORPUS, INDEX_DIR: path.join(root, 'index'), EMBEDDER: 'offline' }, root);
  desk = await openDesk(config, new MemoryLogger(), { buildEmbedder: new OfflineEmbedder() });
  expect(await desk.refresh({ startedBy: 'test' })).toMatchObject({ articles: 5 });
}, 60_000);

describe('the shipped articles', () => {
  it.each([
    ['When did Putin and Trump last meet face to face?', '000_c42d0c01a63c8980', 'August 15, 2025', 'answer'],
    ['Why did Trump call off the Budapest meeting?', '000_c42d0c01a63c8980', 'feel right', 'answer'],
    ['Where are Witkoff and Kushner meeting Rustem Umerov?', '001_64dab0bbe86921ae', 'Miami', 'answer'],
    ['What TV programme did Antony Blinken appear on?', '002_c60e1d219ac2aa0a', 'Meet the Press', 'answer'],
    ['Which news agency reported that Putin was testing the waters?', '003_090935f3248af77a', 'Bloomberg', 'answer'],
    ['How did Peskov respond to the report about dropping demands on NATO?', '003_090935f3248af77a', 'wrong report', 'answer'],
    ['What US-made missiles did Ukraine fire into the Bryansk region?', '004_0803f335cd7ceff2', 'ATACMS', 'answer'],
    // Ranked second by a model that learned news answers seldom sit in the first sentence; not
    // sure enough to call it the answer, the reply shows it as the closest passage.
    ["How long did Putin's talks with the American envoys last?", '001_64dab0bbe86921ae', 'five-hour', 'closest'],
  ])('GIVEN %j THEN a quote from %s holds %j (%s)', async (question, article, fact, confidence) => {
    const answer = await desk.ask(question);
    expect(answer).toMatchObject({ answered: true, confidence });
    expect(answer.sources.slice(0, 3).some((source) => source.article === article && source.quote.includes(fact))).toBe(true);
  });

  it.each([
    ['What did Macron say about the Putin-Trump meeting?', 'Macron'],
    ['What did Zelensky say about the Miami talks?', 'Zelensky'],
    ['When will Putin visit Paris?', 'Paris'],
    ["Who won the ICC Women's World Cup 2025?", 'World Cup'],
    ["Who won the Women's World Cup?", 'World Cup'],
  ])('GIVEN a question naming what no shipped article names (%j) THEN it is refused naming %j, quoting nothing', async (question, term) => {
    const answer = await desk.ask(question);
    expect(answer).toMatchObject({ answered: false, sources: [], refusal: { kind: 'absent', term } });
  });

  it.each([
    ['What is the recipe for banana bread?', 'offtopic'],
    ['How do I reset my Discord password?', 'offtopic'],
    ['hello', 'offtopic'],
  ])('GIVEN %j THEN it is refused (%s)', async (question, kind) => {
    expect(await desk.ask(question)).toMatchObject({ answered: false, sources: [], refusal: { kind } });
  });
});
