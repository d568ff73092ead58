import { describe, expect, it } from 'vitest';
import type { Answer, Passage } from '../../src/answer/answer.ts';
import { composeAnswer, DEFAULT_COMPOSE, type ComposeOptions } from '../../src/answer/compose.ts';
import { coverage, dot, missingSubject, namedTerms, weightedTerms } from '../../src/answer/evidence.ts';
import { OfflineEmbedder } from '../../src/embed/offline-embedder.ts';
import type { StoredArticle } from '../../src/store/index-version.ts';
import { FakeEmbedder } from '../fixtures/core/fakes.ts';
import { fakeIndex, storedArticle } from '../fixtures/core/index-builder.ts';

describe('weightedTerms', () => {
  // Terms are stems: "ice" is "ic".
  const idf = (term: string) => ({ glacier: 2, ic: 0.5 })[term] ?? 0;
  it.each([
    ['known terms get their idf', 'glacier ice', { glacier: 2, ic: 0.5 }],
    ['unknown terms get the unseen weight', 'glacier volcano', { glacier: 2, volcano: 7 }],
    ['repeats count once', 'ice ice ice', { ic: 0.5 }],
    ['stopwords do not count', 'what is the ice', { ic: 0.5 }],
    ['no terms', 'what is it', {}],
  ])('GIVEN %s (%j) THEN the weights are %j', (_name, question, expected) => {
    expect(Object.fromEntries(weightedTerms(question, idf, 7))).toEqual(expected);
  });
});

describe('coverage', () => {
  const weights = new Map([['glacier', 3], ['ic', 1]]);
  it.each([
    ['every term present', 'Glaciers of ice', 1],
    ['only the heavy term', 'the glacier', 0.75],
    ['only the light term', 'icy? no: ice', 0.25],
    ['nothing', 'harbour cranes', 0],
  ])('GIVEN %s (%j) THEN coverage is %d', (_name, text, expected) => {
    expect(coverage(weights, text)).toBeCloseTo(expected, 12);
  });
  it('GIVEN a question without terms THEN coverage is 0', () => {
    expect(coverage(new Map(), 'anything')).toBe(0);
    expect(coverage(new Map([['x', 0]]), 'x')).toBe(0);
  });
});

describe('namedTerms', () => {
  it.each([
    ['Who won the 2022 FIFA World Cup final in Qatar?', ['2022', 'fifa', 'world', 'cup', 'qatar']],
    ['When did Apple release the first iPhone?', ['appl', 'iphon']],
    ['Bolton lost how many games?', []],
    ['what is the recipe for banana bread?', []],
    ['How far is the 60m dash?', ['60m']],
  ])('GIVEN %j THEN the names and numbers are %j', (question, expected) => {
    expect([...namedTerms(question)]).toEqual(expected);
  });
});

describe('missingSubject', () => {
  const weights = new Map([['qatar', 6], ['final', 3], ['2022', 8], ['cup', 3.5]]);
  it.each([
    ['The 2022 final in Qatar was won by Argentina.', 4, null],
    ['The cup final was won on penalties.', 4, { term: '2022', weight: 8 }],
    ['The 2022 cup final was played in winter.', 4, { term: 'qatar', weight: 6 }],
    ['The cup final was won on penalties.', 9, null],
  ])('GIVEN %j (minimum weight %d) THEN %j', (text, minWeight, expected) => {
    expect(missingSubject(weights, new Set(['qatar', '2022']), text, minWeight)).toEqual(expected);
  });
});

describe('dot', () => {
  it.each([
    [[1, 0], [1, 0], 1],
    [[1, 0], [0, 1], 0],
    [[0.6, 0.8], [-0.6, -0.8], -1],
  ])('GIVEN %j·%j THEN %d', (a, b, expected) => {
    expect(dot(a, b)).toBeCloseTo(expected, 12);
  });
});

