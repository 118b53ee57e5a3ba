/**
 * Pair quotation marks in one linear scan with a small stack.
 *
 * Handles “…” ‘…’ "…" '…' ''…'' ``…'' «…» ‹…› „…“ ‚…‘, nested quotes, and news-style quotes that run
 * over several paragraphs (the opening mark repeats at the start of each paragraph, the closing mark
 * comes only at the end). Apostrophes (don’t, Korea’s, ’90s, students’) are told apart from single
 * quotation marks by their neighbours and by whether a single quote is open.
 */

/** A top-level quoted region: from its opening mark to just after its closing mark. */
export interface QuotedRegion {
  start: number;
  end: number;
  /** One piece per paragraph the quote runs over (a single piece for a one-paragraph quote). */
  parts: { start: number; end: number }[];
  /** False when no closing mark was found: the region then ends at its paragraph's end. */
  closed: boolean;
}

/** A mark the scanner could not pair. */
export interface MarkProblem {
  kind: 'unclosed' | 'unopened';
  start: number;
  end: number;
  mark: string;
}

/** Families of marks that pair with each other. */
const enum Family {
  Double = 0,
  Single = 1,
  Guillemet = 2,
  SingleGuillemet = 3,
}

interface OpenMark {
  family: Family;
  start: number;
  /** The low-9 marks („ ‚) close with “ ‘ (German style). */
  low: boolean;
}

/** At most this many mark problems are reported per document; the rest are counted only. */
export const MAX_PROBLEMS = 20;

