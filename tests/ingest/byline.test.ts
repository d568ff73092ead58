import { describe, expect, it } from 'vitest';
import { chooseByline, cleanByline } from '../../src/ingest/byline.ts';

describe('cleanByline', () => {
  it.each([
    ['Jane Doe', [], 'Jane Doe'],
    ['By Jane Doe', [], 'Jane Doe'],
    ['by Lucas Nolan22 Dec 2016651', [], 'Lucas Nolan'],
    ['By\n\t\t\tScott Cunningham', [], 'Scott Cunningham'],
    ['By GILLIAN MOHNEY\n                March 11, 2015 3:46 PM', [], 'GILLIAN MOHNEY'],
    ['Written by Rob Ewaschuk\n      Edited by Betsy Beyer', [], 'Rob Ewaschuk, Betsy Beyer'],
    ['Bradley M. Kuhn (http://ebb.org/bkuhn/)', [], 'Bradley M. Kuhn'],
    ['By Brenda  Goodman, MA\n            Example Health News', ['Example Health News'], 'Brenda Goodman, MA'],
    ['By Jane Doe\n            Example Health News', [], 'Jane Doe'],
    ['Jane Doe, Example Times', ['Example Times'], 'Jane Doe'],
    ['Example Times', ['Example Times'], 'Example Times'],
    ['Jane Doe Link copied', [], 'Jane Doe'],
    ['Author: Jane Doe | Updated 12:01 PM', [], 'Jane Doe'],
    ['Jong, Michiel de', [], 'Jong, Michiel de'],
    ['By Theresa May', [], 'Theresa May'],
    ['Last Updated: January 7, 2025', [], null],
    ['April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm', [], null],
    ['Follow Author', [], null],
    ['   ', [], null],
    ['https://example.org/people/jane', [], null],
  ])('GIVEN %j THEN %j', (raw, outlets, expected) => {
    expect(cleanByline(raw, outlets)).toBe(expected);
  });

  it('GIVEN no byline THEN null', () => {
    expect(cleanByline(null)).toBeNull();
  });
});

describe('chooseByline', () => {
  it('GIVEN candidates best first THEN the first that names someone', () => {
    expect(chooseByline([null, 'Updated 3:46 PM', 'By Jane Doe', 'John Roe'], [])).toBe('Jane Doe');
  });
});
