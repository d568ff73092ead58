import { stemmer } from 'stemmer';
import { describe, expect, it } from 'vitest';
import { terms, termsAt, words } from '../../src/text/tokenize.ts';

describe('words', () => {
  it.each([
    ['plain words', 'Hello World', [['hello', 0, 5], ['world', 6, 11]]],
    ["possessive 's folded", "Putin's plan", [['putin', 0, 7], ['plan', 8, 12]]],
    ["curly possessive ’s folded", 'Putin’s plan', [['putin', 0, 7], ['plan', 8, 12]]],
    ["contraction n't keeps its stem", "can't", [['can', 0, 5]]],
    ['digits are words', 'In 2025, 5,000 left', [['in', 0, 2], ['2025', 3, 7], ['5', 9, 10], ['000', 11, 14], ['left', 15, 19]]],
    ['punctuation only', '... --- !!!', []],
    ['accented letters kept', 'Élan vital', [['élan', 0, 4], ['vital', 5, 10]]],
  ] as const)('GIVEN %s THEN words and offsets are exact', (_name, text, expected) => {
    const found = words(text);
    expect(found.map((w) => [w.word, w.start, w.end])).toEqual(expected);
    for (const w of found) expect(text.slice(w.start, w.end).toLowerCase()).toContain(w.word);
  });
});

describe('terms', () => {
  it.each([
    ['stopwords dropped', 'The cat and the dog', ['cat', 'dog']],
    ['stemmed', 'running dogs negotiations', ['run', 'dog', 'negoti']],
    ['accents folded', 'Élan Peskóv', ['elan', 'peskov']],
    ['numbers not stemmed', 'in 2025 and 1999s', ['2025', '1999']],
    ['repeats kept in order', 'ships ship SHIP', ['ship', 'ship', 'ship']],
    ['reporting verbs are stopwords', 'he said they told them', []],
    ['empty', '', []],
  ] as const)('GIVEN %s (%j) THEN the terms are as expected', (_name, text, expected) => {
    expect(terms(text)).toEqual(expected);
  });

  it('GIVEN two spellings of one word THEN they share a term (query matches passage)', () => {
    expect(terms('Elmendorf–Richardson summit')).toEqual(terms('elmendorf richardson summits'));
  });
});

describe('termsAt', () => {
  it('GIVEN a text THEN each term comes with the offset of its word, stopwords left out', () => {
    const text = "Putin's envoys met in Alaska";
    expect(termsAt(text)).toEqual([
      { term: 'putin', start: 0 },
      { term: 'envoi', start: 8 },
      { term: 'meet', start: 15 },
      { term: 'alaska', start: 22 },
    ]);
    expect(termsAt(text).map(({ term }) => term)).toEqual(terms(text));
  });

  it('GIVEN more distinct words than the remembered terms hold THEN every term is still right', () => {
    const distinct = Array.from({ length: 250_000 }, (_, i) => `walk${i.toString(36)}ing`);
    const found = terms(distinct.join(' '));
    expect(found).toEqual(distinct.map((word) => stemmer(word)));
    expect(terms('walking walked walks')).toEqual(['walk', 'walk', 'walk']);
  });
});
