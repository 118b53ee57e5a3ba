/**
 * Document ids and the output file paths derived from them.
 * An id may be anything a JSONL file holds (`../../x`, `/etc/passwd`); its file path never leaves
 * the output folder.
 */
import { extname, relative, sep } from 'node:path';

/**
 * The id of a file found in a walked folder: its relative path without extension, with `/` separators.
 * @param root the folder walked
 * @param file the file found under it
 */
export function idFromPath(root: string, file: string): string {
  const rel = relative(root, file).split(sep).join('/');
  const ext = extname(rel);
  return ext ? rel.slice(0, -ext.length) : rel;
}

/** Longest file-name segment written, in UTF-8 bytes: with `.json` and the temporary-file suffix of
 * an atomic write it stays under the 255-byte name limit of common file systems. */
const MAX_SEGMENT_BYTES = 160;

/**
 * A safe relative file path (with `/`) for an id: each segment is percent-encoded where it holds
 * characters that are unsafe in file names, and `.`/`..` segments cannot occur. Distinct ids give
 * distinct paths: `%` is encoded, and an empty segment (`/etc/passwd`, `a//b`) becomes `%2F`,
 * so `/etc/passwd` and `etc/passwd` never share a file.
 * @param id any document id
 */
export function safeRelativePath(id: string): string {
  const path = id
    .split('/')
    .map((segment) => {
      if (segment === '') return '%2F';
      const encoded = segment.replace(/[\u0000-\u001f\u007f\\:*?"<>|%]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
      if (encoded === '.' || encoded === '..') return encoded.replace(/\./g, '%2E');
      return Buffer.byteLength(encoded, 'utf8') > MAX_SEGMENT_BYTES ? `${truncateUtf8(encoded, MAX_SEGMENT_BYTES - 20)}~${hash(encoded)}` : encoded;
    })
    .join('/');
  // The id itself when it is already safe (most are): a run keeps one per document, so no copy.
  return path === id ? id : path;
}

/** The longest prefix of `text` within `maxBytes` UTF-8 bytes that does not split a character. */
function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
