import { describe, expect, it } from 'vitest';
import { relatedHits, relatedShare, relateQuestion } from '../../src/answer/related.ts';
import { relationsOf } from '../fixtures/core/fakes.ts';

describe('relateQuestion', () => {
  const relations = relationsOf({ assembl: { close: ['piec', 'build'], broad: ['make'] }, chines: { close: ['china'] }, car: { broad: ['saloon', 'build'] } });
  const question = relateQuestion(new Map([['assembl', 2], ['chines', 3], ['car', 1], ['2003', 4]]), relations);

  it('GIVEN question terms THEN each related term points back to the question terms it relates to, and the total is every term', () => {
    expect(question.total).toBe(10);
    expect(question.close.get('build')).toEqual(['assembl']);
    expect(question.broad.get('build')).toEqual(['car']);
    expect([...question.weights.keys()]).toEqual(['assembl', 'chines', 'car']);
  });

  it('GIVEN a related term that is itself a question term THEN it is not indexed as a relation', () => {
    const withCar = relateQuestion(new Map([['saloon', 1], ['car', 1]]), relations);
    expect(withCar.broad.has('saloon')).toBe(false);
  });

  it.each([
    ['a synonym and a pertainym', ['piec', 'china', 'factori'], { close: ['assembl', 'chines'], broad: [] }],
    ['a term related both ways', ['build'], { close: ['assembl'], broad: ['car'] }],
    ['nothing related', ['factori'], { close: [], broad: [] }],
  ])('GIVEN a sentence with %s THEN the hits are %j', (_name, present, expected) => {
    const hits = relatedHits(question, present);
    expect({ close: [...hits.close].sort(), broad: [...hits.broad].sort() }).toEqual(expected);
  });

  it('GIVEN hits THEN their share of the whole question, leaving out terms found as themselves', () => {
    expect(relatedShare(question, ['assembl', 'chines'], () => false)).toBeCloseTo(0.5, 12);
    expect(relatedShare(question, ['assembl', 'chines'], (term) => term === 'chines')).toBeCloseTo(0.2, 12);
    expect(relatedShare(relateQuestion(new Map(), relations), ['assembl'], () => false)).toBe(0);
  });
});
