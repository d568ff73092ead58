/**
 * Turns the raw text of a news page into the article body: page furniture out, every body line
 * kept verbatim and in order. Line rules come from furniture.ts; this module adds the rules that
 * need the whole page (headline, repeats, headline lists, the page's head and tail).
 */
import { countPieces, wordKey } from '../text/words.ts';
import {
  addressesReader,
  classifyBeforeLead,
  classifyLine,
  endsLikeSentence,
  isColonLabel,
  isProse,
  isRelatedHeading,
  type FurnitureKind,
} from './furniture.ts';

export type { FurnitureKind } from './furniture.ts';

/** A line taken out of the text, kept so metadata can read datelines, bylines and footers. */
export interface RemovedLine {
  text: string;
  kind: FurnitureKind;
  /** Before the first paragraph of prose, among the paragraphs, or after the last one. */
  zone: 'head' | 'body' | 'tail';
}

/** A paragraph of a page already split into blocks; a verbatim one (code) is kept as it is. */
export interface TextBlock {
  text: string;
  verbatim?: boolean;
}

/** The result of cleaning one page. */
export interface CleanResult {
  /** The article body: paragraphs joined with "\n\n", lines within a paragraph with "\n". */
  text: string;
  /** The headline, when the page shows one. */
  title: string | null;
  /** Every line taken out, in page order. */
  removed: RemovedLine[];
}

interface Line {
  text: string;
  /** Index of the paragraph (run of non-blank lines) the line belongs to. */
  block: number;
  kind: FurnitureKind | null;
  /** Code and the like: never judged by the line rules, always kept. */
  verbatim: boolean;
}

/** A line no rule has taken out, and that the rules may still judge. */
function open(line: Line | undefined): line is Line {
  return line !== undefined && line.kind === null && !line.verbatim;
}

/** Splits into trimmed non-blank lines, numbering the blank-line-separated blocks they sit in. */
function splitLines(raw: string): Line[] {
  const lines: Line[] = [];
  let block = 0;
  let previousBlank = true;
  for (const rawLine of raw.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    // trim() handles NBSP; zero-width characters alone also make a line look blank.
    const text = rawLine.trim();
    if (text.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '') === '') {
      previousBlank = true;
      continue;
    }
    if (previousBlank && lines.length > 0) block += 1;
    previousBlank = false;
    lines.push({ text, block, kind: null, verbatim: false });
  }
  return lines;
}

/** One line per line of each block; a verbatim block stays one line, whole. */
function blockLines(blocks: readonly TextBlock[]): Line[] {
  return blocks.flatMap((b, block): Line[] => {
    if (b.verbatim) return b.text.trim() === '' ? [] : [{ text: b.text, block, kind: null, verbatim: true }];
    return b.text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '') !== '')
      .map((text) => ({ text, block, kind: null, verbatim: false }));
  });
}

