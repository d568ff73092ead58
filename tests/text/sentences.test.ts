import { describe, expect, it } from 'vitest';
import { splitSentences, type Span } from '../../src/text/sentences.ts';

const textsOf = (text: string, spans: Span[]) => spans.map((span) => text.slice(span.start, span.end));

describe('splitSentences', () => {
  it.each([
    ['plain sentences', 'The river rose. Boats were moored! Was anyone hurt?', ['The river rose.', 'Boats were moored!', 'Was anyone hurt?']],
    ['title abbreviations', 'Mr. Smith went to Washington. He met Dr. Jones there.', ['Mr. Smith went to Washington.', 'He met Dr. Jones there.']],
    ['dotted acronym', 'The U.S. economy grew. Markets rose.', ['The U.S. economy grew.', 'Markets rose.']],
    ['initials', 'J. R. R. Tolkien wrote books. They sold well.', ['J. R. R. Tolkien wrote books.', 'They sold well.']],
    ['a.m./p.m.', 'He arrived at 5 p.m. on Friday. Then left.', ['He arrived at 5 p.m. on Friday.', 'Then left.']],
    ['month abbreviations', 'On Oct. 16, Trump spoke. Then Nov. 3 came.', ['On Oct. 16, Trump spoke.', 'Then Nov. 3 came.']],
    ['company suffix', 'Apple Inc. said profits rose. Shares fell.', ['Apple Inc. said profits rose.', 'Shares fell.']],
    ['Saint', 'Visit St. Paul. Then go.', ['Visit St. Paul.', 'Then go.']],
    ['decimal number', 'Prices rose 3.5 percent. Analysts were surprised!', ['Prices rose 3.5 percent.', 'Analysts were surprised!']],
    ['abbreviation in quotes/parens', 'The minister (Gen. Rao) spoke. Nobody asked.', ['The minister (Gen. Rao) spoke.', 'Nobody asked.']],
    ['lines without punctuation', 'Line one without stop\nLine two also\n\nThird para.', ['Line one without stop', 'Line two also', 'Third para.']],
    ['abbreviation right before a line break', 'Mr.\nSmith', ['Mr.', 'Smith']],
    ['abbreviation at end of text', 'Ends with abbreviation etc.', ['Ends with abbreviation etc.']],
    ['surrounding white space', '  Leading spaces. Trailing  ', ['Leading spaces.', 'Trailing']],
    ['CRLF line ends', 'First line.\r\nSecond line.\r\n', ['First line.', 'Second line.']],
    ['astral characters', 'Emoji 😀 here. And 中文 there.', ['Emoji 😀 here.', 'And 中文 there.']],
    ['empty text', '', []],
    ['white space only', '   \n \t \n', []],
  ] as const)('GIVEN %s THEN the sentences are as a reader splits them', (_name, text, expected) => {
    expect(textsOf(text, splitSentences(text))).toEqual(expected);
  });

  const samples = [
    'Moscow, Nov 3 (IANS) There is no need, Kremlin spokesman Dmitry Peskov said.\n\n"At this moment," Peskov added, "details matter."',
    '  Dr. A. B. Smith (U.K.) met Sen. Jones at 9 a.m.\tThey talked.  \n\n\n  Another paragraph… with “curly quotes”. Done!  ',
    'No punctuation at all\nbut three\nlines',
    'Tabs\tinside. And    many   spaces.   End',
  ];

  it.each(samples.map((text) => [JSON.stringify(text).slice(0, 40), text] as const))(
    'GIVEN %s THEN every span is exact, trimmed, ordered and within one line',
    (_name, text) => {
      const spans = splitSentences(text);
      expect(spans.length).toBeGreaterThan(0);
      let previousEnd = 0;
      for (const span of spans) {
        const piece = text.slice(span.start, span.end);
        expect(span.start).toBeGreaterThanOrEqual(previousEnd);
        expect(span.end).toBeGreaterThan(span.start);
        expect(piece).toBe(piece.trim());
        expect(piece).not.toContain('\n');
        previousEnd = span.end;
      }
      // Nothing but white space is left out between the spans.
      let rest = '';
      let cursor = 0;
      for (const span of spans) {
        rest += text.slice(cursor, span.start);
        cursor = span.end;
      }
      rest += text.slice(cursor);
      expect(rest.trim()).toBe('');
    },
  );

  it('GIVEN one line far longer than the segmenter window THEN every sentence is found, none cut at a window edge', () => {
    const sentences = Array.from({ length: 2000 }, (_, i) => `Mr. Reed filed report number ${i} at 9 a.m. on the harbour "as agreed," he said.`);
    const text = sentences.join(' ');
    expect(text.length).toBeGreaterThan(100_000);
    expect(textsOf(text, splitSentences(text))).toEqual(sentences);
  });

  it('GIVEN a run of text without any sentence break, longer than the window THEN it is cut between words into spans that cover it', () => {
    const text = 'word '.repeat(10_000).trim();
    const pieces = textsOf(text, splitSentences(text));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((piece) => /^word( word)*$/u.test(piece))).toBe(true);
    expect(pieces.join(' ')).toBe(text);
  });

  it('GIVEN many paragraphs THEN sentences never cross a blank line or a line break', () => {
    const paragraph = 'The council met on Tuesday. It voted "to raise\nthe tolls" by a wide margin';
    const text = Array.from({ length: 500 }, () => paragraph).join('\n\n');
    const pieces = textsOf(text, splitSentences(text));
    expect(pieces).toHaveLength(1500);
    expect(pieces.slice(0, 3)).toEqual(['The council met on Tuesday.', 'It voted "to raise', 'the tolls" by a wide margin']);
  });
});
