import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/ingest/html.ts';

const P1 = 'Moscow, Nov 3 (IANS) There is no need to rapidly organize a meeting between Russian President Vladimir Putin and US President Donald Trump, Kremlin spokesman Dmitry Peskov said in an interview.';
const P2 = 'Peskov said on Sunday that promptly preparing such a meeting is possible, but there is no need for it, Xinhua news agency reported quoting TASS news agency.';
const P3 = '"At this moment, what is needed is very meticulous work on the details of the (Ukraine) settlement problem," Peskov added.';
const P4 = 'Previously, Putin said that the meeting in Budapest had more likely been postponed than canceled, adding that it was the United States that initiated the summit.';

/** A news page with the usual chrome around an <article>; `head` adds to <head>. */
function page(head: string, title = 'Kremlin says no need to promptly prepare Putin-Trump meeting'): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${head}</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">This website uses cookies. <button>OK</button></div></header>
<main><article>
<h1>${title}</h1>
<figure><img src="a.jpg" alt=""><figcaption>Vladimir Putin (Photo: IANS)</figcaption></figure>
<p>${P1}</p>
<p>Peskov said on Sunday that promptly preparing such a meeting is possible, but there is no need for it,
   Xinhua news agency reported quoting <a href="/tass">TASS news agency</a>.</p>
<p>${P3}</p>
<p>Stay tuned for all the latest updates! <a href="/x">Click here</a></p>
<p>After a phone call with Putin on Oct. 16, Trump said the leaders would meet in Budapest.<br>He later called it off.</p>
<p>${P4}</p>
</article>
<aside><h3>LATEST NEWS</h3><ul><li><a href="/a">Hina Khan thanks Salman Khan</a></li><li><a href="/b">Women in Blue win World Cup</a></li></ul></aside>
</main>
<footer>© 2025 Example Times. All rights reserved.</footer>
</body></html>`;
}

const META = `<title>Kremlin says no need to promptly prepare Putin-Trump meeting | World - Example Times</title>
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2025-11-03T08:39:00+05:30">
<meta name="author" content="IANS">`;

const JSON_LD = `<title>Kremlin says no need to promptly prepare Putin-Trump meeting</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Kremlin says no need to promptly prepare Putin-Trump meeting","datePublished":"2024-01-26T10:13:00Z","author":{"@type":"Person","name":"Jane Doe"},"publisher":{"@type":"Organization","name":"Ledger Daily"}}</script>`;

describe('extractHtml', () => {
  it('GIVEN a page with chrome around its article THEN the text is the paragraphs, verbatim, in order', () => {
    const { text } = extractHtml(page(META));
    expect(text).toBe(
      [P1, P2, P3, 'After a phone call with Putin on Oct. 16, Trump said the leaders would meet in Budapest.\nHe later called it off.', P4].join('\n\n'),
    );
  });

  it.each(['cookies', 'LATEST NEWS', 'Hina Khan', 'World Cup', 'Photo:', 'Click here', 'Home', '©', 'Kremlin says no need'])(
    'GIVEN a page with furniture THEN %j is not in the text',
    (furniture) => {
      expect(extractHtml(page(META)).text).not.toContain(furniture);
    },
  );

  it.each([
    ['og and article meta tags', META, { title: 'Kremlin says no need to promptly prepare Putin-Trump meeting', outlet: 'Example Times', published: '2025-11-03', byline: 'IANS' }],
    ['JSON-LD only', JSON_LD, { title: 'Kremlin says no need to promptly prepare Putin-Trump meeting', outlet: 'Ledger Daily', published: '2024-01-26', byline: 'Jane Doe' }],
    ['a "<headline> | Outlet" title only', '<title>Kremlin says no need to promptly prepare Putin-Trump meeting | The Courier</title>', { title: 'Kremlin says no need to promptly prepare Putin-Trump meeting', outlet: 'The Courier', published: null, byline: null }],
    ['no metadata at all', '', { title: 'Kremlin says no need to promptly prepare Putin-Trump meeting', outlet: null, published: null, byline: null }],
  ])('GIVEN %s THEN the metadata is read from it', (_case, head, expected) => {
    const { text: _text, ...meta } = extractHtml(page(head));
    expect(meta).toEqual(expected);
  });

  it.each([
    ['an empty string', ''],
    ['a page without content', '<html><head></head><body></body></html>'],
  ])('GIVEN %s THEN nothing is extracted and nothing throws', (_case, html) => {
    expect(extractHtml(html)).toEqual({ text: '', title: null, outlet: null, published: null, byline: null });
  });

  it('GIVEN a bare fragment of paragraphs THEN its text is still extracted', () => {
    expect(extractHtml(`<p>${P1}</p><p>${P4}</p>`).text).toBe(`${P1}\n\n${P4}`);
  });
});

