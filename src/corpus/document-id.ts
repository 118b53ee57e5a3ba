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

/**
 * A safe relative file path (with `/`) for an id: each segment is percent-encoded where it holds
 * characters that are unsafe in file names, and `.`/`..`/empty segments cannot occur.
 * @param id any document id
 */
export function safeRelativePath(id: string): string {
  const segments = id.split('/').filter((segment) => segment.length > 0);
  if (segments.length === 0) return '%00';
  return segments
    .map((segment) => {
      const encoded = segment.replace(/[\u0000-\u001f\u007f\\:*?"<>|%]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
      if (encoded === '.' || encoded === '..') return encoded.replace(/\./g, '%2E');
      // Keep file names well under common 255-byte limits.
      return encoded.length > 200 ? `${encoded.slice(0, 180)}~${hash(encoded)}` : encoded;
    })
    .join('/');
}

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
