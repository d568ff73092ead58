import { describe, expect, it } from 'vitest';
import { articleChoices } from '../../../src/bot/format/choices.ts';
import { makeArticle, metaOf } from '../fake-desk.ts';

describe('articleChoices', () => {
  const metas = [
    ...Array.from({ length: 40 }, (_, i) => metaOf(makeArticle({ id: `bulk/${i}`, title: `Budget ${'long '.repeat(40)}${i}`, text: 'x' }))),
    metaOf(makeArticle({ id: 'x/'.repeat(60), title: 'Budget with an id too long for a choice value', text: 'x' })),
    metaOf(makeArticle({ id: 'econ/budget', title: 'Economy', text: 'x', published: '2025-02-01' })),
  ];

  it('GIVEN many matches THEN at most 25 choices, names ≤ 100, values ≤ 100', () => {
    const choices = articleChoices(metas, 'budget');
    expect(choices).toHaveLength(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it.each([
    ['GIVEN an exact id THEN that article first', 'econ/budget', 'econ/budget'],
    ['GIVEN a title prefix THEN a title match first', 'budget long', 'bulk/0'],
    ['GIVEN nothing typed THEN the list order', '', 'bulk/0'],
  ])('%s', (_name, typed, first) => {
    expect(articleChoices(metas, typed)[0]?.value).toBe(first);
  });

  it('GIVEN no match THEN no choices', () => {
    expect(articleChoices(metas, 'zzzz')).toEqual([]);
  });

  it('GIVEN a dated article THEN the name ends with its date, kept when the title is cut', () => {
    expect(articleChoices(metas, 'econ')[0]?.name).toBe('Economy · 2025-02-01');
    expect(articleChoices(metas, 'bulk/1')[0]?.name).toMatch(/… · undated$/);
  });
});
