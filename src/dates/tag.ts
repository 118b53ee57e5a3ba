/**
 * The date tagger: runs our rules and the chrono adapter, keeps the best non-overlapping candidates,
 * widens them over modifiers ("early", "the end of"), joins a time to its day ("10 p.m. Wednesday"),
 * and resolves each against the publication date and the tense of its clause.
 */
import type { DateMention, Sentence, Token } from '../model/document.js';
import { makeSpan, type Span } from '../model/span.js';
import { boundedMemo } from '../model/bounded-memo.js';
import { sortInPlace } from '../model/sorted.js';
import { parseDay } from './calendar.js';
import { chronoCandidates, CLOCK_OR_NUMERIC_DATE } from './chrono-adapter.js';
import { isRelative, resolveSpec, type ResolveContext } from './resolve.js';
import { DIGIT_TRIGGER, RULES, type Rule } from './rules.js';
import type { Candidate, Spec } from './spec.js';
import { clauseTense, tokenAt } from './tense.js';
import { rangeOf } from './timex.js';

/** What the tagger needs from a document. */
export interface TagInput {
  readonly text: string;
  readonly bodyStart: number;
  readonly published: string | null;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  /** Paragraph spans; expressions never cross them. Empty: the whole body is one chunk. */
  readonly paragraphs: readonly Span[];
}

/** The tagger's result: the mentions, and how many relative ones could not be resolved. */
export interface TagResult {
  dates: DateMention[];
  unresolved: number;
}

/**
 * Find and normalize every time expression after `bodyStart`.
 * @param input the document's text, publication date and segmentation
 */
export function tagDates(input: TagInput): TagResult {
  const candidates = findCandidates(input);
  const chosen = combine(input.text, select(candidates));
  return resolveAll(input, chosen);
}

/** Each trigger word with the rules that need it; {@link DIGIT_TRIGGER} stands for any digit. */
const TRIGGER_RULES = new Map<string, Rule[]>();
for (const rule of RULES) {
  for (const trigger of rule.triggers) TRIGGER_RULES.set(trigger, [...(TRIGGER_RULES.get(trigger) ?? []), rule]);
}

/** A trigger word and the rules it calls for: its own and those of every trigger it begins with ("weekend" → "week"). */
interface TriggerWord {
  readonly word: string;
  readonly rules: readonly Rule[];
  /** Their bits, OR-ed. */
  readonly bits: number;
  /** Those of its rules that test each trigger word they get (`Rule.word`). */
  readonly tested: readonly Rule[];
}

/**
 * Trigger words by their first three letters (a number 0 … 26³ − 1), longest first: the scan tries
 * them at each word start, as the alternation `\b(?:longest|…|shortest)` of a case-insensitive regex would.
 */
const TRIGGER_LISTS: TriggerWord[][] = [[]];
/** Index into {@link TRIGGER_LISTS} by prefix number (0: none). */
const TRIGGERS_BY_PREFIX = new Uint8Array(26 * 26 * 26);
for (const word of [...TRIGGER_RULES.keys()].filter((key) => key !== DIGIT_TRIGGER).sort((a, b) => b.length - a.length)) {
  if (!/^[a-z]{3,}$/.test(word)) throw new Error(`Unexpected trigger \`${word}\`, expected three or more lowercase ASCII letters`);
  const rules = [...TRIGGER_RULES].filter(([trigger]) => word.startsWith(trigger)).flatMap(([, list]) => list);
  const key = prefixKey(word, 0);
  if (TRIGGERS_BY_PREFIX[key] === 0) {
    TRIGGERS_BY_PREFIX[key] = TRIGGER_LISTS.length;
    TRIGGER_LISTS.push([]);
  }
  const tested = rules.filter((rule) => rule.word !== undefined);
  TRIGGER_LISTS[TRIGGERS_BY_PREFIX[key]!]!.push({ word, rules, bits: rules.reduce((bits, rule) => bits | rule.bit, 0), tested });
}

/** The number of three ASCII letters at `i` (case-insensitive), or -1. */
function prefixKey(text: string, i: number): number {
  let key = 0;
  for (let k = i; k < i + 3; k++) {
    const lower = text.charCodeAt(k) | 32;
    if (lower < 97 || lower > 122) return -1;
    key = key * 26 + lower - 97;
  }
  return key;
}

