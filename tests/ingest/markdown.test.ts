import { describe, expect, it } from 'vitest';
import { markdownToText } from '../../src/ingest/markdown.ts';
import { formatOf, prepareArticle } from '../../src/ingest/prepare.ts';

const STORY = `# Harbour tolls rise in Rotterdam

*Published 3 March 2025*

The port of **Rotterdam** raised its harbour tolls by a tenth on Monday, the [port authority](https://example.com) said. Fishermen protested at the harbour gate for most of the day.

![A crane at dusk](crane.jpg)

## What happens next

- The authority said the money would pay for new cranes.
- Shipping firms said they would pass the cost on to customers.

\`\`\`
tracking-snippet();
\`\`\`

> "We were not asked," a fisherman said.
`;

describe('markdownToText', () => {
  it('GIVEN a Markdown article THEN plain block texts, the first level-one heading as title, no markup', () => {
    const { text, title } = markdownToText(STORY);
    expect(title).toBe('Harbour tolls rise in Rotterdam');
    expect(text).toBe(
      [
        'Published 3 March 2025',
        'The port of Rotterdam raised its harbour tolls by a tenth on Monday, the port authority said. Fishermen protested at the harbour gate for most of the day.',
        'A crane at dusk',
        'What happens next',
        'The authority said the money would pay for new cranes.',
        'Shipping firms said they would pass the cost on to customers.',
        '"We were not asked," a fisherman said.',
      ].join('\n\n'),
    );
  });

  it.each([
    ['', { text: '', title: null, byline: null, date: null }],
    ['Just a paragraph.', { text: 'Just a paragraph.', title: null, byline: null, date: null }],
    ['# One\n\n# Two\n\nBody.', { text: 'Two\n\nBody.', title: 'One', byline: null, date: null }],
  ])('GIVEN %j THEN %j', (markdown, expected) => {
    expect(markdownToText(markdown)).toEqual(expected);
  });
});

describe('prepareArticle for Markdown', () => {
  it.each([
    ['a.md', 'markdown'],
    ['a.markdown', 'markdown'],
    ['a.MD', 'markdown'],
    ['a.html', 'html'],
    ['a.htm', 'html'],
    ['a.txt', 'text'],
  ] as const)('GIVEN %s THEN the format is %s', (file, format) => {
    expect(formatOf(file)).toBe(format);
  });

  it('GIVEN a Markdown article THEN its title, date and plain text; quotes cannot carry markup', () => {
    const prepared = prepareArticle({ file: 'story.md', raw: STORY, format: 'markdown', defaultOutlet: null });
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.article).toMatchObject({ title: 'Harbour tolls rise in Rotterdam', published: '2025-03-03' });
    expect(prepared.article.text).toContain('The port of Rotterdam raised its harbour tolls');
    expect(prepared.article.text).not.toMatch(/\*\*|\]\(|^#|tracking-snippet/mu);
  });
});

describe('bylines of text and Markdown articles', () => {
  it('GIVEN Markdown front matter THEN title, byline and date come from it, and none of it is body text', () => {
    const raw = `---\ntitle: Harbour tolls rise in Rotterdam\nauthor: Jane Doe\ndate: 2025-03-03\n---\n\n${STORY.split('\n').slice(2).join('\n')}`;
    const prepared = prepareArticle({ file: 'story.md', raw, format: 'markdown', defaultOutlet: null });
    if (!prepared.ok) throw new Error(prepared.reason);
    expect(prepared.article).toMatchObject({ title: 'Harbour tolls rise in Rotterdam', byline: 'Jane Doe', published: '2025-03-03' });
    expect(prepared.article.text).not.toMatch(/Jane Doe|---|^author:/mu);
  });

  it('GIVEN a text article with a "By" line under its headline THEN the byline, and the line is not body text', () => {
    const raw = 'Harbour tolls rise in Rotterdam\n\nBy Jane Doe and John Roe\n\nThe port of Rotterdam raised its harbour tolls by a tenth on Monday, the port authority said.\n\nFishermen protested at the harbour gate for most of the day.';
    const prepared = prepareArticle({ file: 'story.txt', raw, format: 'text', defaultOutlet: null });
    if (!prepared.ok) throw new Error(prepared.reason);
    expect(prepared.article).toMatchObject({ title: 'Harbour tolls rise in Rotterdam', byline: 'Jane Doe and John Roe' });
    expect(prepared.article.text.startsWith('The port of Rotterdam')).toBe(true);
  });

  it('GIVEN the same article with and without a byline THEN the same hash: nothing to re-embed', () => {
    const body = 'The port of Rotterdam raised its harbour tolls by a tenth on Monday, the port authority said.';
    const hashOf = (raw: string) => {
      const prepared = prepareArticle({ file: 'story.txt', raw, format: 'text', defaultOutlet: null });
      if (!prepared.ok) throw new Error(prepared.reason);
      return [prepared.article.hash, prepared.article.byline];
    };
    const [withByline, byline] = hashOf(`Harbour tolls rise in Rotterdam\n\nBy Jane Doe\n\n${body}`);
    const [without, none] = hashOf(`Harbour tolls rise in Rotterdam\n\n${body}`);
    expect([byline, none]).toEqual(['Jane Doe', null]);
    expect(withByline).toBe(without);
  });

  it('GIVEN a text article whose lead starts with "By" THEN no byline', () => {
    const raw = 'Net to get two new names\n\nBy early 2005 the net could have two new domain names, the body that runs it said.';
    const prepared = prepareArticle({ file: 'story.txt', raw, format: 'text', defaultOutlet: null });
    expect(prepared.ok && prepared.article.byline).toBe(null);
  });
});
