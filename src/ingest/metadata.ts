/**
 * Reads an article's metadata (headline, outlet, wire agency, publication date) from the page's
 * own signals: the furniture lines cleaning took out, and the dateline that opens the lead.
 * Mentions inside the story never count: "Xinhua reported" in a paragraph is a source, not a byline.
 */
import { agenciesIn, AGENCY_PATTERN, agencyName } from './agencies.ts';
import { cleanByline } from './byline.ts';
import type { CleanResult, RemovedLine } from './clean.ts';
import { findDates } from './dates.ts';
import { dayOf } from './timestamp.ts';

/** What extractMetadata needs: the raw page, its cleaning, and where it came from. */
export interface MetadataInput {
  /** The page as scraped; the rules read `cleaned`, which keeps every line taken out of it. */
  raw: string;
  cleaned: CleanResult;
  /** Path of the source file; its stem is the title of last resort. */
  file: string;
  /** The outlet to assume when the page names none (a corpus of one publisher's articles). */
  defaultOutlet?: string | null;
}

/** Metadata of one article; see ArticleMeta for the meaning of each field. */
export interface ExtractedMetadata {
  title: string;
  outlet: string | null;
  agency: string | null;
  byline: string | null;
  published: string | null;
}

const LEAD_TITLE_WORDS = 20;
const CUT_TITLE_WORDS = 12;
// Words a title cut short should not end on.
const DANGLING = /^(?:a|an|the|of|to|in|on|at|by|for|from|with|and|or|but|as|that|which|who|its|their|his|her|is|are|was|were)$/i;

// "Moscow, Nov 3 (IANS)", "LONDON (Reuters) -": a short place-and-date prefix, then the agency in brackets.
const LEAD_DATELINE = new RegExp(String.raw`^[^.!?()\n]{0,60}\(\s*${AGENCY_PATTERN}\s*\)`);
const LEAD_DATELINE_PREFIX = new RegExp(String.raw`${LEAD_DATELINE.source}\s*[-–—:]?\s*`);

/** The first paragraph without a wire dateline ("Moscow, Nov 3 (IANS) ", "LONDON (Reuters) - "). */
function leadWithoutDateline(text: string): string {
  const lead = text.split('\n\n')[0]?.split('\n')[0] ?? '';
  return lead.replace(LEAD_DATELINE_PREFIX, '').trim();
}

/** The first sentence of a paragraph, not fooled by "Oct. 16" or "Mr. Smith". */
function firstSentence(paragraph: string): string {
  const re = /[.!?]["'”’)]*(?=\s+["“‘'(]?[A-Z0-9])/g;
  for (let m = re.exec(paragraph); m !== null; m = re.exec(paragraph)) {
    const before = paragraph.slice(0, m.index);
    if (/\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])$/.test(before)) continue;
    return paragraph.slice(0, m.index + m[0].length);
  }
  return paragraph;
}

/**
 * A title made from the lead when the page shows no headline: the first sentence if short, else
 * its first dozen words, ending on a content word without dangling punctuation.
 */
export function titleFromLead(text: string): string | null {
  const sentence = firstSentence(leadWithoutDateline(text));
  let words = sentence.split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  if (words.length > LEAD_TITLE_WORDS) {
    words = words.slice(0, CUT_TITLE_WORDS);
    while (words.length > 1 && DANGLING.test((words[words.length - 1] ?? '').replace(/[^\p{L}]/gu, ''))) words.pop();
  }
  return tidyEnd(words.join(' '));
}

