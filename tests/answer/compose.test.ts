import { describe, expect, it } from 'vitest';
import type { Answer, Passage } from '../../src/answer/answer.ts';
import { indexVocabulary } from '../../src/answer/absent.ts';
import { composeAnswer, DEFAULT_COMPOSE, scoreSentences, type ComposeOptions } from '../../src/answer/compose.ts';
import { analyzeQuestion } from '../../src/answer/question.ts';
import { tagSentences } from '../../src/ingest/tag.ts';
import { coverage, dot, namedTerms, weightedTerms } from '../../src/answer/evidence.ts';
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
      'The authority said it raised the tolls in order to pay for new cranes. Shipping firms said they would pass the cost on.',
    { title: 'Harbour tolls rise', outlet: 'Port Gazette' },
  ),
  storedArticle(
    'sport/final',
    'The home team won the final match by two goals. The captain, Ana Lima, scored twice. Fans celebrated in the square all night.\n\n' +
      'The coach said the team had trained every morning because the pitch was wet. The club will parade the cup on Sunday.',
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
    vocabulary: indexVocabulary(index),
    articles: { text: (id) => index.articles.get(id)?.text, sentences: (id) => index.sentences(id) },
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
  it('GIVEN a name no article contains THEN an absent refusal naming it, with nothing related', async () => {
    const { answer } = await ask('Did harbour tolls rise in Rotterdam?');
    expect(answer).toMatchObject({ answered: false, sources: [], related: [], refusal: { kind: 'absent', term: 'Rotterdam' } });
  });

  it('GIVEN a rare name the article lacks (in a large corpus) THEN that article is not cited', async () => {
    // The idf override gives names the weight they would have in a large corpus.
    const largeCorpusIdf = (term: string) => ({ peskov: 6, harbour: 3, toll: 3.5, rose: 2 })[term] ?? 1;
    const { answer } = await ask('How much did Peskov say harbour tolls rose?', { idf: largeCorpusIdf });
    expect(answer.sources.map((s) => s.article)).not.toContain('business/tolls');
  });

  it('GIVEN the named subject present THEN the same passage answers', async () => {
    const { answer } = await ask('Did harbour tolls rise by a tenth?');
    expect(answer.answered).toBe(true);
    expect(answer.sources[0]?.article).toBe('business/tolls');
  });

  it.each([
    ['When did the two leaders last meet in person?', 'world/summit', 'August 15, 2025'],
    ['How much did harbour tolls rise?', 'business/tolls', 'rose by a tenth'],
    ['Who scored twice in the final?', 'sport/final', 'Ana Lima'],
    ['Why had the team trained every morning?', 'sport/final', 'because the pitch was wet'],
    ['When will the club parade the cup?', 'sport/final', 'on Sunday'],
  ])('GIVEN %j THEN it answers from %s with a verbatim quote containing %j', async (question, article, fact) => {
    const { answer } = await ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.question).toBe(question);
    expect(answer.related).toEqual([]);
    expect(answer.sources[0]?.article).toBe(article);
    expect(answer.sources[0]?.quote).toContain(fact);
    expectVerbatim(answer);
  });

  it('GIVEN a "why" question THEN the sentence with the cause is quoted, not the one that repeats the question', async () => {
    const { answer } = await ask('Why did the port authority raise harbour tolls?');
    expect(answer.answered).toBe(true);
    expect(answer.sources.map((s) => s.quote).join(' ')).toContain('in order to pay for new cranes');
  });

  it.each([
    ['a question whose subject is covered but whose asked kind of answer is not stated', 'How many fishermen protested at the harbour gate?', 'near-miss'],
    ['a question no passage covers', 'What did the fishermen eat for breakfast?', 'weak'],
  ])('GIVEN %s THEN it refuses (%s) and names related sources, verbatim, only', async (_name, question, kind) => {
    const index = fakeIndex(ARTICLES, { chunker: CHUNKER });
    // The retriever always returns something: hand it the first chunk of every article.
    const passages = ARTICLES.map((a) => ({ article: a, chunk: index.chunks.get(`${a.id}#0`)!, score: 0.5 }));
    const { answer } = await ask(question, {}, passages);
    expect(answer.answered).toBe(false);
    expect(answer.refusal?.kind).toBe(kind);
    expect(answer.sources).toEqual([]);
    expect(answer.related.length).toBeGreaterThan(0);
    expect(answer.related.length).toBeLessThanOrEqual(DEFAULT_COMPOSE.maxSources);
    expectVerbatim(answer);
  });

  it.each([
    ['How do I make my own harbour crane?', 'how-to'],
    ['hello', 'chat'],
    ['help', 'help'],
    ['¿Quién ganó la final?', 'not-english'],
  ])('GIVEN %j THEN an offtopic refusal (%s) without looking at passages', async (question, reason) => {
    const { answer } = await ask(question);
    expect(answer).toMatchObject({ answered: false, sources: [], related: [], refusal: { kind: 'offtopic', reason } });
  });

  it.each([['What is 2+2?'], ['Which one?'], ['In 2025?']])('GIVEN %j, numbers alone THEN a weak refusal with nothing related', async (question) => {
    const { answer } = await ask(question);
    expect(answer).toMatchObject({ answered: false, sources: [], related: [], refusal: { kind: 'weak' } });
  });

  it('GIVEN a question of two terms THEN both must be around the answer', async () => {
    expect((await ask('When will the club parade?', { minEvidence: 0.1 })).answer.answered).toBe(true);
    expect((await ask('When will the club dance?', { minEvidence: 0.1 })).answer).toMatchObject({ answered: false, refusal: { kind: 'weak' } });
  });

  it('GIVEN no passages at all THEN it refuses with nothing related', async () => {
    const { answer } = await ask('When did the two leaders last meet?', {}, []);
    expect(answer).toEqual({ question: 'When did the two leaders last meet?', answered: false, sources: [], related: [], refusal: { kind: 'weak' } });
  });

  it.each([
    ['just below the evidence threshold', 1.01, false],
    ['at the evidence threshold', 1, true],
    ['a threshold of 0 still needs some evidence', 0, true],
  ] as const)('GIVEN a full match and a threshold %s THEN answered is %s', async (_name, minEvidence, answered) => {
    const { answer } = await ask('By how much did harbour tolls rise?', { minEvidence });
    expect(answer.answered).toBe(answered);
    expectVerbatim(answer);
  });

  it('GIVEN maxSources 1 THEN at most one source', async () => {
    const { answer } = await ask('When did harbour tolls rise?', { maxSources: 1 });
    expect(answer.sources.length).toBeLessThanOrEqual(1);
  });

  it('GIVEN two close sentences in the best article THEN both are quoted, next to each other in one quote when adjacent', async () => {
    const { answer } = await ask('Who scored twice in the final match?', { minEvidence: 0.1 });
    expect(answer.answered).toBe(true);
    const quotes = answer.sources.filter((s) => s.article === 'sport/final').map((s) => s.quote);
    expect(quotes.join(' ')).toContain('Ana Lima');
    for (const quote of quotes) expect(quote.length).toBeLessThanOrEqual(480);
    expectVerbatim(answer);
  });

  it.each([
    ['no embedder', undefined],
    ['the offline embedder', new OfflineEmbedder()],
    ['a fake embedder', new FakeEmbedder()],
  ])('GIVEN %s THEN quotes are still verbatim slices of the article', async (_name, embedder) => {
    for (const question of ['When did the two leaders last meet in person?', 'Why did harbour tolls rise?', 'What did Peskov add?']) {
      const queryVector = embedder ? await embedder.embedQuery(question) : undefined;
      const { answer } = await ask(question, { embedder, queryVector, minEvidence: 0.1 });
      expectVerbatim(answer);
    }
  });

  it('GIVEN an embedder and the question vector THEN it embeds only a few candidate sentences per article', async () => {
    const embedder = new FakeEmbedder();
    const queryVector = await embedder.embedQuery('Who scored twice in the final?');
    embedder.reset();
    await ask('Who scored twice in the final?', { embedder, queryVector });
    expect(embedder.queries).toEqual([]);
    expect(embedder.passages).toContain('The captain, Ana Lima, scored twice.');
    expect(embedder.passages.length).toBeLessThanOrEqual(8 * ARTICLES.length);
  });

  it('GIVEN passages of only part of an article THEN every sentence of the article is a candidate', async () => {
    const index = fakeIndex(ARTICLES, { chunker: { maxWords: 12, overlapWords: 0 } });
    const first = index.chunks.get('world/summit#0')!;
    expect(first.text).not.toContain('Anchorage');
    const { answer } = await ask('Where did the leaders meet in Alaska?', { minEvidence: 0.1 }, [{ article: index.articles.get('world/summit')!, chunk: first, score: 0.5 }]);
    expect(answer.answered).toBe(true);
    expect(answer.sources[0]?.quote).toContain('Anchorage, Alaska');
    expectVerbatim(answer);
  });

  it("GIVEN names of the question in the article's lead only THEN they count in every later sentence's context, its other words do not", () => {
    const text =
      'Tony Blair has apologised to the Maguire family over the pub bombings. The bombings killed seven people. ' +
      'The prime minister spoke at Westminster. The families welcomed it. All were arrested because of a family connection.';
    const question = 'Why were members of the Maguire family arrested over the pub bombings?';
    const weights = weightedTerms(question, () => 1, 1);
    const scored = scoreSentences({ analysis: analyzeQuestion(question), weights }, { title: '', text, sentences: tagSentences(text) });
    const last = scored.at(-1)!;
    // "Maguire" (a name, from the lead) and "arrested", "family" (its own words); not "pub" or "bombings".
    expect(last.context).toBeCloseTo(coverage(weights, 'Maguire arrested family'), 12);
  });

  it('GIVEN an article that shares only a name with the question, named in passing THEN it is not cited; one led by the name is', async () => {
    const articles = [
      storedArticle('tech/index', 'Broadband use grew again this year. More homes signed up for fast lines. Prices fell. Analysts at Jupiter Research counted 40 million users in 2004.', { title: 'Broadband grows' }),
      storedArticle('politics/campbell', 'Menzies Campbell spoke on Sunday. He compared the bond between the two leaders to a marriage of convenience.', { title: 'Campbell speaks' }),
    ];
    const index = fakeIndex(articles, { chunker: CHUNKER });
    const passagesOf = (id: string) => [{ article: index.articles.get(id)!, chunk: index.chunks.get(`${id}#0`)!, score: 1 }];
    const options = {
      ...DEFAULT_COMPOSE,
      minEvidence: 0.1,
      idf: (term: string) => index.keywords.idf(term) || 1,
      unseenWeight: 3,
      vocabulary: indexVocabulary(index),
      articles: { text: (id: string) => index.articles.get(id)?.text, sentences: (id: string) => index.sentences(id) },
    };
    const moons = await composeAnswer('How many moons does Jupiter have?', passagesOf('tech/index'), options);
    expect(moons).toMatchObject({ answered: false, refusal: { kind: 'weak' } });
    const liken = await composeAnswer('What did Menzies Campbell liken the link to?', passagesOf('politics/campbell'), options);
    expect(liken.answered).toBe(true);
    expect(liken.sources[0]?.article).toBe('politics/campbell');
  });

  /** Composes an answer from the given articles, each retrieved alike. */
  async function askArticles(question: string, articles: StoredArticle[]): Promise<Answer> {
    const index = fakeIndex(articles, { chunker: CHUNKER });
    const passages = articles.map((a) => ({ article: index.articles.get(a.id)!, chunk: index.chunks.get(`${a.id}#0`)!, score: 1 }));
    return composeAnswer(question, passages, {
      ...DEFAULT_COMPOSE,
      minEvidence: 0.1,
      idf: () => 1,
      unseenWeight: 1,
      vocabulary: indexVocabulary(index),
      articles: { text: (id: string) => index.articles.get(id)?.text, sentences: (id: string) => index.sentences(id) },
    });
  }

  it('GIVEN a count in a sentence whose context names none of the names asked about THEN it is not the answer', async () => {
    const gallery = (lead: string) =>
      `${lead} It was a good year for galleries. Five million visitors made the London gallery the most visited museum in 2004. Officials were pleased. Talks went on. Tate Modern and other spots recorded increases.`;
    const other = await askArticles('How many people visited Tate Modern in 2004?', [storedArticle('arts/national', gallery('The National Gallery saw a jump in visitors.'), { title: 'National Gallery in the pink' })]);
    expect(other).toMatchObject({ answered: false, refusal: { kind: 'near-miss' } });
    const same = await askArticles('How many people visited Tate Modern in 2004?', [storedArticle('arts/tate', gallery('Tate Modern saw a jump in visitors.'), { title: 'Tate Modern in the pink' })]);
    expect(same.answered).toBe(true);
    expect(same.sources[0]?.quote).toContain('Five million visitors');
  });

  it.each([
    [
      'saying the price asked for was not given',
      "What price were Air China's shares sold at?",
      (closing: string) => `Air China shares were sold to raise $1bn (£514m) in the flotation. Trading will begin on 15 December. ${closing}`,
      'No further details of the price were given.',
      'Demand for air travel is soaring.',
    ],
    [
      'giving only a national figure for a worldwide one asked',
      'How much has Shark Tale taken at the worldwide box office?',
      (closing: string) => `Shark Tale has taken $80m (£42.4m) in the first week of its DVD release, a box office hit. Sales soared past ${closing}`,
      'its opening week US box office takings of $56m.',
      'its US box office takings of $56m and worldwide box office takings of $300m.',
    ],
  ])('GIVEN an article %s THEN none of its sums answers; without that sentence, one does', async (_name, question, story, lacking, giving) => {
    const lacks = await askArticles(question, [storedArticle('business/story', story(lacking), { title: 'The story' })]);
    expect(lacks).toMatchObject({ answered: false, refusal: { kind: 'near-miss' } });
    const gives = await askArticles(question, [storedArticle('business/story', story(giving), { title: 'The story' })]);
    expect(gives.answered).toBe(true);
  });

  it("GIVEN two articles whose sentences answer alike THEN the one holding the question's names comes first", async () => {
    const story = (other: string) => `Talks went on. Nothing changed. Officials spoke. Putin may meet him again. The two leaders last met in person on August 15, 2025. ${other} flew home.`;
    const articles = [
      storedArticle('world/other', story('Xi'), { title: 'Leaders met' }),
      storedArticle('world/these', story('Trump'), { title: 'Leaders met' }),
    ];
    const answer = await askArticles('When did Putin and Trump last meet in person?', articles);
    expect(answer.sources[0]?.article).toBe('world/these');
  });
});
