import { describe, expect, it } from 'vitest';
import { terms, words } from '../../src/text/tokenize.ts';

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
