import { describe, expect, it } from 'vitest';
import type { Answer, Source } from '../../src/answer/answer.ts';
import { ABOUT, NOT_FOUND, renderAnswer, renderQuote, renderSourceLine, truncateText } from '../../src/answer/render.ts';

function source(fields: Partial<Source> & Pick<Source, 'article' | 'quote'>): Source {
  return {
    title: `Title of ${fields.article}`,
    outlet: 'Hindustan Times',
    agency: 'PTI',
    byline: null,
    published: '2025-11-03',
    startPos: 0,
    endPos: fields.quote.length,
    score: 0.9,
    ...fields,
  };
}

const answered = (...sources: Source[]): Answer => ({ question: 'q?', answered: true, sources, related: [] });
const unanswered = (...related: Source[]): Answer => ({ question: 'q?', answered: false, sources: [], related });
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('renderSourceLine', () => {
  it.each([
    ['GIVEN outlet and agency THEN both, agency in parentheses', { outlet: 'Hindustan Times', agency: 'PTI', published: '2025-11-03' }, '[1] T — Hindustan Times (PTI), 2025-11-03 · a/1'],
    ['GIVEN only an outlet THEN the outlet', { outlet: 'The Hindu', agency: null, published: '2025-11-03' }, '[1] T — The Hindu, 2025-11-03 · a/1'],
    ['GIVEN only an agency THEN the agency', { outlet: null, agency: 'IANS', published: '2025-11-03' }, '[1] T — IANS, 2025-11-03 · a/1'],
    ['GIVEN neither and no date THEN title, "undated" and id', { outlet: null, agency: null, published: null }, '[1] T, undated · a/1'],
    ['GIVEN a byline THEN the people after the outlet', { outlet: 'The Hindu', agency: null, byline: 'Jane Doe, John Roe', published: '2025-11-03' }, '[1] T — The Hindu, by Jane Doe, John Roe, 2025-11-03 · a/1'],
    ['GIVEN a byline and nothing else THEN the people after the title', { outlet: null, agency: null, byline: 'Jane Doe', published: null }, '[1] T, by Jane Doe, undated · a/1'],
    ['GIVEN a byline that is the outlet THEN it is not repeated', { outlet: 'BBC News', agency: null, byline: 'BBC News', published: '2025-11-03' }, '[1] T — BBC News, 2025-11-03 · a/1'],
  ])('%s', (_name, fields, expected) => {
    expect(renderSourceLine({ article: 'a/1', title: 'T', ...fields }, 1)).toBe(expected);
  });

  it('GIVEN an escape function THEN it applies to title, outlet, agency, byline and id, not to the number or date', () => {
    const line = renderSourceLine({ article: 'a_1', title: '*T*', outlet: '_O_', agency: 'A', byline: '_J_', published: '2025-01-02' }, 3, (s) => s.replace(/[*_]/g, '\\$&'));
    expect(line).toBe('[3] \\*T\\* — \\_O\\_ (A), by \\_J\\_, 2025-01-02 · a\\_1');
  });
});