/** Whitespace-insensitive form used to spot repeats. */
function key(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A promotional block often runs on over several lines ("This is not a paywall." / "However, your
 * registration helps us..."): a neighbour in the same block that talks to the reader goes too.
 */
function spreadPromos(lines: Line[]): void {
  let changed = true;
  while (changed) {
    changed = false;
    lines.forEach((line, i) => {
      if (!open(line) || !addressesReader(line.text)) return;
      const neighbours = [lines[i - 1], lines[i + 1]].filter((n) => n !== undefined && n.block === line.block);
      if (neighbours.some((n) => n?.kind === 'promo')) {
        line.kind = 'promo';
        changed = true;
      }
    });
  }
}

/** A "LATEST NEWS" style heading and the headlines listed under it, up to the next prose. */
function markRelatedLists(lines: Line[]): void {
  for (let i = 0; i < lines.length; i++) {
    const heading = lines[i];
    if (!open(heading) || !isRelatedHeading(heading.text)) continue;
    heading.kind = 'related';
    for (let j = i + 1; j < lines.length; j++) {
      const item = lines[j];
      if (item === undefined) break;
      if (!open(item)) continue;
      if (isProse(item.text)) break;
      item.kind = 'related';
      i = j;
    }
  }
}

/** Index of the first and last line of prose still taken as article text; -1 when there is none. */
function proseSpan(lines: Line[]): [number, number] {
  const prose = lines.flatMap((l, i) => (l.kind === null && (l.verbatim || isProse(l.text)) ? [i] : []));
  return [prose[0] ?? -1, prose[prose.length - 1] ?? -1];
}

const TITLE_SEPARATORS = [' | ', ' - ', ' – ', ' — '];
// Headlines run to a dozen words or so (BBC's longest: 12); longer lone lines are leads.
const MAX_LONE_HEADLINE_WORDS = 16;

/**
 * A browser-title line "<headline> | Section - Outlet": the headline is the part before a
 * separator that the page also prints on its own; without such a repeat, a leading line with
 * a short " | " suffix still reads as a page title.
 */
function findPageTitle(lines: Line[], head: Line[]): string | null {
  const texts = new Set(lines.map((l) => key(l.text)));
  for (const line of head) {
    if (line.kind !== null) continue;
    for (const sep of TITLE_SEPARATORS) {
      for (let at = line.text.indexOf(sep); at > 0; at = line.text.indexOf(sep, at + 1)) {
        const prefix = key(line.text.slice(0, at));
        if (countPieces(prefix) >= 2 && texts.has(prefix)) {
          line.kind = 'page-title';
          return line.text.slice(0, at).trim();
        }
      }
    }
  }
  const first = lines[0];
  if (first !== undefined && first.kind === null) {
    const at = first.text.indexOf(' | ');
    const suffix = first.text.slice(at + 3);
    if (at > 0 && countPieces(first.text.slice(0, at)) >= 3 && countPieces(suffix) <= 6) {
      first.kind = 'page-title';
      return first.text.slice(0, at).trim();
    }
  }
  return null;
}

/** True for a line shaped like a headline: not too long and not closed by a full stop. */
function looksLikeHeadline(text: string): boolean {
  return countPieces(text) <= 25 && !/[^.]\.["'”’)]*$/.test(text);
}

/**
 * The headline: from the page-title line; else a line of the page head printed twice; else
 * the first remaining line when it stands alone and is shaped like a headline (BBC style).
 */
function findTitle(lines: Line[], firstProse: number): string | null {
  const head = firstProse < 0 ? lines : lines.slice(0, firstProse);
  const fromPageTitle = findPageTitle(lines, head);
  if (fromPageTitle !== null) return fromPageTitle;

  for (const [i, line] of head.entries()) {
    if (line.kind !== null || countPieces(line.text) < 2 || !looksLikeHeadline(line.text)) continue;
    if (lines.some((other, j) => j > i && key(other.text) === key(line.text))) return line.text;
  }

  const firstIndex = lines.findIndex((l) => l.kind === null);
  const first = lines[firstIndex];
  if (first === undefined || (firstProse >= 0 && firstIndex > firstProse)) return null;
  const next = lines[firstIndex + 1];
  const standsAlone = next === undefined || next.block !== first.block || next.kind !== null;
  // Without a repeat to confirm it, only a short line is trusted as headline, not an unpunctuated lead.
  return standsAlone && looksLikeHeadline(first.text) && countPieces(first.text) <= MAX_LONE_HEADLINE_WORDS ? first.text : null;
}

/**
 * A line printed twice in a row is one item shown twice (image alt text and caption, a label and
 * its link); copies of the headline anywhere are repeats of it. Other repeats stay: a fixture list
 * may rightly say "Winners meet in final match" three times.
 */
function markRepeats(lines: Line[], headlines: readonly (string | null)[]): void {
  let previous: string | null = null;
  const headlineKeys = new Set(headlines.map((h) => (h === null ? '' : wordKey(h))).filter((k) => k !== ''));
  for (const line of lines) {
    const k = key(line.text);
    if (open(line) && headlineKeys.has(wordKey(line.text))) line.kind = 'title';
    else if (open(line) && k === previous) line.kind = 'duplicate';
    previous = k;
  }
}

/** A teaser in the page head whose words the body repeats in full is a duplicate, not text. */
function markTeasers(lines: Line[], firstProse: number): void {
  const body = lines.slice(Math.max(firstProse, 0)).filter((l) => l.kind === null);
  for (const line of lines.slice(0, Math.max(firstProse, 0))) {
    if (!open(line) || countPieces(line.text) < 6) continue;
    const k = key(line.text);
    if (body.some((b) => b !== line && b.text.length > line.text.length && key(b.text).includes(k))) line.kind = 'duplicate';
  }
}

/**
 * Before the lead: photo credits, labels and time stamps outside any <figure>, and a subtitle that
 * repeats the page's dek, up to the first paragraph of prose. Headings before the lead stay.
 */
function sweepHead(lines: Line[], deks: readonly string[]): void {
  const dekKeys = new Set(deks.map(wordKey).filter((k) => k !== ''));
  for (const [i, line] of lines.entries()) {
    if (line.verbatim) return;
    if (line.kind !== null) continue;
    if (dekKeys.has(wordKey(line.text))) {
      line.kind = 'duplicate';
      continue;
    }
    // A colon label right above the lead labels the page, not a list or fact box of its own.
    const next = lines.slice(i + 1).find((l) => l.kind === null);
    const kind = classifyBeforeLead(line.text) ?? (isColonLabel(line.text) && next !== undefined && !next.verbatim && isProse(next.text) ? 'ui' : null);
    if (kind !== null) line.kind = kind;
    else if (isProse(line.text)) return;
  }
}

/**
 * After the article's last paragraph, once the page has shown furniture, short labels ("Story
 * Saved", "Mid-Day Web Stories") and lines wedged between furniture are furniture too. Without
 * that furniture cue the tail is left alone, so closing lines of a plain article survive.
 */
function sweepTail(lines: Line[], lastProse: number): void {
  let furnitureSeen = false;
  for (let i = lastProse + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === undefined || line.verbatim) continue;
    if (line.kind !== null) {
      // A repeated line is no sign of page chrome: body lists repeat themselves too.
      if (line.kind !== 'duplicate') furnitureSeen = true;
      continue;
    }
    if (!furnitureSeen || endsLikeSentence(line.text)) continue;
    const before = lines[i - 1];
    const after = lines[i + 1];
    const wedged = before?.kind != null && (after === undefined || after.kind !== null);
    if (countPieces(line.text) <= 5 || wedged) line.kind = 'ui';
  }
}

/** What a page tells cleanText beyond its text. */
export interface CleanOptions {
  /** The headline, when the page's metadata gave it; it is then not looked for in the text. */
  title?: string | null;
  /** Other headlines the page prints (its `<h1>` when another title was chosen). */
  headlines?: readonly string[];
  /** The page's dek (summary under the headline): a copy of it before the lead goes. */
  deks?: readonly string[];
}

/**
 * Cleans one raw article: the body text, its headline and the furniture taken out. `raw` is
 * the page as text, or as blocks already split (HTML). With `options.title` the headline is
 * known and not looked for: every line that repeats it goes, however long.
 */
export function cleanText(raw: string | readonly TextBlock[], options: CleanOptions = {}): CleanResult {
  const lines = typeof raw === 'string' ? splitLines(raw) : blockLines(raw);
  for (const line of lines) if (!line.verbatim) line.kind = classifyLine(line.text);
  spreadPromos(lines);
  markRelatedLists(lines);

  const [firstBefore] = proseSpan(lines);
  const title = options.title !== undefined ? options.title : findTitle(lines, firstBefore);
  markRepeats(lines, [title, ...(options.headlines ?? [])]);
  sweepHead(lines, options.deks ?? []);
  const [firstProse] = proseSpan(lines);
  markTeasers(lines, firstProse);
  const [, lastProse] = proseSpan(lines);
  if (lastProse >= 0) sweepTail(lines, lastProse);

  const [first, last] = proseSpan(lines);
  const removed: RemovedLine[] = [];
  const paragraphs = new Map<number, string[]>();
  lines.forEach((line, i) => {
    if (line.kind === null) {
      paragraphs.set(line.block, [...(paragraphs.get(line.block) ?? []), line.text]);
      return;
    }
    const zone = first >= 0 && i < first ? 'head' : last >= 0 && i > last ? 'tail' : 'body';
    removed.push({ text: line.text, kind: line.kind, zone });
  });
  const text = [...paragraphs.values()].map((p) => p.join('\n')).join('\n\n');
  return { text, title, removed };
}
