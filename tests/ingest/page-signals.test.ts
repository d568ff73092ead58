import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readPageSignals } from '../../src/ingest/page-signals.ts';

function signals(head: string, body = '') {
  const { document } = parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
  return readPageSignals(document as never);
}

const ld = (record: object, cdata = false) =>
  `<script type="application/ld+json">${cdata ? '<![CDATA[' : ''}${JSON.stringify(record)}${cdata ? ']]>' : ''}</script>`;

describe('readPageSignals', () => {
  it('GIVEN a JSON-LD article THEN headline, authors, publisher and date come from it', () => {
    const s = signals(
      ld({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Storm hits the coast', datePublished: '2024-01-26T23:30:00-05:00', author: [{ '@type': 'Person', name: 'Jane Doe' }, { name: 'John Roe' }], publisher: { name: 'Example Times' } }),
    );
    expect(s).toMatchObject({ headline: 'Storm hits the coast', authors: ['Jane Doe', 'John Roe'], publisher: 'Example Times', published: '2024-01-27' });
  });

  it('GIVEN JSON-LD in CDATA markers and a @graph with references THEN it is still read', () => {
    const s = signals(
      ld({ '@graph': [{ '@type': 'Organization', '@id': '#org', name: 'Example Times' }, { '@type': 'Article', headline: 'Storm hits the coast', publisher: { '@id': '#org' } }] }, true),
    );
    expect(s).toMatchObject({ headline: 'Storm hits the coast', publisher: 'Example Times' });
  });

  it('GIVEN broken JSON-LD THEN the meta tags still count', () => {
    expect(signals('<script type="application/ld+json">{not json</script><meta property="article:published_time" content="2023-06-07T20:54:26Z">').published).toBe('2023-06-07');
  });

  it.each([
    [
      'JSON-LD datePublished over a later article:published_time',
      ld({ '@type': 'NewsArticle', datePublished: '2015-10-15T02:19:15Z', dateModified: '2015-12-11T00:00:00Z' }) + '<meta property="article:published_time" content="2015-12-11T10:00:00Z">',
      '',
      '2015-10-15',
    ],
    ['article:published_time over other publish tags', '<meta name="pubdate" content="2020-01-01"><meta property="article:published_time" content="2020-02-02T10:00:00Z">', '', '2020-02-02'],
    ['another publish tag', '<meta name="parsely-pub-date" content="2019-04-28T06:01:07Z">', '', '2019-04-28'],
    ['a <time> in the article header', '', '<article><header><h1>Storm</h1><time datetime="2021-05-06T09:00:00Z">May 6</time></header><p>Text.</p></article>', '2021-05-06'],
    ['not an updated <time>', '', '<article><header><time class="updated" datetime="2021-05-09T09:00:00Z">Updated</time><time datetime="2021-05-06T09:00:00Z">May 6</time></header></article>', '2021-05-06'],
    ['not a <time> in a comment or sidebar', '', '<article><p>Text.</p></article><aside><time datetime="2021-05-06T09:00:00Z">x</time></aside>', null],
    ['no modified time in place of a published one', '<meta property="article:modified_time" content="2020-02-02T10:00:00Z">', '', null],
  ])('GIVEN %s THEN the date is %j', (_case, head, body, expected) => {
    expect(signals(head, body).published).toBe(expected);
  });

  it('GIVEN meta tags THEN titles, site name, host and authors are read as written', () => {
    const s = signals(
      '<title>Storm hits the coast | Example Times</title><meta property="og:title" content="Storm hits coast"><meta property="og:site_name" content="Example Times"><link rel="canonical" href="https://www.example.com/a"><meta name="author" content="Jane Doe"><meta property="article:author" content="https://example.com/jane">',
      '<article><h1>Storm hits the coast</h1><a rel="author" href="/jane">Jane Doe</a></article>',
    );
    expect(s).toMatchObject({ titleTag: 'Storm hits the coast | Example Times', ogTitle: 'Storm hits coast', h1: 'Storm hits the coast', siteName: 'Example Times', host: 'www.example.com', authors: ['Jane Doe', 'Jane Doe'] });
  });
});

describe('readPageSignals on plain <time> elements', () => {
  it.each([
    ['one day named by every <time>', '<div><time datetime="2021-05-06T09:00:00Z">x</time></div><p>Text.</p><span><time datetime="2021-05-06">y</time></span>', '2021-05-06'],
    ['<time> elements that disagree', '<div><time datetime="2021-05-06">x</time></div><div><time datetime="2021-05-09">y</time></div>', null],
  ])('GIVEN %s THEN %j', (_case, body, expected) => {
    expect(signals('', body).published).toBe(expected);
  });
});
