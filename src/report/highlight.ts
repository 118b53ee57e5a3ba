/**
 * Highlighted text: turns a text and a set of annotated spans (quotes, mentions, dates) into HTML in
 * one pass over the sorted span boundaries.
 *
 * Spans nest (a mention inside a quote). When two spans cross instead of nesting, the inner one (by
 * rank, then by start) is cut at the outer one's end and continues after it as a second piece, marked
 * as a continuation, so the markup stays well-formed and every character keeps all its highlights.
 * Every text run is escaped: document text is hostile input.
 */
import { escapeHtml } from './escape-html.js';

/** One span to highlight. `rank` orders spans that start together: lower ranks enclose higher ones. */
export interface HighlightSpan {
  start: number;
  end: number;
  rank: number;
  /**
   * The opening tag(s).
   * @param piece 0 for the span's first piece, 1+ for the continuations after a crossing
   * @param insideLink true when an enclosing piece is a link, so this one must not be an `<a>`
   */
  open(piece: number, insideLink: boolean): string;
  /** The closing tag(s) of the piece opened with the same arguments. */
  close(piece: number, insideLink: boolean): string;
  /** True when this span's pieces are links (`<a>`), so nested spans must not be. */
  isLink?(insideLink: boolean): boolean;
}

interface Piece {
  span: HighlightSpan;
  start: number;
  end: number;
  piece: number;
  order: number;
}

interface Open {
  piece: Piece;
  insideLink: boolean;
  closing: string;
}

/** Piece order: by start, longer first, then rank, then input order (stable). */
function before(a: Piece, b: Piece): boolean {
  if (a.start !== b.start) return a.start < b.start;
  if (a.end !== b.end) return a.end > b.end;
  if (a.span.rank !== b.span.rank) return a.span.rank < b.span.rank;
  return a.order < b.order;
}

/** A small binary min-heap of pieces; continuations are pushed back into it while walking. */
class PieceHeap {
  private readonly items: Piece[] = [];
  get size(): number {
    return this.items.length;
  }
  push(item: Piece): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }
  pop(): Piece | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Render `text` with its spans highlighted.
 * @param text the document text (UTF-16 offsets index into it)
 * @param spans the spans; empty or out-of-range ones are ignored, others are clamped to the text
 * @returns HTML
 */
export function renderHighlighted(text: string, spans: readonly HighlightSpan[]): string {
  const heap = new PieceHeap();
  let order = 0;
  for (const span of spans) {
    const start = Math.max(0, Math.min(span.start, text.length));
    const end = Math.max(0, Math.min(span.end, text.length));
    if (!(end > start)) continue;
    heap.push({ span, start, end, piece: 0, order: order++ });
  }
  const out: string[] = [];
  const stack: Open[] = [];
  let pos = 0;
  const emitTo = (to: number): void => {
    if (to > pos) out.push(escapeHtml(text.slice(pos, to)));
    pos = Math.max(pos, to);
  };
  const closeUntil = (at: number): void => {
    while (stack.length > 0 && stack[stack.length - 1]!.piece.end <= at) {
      const top = stack.pop()!;
      emitTo(top.piece.end);
      out.push(top.closing);
    }
  };
  while (heap.size > 0) {
    const piece = heap.pop()!;
    closeUntil(piece.start);
    emitTo(piece.start);
    const parent = stack[stack.length - 1];
    if (parent && piece.end > parent.piece.end) {
      // Crossing: keep the part inside the parent, continue the rest after it.
      heap.push({ ...piece, start: parent.piece.end, piece: piece.piece + 1, order: order++ });
      piece.end = parent.piece.end;
    }
    const insideLink = parent ? parent.insideLink || (parent.piece.span.isLink?.(parent.insideLink) ?? false) : false;
    out.push(piece.span.open(piece.piece, insideLink));
    stack.push({ piece, insideLink, closing: piece.span.close(piece.piece, insideLink) });
  }
  closeUntil(text.length);
  emitTo(text.length);
  return out.join('');
}
