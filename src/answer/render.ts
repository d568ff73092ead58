import type { Answer, Refusal, Source } from './answer.ts';

/** What it takes to name a source: the article and its metadata, without the quote. */
export type SourceRef = Pick<Source, 'article' | 'title' | 'outlet' | 'agency' | 'published'> & Partial<Pick<Source, 'byline'>>;

export interface RenderOptions {
  /** Upper bound on the result's length, in UTF-16 code units (what `String#length` counts). */
  maxLength?: number;
  /** Applied to every piece of article text (quotes, titles, outlets, ids), e.g. markdown escaping. */
  escape?: (text: string) => string;
  /** What the front end offers besides questions (its commands), shown when someone asks for help. */
  commands?: string;
}

/** Said when no passage answers the question. */
export const NOT_FOUND = 'I could not find this in the articles.';

/** The first line of a closest reply: the articles cover the subject but do not state what was asked. */
export function closestText(missing: string | undefined, escape: (text: string) => string = identity): string {
  const what = missing ? `say ${escape(missing)}` : 'state what you asked';
  return `The articles don't ${what}. Closest passages, which do not answer it:`;
}

/** What the bot does, for help and greetings. */
export const ABOUT =
  'I answer questions about the news articles I hold, quoting them word for word with their sources (title, outlet, date). When the articles do not say, I say so.';

/** The first line of a refusal: why nothing is quoted. Untrusted text (a name from the question) goes through `escape`. */
export function refusalText(refusal: Refusal | undefined, escape: (text: string) => string = identity, commands?: string): string {
  switch (refusal?.kind) {
    case 'absent':
      return `${NOT_FOUND} None of them mentions "${escape(refusal.term)}".`;
    case 'near-miss':
      return `${NOT_FOUND} They are about this, but none of them says what you asked.`;
    case 'offtopic':
      switch (refusal.reason) {
        case 'how-to':
          return `${NOT_FOUND} I answer questions about the news articles I hold; advice, how-to questions and other tasks are beyond them.`;
        case 'general':
          return `${NOT_FOUND} I answer questions about the news articles I hold, and this reads as a general question they do not cover.`;
        case 'not-english':
          return 'The articles are in English: please ask your question in English.';
        case 'chat':
          return `Hello! ${ABOUT} Ask "help" to see what else I can do.`;
        case 'help':
          return [ABOUT, 'Ask a question in words, for example: "When did the two leaders last meet?"', commands].filter(Boolean).join('\n\n');
      }
    // falls through: an offtopic reason added later reads as not found
    default:
      return NOT_FOUND;
  }
}

const identity = (text: string) => text;

/** `[1] Title — Outlet (Agency), by Jane Doe, 2025-11-03 · article-id`; missing parts are left out, no date says "undated". */
export function renderSourceLine(source: SourceRef, number: number, escape: (text: string) => string = identity): string {
  let line = `[${number}] ${escape(source.title)}`;
  if (source.outlet && source.agency) line += ` — ${escape(source.outlet)} (${escape(source.agency)})`;
  else if (source.outlet || source.agency) line += ` — ${escape((source.outlet ?? source.agency) as string)}`;
  // A desk byline that only repeats the outlet says nothing new.
  if (source.byline && source.byline !== source.outlet && source.byline !== source.agency) line += `, by ${escape(source.byline)}`;
  line += `, ${source.published ?? 'undated'} · ${escape(source.article)}`;
  return line;
}

/**
 * The answer as plain text: each quote on `> "…" [n]` lines, quotes separated by a blank line,
 * then the numbered sources (one per article, in order of first citation). Unanswered:
 * NOT_FOUND and the related articles, if any. With `maxLength`, whole quotes (and sources only
 * they cite) are dropped from the end and a line says how many sources were left out. A quote
 * is never cut: when not even the first one fits, only the source lines are shown.
 */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): string {
  const escape = options.escape ?? identity;
  const max = options.maxLength ?? Number.POSITIVE_INFINITY;
  if (!answer.answered || answer.sources.length === 0) return renderUnanswered(refusalText(answer.refusal, escape, options.commands), answer.related, escape, max);

  const head = answer.confidence === 'closest' ? `${closestText(answer.missing, escape)}\n\n` : '';
  const total = answer.sources.length;
  for (let shown = total; shown >= 1; shown--) {
    const text = head + layoutQuotes(answer.sources.slice(0, shown), total - shown, escape);
    if (text.length <= max) return text;
  }
  // Not even one whole quote fits: name the sources instead of cutting a quote in half.
  const lines = numbered(answer.sources).map(({ source, number }) => renderSourceLine(source, number, escape));
  return fitLines(`${head}The quotes are too long to show here. Sources:`, lines, max);
}

