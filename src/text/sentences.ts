/** A half-open range `[start, end)` of UTF-16 offsets into a text. */
export interface Span {
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Longest stretch of one line given to the segmenter at once, in UTF-16 code units. V8's
 * segmenter slows down with the length of its input (an article of 1 MiB in one piece took
 * seconds), so lines are segmented separately and a longer line a window at a time.
 */
const SEGMENT_WINDOW = 8192;

/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set(
  `mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt
  insp det jan feb mar apr jun jul aug sep sept oct nov dec vs etc inc ltd co corp dept est approx
  fig vol ed eds op cf`.split(/\s+/).filter(Boolean),
);

/** Longer last words are never abbreviations; the bound keeps each check short. */
const MAX_ABBREVIATION_CHARS = 64;

/** A quotation longer than this is taken to be a stray quote mark, not speech to keep whole. */
const MAX_QUOTATION_CHARS = 600;

const isSpace = (char: string | undefined) => char !== undefined && /\s/u.test(char);

function endsWithAbbreviation(text: string, start: number, end: number): boolean {
  let wordEnd = end;
  while (wordEnd > start && isSpace(text[wordEnd - 1])) wordEnd--;
  let wordStart = wordEnd;
  while (wordStart > start && !isSpace(text[wordStart - 1])) {
    if (wordEnd - wordStart >= MAX_ABBREVIATION_CHARS) return false;
    wordStart--;
  }
  const last = text.slice(wordStart, wordEnd);
  if (!last.endsWith('.')) return false;
  const word = last.slice(0, -1).replace(/^[("'“‘]+/u, '');
  // Initials and dotted acronyms: "U.S.", "J.", "a.m."
  if (/^(?:\p{L}\.)*\p{L}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * True when `text[start, end)` leaves a quotation open: an odd number of straight double
 * quotes, or more opening than closing curly ones. Capped in length so a stray quote mark
 * cannot swallow a whole paragraph.
 */
function insideQuotation(text: string, start: number, end: number): boolean {
  if (end - start > MAX_QUOTATION_CHARS) return false;
  const piece = text.slice(start, end);
  const straight = piece.split('"').length - 1;
  const opening = piece.split('“').length - 1;
  const closing = piece.split('”').length - 1;
  return straight % 2 === 1 || opening > closing;
}

/**
 * Sentences of `text` as trimmed spans, in order, never crossing a line break. Splits each line
 * with the platform's sentence segmenter, then rejoins breaks after abbreviations and initials
 * and inside a quotation, so that quoted speech stays whole with its attribution. Time is
 * linear in the length of `text`.
 */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  // A line break in scraped text is always a boundary, so lines are independent.
  for (let lineStart = 0; lineStart <= text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    splitLine(text, lineStart, lineEnd, spans);
    lineStart = lineEnd + 1;
  }
  return spans;
}

function splitLine(text: string, lineStart: number, lineEnd: number, spans: Span[]): void {
  let pendingStart: number | null = null;
  for (const { start: segmentStart, end } of segmentsOf(text, lineStart, lineEnd)) {
    const start: number = pendingStart ?? segmentStart;
    if (end < lineEnd && (endsWithAbbreviation(text, start, end) || insideQuotation(text, start, end))) {
      pendingStart = start;
      continue;
    }
    pendingStart = null;
    pushTrimmed(text, start, end, spans);
  }
  if (pendingStart !== null) pushTrimmed(text, pendingStart, lineEnd, spans);
}

/**
 * The segmenter's sentences of `text[from, to)`, one window at a time: the last sentence of a
 * window may be cut short by it, so the next window starts where that sentence starts. A
 * sentence longer than a whole window is cut at its last white space inside the window.
 */
function* segmentsOf(text: string, from: number, to: number): Generator<Span> {
  let cursor = from;
  while (cursor < to) {
    const windowEnd = Math.min(to, cursor + SEGMENT_WINDOW);
    const segments = [...segmenter.segment(text.slice(cursor, windowEnd))].map(({ segment, index }) => ({
      start: cursor + index,
      end: cursor + index + segment.length,
    }));
    const last = segments.at(-1);
    if (windowEnd === to || last === undefined) {
      yield* segments;
      cursor = windowEnd;
    } else if (segments.length > 1) {
      yield* segments.slice(0, -1);
      cursor = last.start;
    } else {
      const cut = lastSpaceBefore(text, cursor, windowEnd);
      yield { start: cursor, end: cut };
      cursor = cut;
    }
  }
}

/** Where to cut an overlong sentence: after its last white space before `end`, or at `end`. */
function lastSpaceBefore(text: string, start: number, end: number): number {
  for (let i = end; i > start + 1; i--) if (isSpace(text[i - 1])) return i;
  return end;
}

function pushTrimmed(text: string, start: number, end: number, spans: Span[]): void {
  let s = start;
  let e = end;
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  if (e > s) spans.push({ start: s, end: e });
}