/** The longest trigger word written at `i` (any case), or null. */
function triggerAt(text: string, i: number): TriggerWord | null {
  const key = prefixKey(text, i);
  if (key < 0 || TRIGGERS_BY_PREFIX[key] === 0) return null;
  const candidates = TRIGGER_LISTS[TRIGGERS_BY_PREFIX[key]!]!;
  for (const candidate of candidates) {
    const { word } = candidate;
    let k = 3;
    // `code | 32` equals a lowercase letter only for that letter in either case.
    while (k < word.length && (text.charCodeAt(i + k) | 32) === word.charCodeAt(k)) k++;
    if (k === word.length) return candidate;
  }
  return null;
}

/** True for a character of `\w`: ASCII letters, digits and `_`. */
function isWordCode(code: number): boolean {
  const lower = code | 32;
  return (lower >= 97 && lower <= 122) || (code >= 48 && code <= 57) || code === 95;
}

/** What one scan of the text finds: the paragraphs to scan with their rules, and where chrono may find something. */
interface Scan {
  chunks: Chunk[];
  /** Offsets where {@link CLOCK_OR_NUMERIC_DATE} matches, in order (each is the last digit of a run). */
  clockOrNumeric: number[];
}

/**
 * Paragraphs (or the whole body) with the rules their trigger words call for: one pass over the text,
 * finding what the regex `\b(?:trigger|…)|\d+` (case-insensitive) would, from `bodyStart` on — at each
 * word start the longest trigger word, and every run of digits. Each run's last digit is also where a
 * clock time or numeric date may start (for chrono).
 */
function scanText(input: TagInput): Scan {
  const { text, bodyStart } = input;
  const spans = input.paragraphs.length > 0 ? input.paragraphs : [{ start: bodyStart, end: text.length }];
  // One loop, no filtered copy; most paragraphs get no rule, so they share one empty list.
  const chunks: Chunk[] = [];
  for (const span of spans) {
    if (span.end > bodyStart) chunks.push({ start: Math.max(span.start, bodyStart), end: span.end, rules: NO_RULES, added: 0, passed: 0 });
  }
  const clockOrNumeric: number[] = [];
  // Sentences reaching into the body may start before it: their digits are looked at for chrono only.
  let from = bodyStart;
  for (const sentence of input.sentences) if (sentence.end > bodyStart) from = Math.min(from, sentence.start);
  for (let i = from; i < bodyStart; i++) {
    const code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (code >= 48 && code <= 57 && !(next >= 48 && next <= 57)) addClockOrNumeric(text, i, clockOrNumeric);
  }
  let index = 0;
  let afterWord = bodyStart > 0 && isWordCode(text.charCodeAt(bodyStart - 1));
  for (let i = bodyStart; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
      while (index < chunks.length && chunks[index]!.end <= i) index++;
      addDigitRules(text, chunks, index, i, end);
      addClockOrNumeric(text, end - 1, clockOrNumeric);
      i = end;
      afterWord = true;
      continue;
    }
    const lower = code | 32;
    if (lower >= 97 && lower <= 122) {
      const trigger = afterWord ? null : triggerAt(text, i);
      afterWord = true;
      if (trigger === null) {
        // The rest of the word's letters start no trigger (no word boundary before them).
        i++;
        while (i < text.length && ((text.charCodeAt(i) | 32) - 97) >>> 0 <= 25) i++;
        continue;
      }
      while (index < chunks.length && chunks[index]!.end <= i) index++;
      const chunk = chunks[index];
      if (chunk && i >= chunk.start) {
        addRules(chunk, trigger.rules, trigger.bits);
        for (const rule of trigger.tested) {
          if ((chunk.passed & rule.bit) === 0 && rule.word!(text, i, chunk.start, chunk.end)) chunk.passed |= rule.bit;
        }
      }
      i += trigger.word.length;
      continue;
    }
    afterWord = code === 95;
    i++;
  }
  return { chunks: withRules(chunks), clockOrNumeric };
}

/** The chunks that got rules, in order (compacted in place: no filtered copy). */
function withRules(chunks: Chunk[]): Chunk[] {
  let kept = 0;
  for (const chunk of chunks) if (chunk.rules.length > 0) chunks[kept++] = chunk;
  chunks.length = kept;
  return chunks;
}

