import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/ingest/clean.ts';

const CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));
const BBC = fileURLToPath(new URL('../../../shared/corpora/bbc/', import.meta.url));

/** The seed article whose file name starts with `prefix` ("000"). */
function seed(prefix: string): string {
  const file = readdirSync(CORPUS).find((f) => f.startsWith(`${prefix}_`));
  if (file === undefined) throw new Error(`no seed ${prefix} in ${CORPUS}`);
  return readFileSync(CORPUS + file, 'utf8');
}

/** Asserts each snippet occurs in `text`, each after the previous one. */
function expectInOrder(text: string, snippets: string[]): void {
  let from = 0;
  for (const snippet of snippets) {
    const at = text.indexOf(snippet, from);
    expect(at, `"${snippet}" after offset ${from}`).toBeGreaterThanOrEqual(0);
    from = at + snippet.length;
  }
}

describe('cleanText on the seed articles', () => {
  it.each([
    ['000', 'Kremlin says no need to promptly prepare Putin-Trump meeting'],
    ['001', "Putin calls US talks on Ukraine war 'useful' but also 'difficult work'"],
    ['002', "Face-to-face meeting between Biden-Putin 'unlikely', says US State Secretary Antony Blinken"],
    ['003', 'Is Vladimir Putin ‘putting out feelers’ to US on Ukraine war talks?'],
    ['004', null],
  ])('GIVEN seed %s THEN the headline found is %j', (prefix, title) => {
    expect(cleanText(seed(prefix)).title).toBe(title);
  });

  it.each([
    ['000', ['Moscow, Nov 3 (IANS) There is no need to rapidly organize', 'Xinhua news agency reported quoting TASS news agency.', '"just didn\'t feel right to me,"', 'The two leaders last met in person on August 15, 2025', 'first face-to-face meeting since the 2022 invasion of Ukraine.']],
    ['001', ['Russian President Vladimir Putin said his five-hour talks with US envoys', 'on Thursday in Miami for further talks', "The high-stakes talks are part of Trump's renewed push to end the nearly four-year war. The peace effort", "It's difficult work, he added."]],
    ['002', ['is "pretty unlikely" after the Russian leader', 'NBC\'s "Meet the Press"', 'we\'re looking to see de-escalation," said Blinken.', 'Russia pull back forces from the border.', 'I would really want that to happen."']],
    ['003', ['Russia-Ukraine War: Vladimir Putin was "testing the waters"', 'The Kremlin on Friday denied a Bloomberg report', 'It cited two people close to the Kremlin', '"No, this is a wrong report. It absolutely does not correspond to reality," Peskov said.']],
    ['004', ['Russian President Vladimir Putin’s visit to India will happen “soon,”', 'According to Kremlin spokesperson Dmitry Peskov.', 'the visit’s dates have not yet been decided.', 'On November 19, 2024, Russia reported', 'US-made ATACMS missiles', 'understands India’s position.']],
  ])('GIVEN seed %s THEN its body sentences are kept verbatim and in order', (prefix, sentences) => {
    expectInOrder(cleanText(seed(prefix)).text, sentences);
  });

  it.each([
    ['000', ['LATEST NEWS', 'Hina Khan', 'World Cup', '--IANS', 'int/rs', 'हिंदी', 'November 03, 2025 8:39', 'Kremlin says no need to promptly']],
    ['001', ['(Photo:PTI)', 'AP Moscow', 'Last Updated', 'First Published', 'reworked by', 'syndicated feed', 'हिंदी', "'difficult work'"]],
    ['002', ['shot-button', 'Home >', 'Maharashtra Elections', 'Updated on', 'Photo: AFP', 'syndicated feed', 'WhatsApp', 'Register for FREE', 'paywall', 'registration', 'cookie', 'Web Stories', 'ANI |']],
    ['003', ['close_game', 'News / World News', 'Reuters |', '(AFP)', 'Ram Mandir', 'Click here', 'Read more', 'King Charles', 'Login Now', 'SHARE', 'Copy', 'Join Hindustan Times', 'Sign In', 'mint-logo', 'HindustanTimes', 'Story Saved', 'Sign out', 'New Delhi 0C', 'January 26, 2024', 'Free Trial', 'Copyright', 'Follow Us On', 'putting out feelers’ to US']],
    ['004', ['Site icon', 'News Snap Circle', 'Exit mobile version']],
  ])('GIVEN seed %s THEN none of its furniture is left', (prefix, furniture) => {
    const { text } = cleanText(seed(prefix));
    for (const bit of furniture) expect(text, bit).not.toContain(bit);
  });

  it.each([
    ['000', 7],
    ['001', 10],
    ['002', 5],
    ['003', 6],
    ['004', 7],
  ])('GIVEN seed %s THEN every kept line is a line of the page, unchanged, in %i paragraphs', (prefix, paragraphs) => {
    const raw = seed(prefix);
    const rawLines = raw.split('\n').map((l) => l.trim());
    const { text } = cleanText(raw);
    expect(text.split('\n\n')).toHaveLength(paragraphs);
    let from = 0;
    for (const line of text.split('\n').filter((l) => l !== '')) {
      const at = rawLines.indexOf(line, from);
      expect(at, line).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
  });

  it('GIVEN seed 003 THEN the removed lines say why: page title, byline, dateline, copyright', () => {
    const kinds = new Map(cleanText(seed('003')).removed.map((r) => [r.text, r.kind]));
    expect(kinds.get('Is Vladimir Putin ‘putting out feelers’ to US on Ukraine war talks? | World News - Hindustan Times')).toBe('page-title');
    expect(kinds.get('Reuters |')).toBe('byline');
    expect(kinds.get('Jan 26, 2024 03:43 PM IST')).toBe('dateline');
    expect(kinds.get('© 2024 HindustanTimes')).toBe('copyright');
  });
});

const LEAD = 'The central bank raised interest rates by half a point on Tuesday, its third rise this year.';
const SECOND = 'Analysts had expected a smaller move, and markets fell sharply after the announcement.';

/** A small article with `furniture` between its two paragraphs. */
function withFurniture(furniture: string): string {
  return `Bank raises rates again\n\n${LEAD}\n\n${furniture}\n\n${SECOND}\n`;
}

describe('cleanText on furniture inside an article', () => {
  it.each([
    ['a breadcrumb', 'Home > News > Business > Bank raises rates'],
    ['a slash breadcrumb', 'News / Business News / Bank raises rates'],
    ['a markup identifier', 'close_game'],
    ['a kebab-case widget', 'shot-button'],
    ['a share button', 'SHARE'],
    ['a copy button', 'Copy'],
    ['a share prompt', 'Share this article on'],
    ['a sign-out link', 'Sign out'],
    ['an advertisement label', 'Advertisement'],
    ['a caption with a credit', 'Protesters outside the central bank. Photo: AFP'],
    ['a bracketed photo credit', 'The governor speaks to reporters (Photo: Reuters)'],
    ['an agency credit in brackets', 'The governor is seen.(AFP)'],
    ['a picture credit line', 'Photo credit: Jane Doe/X'],
    ['a related link', 'Read more: Pound slides as inflation bites'],
    ['an also-read link', 'Also Read | Pound slides as inflation bites'],
    ['an updated stamp', 'Updated on: 13 December,2021 10:23 AM IST | Washington'],
    ['a last-updated stamp', 'Last Updated : Dec 04 2025 | 2:56 PM IST'],
    ['a first-published stamp', 'First Published: Dec 04 2025'],
    ['an agency sign-off', '--PTI'],
    ['desk initials', 'int/rs'],
    ['an inputs credit', '(With inputs from PTI)'],
    ['an agency byline', 'Reuters |'],
    ['a syndication note', 'This story has been sourced from a third party syndicated feed, agencies.'],
    ['a reworked note', '(Only the headline and picture of this report may have been reworked by the Daily Example staff; the rest of the content is auto-generated from a syndicated feed.)'],
    ['a copyright line', '© 2024 Example News'],
    ['a copyright notice', 'Copyright © Example Media Ltd. All rights reserved.'],
    ['a site icon', 'Site icon Example News'],
    ['a mobile-version link', 'Exit mobile version'],
    ['a click-here promo', 'Stay tuned for all the latest updates! Click here'],
    ['a register wall', 'Register for FREE'],
    ['a WhatsApp promo', 'Example News is now on WhatsApp Channels. Subscribe today!'],
    ['a cookie banner', 'This website uses cookies to improve your experience. By continuing to use our website, you agree to our Cookie Policy. OK'],
    ['an app prompt', 'Download the app'],
    ['a login promo', 'Unlock a world of benefits! Get alerts and newsletters in your inbox - Login Now!'],
    ['a paywall note', 'This is not a paywall.'],
    ['a newsletter promo', 'Sign up to our newsletter to get the day’s top stories in your inbox'],
    ['a logo list', '• mint-logo\n• ht-tech\n• healthshots'],
    ['a doubled banner', 'Elections 2024 Elections 2024'],
    ['a weather widget', 'New Delhi 22°C'],
  ])('GIVEN %s between paragraphs THEN it is removed and both paragraphs stay whole', (_case, furniture) => {
    const { text, title } = cleanText(withFurniture(furniture));
    expect(title).toBe('Bank raises rates again');
    expect(text).toBe(`${LEAD}\n\n${SECOND}`);
  });

  it.each([
    ['a short real sentence', 'He declined to comment.'],
    ['a quote', '"No," he said.'],
    ['a sentence about subscribers', 'The paper lost 4,000 subscribers in the quarter.'],
    ['a sentence about registering', 'Voters can register for free at any post office until Friday, officials said.'],
    ['a short sentence about signing up', 'Voters can sign up now, officials said.'],
    ['a sentence about cookies', 'Many websites use cookies to track what their visitors read.'],
    ['a sentence about an app', 'The bank will launch its app next year.'],
    ['a sentence with a date', 'The rise takes effect on 5 May 2005.'],
    ['a sentence naming an agency', 'Reuters reported that two board members had voted against.'],
    ['a headline-like line starting with Share', 'Share prices fell'],
    ['a venue line', 'Ewood Park'],
    ['a hyphenated phrase', 'Year-on-year growth slowed to 2%.'],
  ])('GIVEN %s in the body THEN it survives verbatim', (_case, line) => {
    expect(cleanText(withFurniture(line)).text).toBe(`${LEAD}\n\n${line}\n\n${SECOND}`);
  });

  it('GIVEN a "LATEST NEWS" heading and its headline list after the body THEN the list goes, the body stays', () => {
    const raw = `${withFurniture('Analysts said more rises were likely.')}\n\nLATEST NEWS\n\nIndia win the World Cup\n\nIndia win the World Cup\n\nStar thanks fans for support\n\nPlayers celebrate with the trophy on Monday. (Photo: IANS)\n`;
    const { text } = cleanText(raw);
    expect(text).toBe(`${LEAD}\n\nAnalysts said more rises were likely.\n\n${SECOND}`);
  });

  it('GIVEN a related heading mid-page THEN listing stops at the next paragraph of prose', () => {
    const raw = `Bank raises rates again\n\n${LEAD}\n\nRelated stories\n\nPound slides as inflation bites\n\nMarkets brace for more\n\n${SECOND}\n`;
    expect(cleanText(raw).text).toBe(`${LEAD}\n\n${SECOND}`);
  });

  it('GIVEN a promo block of several lines THEN its reader-facing lines go together', () => {
    const raw = withFurniture('This is not a paywall.\nHowever, your support helps us provide credible journalism for all our readers.');
    expect(cleanText(raw).text).toBe(`${LEAD}\n\n${SECOND}`);
  });

  it('GIVEN a headline printed twice and a teaser the body repeats THEN only the body copy stays', () => {
    const raw = `Bank raises rates again\n\nBank raises rates again\n\nThe central bank raised interest rates by half a point on Tuesday\n\n${LEAD}\n\n${SECOND}`;
    const { text, title } = cleanText(raw);
    expect(title).toBe('Bank raises rates again');
    expect(text).toBe(`${LEAD}\n\n${SECOND}`);
  });

  it('GIVEN a browser-title line "<headline> | Section - Outlet" THEN the headline is its first part', () => {
    const raw = `Bank raises rates again | Business News - Example Times\nclose_game\n\nBank raises rates again\n\n${LEAD}\n\n${SECOND}`;
    const result = cleanText(raw);
    expect(result.title).toBe('Bank raises rates again');
    expect(result.text).toBe(`${LEAD}\n\n${SECOND}`);
    expect(result.removed[0]).toEqual({ text: 'Bank raises rates again | Business News - Example Times', kind: 'page-title', zone: 'head' });
  });

  it('GIVEN lines inside a paragraph THEN they keep their line breaks, trimmed at the ends only', () => {
    const raw = `Headline here\n\n  First line of a paragraph,   with  spaces.  \nSecond line of it.\t\n\n${SECOND}`;
    expect(cleanText(raw).text).toBe(`First line of a paragraph,   with  spaces.\nSecond line of it.\n\n${SECOND}`);
  });

  it('GIVEN Windows line ends, a BOM and NBSP-only lines THEN they read as plain lines and blanks', () => {
    const raw = `\uFEFFHeadline here\r\n\r\n${LEAD}\r\n\u00A0\r\n${SECOND}\r\n`;
    expect(cleanText(raw)).toMatchObject({ title: 'Headline here', text: `${LEAD}\n\n${SECOND}` });
  });

  it.each([
    ['an empty page', ''],
    ['blank lines only', '\n \n\u00A0\n'],
  ])('GIVEN %s THEN the text is empty and there is no title', (_case, raw) => {
    expect(cleanText(raw)).toEqual({ text: '', title: null, removed: [] });
  });
});

describe.skipIf(!existsSync(BBC))('cleanText on BBC articles', () => {
  it.each(['business/001.txt', 'sport/190.txt', 'sport/179.txt', 'tech/301.txt', 'sport/199.txt'])(
    'GIVEN bbc/%s THEN the title is its first line and the body is unchanged',
    (file) => {
      // sport/199 is not valid UTF-8: decode as the loader does, replacing the bad byte.
      const raw = new TextDecoder('utf-8').decode(readFileSync(BBC + file));
      const [headline = '', , ...body] = raw.split('\n');
      const paragraphs = body.join('\n').split(/\n\s*\n/).map((p) => p.split('\n').map((l) => l.trim()).filter((l) => l !== ''));
      const expected = paragraphs.filter((p) => p.length > 0).map((p) => p.join('\n')).join('\n\n');
      const result = cleanText(raw);
      expect(result.title).toBe(headline.trim());
      expect(result.text).toBe(expected);
    },
  );
});

describe('cleanText before the lead', () => {
  const LEAD = 'The port of Rotterdam raised its harbour tolls by a tenth on Monday, the port authority said.';
  const NEXT = 'Fishermen protested at the harbour gate for most of the day, and shipping firms said they would pass on the cost.';

  it.each([
    ['a photo credit', 'Photo: Jane Doe/Example Wire'],
    ['an illustration credit', 'Illustration by Jane Doe'],
    ['a "Produced by" credit', 'Produced by Jane Doe and John Roe'],
    ['a picture desk', 'Jane Doe / Getty Images'],
    ['a photographer for a paper', 'Jane Doe for The Example Times'],
    ['a caption sentence', 'In this photo taken on Monday, fishermen stand at the harbour gate in Rotterdam.'],
    ['a section label closed by a dash', 'Biz & IT —'],
    ['a label closed by a colon above the lead', "'GMA' Cookie Search:"],
    ['a time stamp alone', '1:39 PM ET'],
    ['a gallery counter', '1 / 5'],
    ['a newsletter line', '[What you need to know to start the day: Get the morning brief in your inbox.]'],
    ['a stamp signed by its author', 'Tuesday 15 October 2019 by Jane Doe'],
  ])('GIVEN %s above the lead THEN it goes', (_case, line) => {
    expect(cleanText(`Harbour tolls rise in Rotterdam\n\n${line}\n\n${LEAD}\n\n${NEXT}`).text).toBe(`${LEAD}\n\n${NEXT}`);
  });

  it('GIVEN a label with a colon heading a fact box THEN it stays with its value', () => {
    const raw = `All Black magic: New Zealand rugby\n\nPlaying colours:\n\nAll black\n\n${LEAD}\n\n${NEXT}`;
    expect(cleanText(raw).text).toBe(`Playing colours:\n\nAll black\n\n${LEAD}\n\n${NEXT}`);
  });

  it('GIVEN a photo credit after the lead THEN the line rules alone judge it', () => {
    expect(cleanText(`Harbour tolls rise in Rotterdam\n\n${LEAD}\n\nProduced by Jane Doe and John Roe\n\n${NEXT}`).text).toContain('Produced by Jane Doe');
  });

  it('GIVEN a dek repeated above the lead THEN it goes; the same text as the lead stays', () => {
    const dek = 'Tolls rise by a tenth, and fishermen say they were never asked about it.';
    expect(cleanText([{ text: dek }, { text: LEAD }, { text: NEXT }], { title: 'Harbour tolls rise', deks: [dek] }).text).toBe(`${LEAD}\n\n${NEXT}`);
    expect(cleanText([{ text: LEAD }, { text: NEXT }], { title: 'Harbour tolls rise', deks: [NEXT] }).text).toBe(`${LEAD}\n\n${NEXT}`);
  });

  it('GIVEN the shown headline besides the chosen title THEN neither is left in the body', () => {
    expect(cleanText([{ text: 'Why tolls matter' }, { text: LEAD }, { text: NEXT }], { title: 'Harbour tolls rise', headlines: ['Why tolls matter'] }).text).toBe(`${LEAD}\n\n${NEXT}`);
  });

  it('GIVEN a verbatim block THEN no rule touches it, even before the lead', () => {
    const code = 'Photo: x\n});\n});';
    expect(cleanText([{ text: code, verbatim: true }, { text: LEAD }], { title: null }).text).toBe(`${code}\n\n${LEAD}`);
  });
});

describe('cleanText keeps headings above the lead', () => {
  const LEAD = 'The port of Rotterdam raised its harbour tolls by a tenth on Monday, the port authority said.';
  it.each(['Good news for Labour', 'Associated Press poll finds voters split', 'Why the tolls matter'])('GIVEN %j above the lead THEN it stays', (line) => {
    expect(cleanText(`Harbour tolls rise in Rotterdam\n\n${line}\n\n${LEAD}`).text).toBe(`${line}\n\n${LEAD}`);
  });
});
