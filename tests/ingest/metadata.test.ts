import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/ingest/clean.ts';
import { extractMetadata, titleFromLead } from '../../src/ingest/metadata.ts';

const CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));
const BBC = fileURLToPath(new URL('../../../shared/corpora/bbc/', import.meta.url));

/** Metadata of a raw page, the way the corpus loader will compute it. */
function metadataOf(raw: string, file = 'page.txt', defaultOutlet?: string | null) {
  return extractMetadata({ raw, cleaned: cleanText(raw), file, defaultOutlet });
}

function seedFile(prefix: string): string {
  const file = readdirSync(CORPUS).find((f) => f.startsWith(`${prefix}_`));
  if (file === undefined) throw new Error(`no seed ${prefix} in ${CORPUS}`);
  return file;
}

describe('extractMetadata on the seed articles', () => {
  it.each([
    ['000', { title: 'Kremlin says no need to promptly prepare Putin-Trump meeting', outlet: null, agency: 'IANS', byline: null, published: '2025-11-03' }],
    ['001', { title: "Putin calls US talks on Ukraine war 'useful' but also 'difficult work'", outlet: 'Business Standard', agency: 'AP', byline: null, published: '2025-12-04' }],
    ['002', { title: "Face-to-face meeting between Biden-Putin 'unlikely', says US State Secretary Antony Blinken", outlet: 'mid-day', agency: 'ANI', byline: null, published: '2021-12-13' }],
    ['003', { title: 'Is Vladimir Putin ‘putting out feelers’ to US on Ukraine war talks?', outlet: 'Hindustan Times', agency: 'Reuters', byline: null, published: '2024-01-26' }],
    ['004', { title: 'Russian President Vladimir Putin’s visit to India will happen “soon,” with the exact dates to be finalized', outlet: 'News Snap Circle', agency: null, byline: null, published: null }],
  ])('GIVEN seed %s THEN its metadata is %j', (prefix, expected) => {
    const file = seedFile(prefix);
    expect(metadataOf(readFileSync(CORPUS + file, 'utf8'), file)).toEqual(expected);
  });
});

const BODY = 'The central bank raised interest rates by half a point on Tuesday, its third rise this year.\n\nAnalysts had expected a smaller move.';

