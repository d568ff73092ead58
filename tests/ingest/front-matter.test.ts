import { describe, expect, it } from 'vitest';
import { frontMatterValue, readFrontMatter } from '../../src/ingest/front-matter.ts';

describe('readFrontMatter', () => {
  it('GIVEN flat keys, a list and an inline list THEN each is read', () => {
    const front = readFrontMatter('---\ntitle: "Harbour tolls rise"\nAuthors:\n  - Jane Doe\n  - John Roe\ntags: [ports, trade]\n---\n# Body\n');
    expect(frontMatterValue(front, ['title'])).toBe('Harbour tolls rise');
    expect(frontMatterValue(front, ['author', 'authors'])).toBe('Jane Doe, John Roe');
    expect(frontMatterValue(front, ['tags'])).toBe('ports, trade');
    expect(front.body).toBe('# Body\n');
  });

  it('GIVEN no front matter THEN the text is all body', () => {
    const front = readFrontMatter('# Title\n\n---\n\nText');
    expect(front.fields.size).toBe(0);
    expect(front.body).toBe('# Title\n\n---\n\nText');
  });
});
