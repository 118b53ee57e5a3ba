/**
 * Spans: `[start, end)` UTF-16 code-unit ranges into a document's original text.
 * Every span in byline is built here, so `text.slice(start, end) === span.text` always holds.
 */

/** A checked range of the original text. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Thrown when a stage asks for a span that does not fit the text; it is a bug in that stage. */
export class SpanError extends Error {
  override name = 'SpanError';
}

/**
 * Build a span over `text`, checking the bounds.
 * @param text the document's original text
 * @param start first code unit (inclusive)
 * @param end last code unit (exclusive)
 */
export function makeSpan(text: string, start: number, end: number): Span {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
    throw new SpanError(`Unexpected span [${start}, ${end}), expected 0 ≤ start ≤ end ≤ ${text.length}`);
  }
  return { start, end, text: text.slice(start, end) };
}

/**
 * Build a span after trimming whitespace from both ends of the range.
 * Returns null when nothing but whitespace is left.
 */
export function makeTrimmedSpan(text: string, start: number, end: number): Span | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  return s < e ? makeSpan(text, s, e) : null;
}

/** True when two spans share at least one character. */
export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Number of characters two spans share. */
export function overlapLength(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** Sort comparator: by start, then by end. */
export function byOffset(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start - b.start || a.end - b.end;
}

/** Exactly the code units `/\s/` matches, without building a one-character string per test. */
export function isRegexSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