describe('renderAnswer', () => {
  it.each<[string, Answer, string]>([
    [
      'GIVEN two quotes from two articles THEN numbered quotes then numbered sources',
      answered(source({ article: 'a/1', quote: 'First quote.' }), source({ article: 'b/2', quote: 'Second quote.', agency: null })),
      '> "First quote." [1]\n\n> "Second quote." [2]\n\nSources:\n[1] Title of a/1 — Hindustan Times (PTI), 2025-11-03 · a/1\n[2] Title of b/2 — Hindustan Times, 2025-11-03 · b/2',
    ],
    [
      'GIVEN two quotes from one article THEN both cite [1] and the source is listed once',
      answered(source({ article: 'a/1', quote: 'One.' }), source({ article: 'b/2', quote: 'Two.' }), source({ article: 'a/1', quote: 'Three.' })),
      '> "One." [1]\n\n> "Two." [2]\n\n> "Three." [1]\n\nSources:\n[1] Title of a/1 — Hindustan Times (PTI), 2025-11-03 · a/1\n[2] Title of b/2 — Hindustan Times (PTI), 2025-11-03 · b/2',
    ],
    [
      'GIVEN a quote over several lines THEN every line is quoted and blank lines collapse',
      answered(source({ article: 'a/1', quote: 'Line one.\r\n\r\n\nLine two.' })),
      '> "Line one.\n> Line two." [1]\n\nSources:\n[1] Title of a/1 — Hindustan Times (PTI), 2025-11-03 · a/1',
    ],
    ['GIVEN no answer and nothing related THEN only the refusal', unanswered(), NOT_FOUND],
    [
      'GIVEN no answer and related articles THEN the refusal and the related sources, once each',
      unanswered(source({ article: 'a/1', quote: 'x' }), source({ article: 'a/1', quote: 'y' }), source({ article: 'c/3', quote: 'z', outlet: null, agency: null, published: null })),
      `${NOT_FOUND}\n\nRelated:\n[1] Title of a/1 — Hindustan Times (PTI), 2025-11-03 · a/1\n[2] Title of c/3, undated · c/3`,
    ],
  ])('%s', (_name, answer, expected) => {
    expect(renderAnswer(answer)).toBe(expected);
  });

  it.each([
    ['absent', { kind: 'absent', term: 'Macron' }, 'None of them mentions "Macron".'],
    ['near-miss', { kind: 'near-miss' }, 'none of them says what you asked'],
    ['how-to', { kind: 'offtopic', reason: 'how-to' }, 'advice, how-to questions and other tasks'],
    ['not English', { kind: 'offtopic', reason: 'not-english' }, 'The articles are in English'],
    ['a greeting', { kind: 'offtopic', reason: 'chat' }, 'Hello!'],
    ['weak', { kind: 'weak' }, NOT_FOUND],
  ] as const)('GIVEN a refusal (%s) THEN it says why', (_name, refusal, expected) => {
    const text = renderAnswer({ ...unanswered(source({ article: 'a/1', quote: 'x' })), refusal });
    expect(text).toContain(expected);
    expect(text).not.toContain('> "');
  });

  it('GIVEN a request for help THEN what the bot does and the front end\'s commands', () => {
    const text = renderAnswer({ ...unanswered(), refusal: { kind: 'offtopic', reason: 'help' } }, { commands: 'Use /ask.' });
    expect(text).toContain(ABOUT);
    expect(text).toContain('Use /ask.');
  });

  it('GIVEN a name from the question in a refusal THEN it is escaped like article text', () => {
    const text = renderAnswer({ ...unanswered(), refusal: { kind: 'absent', term: '@everyone*' } }, { escape: (s) => s.replace(/[@*]/g, '\\$&') });
    expect(text).toContain('"\\@everyone\\*"');
  });

  it('GIVEN answered:true with no sources THEN it is treated as unanswered', () => {
    expect(renderAnswer(answered())).toBe(NOT_FOUND);
  });

  it('GIVEN an escape function THEN quotes are escaped but the quote marks and citations are not', () => {
    const text = renderAnswer(answered(source({ article: 'a/1', quote: 'A *bold* claim' })), { escape: (s) => s.replace(/\*/g, '\\*') });
    expect(text.split('\n')[0]).toBe('> "A \\*bold\\* claim" [1]');
  });
});

