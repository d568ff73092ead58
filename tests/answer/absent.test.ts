import { describe, expect, it } from 'vitest';
import { absentName, type Vocabulary } from '../../src/answer/absent.ts';
import { terms } from '../../src/text/tokenize.ts';

/** A vocabulary over a few texts: their terms, and phrases found in them. */
function vocabularyOf(...texts: string[]): Vocabulary {
  const known = new Set(texts.flatMap((text) => terms(text)));
  return {
    has: (term) => known.has(term),
    hasPhrase: (words) => texts.some((text) => text.toLowerCase().includes(words.join(' ').toLowerCase())),
  };
}

const ARTICLES = vocabularyOf(
  'Putin and Trump met in Alaska. Kremlin spokesman Dmitry Peskov said US envoys were welcome.',
  'GM is calling back 17,815 Buick Raniers. Nintendo will release the DS in Europe; users can switch it off. Grand Theft Auto sold well.',
  'The TV channel showed it. Windows 95 was launched in August 2004.',
);

describe('absentName', () => {
  it.each([
    ['What did Macron say about the Putin-Trump meeting?', 'Macron'],
    ['What did Greta Thunberg tell world leaders?', 'Greta Thunberg'],
    ["Who won the Women's World Cup?", 'World Cup'],
    ["What did Putin's Kremlin spokesman Dmitry Medvedev say?", 'Dmitry Medvedev'],
    ['When does the Nintendo Switch 2 come out in Europe?', 'Nintendo Switch 2'],
    ['How many copies did Grand Theft Auto V sell?', 'Grand Theft Auto V'],
    ['Who won the Kremlin prize in 2017?', '2017'],
  ])('GIVEN %j THEN %j is named by no article', (question, name) => {
    expect(absentName(question, ARTICLES)).toBe(name);
  });

  it("GIVEN an owner the articles lack of a thing they name THEN the owner is named", () => {
    expect(absentName("Who won the Women's World Cup?", vocabularyOf('The World Cup final was played in Qatar.'))).toBe('Women');
    expect(absentName("How much did Rishi Sunak's furlough scheme cost?", ARTICLES)).toBe('Rishi Sunak');
  });

  it.each([
    ['a name every article shares', 'What did Peskov say about Putin?'],
    ['a misspelt long name', 'Why is GM recalling Buick Rainiers?'],
    ['a capitalised word that only describes the noun after it', 'What did the American envoys bring?'],
    ['an acronym describing a noun', 'What TV programme did Putin watch?'],
    ['the first word, capitalised as every first word is', 'Whoever met Putin?'],
    ['an edition number the articles use', 'When was Windows 95 launched?'],
    ['the pronoun I', 'Did I hear that Peskov spoke?'],
    ['a number counting the noun after it', "By how much did the costs of Putin's 20 biggest projects rise?"],
    ['no names at all', 'what is the recipe for banana bread?'],
    ['a year the articles mention', 'What did Windows do in 2004?'],
    ['a number that is no year', 'Did GM recall 2017 cars?'],
    ['a score after a name, not an edition', 'Grand Theft 0-2 Peskov'],
    ['a range after a name, not an edition', 'How did Windows 3-4 sell?'],
  ])('GIVEN %s (%j) THEN nothing is absent', (_name, question) => {
    expect(absentName(question, ARTICLES)).toBeNull();
  });

  it('GIVEN a short unknown name one letter from a known word THEN it is still absent', () => {
    // "Macron" is one letter from "macro": short names are too close to other words to be slips.
    expect(absentName('What did Macron say?', vocabularyOf('A macro view of Putin.'))).toBe('Macron');
  });
});