/** Every character that can be (part of) a quotation mark. */
const MARK_CHARS = /["'`“”„«»‹›‚‘’]/g;

/** How many lines after its own an unclosed opener waits for a closer (quotes over paragraphs). */
const MAX_PENDING_LINES = 8;

/** One-unit strings above Latin-1 by code (V8 keeps only Latin-1 ones: `text[i]` builds “ ’ — anew). */
const UNITS = new Map<number, string>();

/** `text[i]` for an index inside the text, without a new string for a repeated non-Latin-1 unit. */
function unitAt(text: string, i: number): string {
  const code = text.charCodeAt(i);
  if (code < 256) return text[i]!;
  let unit = UNITS.get(code);
  if (unit === undefined) {
    unit = text[i]!;
    // Bounded: at most the distinct units of the texts read, capped.
    if (UNITS.size < 4096) UNITS.set(code, unit);
  }
  return unit;
}

/** The written style of a mark: straight, curly, doubled apostrophes, backticks, guillemet. */
function markStyle(text: string, i: number): string {
  const ch = text[i] ?? '';
  if (ch === '“' || ch === '”' || ch === '„') return '“';
  if (ch === '‘' || ch === '’' || ch === '‚') return '‘';
  if ((ch === "'" || ch === '`') && text[i + 1] === ch) return ch + ch;
  return ch;
}

/** How far down the stack a closing mark looks for its opener; keeps the scan linear. */
const MAX_SEARCH = 8;

const isLetterOrDigit = (ch: string): boolean => /[\p{L}\p{N}]/u.test(ch);
const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';
const isSpace = (ch: string): boolean => ch === '' || /\s/.test(ch);
/** Characters after which an ambiguous mark opens. */
const isOpeningContext = (ch: string): boolean => isSpace(ch) || /[([{\-–—/:;,“‘«„‚]/.test(ch);
/** Characters before which an ambiguous mark closes. */
const isClosingContext = (ch: string): boolean => isSpace(ch) || /[)\]}.,;:!?\-–—”’»…]/.test(ch);

/** `’90s`, `'08`: an elided century, not an opening quote. */
function isElidedYear(text: string, i: number, end: number): boolean {
  return i + 2 < end + 1 && isDigit(text[i + 1] ?? '') && isDigit(text[i + 2] ?? '') && !isDigit(text[i + 3] ?? '');
}

/** Scans one document's paragraphs, pairing marks. */
class MarkScanner {
  readonly regions: QuotedRegion[] = [];
  readonly problems: MarkProblem[] = [];
  /** Problems found beyond MAX_PROBLEMS. */
  dropped = 0;
  private stack: OpenMark[] = [];
  /** Set while a quote runs over paragraphs: the pieces so far and the start of the current one. */
  private carried: { parts: { start: number; end: number }[]; partStart: number } | null = null;
  /**
   * An opener left unclosed at a paragraph's end, with no repeated mark on the next paragraph: it may
   * still close at the end of a later paragraph (a quote over paragraphs with no repeated marks).
   */
  private pending: { opener: OpenMark; parts: { start: number; end: number }[]; lines: number; firstLines: number } | null = null;

  constructor(private readonly text: string) {}

  /**
   * Scan one line. At the end of a paragraph an open quote either continues or is closed by force;
   * at the end of a line inside a paragraph it continues only when the next line reopens it, and the
   * scan otherwise simply goes on (hard-wrapped text).
   */
  scanParagraph(start: number, end: number, next: { start: number; end: number } | undefined, paragraphEnd: boolean): void {
    const text = this.text;
    let i = start;
    if (this.carried) {
      // The continuation mark opening this paragraph is not a new quote.
      this.carried.partStart = i;
      i += this.markLength(i);
    }
    this.lineStart = start;
    this.lineEnd = end;
    while (i < end) {
      const index = this.nextMark(i);
      if (index >= end) break;
      i = index;
      i += this.scanChar(unitAt(text, i), i, start, end);
    }
    if (this.pending && this.pending.lines > 0) this.growPending(start, end);
    if (paragraphEnd || (this.stack.length > 0 && next !== undefined && this.continuesAt(next.start, this.stack[0]!))) {
      this.endParagraph(end, next);
    }
    if (this.pending) this.pending.lines++;
  }

  /** Start and end of the line being scanned. */
  private lineStart = 0;
  private lineEnd = 0;
  /** The last {@link nextMark} search: where it started, and the first mark at or after that (`text.length`: none). */
  private markFrom = -1;
  private markAt = -1;

  /**
   * The first mark at or after `i`, or `text.length`. The regex engine skips plain text far faster than
   * a loop would, but a search from a line without marks runs on to the next mark in a later line:
   * the last search's result is reused while `i` lies between its start and its mark (no mark there),
   * so each stretch of text is searched once (the search was ~6 % of the stage alone, mostly repeated).
   */
  private nextMark(i: number): number {
    if (this.markFrom !== -1 && this.markFrom <= i && i <= this.markAt) return this.markAt;
    const marks = MARK_CHARS;
    marks.lastIndex = i;
    // test, not exec: no match array per mark (each mark is one code unit, ending at lastIndex).
    const at = marks.test(this.text) ? marks.lastIndex - 1 : this.text.length;
    this.markFrom = i;
    this.markAt = at;
    return at;
  }

  /** A line scanned while an opener is pending becomes one more piece of that quote, up to a limit. */
  private growPending(start: number, end: number): void {
    const pending = this.pending!;
    if (pending.lines > MAX_PENDING_LINES) this.flushPending();
    else pending.parts.push({ start, end });
  }

  /** Give up on a pending opener: it is an unclosed quote ending at its own paragraph's end. */
  flushPending(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    const { opener } = pending;
    this.report({ kind: 'unclosed', start: opener.start, end: opener.start + 1, mark: this.text[opener.start]! });
    // Only the pieces up to the opener's paragraph end: the lines scanned since are not part of it.
    const own = pending.parts.slice(0, pending.firstLines);
    this.regions.push({ start: own[0]!.start, end: own[own.length - 1]!.end, parts: own, closed: false });
  }

  /** Length of an opening mark at `i` that could continue a quote, or 0. */
  markLength(i: number): number {
    const text = this.text;
    const two = text.slice(i, i + 2);
    if (two === "''" || two === '``') return 2;
    return /["“„«‘']/.test(text[i] ?? '') ? 1 : 0;
  }

  private scanChar(ch: string, i: number, paraStart: number, paraEnd: number): number {
    const text = this.text;
    const prev = i > paraStart ? unitAt(text, i - 1) : '';
    const next = i + 1 < paraEnd ? unitAt(text, i + 1) : '';
    switch (ch) {
      case '“': {
        const top = this.stack[this.stack.length - 1];
        // German „…“, or a misused “ closing a quote (prev is a word, next is a space).
        if (top?.family === Family.Double && (top.low || (!isSpace(prev) && isClosingContext(next)))) {
          this.close(Family.Double, i, 1, ch);
        } else this.open(Family.Double, i, false);
        return 1;
      }
      case '”':
        if (isSpace(prev) && isLetterOrDigit(next) && !this.has(Family.Double)) this.open(Family.Double, i, false);
        else this.close(Family.Double, i, 1, ch);
        return 1;
      case '„':
        this.open(Family.Double, i, true);
        return 1;
      case '«':
        this.open(Family.Guillemet, i, false);
        return 1;
      case '»':
        this.close(Family.Guillemet, i, 1, ch);
        return 1;
      case '‹':
        this.open(Family.SingleGuillemet, i, false);
        return 1;
      case '›':
        this.close(Family.SingleGuillemet, i, 1, ch);
        return 1;
      case '‚':
        this.open(Family.Single, i, true);
        return 1;
      case '"':
        this.ambiguousDouble(i, 1, prev, i + 1 < paraEnd ? next : '');
        return 1;
      case '`':
        if (next === '`') {
          this.open(Family.Double, i, false);
          return 2;
        }
        return 1;
      case "'":
        if (next === "'") {
          this.ambiguousDouble(i, 2, prev, i + 2 < paraEnd ? text[i + 2]! : '');
          return 2;
        }
        this.single(i, prev, next, paraEnd, false);
        return 1;
      case '‘': {
        const top = this.stack[this.stack.length - 1];
        if (top?.family === Family.Single && top.low) this.close(Family.Single, i, 1, ch);
        else if (isLetterOrDigit(prev) && isLetterOrDigit(next)) return 1; // a misused apostrophe
        else if (isElidedYear(text, i, paraEnd)) return 1;
        else this.open(Family.Single, i, false);
        return 1;
      }
      case '’':
        this.single(i, prev, next, paraEnd, true);
        return 1;
      default:
        return 1;
    }
  }

  /** `"` or `''`: open or close, decided by the neighbours and then by the stack. */
  private ambiguousDouble(i: number, length: number, prev: string, next: string): void {
    const opens = isOpeningContext(prev);
    const closes = isClosingContext(next);
    if (opens && !closes) this.open(Family.Double, i, false);
    else if (closes && !opens) this.close(Family.Double, i, length, this.text.slice(i, i + length));
    else if (this.has(Family.Double)) this.close(Family.Double, i, length, this.text.slice(i, i + length));
    else this.open(Family.Double, i, false);
  }

  /** `'` or `’`: an apostrophe unless its neighbours make it a quotation mark. */
  private single(i: number, prev: string, next: string, paraEnd: number, curly: boolean): void {
    if (isLetterOrDigit(prev) && isLetterOrDigit(next)) return; // don't, Korea’s
    if (isElidedYear(this.text, i, paraEnd) && !isLetterOrDigit(prev)) return; // ’90s
    if (isOpeningContext(prev) && !isSpace(next)) {
      // A curly ’ before a word is an elision ('em, ’til) far more often than a misused opener.
      if (!curly) this.open(Family.Single, i, false);
      return;
    }
    // students’ and a closing quote look alike: it closes only when a single quote is open.
    if (this.has(Family.Single)) this.close(Family.Single, i, 1, this.text[i]!);
  }

  private report(problem: MarkProblem): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
    else this.dropped++;
  }

  private has(family: Family): boolean {
    const stack = this.stack;
    for (let k = stack.length - 1; k >= 0 && k >= stack.length - MAX_SEARCH; k--) {
      if (stack[k]!.family === family) return true;
    }
    return false;
  }

  private open(family: Family, start: number, low: boolean): void {
    // A new quote starting on its own means the pending opener found no closer.
    if (this.stack.length === 0) this.flushPending();
    this.stack.push({ family, start, low });
  }

  private close(family: Family, at: number, length: number, mark: string): void {
    const stack = this.stack;
    let k = stack.length - 1;
    while (k >= 0 && k >= stack.length - MAX_SEARCH && stack[k]!.family !== family) k--;
    if (k < 0 || stack[k]!.family !== family) {
      const pending = this.pending;
      if (stack.length === 0 && pending && pending.opener.family === family && !/[\p{L}\p{N}]/u.test(this.text.slice(at + length, this.lineEnd))) {
        // The closer of a quote that ran over paragraphs without repeated marks.
        this.pending = null;
        const parts = [...pending.parts, { start: this.lineStart, end: at + length }];
        this.regions.push({ start: parts[0]!.start, end: at + length, parts, closed: true });
        return;
      }
      if (family !== Family.Single) this.report({ kind: 'unopened', start: at, end: at + length, mark });
      return;
    }
    // Marks opened inside and never closed: single ones are usually apostrophes, so only doubles warn.
    for (let j = k + 1; j < stack.length; j++) this.reportUnclosed(stack[j]!);
    const opener = stack[k]!;
    stack.length = k;
    if (k === 0) this.finishRegion(opener.start, at + length, true);
  }

  private reportUnclosed(mark: OpenMark): void {
    if (mark.family === Family.Single) return;
    this.report({ kind: 'unclosed', start: mark.start, end: mark.start + 1, mark: this.text[mark.start]! });
  }

  private finishRegion(start: number, end: number, closed: boolean): void {
    const carried = this.carried;
    this.carried = null;
    const parts = carried ? [...carried.parts, { start: carried.partStart, end }] : [{ start, end }];
    this.regions.push({ start: parts[0]!.start, end, parts, closed });
  }

  /** At a paragraph's end an open quote either continues (news style) or is closed by force. */
  private endParagraph(end: number, next: { start: number; end: number } | undefined): void {
    const bottom = this.stack[0];
    if (!bottom) return;
    const family = bottom.family;
    const continues = next !== undefined && this.continuesAt(next.start, bottom);
    const partStart = this.carried ? this.carried.partStart : bottom.start;
    for (let j = 1; j < this.stack.length; j++) this.reportUnclosed(this.stack[j]!);
    if (continues) {
      this.carried = { parts: [...(this.carried?.parts ?? []), { start: partStart, end }], partStart: next.start };
      this.stack.length = 1;
      return;
    }
    if (family !== Family.Single || this.carried) {
      // Wait for a closer at the end of a later paragraph before calling it unclosed.
      const parts = [...(this.carried?.parts ?? []), { start: partStart, end }];
      this.carried = null;
      this.stack.length = 0;
      this.pending = { opener: bottom, parts, lines: 0, firstLines: parts.length };
    } else {
      this.stack.length = 0; // a lone single mark is most likely an apostrophe: drop it quietly
    }
  }

  /**
   * True when the mark at `i` reopens the quote opened by `opener`: the same mark, so that a straight
   * `"` line after a curly quote (or the reverse) starts a new quote instead.
   */
  private continuesAt(i: number, opener: OpenMark): boolean {
    const family = this.familyAt(i);
    if (family !== opener.family) return false;
    return markStyle(this.text, i) === markStyle(this.text, opener.start);
  }

  /** The family of an opening mark at `i` that could continue a quote, or null. */
  private familyAt(i: number): Family | null {
    const ch = this.text[i] ?? '';
    const two = this.text.slice(i, i + 2);
    if (two === "''" || two === '``' || ch === '"' || ch === '“' || ch === '„') return Family.Double;
    if (ch === '«') return Family.Guillemet;
    if (ch === '‘' || ch === "'") return Family.Single;
    return null;
  }
}

/**
 * Find the top-level quoted regions of a document.
 * @param text the document text
 * @param paragraphs the paragraph spans, in order (nothing outside them is scanned)
 */
export function findQuotedRegions(
  text: string,
  paragraphs: readonly { start: number; end: number }[],
): { regions: QuotedRegion[]; problems: MarkProblem[]; dropped: number } {
  const scanner = new MarkScanner(text);
  const blocks = splitLines(text, paragraphs);
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    const next = blocks[b + 1];
    scanner.scanParagraph(block.start, block.end, next, block.paragraphEnd);
  }
  scanner.flushPending();
  return { regions: scanner.regions, problems: scanner.problems, dropped: scanner.dropped };
}

