import { describe, expect, it } from 'vitest';
import { decodeArticleBytes } from '../../src/ingest/decode.ts';

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

describe('decodeArticleBytes', () => {
  it.each([
    ['plain UTF-8', Buffer.from('Prices rose “sharply” to £5 — 10 €', 'utf8'), 'Prices rose “sharply” to £5 — 10 €', 'utf-8'],
    ['UTF-8 with BOM (BOM dropped)', Buffer.from('\uFEFFHello “world”', 'utf8'), 'Hello “world”', 'utf-8'],
    ['UTF-16LE with BOM', utf16le('Héllo “quoted” £3'), 'Héllo “quoted” £3', 'utf-16le'],
    ['UTF-16BE with BOM', utf16be('Héllo “quoted” £3'), 'Héllo “quoted” £3', 'utf-16be'],
    // 0x93/0x94 are curly double quotes, 0x91/0x92 curly single quotes, 0xA3 the pound sign,
    // 0x80 the euro, 0x96/0x97 dashes in Windows-1252; none of this is valid UTF-8.
    [
      'invalid UTF-8 → Windows-1252',
      Buffer.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x91, 0x6f, 0x92, 0x20, 0xa3, 0x35, 0x20, 0x80, 0x96, 0x97, 0x20, 0xe9]),
      '“Hi” ‘o’ £5 €–— é',
      'windows-1252',
    ],
    ['unassigned Windows-1252 bytes keep Latin-1 code points', Buffer.from([0x81, 0x41, 0x8d, 0x8f, 0x90, 0x9d]), '\u0081A\u008d\u008f\u0090\u009d', 'windows-1252'],
    ['allowed control characters (tab, FF, CR, LF)', Buffer.from('tab\tform\fcr\r\nend'), 'tab\tform\fcr\r\nend', 'utf-8'],
    ['a rare stray control character', Buffer.from(`${'x'.repeat(100)}\u0001`), `${'x'.repeat(100)}\u0001`, 'utf-8'],
  ] as const)('GIVEN %s THEN the text and encoding are recovered', (_name, bytes, text, encoding) => {
    expect(decodeArticleBytes(bytes)).toEqual({ ok: true, text, encoding });
  });

  it.each([
    ['a NUL byte', Buffer.from('abc\0def'), /NUL/],
    ['UTF-16 without a BOM (NUL bytes)', Buffer.from('Hello', 'utf16le'), /NUL/],
    ['PNG header', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), /NUL/],
    ['many control characters', Buffer.from('a\x01b\x02c\x03 some more text here'), /control characters/],
    ['DEL characters', Buffer.from(`${'\x7f'.repeat(5)}${'a'.repeat(20)}`), /control characters/],
    ['truncated UTF-16LE after its BOM', Buffer.from([0xff, 0xfe, 0x41]), /UTF-16LE/],
  ] as const)('GIVEN %s THEN it is refused with a reason', (_name, bytes, reason) => {
    const decoded = decodeArticleBytes(bytes);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason).toMatch(reason);
  });

  it('GIVEN no bytes THEN it decodes to empty UTF-8 text (the caller reports empty files)', () => {
    expect(decodeArticleBytes(new Uint8Array())).toEqual({ ok: true, text: '', encoding: 'utf-8' });
  });

  it('GIVEN every byte 0x20..0xFF as Windows-1252 THEN each byte maps to exactly one character', () => {
    const bytes = Uint8Array.from({ length: 0xe0 }, (_, i) => 0x20 + i);
    const decoded = decodeArticleBytes(bytes);
    expect(decoded.ok && decoded.encoding).toBe('windows-1252');
    if (decoded.ok) {
      expect(decoded.text.length).toBe(bytes.length);
      expect(decoded.text).not.toContain('\uFFFD');
    }
  });
});

// A file with a UTF-8 byte-order mark and one stray Windows-1252 byte is decoded as
// Windows-1252; the mark itself must not become text ("ï»¿") at the start of the title.
describe('decodeArticleBytes with a UTF-8 BOM and a stray byte', () => {
  it('GIVEN a UTF-8 BOM then invalid UTF-8 THEN the BOM does not leak into the text as "ï»¿"', () => {
    const decoded = decodeArticleBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Harbour tolls rise '), Buffer.from([0x96]), Buffer.from(' port says')]));
    expect(decoded.ok).toBe(true);
    if (decoded.ok) {
      expect(decoded.text.startsWith('ï»¿')).toBe(false);
      expect(decoded.text).toBe('Harbour tolls rise – port says');
    }
  });
});
