/**
 * Turn a file's bytes into text, or explain why that is impossible.
 * UTF-8 (a BOM is dropped), UTF-16 with a BOM, and legacy 8-bit text (Windows-1252) are read;
 * binary content and corrupt UTF-8 are refused with a fatal message.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { makeMessage, type Message } from '../model/message.js';

/** The decoded text (offsets count from it) and what was noticed on the way. */
export interface Decoded {
  text: string | null;
  encoding: string;
  messages: Message[];
}

const RULE = 'read-corpus';

/**
 * Decode bytes read from a file.
 * @param bytes the raw file content
 */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be');
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul >= 0) {
    return refuse('binary', `Unexpected NUL byte at byte ${nul + (hasBom ? 3 : 0)}, expected text (is this a binary file?)`);
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { text, encoding: hasBom ? 'utf-8-bom' : 'utf-8', messages: [] };
  } catch {
    return decodeLegacy(body);
  }
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  const text = iconv.decode(Buffer.from(bytes.subarray(2)), encoding, { stripBOM: false });
  return {
    text,
    encoding,
    messages: [makeMessage('info', `${RULE}:transcoded`, `Unexpected \`${encoding}\` encoding, expected UTF-8; the text was transcoded`)],
  };
}

/**
 * Bytes that are not UTF-8. A file with any well-formed multi-byte UTF-8 sequence is UTF-8 with
 * corrupt bytes (fatal); otherwise, when the bytes read as Windows-1252 text, transcode with a warning.
 */
function decodeLegacy(bytes: Uint8Array): Decoded {
  const badAt = firstInvalidUtf8(bytes);
  if (containsUtf8Sequence(bytes)) {
    return refuse('invalid-utf8', `Unexpected invalid UTF-8 at byte ${badAt}, expected well-formed UTF-8`);
  }
  const guess = chardet.detect(bytes) ?? 'unknown';
  if (/^(windows-125[02]|iso-8859-\d+)$/i.test(guess) && !hasUndefinedCp1252(bytes)) {
    const text = iconv.decode(Buffer.from(bytes), 'windows-1252');
    return {
      text,
      encoding: 'windows-1252',
      messages: [
        makeMessage(
          'warning',
          `${RULE}:transcoded`,
          `Unexpected non-UTF-8 bytes (first at byte ${badAt}; detected \`${guess}\`), expected UTF-8; the text was read as Windows-1252`,
        ),
      ],
    };
  }
  return refuse('invalid-utf8', `Unexpected invalid UTF-8 at byte ${badAt}, expected well-formed UTF-8 (detected \`${guess}\`)`);
}

function refuse(rule: string, reason: string): Decoded {
  return { text: null, encoding: 'unknown', messages: [makeMessage('fatal', `${RULE}:${rule}`, reason)] };
}

/** Byte offset of the first byte that breaks UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

/** True when the bytes hold at least one well-formed multi-byte UTF-8 sequence. */
function containsUtf8Sequence(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] ?? 0) >= 0xc2 && sequenceLength(bytes, i) > 1) return true;
  }
  return false;
}

/** Length of the well-formed UTF-8 sequence at `i`, or 0 when it is malformed. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] ?? 0;
  if (lead < 0x80) return 1;
  const need = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
  if (need < 0 || i + need > bytes.length - 1) return 0;
  for (let k = 1; k <= need; k++) {
    const next = bytes[i + k] ?? 0;
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return need + 1;
}

/** Bytes with no character in Windows-1252 mean the file is not text in that encoding. */
function hasUndefinedCp1252(bytes: Uint8Array): boolean {
  return bytes.some((b) => b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d);
}