/** Lines of each paragraph; `paragraphEnd` marks the last line of a paragraph. */
function splitLines(
  text: string,
  paragraphs: readonly { start: number; end: number }[],
): { start: number; end: number; paragraphEnd: boolean }[] {
  const lines: { start: number; end: number; paragraphEnd: boolean }[] = [];
  // The next line break at or after the scan position (-1: none left), searched again only once passed:
  // each stretch of text is searched once, however the paragraphs are split.
  let newline = -2;
  let previousStart = -1;
  for (const paragraph of paragraphs) {
    let start = paragraph.start;
    if (start < previousStart) newline = -2; // out of order: search afresh
    previousStart = start;
    for (;;) {
      if (newline !== -1 && newline < start) newline = text.indexOf('\n', start);
      if (newline === -1 || newline >= paragraph.end) break;
      pushLine(text, start, newline, false, lines);
      start = newline + 1;
    }
    pushLine(text, start, paragraph.end, true, lines);
  }
  return lines;
}

/** `/\s/.test(text[i])`, with ASCII decided without the regex. */
function isSpaceAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(text[i]!);
}

function pushLine(text: string, start: number, end: number, paragraphEnd: boolean, into: { start: number; end: number; paragraphEnd: boolean }[]): void {
  let s = start;
  let e = end;
  while (s < e && isSpaceAt(text, s)) s++;
  while (e > s && isSpaceAt(text, e - 1)) e--;
  if (e > s) into.push({ start: s, end: e, paragraphEnd });
  else if (paragraphEnd && into.length > 0) into[into.length - 1]!.paragraphEnd = true;
}