const ARTICLES: StoredArticle[] = [
  storedArticle(
    'world/summit',
    'Moscow, Nov 3 (IANS) There is no need to rapidly organize a meeting between the two presidents, the Kremlin said.\n\n' +
      'The two leaders last met in person on August 15, 2025, at Joint Base Elmendorf–Richardson in Anchorage, Alaska. ' +
      'That summit ended without an agreement on a ceasefire.\n\n' +
      'Peskov added that very meticulous work on the details was needed first.',
    { title: 'Kremlin says no need to hurry summit', published: '2025-11-03', agency: 'IANS' },
  ),
  storedArticle(
    'business/tolls',
    'Harbour tolls rose by a tenth on Monday, the port authority said. Fishermen protested at the harbour gate.\n\n' +
      'The authority said the money would pay for new cranes. Shipping firms said they would pass the cost on.',
    { title: 'Harbour tolls rise', outlet: 'Port Gazette' },
  ),
  storedArticle(
    'sport/final',
    'The home team won the final match by two goals. The captain scored twice. Fans celebrated in the square all night.',
    { title: 'Home team wins the final' },
  ),
];

const CHUNKER = { maxWords: 25, overlapWords: 8 };

async function ask(question: string, options: Partial<ComposeOptions> = {}, passages?: Passage[]): Promise<{ answer: Answer; passages: Passage[] }> {
  const index = fakeIndex(ARTICLES, { chunker: CHUNKER });
  const hits = passages ?? index.keywords.search(question, 8).map(({ id, score }) => {
    const chunk = index.chunks.get(id)!;
    return { article: index.articles.get(chunk.article)!, chunk, score };
  });
  const answer = await composeAnswer(question, hits, {
    ...DEFAULT_COMPOSE,
    minEvidence: 0.4,
    idf: (term) => index.keywords.idf(term),
    unseenWeight: Math.log(1 + (index.keywords.size + 0.5) / 0.5),
    ...options,
  });
  return { answer, passages: hits };
}

function expectVerbatim(answer: Answer): void {
  for (const source of [...answer.sources, ...answer.related]) {
    const article = ARTICLES.find((a) => a.id === source.article)!;
    expect(source.quote).toBe(article.text.slice(source.startPos, source.endPos));
    expect(source.quote).toBe(source.quote.trim());
    expect(source.quote.length).toBeGreaterThan(0);
    expect(source.title).toBe(article.title);
    expect(source.published).toBe(article.published);
    expect(source.outlet).toBe(article.outlet);
    expect(source.agency).toBe(article.agency);
    expect(source.score >= 0 && source.score <= 1).toBe(true);
  }
}