/** Remember `i` when {@link CLOCK_OR_NUMERIC_DATE} matches there. */
function addClockOrNumeric(text: string, i: number, into: number[]): void {
  if (!mayStartClockOrNumeric(text, i)) return;
  CLOCK_OR_NUMERIC_AT.lastIndex = i;
  if (CLOCK_OR_NUMERIC_AT.test(text)) into.push(i);
}

/**
 * False when {@link CLOCK_OR_NUMERIC_DATE} cannot match at the digit `i`, from the characters after it
 * (a necessary condition of each alternative): `:` and a digit, `/` `.` `-` and a digit, `a` / `p` and
 * `.` / `m`, or white space and then `a` `p` (`5 pm`), `o` (`o'clock`) or `i` (`in the morning`). Most
 * digit runs end before a space and a word ("in 2019 the"): the regex ran for each (4 % of the stage alone).
 * @param text the document text
 * @param i the last digit of a run
 */
export function mayStartClockOrNumeric(text: string, i: number): boolean {
  const next = text.charCodeAt(i + 1);
  if (next === 58 || next === 47 || next === 46 || next === 45) return isDigitCode(text.charCodeAt(i + 2));
  const lower = next | 32;
  if (lower === 97 || lower === 112) return isAmPmTail(text.charCodeAt(i + 2));
  let k = i + 1;
  while (k < text.length && isSpaceCode(text, k)) k++;
  if (k === i + 1) return false;
  const after = text.charCodeAt(k) | 32;
  return after === 97 || after === 112 || after === 111 || after === 105;
}