/** Drops the punctuation a cut leaves dangling: "happen “soon,”" → "happen “soon”", "with the," → "with the". */
function tidyEnd(text: string): string | null {
  let tidy = text;
  for (let previous = ''; previous !== tidy; ) {
    previous = tidy;
    tidy = tidy.replace(/[\s.,;:–—\-“"‘(\[]+$/u, '').replace(/[.,;:]+(["'”’)\]]+)$/u, '$1');
  }
  return tidy === '' ? null : tidy;
}

/** Outlet named after the headline in a page-title line: "... | World News - Hindustan Times". */
function outletFromPageTitle(line: string, title: string | null): string | null {
  const afterTitle = title !== null && line.startsWith(title);
  const parts = (afterTitle ? line.slice(title.length) : line).split(/\s+[|–—-]\s+/).map((p) => p.trim()).filter(Boolean);
  // Without the headline to strip, the first part is the headline itself.
  if (parts.length < (afterTitle ? 1 : 2)) return null;
  return parts[parts.length - 1] ?? null;
}

/** "© 2024 HindustanTimes", "Copyright © HT Digital Streams Ltd. All rights reserved." → the holder. */
function outletFromCopyright(line: string): string | null {
  const holder = line
    .replace(/\ball rights reserved\.?/i, '')
    .replace(/^\s*(?:copyright\s*)?(?:©|\(c\))?\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*/i, '')
    .replace(/[\s,.]*\b(?:Ltd|Limited|Pvt|Private|Inc|LLC|Plc|Corp)\b\.?/gi, '')
    .replace(/[\s,.|]+$/, '')
    .trim();
  return holder === '' ? null : holder;
}

/** Who a syndication note says handled the copy: "reworked by the Business Standard staff". */
function outletFromDisclaimer(line: string): string | null {
  const reworked = /\b(?:reworked|edited) by (?:the )?((?:\p{Lu}[\p{L}&.'-]*\s?){1,4}) staff\b/u.exec(line);
  if (reworked?.[1]) return reworked[1].trim();
  const accepts = /(?:^|[.!?]\s+)((?:\p{Lu}[\p{L}&.'-]*\s?){1,4}) accepts no responsibility\b/u.exec(line);
  return accepts?.[1]?.trim() ?? null;
}

/**
 * The outlet's own hostname spells its name the way the outlet does; a mention that starts a
 * sentence ("Mid-day accepts...") is capitalised by grammar, so a hostname match wins.
 */
function spellingFromHostname(name: string, lines: RemovedLine[]): string {
  for (const line of lines) {
    for (const m of line.text.matchAll(/\b([a-z0-9][a-z0-9-]*)\.(?:com|in|net|org|co\.uk|co\.in|news)\b/gi)) {
      if (m[1] !== undefined && m[1].toLowerCase() === name.toLowerCase()) return m[1];
    }
  }
  return name;
}

/** The outlet from the strongest signal the page carries, or null when it carries none. */
function findOutlet(removed: RemovedLine[], title: string | null): string | null {
  const of = (kind: RemovedLine['kind']): RemovedLine[] => removed.filter((r) => r.kind === kind);
  const finders: (() => string | null)[] = [
    () => of('page-title').map((r) => outletFromPageTitle(r.text, title)).find((o) => o !== null) ?? null,
    () => of('site-name').map((r) => r.text.replace(/^site (?:icon|logo)\s+/i, '').trim()).find((o) => o !== '') ?? null,
    () => of('disclaimer').map((r) => outletFromDisclaimer(r.text)).find((o) => o !== null) ?? null,
    () => of('copyright').map((r) => outletFromCopyright(r.text)).find((o) => o !== null) ?? null,
  ];
  for (const find of finders) {
    const outlet = find();
    if (outlet !== null) return spellingFromHostname(outlet, removed);
  }
  return null;
}


/**
 * The wire agency from byline positions only: a byline or dateline line ("ANI |", "AP Moscow"),
 * the dateline opening the lead ("Moscow, Nov 3 (IANS)"), or a sign-off ("--IANS").
 */
function findAgency(removed: RemovedLine[], text: string): string | null {
  for (const line of removed) {
    if (line.kind === 'byline' || line.kind === 'dateline') {
      const agency = agenciesIn(line.text)[0];
      if (agency !== undefined) return agency;
    }
  }
  const lead = LEAD_DATELINE.exec(text.split('\n')[0] ?? '');
  if (lead?.[1] !== undefined) return agencyName(lead[1]);
  for (const line of removed) {
    if (line.kind === 'signoff') {
      const agency = agenciesIn(line.text)[0];
      if (agency !== undefined) return agency;
    }
  }
  return null;
}

/**
 * The day a stamp line states: its first date, counted in UTC when the stamp gives a clock time
 * and zone ("13 December,2021 01:23 AM IST" is 12 December in UTC).
 */
function stampDay(line: RemovedLine): string | null {
  const found = findDates(line.text)[0];
  if (found === undefined) return null;
  const zoned = dayOf(line.text.slice(found.index));
  return zoned !== null && /\d[:.]\d{2}/.test(line.text.slice(found.index)) ? zoned : found.iso;
}

/**
 * The publication date the page states: a "Published" stamp wins, then a stamp in the page head,
 * then an "Updated" stamp. A bare date after the article (a header widget's "today") is not used.
 */
function findPublished(removed: RemovedLine[]): string | null {
  const stamps = removed.filter((r) => r.kind === 'dateline' || r.kind === 'byline');
  const firstDate = (lines: RemovedLine[]): string | null => lines.map(stampDay).find((d) => d !== null) ?? null;
  const updated = (l: RemovedLine): boolean => /\b(?:updated|modified)\b/i.test(l.text);
  return (
    firstDate(stamps.filter((l) => /\b(?:published|posted)\b/i.test(l.text))) ??
    firstDate(stamps.filter((l) => l.zone === 'head' && !updated(l))) ??
    firstDate(stamps.filter(updated))
  );
}

/** The byline opening the article ("By Jane Doe"), cleaned to the names; an agency line names no one. */
function findByline(removed: RemovedLine[], outlet: string | null): string | null {
  const line = removed.find((r) => r.kind === 'byline' && r.zone === 'head' && /^(?:written |reported )?by\s/i.test(r.text));
  return line === undefined ? null : cleanByline(line.text, [outlet]);
}

/** File name without folders or extension: the title of last resort. */
function stem(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
}

/** Title, outlet, agency and publication date of one cleaned article. */
export function extractMetadata(input: MetadataInput): ExtractedMetadata {
  const { cleaned } = input;
  const title = cleaned.title ?? titleFromLead(cleaned.text) ?? stem(input.file);
  const outlet = findOutlet(cleaned.removed, cleaned.title) ?? input.defaultOutlet ?? null;
  return {
    title,
    outlet,
    agency: findAgency(cleaned.removed, cleaned.text),
    byline: findByline(cleaned.removed, outlet),
    published: findPublished(cleaned.removed),
  };
}