describe('extractMetadata signals', () => {
  it.each([
    ['a wire dateline opening the lead', 'Reuters', `Rates rise\n\nLONDON (Reuters) - ${BODY}`],
    ['an IANS dateline with a date', 'IANS', `Rates rise\n\nMumbai, Dec 3 (IANS) ${BODY}`],
    ['an agency byline line', 'PTI', `Rates rise\n\nPTI | New Delhi\n\n${BODY}`],
    ['a sign-off after the body', 'IANS', `Rates rise\n\n${BODY}\n\n--IANS`],
    ['an inputs credit', 'PTI', `Rates rise\n\n${BODY}\n\n(With inputs from PTI)`],
    ['agencies only named inside the story', null, `Rates rise\n\n${BODY} Xinhua and TASS reported it, citing a Bloomberg report.`],
    ['a caption credited to an agency', null, `Rates rise\n\nThe governor speaks (Photo: AFP)\n\n${BODY}`],
  ])('GIVEN %s THEN the agency is %j', (_case, agency, raw) => {
    expect(metadataOf(raw).agency).toBe(agency);
  });

  it.each([
    ['a page-title suffix', 'Example Times', `Rates rise | Business News - Example Times\n\nRates rise\n\n${BODY}`],
    ['a site icon', 'Example Daily', `Site icon Example Daily\n\nRates rise\n\n${BODY}`],
    ['a reworked note', 'Daily Example', `Rates rise\n\n${BODY}\n\n(Only the headline and picture of this report may have been reworked by the Daily Example staff; the rest of the content is auto-generated from a syndicated feed.)`],
    ['a responsibility note and the hostname', 'example-news', `Rates rise\n\n${BODY}\n\nThis story has been sourced from a third party syndicated feed, agencies. Example-news accepts no responsibility for it. Example-news management/example-news.com reserves the right to alter it.`],
    ['a copyright line', 'Example Media', `Rates rise\n\n${BODY}\n\n© 2024 Example Media Ltd. All rights reserved.`],
    ['no signal at all', null, `Rates rise\n\n${BODY}`],
  ])('GIVEN %s THEN the outlet is %j', (_case, outlet, raw) => {
    expect(metadataOf(raw).outlet).toBe(outlet);
  });

  it('GIVEN no outlet signal and a default outlet THEN the default is used', () => {
    expect(metadataOf(`Rates rise\n\n${BODY}`, 'business/001.txt', 'BBC News').outlet).toBe('BBC News');
  });

  it('GIVEN an outlet signal and a default outlet THEN the page wins', () => {
    expect(metadataOf(`Site icon Example Daily\n\nRates rise\n\n${BODY}`, 'x.txt', 'BBC News').outlet).toBe('Example Daily');
  });

  it.each([
    ['a head stamp', '2025-11-03', `November 03, 2025 8:39 AM\n\nRates rise\n\n${BODY}`],
    ['a published stamp after the body, an updated one before', '2025-12-04', `Rates rise\n\nUpdated: Dec 05 2025\n\n${BODY}\n\nFirst Published: Dec 04 2025 | 2:56 PM IST`],
    ['only an updated stamp', '2021-12-13', `Rates rise\n\nUpdated on: 13 December,2021 10:23 AM IST | Washington\n\n${BODY}`],
    ['a date only inside the story', null, `Rates rise\n\n${BODY} On November 19, 2024, the bank met.`],
    ['a bare date widget after the body only', null, `Rates rise\n\n${BODY}\n\nSHARE\n\nFriday, January 26, 2024`],
  ])('GIVEN %s THEN published is %j', (_case, published, raw) => {
    expect(metadataOf(raw).published).toBe(published);
  });

  it.each([
    ['a short lead sentence', 'The bank raised rates on Tuesday', 'The bank raised rates on Tuesday. More followed.'],
    ['a long lead sentence', 'The central bank of the small island nation raised its main interest', 'The central bank of the small island nation raised its main interest rate by a full point on Tuesday, citing inflation.'],
    ['a cut ending on a small word', 'Officials from the ministry met the unions and the employers again', 'Officials from the ministry met the unions and the employers again on Monday in the capital to discuss pay and pensions.'],
    ['a wire dateline', 'There is no need to rapidly organize a meeting, Peskov said', 'Moscow, Nov 3 (IANS) There is no need to rapidly organize a meeting, Peskov said.'],
    ['a bracketed acronym that is no agency', 'The International Monetary Fund (IMF) cut its forecast', 'The International Monetary Fund (IMF) cut its forecast. Markets fell.'],
    ['an abbreviation', 'After a call on Oct. 16, Trump said they would meet', 'After a call on Oct. 16, Trump said they would meet. Then he cancelled.'],
    ['nothing', null, ''],
  ])('GIVEN %s THEN the title from the lead is %j', (_case, title, text) => {
    expect(titleFromLead(text)).toBe(title);
  });

  it('GIVEN a page with no headline and no text THEN the title is the file stem', () => {
    expect(metadataOf('Exit mobile version', 'corpus/005_abc.txt').title).toBe('005_abc');
  });
});

describe.skipIf(!existsSync(BBC))('extractMetadata on BBC articles', () => {
  it.each(['business/001.txt', 'politics/084.txt', 'sport/199.txt'])('GIVEN bbc/%s THEN title is the first line and nothing else is claimed', (file) => {
    const raw = new TextDecoder('utf-8').decode(readFileSync(BBC + file));
    const headline = raw.split('\n')[0]?.trim();
    expect(metadataOf(raw, file, 'BBC News')).toEqual({ title: headline, outlet: 'BBC News', agency: null, byline: null, published: null });
  });
});

describe('extractMetadata stamp days', () => {
  const LEAD = 'The port of Rotterdam raised its harbour tolls by a tenth on Monday, the port authority said.';
  it.each([
    ['a stamp with a clock time and zone, in UTC', 'Updated on: 13 December,2021 01:23 AM IST', '2021-12-12'],
    ['a stamp whose UTC day is the same', 'Updated on: 13 December,2021 10:23 AM IST', '2021-12-13'],
    ['a stamp without a time', 'Published: 13 December 2021', '2021-12-13'],
    ['a date glued to the outlet name', 'Washington PostDec 13, 2016', '2016-12-13'],
  ])('GIVEN %s THEN %s', (_case, stamp, day) => {
    expect(metadataOf(`Harbour tolls rise in Rotterdam\n\n${stamp}\n\n${LEAD}`).published).toBe(day);
  });
});