/** After `a` / `p`: `.` (`a.m`) or `m` (`am`, any case). */
function isAmPmTail(code: number): boolean {
  return code === 46 || (code | 32) === 109;
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `/\s/.test(text[k])`, ASCII decided without the regex. */
function isSpaceCode(text: string, k: number): boolean {
  const code = text.charCodeAt(k);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(text[k]!);
}

/** {@link CLOCK_OR_NUMERIC_DATE}, sticky: tried at one offset. */
const CLOCK_OR_NUMERIC_AT = new RegExp(CLOCK_OR_NUMERIC_DATE.source, 'iy');

/** Rules triggered by any digit (each may test the digit run, see `Rule.digits`). */
const DIGIT_RULES = TRIGGER_RULES.get(DIGIT_TRIGGER) ?? [];
const DIGIT_BITS = DIGIT_RULES.reduce((bits, rule) => bits | rule.bit, 0);

/** A paragraph to scan: the rules its trigger words call for, in order of their first trigger. */
interface Chunk {
  start: number;
  end: number;
  rules: Rule[];
  /** Bits (`Rule.bit`) of the rules in `rules`. */
  added: number;
  /** Bits of the tested rules (`Rule.digits`, `Rule.word`) whose test passed somewhere in the chunk. */
  passed: number;
}

/** The rules of a chunk that has none yet (frozen: a push would throw, never share a rule). */
const NO_RULES = Object.freeze([]) as unknown as Rule[];

/** Bits of the rules with a test: a chunk is scanned by them only where their test passed. */
const TESTED_BITS = RULES.reduce((bits, rule) => (rule.digits !== undefined || rule.word !== undefined ? bits | rule.bit : bits), 0);

/** Add rules to a chunk unless they are there already (the first trigger decides a rule's place). */
function addRules(chunk: Chunk, rules: readonly Rule[], bits: number): void {
  if ((chunk.added & bits) === bits) return;
  for (const rule of rules) {
    if ((chunk.added & rule.bit) !== 0) continue;
    chunk.added |= rule.bit;
    if (chunk.rules === NO_RULES) chunk.rules = [rule];
    else chunk.rules.push(rule);
  }
}

/**
 * The digit rules go to every chunk holding a digit of the run `[start, end)`, from chunk `index` on
 * (all of them, so that the rules keep their order); a rule whose run test passes, or every rule when
 * the run is not wholly inside the chunk, is marked to be scanned.
 */
function addDigitRules(text: string, chunks: readonly Chunk[], index: number, start: number, end: number): void {
  for (let k = index; k < chunks.length && chunks[k]!.start < end; k++) {
    const chunk = chunks[k]!;
    if (Math.max(start, chunk.start) >= Math.min(end, chunk.end)) continue;
    addRules(chunk, DIGIT_RULES, DIGIT_BITS);
    if ((chunk.passed & DIGIT_BITS) === DIGIT_BITS) continue; // every run test has passed already
    const whole = start >= chunk.start && end <= chunk.end;
    for (const rule of DIGIT_RULES) {
      if ((chunk.passed & rule.bit) !== 0) continue;
      if (!whole || rule.digits === undefined || rule.digits(text, start, end)) chunk.passed |= rule.bit;
    }
  }
}

function findCandidates(input: TagInput): Candidate[] {
  const found: Candidate[] = [];
  const scan = scanText(input);
  for (const chunk of scan.chunks) {
    const slice = input.text.slice(chunk.start, chunk.end);
    for (const rule of chunk.rules) {
      if ((TESTED_BITS & rule.bit) !== 0 && (chunk.passed & rule.bit) === 0) continue; // no trigger it could match
      const pattern = rule.pattern;
      pattern.lastIndex = 0;
      for (let match = pattern.exec(slice); match; match = pattern.exec(slice)) {
        if (match[0].length === 0) {
          pattern.lastIndex++;
          continue;
        }
        const built = rule.build(match, slice);
        if (built && built.end > built.start) {
          // Each build returns a new object: moved to document offsets in place (no copy per candidate).
          const candidate = built as Candidate;
          candidate.start += chunk.start;
          candidate.end += chunk.start;
          candidate.priority = rule.priority;
          found.push(candidate);
        }
      }
    }
  }
  addChronoCandidates(input, scan.clockOrNumeric, found);
  return found.filter((candidate) => candidate.start >= input.bodyStart && !isQuantity(input, candidate));
}

/**
 * chrono's candidates for the sentences that may hold a clock time or a numeric date: those holding an
 * offset where {@link CLOCK_OR_NUMERIC_DATE} matches (a superset of the adapter's own test, which has a
 * `\b` more), instead of a test per sentence.
 * @param offsets the offsets where it matches, in order
 */
function addChronoCandidates(input: TagInput, offsets: readonly number[], found: Candidate[]): void {
  let k = 0;
  for (const sentence of input.sentences) {
    if (sentence.end <= input.bodyStart) continue;
    if (k > 0 && offsets[k - 1]! >= sentence.start) k = 0; // sentences out of order: search again
    while (k < offsets.length && offsets[k]! < sentence.start) k++;
    if (k === offsets.length || offsets[k]! >= sentence.end) continue;
    for (const candidate of chronoCandidates(sentence.text, sentence.start)) found.push(candidate);
  }
}

/** "2016 votes": a four-digit number followed by a common noun is a count, not a year. */
function isQuantity(input: TagInput, candidate: Candidate): boolean {
  if (candidate.end - candidate.start !== 4 || !/^\d{4}$/.test(input.text.slice(candidate.start, candidate.end))) return false;
  const index = tokenAt(input.tokens, candidate.end);
  const next = input.tokens[index];
  if (!next || next.start < candidate.end) return false;
  if (input.text.slice(candidate.end, next.start).trim() !== '') return false;
  const lowerNoun = next.pos === 'NOUN' && next.text[0] === next.text[0]!.toLowerCase();
  const previous = input.tokens[tokenAt(input.tokens, candidate.start) - 1];
  const afterPreposition = previous !== undefined && /^(?:in|since|by|until|of|from|during|for|before|after|to|through)$/i.test(previous.text);
  return lowerNoun && !afterPreposition;
}

/** Keep the longest candidates that do not overlap (ties: higher priority, then earlier). */
function select(candidates: Candidate[]): Candidate[] {
  const ordered = sortInPlace(
    candidates.slice(),
    (a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const candidate of ordered) {
    const index = insertionIndex(kept, candidate.start);
    const previous = kept[index - 1];
    const next = kept[index];
    if (previous && previous.end > candidate.start) continue;
    if (next && next.start < candidate.end) continue;
    kept.splice(index, 0, candidate);
  }
  return kept;
}

function insertionIndex(sorted: readonly Candidate[], start: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]!.start < start) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Modifiers kept inside a date's extent, as TimeBank does ("late November", "the end of 1990"). */
const MODIFIER = /(?:\b(?:early|mid|late|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of|end\s+of|beginning\s+of)\s+|\bmid-)$/i;

/** Specs that take a time of day from a neighbouring clock time. */
const DAY_KINDS = new Set<Spec['kind']>(['weekday', 'relDay', 'date']);

function combine(text: string, chosen: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const candidate of chosen) {
    const previous = out[out.length - 1];
    const gap = previous ? text.slice(previous.end, candidate.start) : '';
    if (previous && /^,?\s{1,3}(?:on\s+)?$/.test(gap)) {
      const merged = mergePair(previous, candidate);
      if (merged) {
        out[out.length - 1] = merged;
        continue;
      }
    }
    out.push(widen(text, candidate));
  }
  return out;
}

