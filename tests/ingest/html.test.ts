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
