/** A half-open range `[start, end)` of UTF-16 offsets into a text. */
export interface Span {
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set(
  `mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt
  insp det jan feb mar apr jun jul aug sep sept oct nov dec vs etc inc ltd co corp dept est approx
  fig vol ed eds op cf`.split(/\s+/).filter(Boolean),
);

function endsWithAbbreviation(segment: string): boolean {
  const last = /(\S+)\s*$/u.exec(segment)?.[1] ?? '';
  if (!last.endsWith('.')) return false;
  const word = last.slice(0, -1).replace(/^[("'“‘]+/u, '');
  // Initials and dotted acronyms: "U.S.", "J.", "a.m."
  if (/^(?:\p{L}\.)*\p{L}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * Sentences of `text` as trimmed spans, in order, never crossing a line break. Splits with the
 * platform's sentence segmenter, then rejoins breaks after abbreviations and initials and
 * inside a quotation, so that quoted speech stays whole with its attribution.
 */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let pendingStart: number | null = null;
  for (const { segment, index } of segmenter.segment(text)) {
    const start: number = pendingStart ?? index;
    const end = index + segment.length;
    const joined = text.slice(start, end);
    const breaksLine = /\n\s*$/u.test(segment);
    if (!breaksLine && (endsWithAbbreviation(joined) || insideQuotation(joined))) {
      pendingStart = start;
      continue;
    }
    pendingStart = null;
    pushTrimmed(text, start, end, spans);
  }
  if (pendingStart !== null) pushTrimmed(text, pendingStart, text.length, spans);
  return spans;
}

/**
 * True when `text` leaves a quotation open: an odd number of straight double quotes, or more
 * opening than closing curly ones. Capped in length so a stray quote mark cannot swallow a
 * whole paragraph.
 */
function insideQuotation(text: string): boolean {
  if (text.length > 600) return false;
  const straight = text.split('"').length - 1;
  const opening = text.split('“').length - 1;
  const closing = text.split('”').length - 1;
  return straight % 2 === 1 || opening > closing;
}

function pushTrimmed(text: string, start: number, end: number, spans: Span[]): void {
  // The segmenter keeps a paragraph's lines together when no punctuation ends them; a line
  // break in scraped text is always a boundary.
  let lineStart = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === '\n') {
      let s = lineStart;
      let e = i;
      while (s < e && /\s/u.test(text[s]!)) s++;
      while (e > s && /\s/u.test(text[e - 1]!)) e--;
      if (e > s) spans.push({ start: s, end: e });
      lineStart = i + 1;
    }
  }
}
