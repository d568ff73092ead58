/** How a file's bytes were turned into text. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Text of a file, or why it is not text. */
export type Decoded = { ok: true; text: string; encoding: Encoding } | { ok: false; reason: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Share of control characters (other than tab, CR, LF, FF) above which a file is binary. */
const BINARY_CONTROL_SHARE = 0.02;

/**
 * Decodes article bytes: UTF-16 by its byte-order mark, else strict UTF-8, else Windows-1252
 * (legacy pages and corpora use it; every byte maps to a character, so nothing is dropped).
 * A NUL byte or many control characters mean binary data, which is refused with a reason.
 */
export function decodeArticleBytes(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith(bytes.subarray(2), 'utf-16be');
  if (bytes.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  let text: string;
  let encoding: Encoding = 'utf-8';
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    const withoutBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    text = decodeWindows1252(withoutBom);
    encoding = 'windows-1252';
  }
  return checkText(text, encoding);
}

function decodeWith(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  try {
    return checkText(new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding);
  } catch {
    return { ok: false, reason: `not valid ${encoding.toUpperCase()} despite its byte-order mark` };
  }
}

function checkText(text: string, encoding: Encoding): Decoded {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0x7f) control++;
  }
  if (text.length > 0 && control / text.length > BINARY_CONTROL_SHARE) {
    return { ok: false, reason: 'binary file (control characters)' };
  }
  return { ok: true, text, encoding };
}

/**
 * Windows-1252 differs from Latin-1 only in 0x80–0x9F (curly quotes, dashes, euro sign), where
 * Node's decoder falls back to Latin-1's control characters; the five unassigned bytes keep
 * their Latin-1 code points, as the WHATWG encoding standard specifies.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += String.fromCharCode(byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80]! : byte);
  }
  return text;
}
