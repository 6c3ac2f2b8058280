// Turns import input (string or bytes) into text: UTF-8 / UTF-16 BOM sniffing, Windows-1252 and
// Latin-1 decoding via TextDecoder. Depends only on TextDecoder.
import { PathwiseError } from '../errors.js';

/** Input accepted by the importers: text, or the raw bytes of a file. */
export type ImportInput = string | ArrayBuffer | Uint8Array;

/** Text encodings for byte input. `'latin1'` follows the WHATWG label mapping (= windows-1252). */
export type TextEncodingName = 'utf-8' | 'windows-1252' | 'latin1';

// Windows-1252 bytes 0x80..0x9F (undefined bytes keep their C1 code point, as WHATWG does).
// Needed because Node 20's TextDecoder decodes 'windows-1252' as ISO-8859-1.
const CP1252_C1 =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const text = new TextDecoder('windows-1252').decode(bytes);
  return text.replace(/[\u0080-\u009F]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
}

/**
 * Decodes input to text without a byte-order mark. A UTF-8 or UTF-16 BOM in byte input wins over
 * `encoding` (Excel's "CSV UTF-8" and "Unicode text" exports carry one).
 * @param encoding - used for byte input only; @defaultValue 'utf-8'
 * @example
 * decodeInput(await file.arrayBuffer(), 'windows-1252');  // "Müller" from the byte 0xFC
 * @throws PathwiseError `BAD_OPTION` for an unknown encoding or input type.
 */
export function decodeInput(input: ImportInput, encoding: TextEncodingName = 'utf-8'): string {
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let bytes: Uint8Array;
  if (input instanceof Uint8Array) bytes = input;
  else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
  else throw new PathwiseError('BAD_OPTION', 'import: input must be a string, an ArrayBuffer or a Uint8Array');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  switch (encoding) {
    case 'utf-8': return new TextDecoder('utf-8').decode(bytes);
    case 'windows-1252':
    case 'latin1': return decodeWindows1252(bytes);
    default:
      throw new PathwiseError('BAD_OPTION', `import: option 'encoding' must be 'utf-8', 'windows-1252' or 'latin1', got '${String(encoding)}'`);
  }
}