describe('renderAnswer with maxLength', () => {
  const many = Array.from({ length: 8 }, (_, i) => source({ article: `art/${i}`, quote: `Quote number ${i} ${'word '.repeat(20)}end.` }));
  const full = renderAnswer(answered(...many));

  it.each([full.length, full.length - 1, 600, 400, 250])('GIVEN maxLength %i THEN whole quotes only, within the limit, with a count of the rest', (max) => {
    const text = renderAnswer(answered(...many), { maxLength: max });
    expect(text.length).toBeLessThanOrEqual(max);
    const shown = many.filter((s) => text.includes(`"${s.quote}"`)).length;
    const quoteLines = text.split('\n').filter((l) => l.startsWith('> "'));
    expect(quoteLines).toHaveLength(shown);
    expect(shown).toBeGreaterThan(0);
    if (shown < many.length) {
      const omitted = many.length - shown;
      expect(text.endsWith(`…and ${omitted} more source${omitted === 1 ? '' : 's'} not shown.`)).toBe(true);
      // A source cited by no shown quote is not listed.
      expect(text).not.toContain(`· art/${many.length - 1}`);
    } else {
      expect(text).toBe(full);
    }
  });

  it('GIVEN a limit below the first quote THEN the sources are named instead of cutting the quote', () => {
    const text = renderAnswer(answered(...many), { maxLength: 120 });
    expect(text.length).toBeLessThanOrEqual(120);
    expect(text).not.toContain('> "');
    expect(text.startsWith('The quotes are too long to show here. Sources:')).toBe(true);
  });

  it('GIVEN related sources and a small limit THEN whole lines and a count', () => {
    const text = renderAnswer(unanswered(...many), { maxLength: 150 });
    expect(text.length).toBeLessThanOrEqual(150);
    expect(text.startsWith(`${NOT_FOUND}\n\nRelated:\n[1] `)).toBe(true);
    expect(text).toMatch(/…and \d+ more sources not shown\.$/);
  });

  it('GIVEN emoji everywhere and every limit from 0 to the full length THEN never over the limit and never a lone surrogate', () => {
    const emoji = [
      source({ article: 'e/1', title: '😀'.repeat(30), quote: `${'🎉'.repeat(40)} done` }),
      source({ article: 'e/2', title: 'Émigré 👩‍👩‍👧', quote: `Quote 𝒳 ${'💡'.repeat(25)}` }),
    ];
    const all = renderAnswer(answered(...emoji));
    for (let max = 0; max <= all.length + 2; max++) {
      const text = renderAnswer(answered(...emoji), { maxLength: max });
      expect(text.length, `max ${max}`).toBeLessThanOrEqual(max);
      expect(LONE_SURROGATE.test(text), `max ${max}: ${JSON.stringify(text)}`).toBe(false);
    }
  });
});

describe('renderQuote', () => {
  it('GIVEN a quote THEN `> "…" [n]`', () => {
    expect(renderQuote('  Spaced.  ', 4)).toBe('> "Spaced." [4]');
  });

  it.each([
    ['"What we are looking to see," said Blinken.', '> "What we are looking to see," said Blinken. [1]'],
    ['“We will,” he said.', '> “We will,” he said. [1]'],
  ])('GIVEN a quote opening with its own quotation mark (%j) THEN no second mark is added', (quote, expected) => {
    expect(renderQuote(quote, 1)).toBe(expected);
  });
});

describe('closest replies', () => {
  const closest: Answer = { question: 'q', answered: true, confidence: 'closest', missing: 'how much the school cost', sources: [source({ article: 'a/1', quote: 'The school opened in May.' })], related: [] };
  it('GIVEN a closest reply THEN it says first what the articles do not say, then shows the passages as not answering', () => {
    const text = renderAnswer(closest);
    expect(text.split('\n')[0]).toBe("The articles don't say how much the school cost. Closest passages, which do not answer it:");
    expect(text).toContain('> "The school opened in May." [1]');
  });

  it('GIVEN a closest reply and a small limit THEN the first line stays and whole quotes are dropped', () => {
    const text = renderAnswer(closest, { maxLength: 120 });
    expect(text.length).toBeLessThanOrEqual(120);
    expect(text).toMatch(/^The articles don't say how much the school cost\./u);
    expect(text).not.toContain('The school opened in May.');
  });
});

describe('truncateText', () => {
  it.each([
    ['GIVEN text within the limit THEN unchanged', 'hello', 5, 'hello'],
    ['GIVEN longer text THEN cut with an ellipsis', 'hello world', 6, 'hello…'],
    ['GIVEN a cut inside a surrogate pair THEN the pair is dropped whole', 'ab😀cd', 4, 'ab…'],
    ['GIVEN a cut just after a surrogate pair THEN the pair is kept', 'ab😀cd', 5, 'ab😀…'],
    ['GIVEN a limit of 1 THEN only the ellipsis', 'hello', 1, '…'],
    ['GIVEN a limit of 0 THEN nothing', 'hello', 0, ''],
  ])('%s', (_name, text, max, expected) => {
    expect(truncateText(text, max)).toBe(expected);
  });
});