/** "10 p.m. Wednesday" → one TIME; "Monday, June 3" → one DATE. */
function mergePair(first: Candidate, second: Candidate): Candidate | null {
  const span = { start: first.start, end: second.end, priority: first.priority };
  if (first.spec.kind === 'time' && DAY_KINDS.has(second.spec.kind) && !('time' in second.spec && second.spec.time)) {
    return Object.assign(span, { type: 'TIME' as const, spec: Object.assign({}, second.spec, { time: first.spec.time }) as Spec });
  }
  if (first.spec.kind === 'weekday' && !first.spec.time && second.spec.kind === 'date' && second.spec.day !== undefined) {
    return Object.assign(span, { type: second.type, spec: second.spec });
  }
  return null;
}

function widen(text: string, candidate: Candidate): Candidate {
  if (candidate.type !== 'DATE' && candidate.type !== 'TIME') return candidate;
  if (candidate.spec.kind === 'fixed' && !/^\d/.test(candidate.spec.value)) return candidate;
  const window = text.slice(Math.max(0, candidate.start - 24), candidate.start);
  const match = MODIFIER.exec(window);
  if (!match) return candidate;
  return Object.assign({}, candidate, { start: candidate.start - match[0].length });
}

/** Specs whose value depends on the tense of their clause. */
const TENSED = new Set<Spec['kind']>(['weekday', 'date', 'quarter', 'season', 'relUnit', 'holiday']);

function resolveAll(input: TagInput, chosen: Candidate[]): TagResult {
  const ref = parseDay(input.published);
  let lastQuarter: ResolveContext['lastQuarter'] = null;
  let unresolved = 0;
  const dates: DateMention[] = [];
  for (const candidate of chosen) {
    const tense = TENSED.has(candidate.spec.kind)
      ? clauseTense(input.tokens, input.sentences, candidate.start)
      : 'past';
    const value = resolveSpec(candidate.spec, { ref, tense, lastQuarter });
    if (value === null && isRelative(candidate.spec)) unresolved++;
    const quarter = value && candidate.spec.kind === 'quarter' ? /^(\d{4})-Q([1-4])$/.exec(value) : null;
    if (quarter) lastQuarter = { year: Number(quarter[1]), q: Number(quarter[2]) };
    const dated = candidate.type === 'DATE' || candidate.type === 'TIME';
    // One literal with the span's keys first (extending the span added an out-of-object property store).
    const span = makeSpan(input.text, candidate.start, candidate.end);
    const range = dated ? rangeWithEnd(value, candidate.spec) : null;
    dates.push({ start: span.start, end: span.end, text: span.text, type: candidate.type, value, range });
  }
  return { dates, unresolved };
}

/**
 * {@link rangeOf}, remembered per thread: the same values recur within and across articles (489
 * distinct among 16,600 bench dates), and each computation ran up to nine regexes and built its day
 * strings. The ranges are shared between dates, so they are never changed.
 */
const rememberedRangeOf = boundedMemo(rangeOf, 4096);

/** The range of a value, stretched to the last day of "June 3-5". */
function rangeWithEnd(value: string | null, spec: Spec): DateMention['range'] {
  const range = value ? rememberedRangeOf(value) : null;
  if (!range || spec.kind !== 'date' || spec.endDay === undefined || !value) return range;
  const end = `${value.slice(0, 8)}${String(spec.endDay).padStart(2, '0')}`;
  return end > range.start && rememberedRangeOf(end) ? { start: range.start, end } : range;
}