/** A page whose article has `header` markup and `body` paragraphs; `head` adds to <head>. */
function article(head: string, header: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<main><article><header>${header}</header>${body}</article></main>
<footer><a href="/about">About us</a></footer></body></html>`;
}

const BODY = [P1, P2, P3, P4].map((p) => `<p>${p}</p>`).join('\n');

describe('extractHtml on real page shapes', () => {
  it('GIVEN a long headline ending in a full stop, printed again above the lead THEN neither copy is in the body', () => {
    const headline = 'The Kremlin says there is no need at this moment to rapidly organise a meeting between the two presidents, a spokesman said.';
    const page = article(`<title>${headline}</title>`, `<h1>${headline}</h1>`, `<p>${headline}</p>\n${BODY}`);
    const { text, title } = extractHtml(page);
    expect(title).toBe(headline);
    expect(text.startsWith(P1)).toBe(true);
    expect(text).not.toContain('rapidly organise');
  });

  it('GIVEN a heading printed twice in the head, as a table of contents does THEN it is neither the title nor deleted', () => {
    const toc = '<ul><li>Background of the talks</li><li>What comes next</li></ul>';
    const page = article('<title>Kremlin says no need to promptly prepare Putin-Trump meeting</title>', `<h1>Kremlin says no need to promptly prepare Putin-Trump meeting</h1>${toc}`, `<h2>Background of the talks</h2>${BODY}<h2>What comes next</h2><p>${P2}</p>`);
    const { text, title } = extractHtml(page);
    expect(title).toBe('Kremlin says no need to promptly prepare Putin-Trump meeting');
    expect(text).toContain('Background of the talks');
  });

  it('GIVEN og:title in SEO wording and a site suffix in <title> THEN the headline the page shows', () => {
    const head = '<title>Putin-Trump meeting not needed now, Kremlin says | Example Times</title><meta property="og:title" content="Putin-Trump meeting not needed now, Kremlin says">';
    const { title } = extractHtml(article(head, '<h1>Kremlin says no need to promptly prepare Putin-Trump meeting</h1>', BODY));
    expect(title).toBe('Kremlin says no need to promptly prepare Putin-Trump meeting');
  });

  it('GIVEN code blocks THEN they are kept verbatim, repeated lines and identifiers included', () => {
    const code = 'function close_game() {\n  run(a / b / c);\n});\n\nfunction next() {\n  run(x > y > z);\n});';
    const page = article('<title>How to close a game</title>', '<h1>How to close a game</h1>', `<p>${P1}</p><pre><code>${code.replace(/>/g, '&gt;')}</code></pre><p><code>close_game</code></p><p>${P4}</p>`);
    const { text } = extractHtml(page);
    expect(text).toContain('function close_game() {\n  run(a / b / c);\n});\nfunction next() {\n  run(x > y > z);\n});');
    expect(text).toContain('\n\nclose_game\n\n');
  });

  it('GIVEN a lead paragraph that opens with a photo credit "©" THEN the paragraph stays; a short "©" line goes', () => {
    const lead = `© Provided by Example Wire ${P1}`;
    const { text } = extractHtml(article('<title>T</title>', '<h1>Kremlin says no need to promptly prepare Putin-Trump meeting</h1>', `<p>${lead}</p><p>${P2}</p><p>© 2025 Example Wire</p>`));
    expect(text).toBe(`${lead}\n\n${P2}`);
  });

  it.each([
    ['a sentence with slashes', 'Input / output / storage costs rose by a third this year, the company said in its report.'],
    ['an author\'s own disclaimer', 'Disclaimer: I work for the company that makes this browser, but these opinions are my own.'],
    ['a sentence about a feed', 'The syndicated feed is available to subscribers who want every post as soon as it is out.'],
  ])('GIVEN %s THEN it stays in the text', (_case, line) => {
    expect(extractHtml(article('<title>Kremlin says no need</title>', '<h1>Kremlin says no need</h1>', `${BODY}<p>${line}</p>`)).text).toContain(line);
  });

  it('GIVEN MathJax formulas inside sentences THEN the sentences keep the formula text', () => {
    const formula = '<mjx-container class="MathJax CtxtMenu_Attached_0" jax="CHTML"><mjx-math aria-hidden="true"><mjx-mi></mjx-mi></mjx-math><mjx-assistive-mml><math><mi>a</mi><mo>≠</mo><mn>0</mn></math></mjx-assistive-mml></mjx-container>';
    const { text } = extractHtml(article('<title>T</title>', '<h1>Quadratic equations</h1>', `${BODY}<p>When ${formula}, there are two solutions to the equation, and this sentence says so at length.</p>`));
    expect(text).toContain('When a≠0 , there are two solutions');
  });

  it('GIVEN JSON-LD, a later article:published_time and an author with a date THEN the JSON-LD date in UTC and the author alone', () => {
    const head = `<title>Kremlin says no need | World - Example Times</title><meta property="og:site_name" content="World">
<meta property="article:published_time" content="2025-11-05T10:00:00Z">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Kremlin says no need to promptly prepare Putin-Trump meeting","datePublished":"2025-11-03T22:30:00-05:00","publisher":{"name":"Example Times"}}</script>`;
    const page = article(head, '<h1>Kremlin says no need to promptly prepare Putin-Trump meeting</h1><p class="byline">By Jane Doe | November 3, 2025 10:30 PM</p>', BODY);
    expect(extractHtml(page)).toMatchObject({ title: 'Kremlin says no need to promptly prepare Putin-Trump meeting', outlet: 'Example Times', published: '2025-11-04', byline: 'Jane Doe' });
  });

  it('GIVEN only a <time> in the header and a canonical address THEN its date and the host name', () => {
    const head = '<title>Kremlin says no need</title><link rel="canonical" href="https://www.example-times.com/world/1">';
    const page = article(head, '<h1>Kremlin says no need</h1><time datetime="2025-11-03T08:00:00Z">3 November</time>', BODY);
    expect(extractHtml(page)).toMatchObject({ outlet: 'example-times.com', published: '2025-11-03' });
  });
});