/** The text cut to at most `max` code units, ending in `…`, never splitting a surrogate pair. */
export function truncateText(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  if (max <= ellipsis.length) return cutAt(ellipsis, max);
  return `${cutAt(text, max - ellipsis.length)}${ellipsis}`;
}

/** The first `end` code units of `text`, one fewer when the cut would split a surrogate pair. */
function cutAt(text: string, end: number): string {
  if (end <= 0) return '';
  if (end >= text.length) return text;
  const before = text.charCodeAt(end - 1);
  return text.slice(0, before >= 0xd800 && before <= 0xdbff ? end - 1 : end);
}

/** `> "…" [n]` lines for one quote; a quote spanning lines keeps its line breaks. */
export function renderQuote(quote: string, number: number, escape: (text: string) => string = identity): string {
  const lines = quote
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n(?:[ \t]*\n)*/)
    .map((line) => escape(line.trim()));
  // A quote that opens with its own quotation mark is not framed with a second pair: the `>`
  // already sets it apart.
  const mark = /^["“]/u.test(lines[0] ?? '') ? '' : '"';
  const body = lines.map((line, i) => `> ${i === 0 ? mark : ''}${line}`).join('\n');
  return `${body}${mark} [${number}]`;
}

function numbered(sources: readonly Source[]): { source: Source; number: number }[] {
  const seen = new Map<string, number>();
  const out: { source: Source; number: number }[] = [];
  for (const source of sources) {
    if (seen.has(source.article)) continue;
    seen.set(source.article, seen.size + 1);
    out.push({ source, number: seen.size });
  }
  return out;
}

function layoutQuotes(shown: readonly Source[], omitted: number, escape: (text: string) => string): string {
  const articles = numbered(shown);
  const numberOf = new Map(articles.map(({ source, number }) => [source.article, number]));
  const quotes = shown.map((source) => renderQuote(source.quote, numberOf.get(source.article) ?? 0, escape));
  const sources = articles.map(({ source, number }) => renderSourceLine(source, number, escape));
  const parts = [quotes.join('\n\n'), '', 'Sources:', ...sources];
  if (omitted > 0) parts.push(moreLine(omitted));
  return parts.join('\n');
}

function renderUnanswered(reason: string, related: readonly Source[], escape: (text: string) => string, max: number): string {
  const lines = numbered(related).map(({ source, number }) => renderSourceLine(source, number, escape));
  if (lines.length === 0) return truncateText(reason, max);
  return fitLines(`${reason}\n\nRelated:`, lines, max);
}

/** `head`, then as many whole `lines` as fit in `max`, then `more` says how many were left out. */
export function fitLines(head: string, lines: readonly string[], max: number, more: (omitted: number) => string = moreLine): string {
  for (let shown = lines.length; shown >= 0; shown--) {
    const omitted = lines.length - shown;
    const parts = [head, ...lines.slice(0, shown)];
    if (omitted > 0) parts.push(more(omitted));
    const text = parts.join('\n');
    if (text.length <= max) return text;
  }
  // Only a very small limit gets here; whatever is cut, it is cut on a character boundary.
  return truncateText(head.split('\n')[0] ?? '', max);
}

/** `…and 3 more sources not shown.`: what stands for the `omitted` items of `noun` that did not fit. */
export function moreLine(omitted: number, noun = 'source', tail = ' not shown'): string {
  return `…and ${omitted} more ${noun}${omitted === 1 ? '' : 's'}${tail}.`;
}

/**
 * The JSON line printed for one answer with --json. A refusal quotes nothing: its `sources`
 * are empty and `related` names the closest articles, as the rendered text does.
 */
export function answerJson(answer: Answer): string {
  return JSON.stringify({
    question: answer.question,
    answered: answer.answered,
    ...(answer.answered ? { confidence: answer.confidence ?? 'answer' } : {}),
    ...(answer.missing ? { missing: answer.missing } : {}),
    text: renderAnswer(answer),
    sources: answer.sources.map(({ article, title, outlet, agency, byline, published, quote, score }) => ({ article, title, outlet, agency, byline, published, quote, score })),
    related: answer.related.map(({ article, title, outlet, agency, byline, published }) => ({ article, title, outlet, agency, byline, published })),
    ...(answer.refusal ? { refusal: answer.refusal } : {}),
  });
}