describe('composeAnswer', () => {
  // The idf override gives names the weight they would have in a large corpus.
  const largeCorpusIdf = (term: string) => ({ rotterdam: 6, harbour: 3, toll: 3.5, rose: 2 })[term] ?? 1;

  it('GIVEN a passage with the question\'s words but not its named subject THEN it is not cited, and with no other the answer is a refusal', async () => {
    const { answer } = await ask('Did harbour tolls rise in Rotterdam?', { minEvidence: 0.1, idf: largeCorpusIdf });
    expect(answer.answered).toBe(false);
    expect(answer.related.map((s) => s.article)).toContain('business/tolls');
  });

  it('GIVEN the named subject present THEN the same passage answers', async () => {
    const { answer } = await ask('Did harbour tolls rise by a tenth?', { minEvidence: 0.1, idf: largeCorpusIdf });
    expect(answer.answered).toBe(true);
    expect(answer.sources[0]?.article).toBe('business/tolls');
  });

  it.each([
    ['When did the two leaders last meet in person?', 'world/summit', 'August 15, 2025'],
    ['How much did harbour tolls rise?', 'business/tolls', 'rose by a tenth'],
    ['Who scored twice in the final?', 'sport/final', 'The captain scored twice.'],
  ])('GIVEN %j THEN it answers from %s with a verbatim quote containing %j', async (question, article, fact) => {
    const { answer } = await ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.question).toBe(question);
    expect(answer.related).toEqual([]);
    expect(answer.sources[0]?.article).toBe(article);
    expect(answer.sources[0]?.quote).toContain(fact);
    expectVerbatim(answer);
  });

  it.each([
    ['an unrelated question whose passages share a word', 'What did the harbour volcano eruption destroy in Iceland?'],
    ['a question no passage matches', 'Who painted the Mona Lisa?'],
  ])('GIVEN %s THEN it refuses and names related sources (verbatim) only', async (_name, question) => {
    const index = fakeIndex(ARTICLES, { chunker: CHUNKER });
    // The retriever always returns something: hand it the first chunk of every article.
    const passages = ARTICLES.map((a) => ({ article: a, chunk: index.chunks.get(`${a.id}#0`)!, score: 0.5 }));
    const { answer } = await ask(question, {}, passages);
    expect(answer.answered).toBe(false);
    expect(answer.sources).toEqual([]);
    expect(answer.related.length).toBeGreaterThan(0);
    expect(answer.related.length).toBeLessThanOrEqual(DEFAULT_COMPOSE.maxSources);
    expectVerbatim(answer);
  });

  it('GIVEN no passages at all THEN it refuses with nothing related', async () => {
    const { answer } = await ask('When did the two leaders last meet?', {}, []);
    expect(answer).toEqual({ question: 'When did the two leaders last meet?', answered: false, sources: [], related: [] });
  });

  it.each([
    ['just below the evidence threshold', 1.01, false],
    ['at the evidence threshold', 1, true],
    ['a threshold of 0 still needs some evidence', 0, true],
  ] as const)('GIVEN a full match and a threshold %s THEN answered is %s', async (_name, minEvidence, answered) => {
    const { answer } = await ask('harbour tolls', { minEvidence });
    expect(answer.answered).toBe(answered);
    expectVerbatim(answer);
  });

  it('GIVEN maxSources 1 THEN at most one source, and sources come from distinct articles', async () => {
    const one = await ask('harbour tolls rose as the captain scored', { maxSources: 1, minEvidence: 0.1 });
    expect(one.answer.sources).toHaveLength(1);
    const many = await ask('harbour tolls rose as the captain scored', { maxSources: 3, minEvidence: 0.1, relativeEvidence: 0 });
    const ids = many.answer.sources.map((s) => s.article);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(1);
    expectVerbatim(many.answer);
  });

  it('GIVEN a weak second article THEN relativeEvidence leaves it out', async () => {
    const { answer } = await ask('harbour tolls rose fishermen protested captain', { relativeEvidence: 0.9, minEvidence: 0.1 });
    expect(answer.sources.map((s) => s.article)).toEqual(['business/tolls']);
  });

  it.each([
    ['no embedder', undefined],
    ['the offline embedder', new OfflineEmbedder()],
    ['a fake embedder', new FakeEmbedder()],
  ])('GIVEN %s THEN quotes are still verbatim slices of the article', async (_name, embedder) => {
    for (const question of ['When did the two leaders last meet in person?', 'Why did harbour tolls rise?', 'What did Peskov add?']) {
      const { answer } = await ask(question, { embedder, minEvidence: 0.1 });
      expectVerbatim(answer);
    }
  });

  it('GIVEN an embedder and the question vector THEN it embeds only the candidate sentences', async () => {
    const embedder = new FakeEmbedder();
    const queryVector = await embedder.embedQuery('Who scored twice in the final?');
    embedder.reset();
    await ask('Who scored twice in the final?', { embedder, queryVector });
    expect(embedder.queries).toEqual([]);
    expect(embedder.passages).toContain('The captain scored twice.');
  });

  it('GIVEN overlapping passages of one article THEN quotes are still exact and sources not repeated', async () => {
    const index = fakeIndex(ARTICLES, { chunker: { maxWords: 12, overlapWords: 10 } });
    const passages = [...index.chunks.values()].filter((c) => c.article === 'world/summit').map((chunk) => ({ article: index.articles.get(chunk.article)!, chunk, score: 0.5 }));
    expect(passages.length).toBeGreaterThan(2);
    const { answer } = await ask('Where did the leaders meet in Alaska?', { minEvidence: 0.1 }, passages);
    expect(answer.answered).toBe(true);
    expect(answer.sources).toHaveLength(1);
    expect(answer.sources[0]?.quote).toContain('Anchorage, Alaska');
    expectVerbatim(answer);
  });
});
