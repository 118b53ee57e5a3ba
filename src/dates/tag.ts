/**
 * The date tagger: runs our rules and the chrono adapter, keeps the best non-overlapping candidates,
 * widens them over modifiers ("early", "the end of"), joins a time to its day ("10 p.m. Wednesday"),
 * and resolves each against the publication date and the tense of its clause.
 */
import type { DateMention, Sentence, Token } from '../model/document.js';
import { makeSpan, type Span } from '../model/span.js';
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

/** One pass over the text finds every trigger word; each maps to the rules that need it. */
const TRIGGER_RULES = new Map<string, Rule[]>();
for (const rule of RULES) {
  for (const trigger of rule.triggers) TRIGGER_RULES.set(trigger, [...(TRIGGER_RULES.get(trigger) ?? []), rule]);
}
const TRIGGER = new RegExp(
  // A run of digits is one match (every digit calls for the same rules): fewer matches than one per digit.
  `\\b(?:${[...TRIGGER_RULES.keys()].filter((key) => key !== DIGIT_TRIGGER).sort((a, b) => b.length - a.length).join('|')})|\\d+`,
  'gi',
);

const RULES_BY_KEY = new Map<string, Rule[]>();

/** Rules for a matched trigger: those of every trigger it begins with ("weekend" → "week" rules too). */
function rulesFor(key: string): Rule[] {
  let rules = RULES_BY_KEY.get(key);
  if (!rules) {
    rules = [...TRIGGER_RULES].filter(([trigger]) => key.startsWith(trigger)).flatMap(([, list]) => list);
    RULES_BY_KEY.set(key, rules);
  }
  return rules;
}

/** Paragraphs (or the whole body) with the rules their trigger words call for. */
function triggeredChunks(input: TagInput): Chunk[] {
  const { text, bodyStart } = input;
  const spans = input.paragraphs.length > 0 ? input.paragraphs : [{ start: bodyStart, end: text.length }];
  const chunks = spans
    .filter((span) => span.end > bodyStart)
    .map((span): Chunk => ({ start: Math.max(span.start, bodyStart), end: span.end, rules: new Set<Rule>(), digits: new Set<Rule>() }));
  let index = 0;
  TRIGGER.lastIndex = bodyStart;
  for (let match = TRIGGER.exec(text); match && index < chunks.length; match = TRIGGER.exec(text)) {
    while (index < chunks.length && chunks[index]!.end <= match.index) index++;
    const code = match[0].charCodeAt(0);
    if (code >= 48 && code <= 57) {
      addDigitRules(text, chunks, index, match.index, match.index + match[0].length);
      continue;
    }
    const chunk = chunks[index];
    if (!chunk || match.index < chunk.start) continue;
    for (const rule of rulesFor(match[0].toLowerCase())) chunk.rules.add(rule);
  }
  return chunks.filter((chunk) => chunk.rules.size > 0);
}

/** Rules triggered by any digit (each may test the digit run, see `Rule.digits`). */
const DIGIT_RULES = TRIGGER_RULES.get(DIGIT_TRIGGER) ?? [];

/** A paragraph to scan: the rules its trigger words call for, in order of their first trigger. */
interface Chunk {
  start: number;
  end: number;
  rules: Set<Rule>;
  /** The digit rules whose run test passed for some digit run of the chunk. */
  digits: Set<Rule>;
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
    const whole = start >= chunk.start && end <= chunk.end;
    for (const rule of DIGIT_RULES) {
      chunk.rules.add(rule);
      if (!whole || rule.digits === undefined || rule.digits(text, start, end)) chunk.digits.add(rule);
    }
  }
}

function findCandidates(input: TagInput): Candidate[] {
  const found: Candidate[] = [];
  for (const chunk of triggeredChunks(input)) {
    const slice = input.text.slice(chunk.start, chunk.end);
    for (const rule of chunk.rules) {
      if (rule.digits !== undefined && !chunk.digits.has(rule)) continue; // no digit run it could match
      const pattern = rule.pattern;
      pattern.lastIndex = 0;
      for (let match = pattern.exec(slice); match; match = pattern.exec(slice)) {
        if (match[0].length === 0) {
          pattern.lastIndex++;
          continue;
        }
        const candidate = rule.build(match, slice);
        if (candidate && candidate.end > candidate.start) {
          // Object.assign, not a spread: Node 20 builds `{ ...a, b }` on a slow path (~2 µs an object).
          found.push(
            Object.assign({}, candidate, { start: candidate.start + chunk.start, end: candidate.end + chunk.start, priority: rule.priority }),
          );
        }
      }
    }
  }
  addChronoCandidates(input, found);
  return found.filter((candidate) => candidate.start >= input.bodyStart && !isQuantity(input, candidate));
}

/**
 * chrono's candidates for the sentences that may hold a clock time or a numeric date. Instead of
 * testing every sentence, one scan of the text with {@link CLOCK_OR_NUMERIC_DATE} (a superset of the
 * adapter's own test: no `\b` to fail at a sentence end) finds the sentences worth handing over.
 */
function addChronoCandidates(input: TagInput, found: Candidate[]): void {
  const { text } = input;
  let scannedFrom = Infinity;
  let next = -1;
  for (const sentence of input.sentences) {
    if (sentence.end <= input.bodyStart) continue;
    // The leftmost match at or after `scannedFrom` is also the leftmost after any later start before it.
    if (sentence.start < scannedFrom || next < sentence.start) {
      CLOCK_OR_NUMERIC_DATE.lastIndex = sentence.start;
      const match = CLOCK_OR_NUMERIC_DATE.exec(text);
      scannedFrom = sentence.start;
      next = match ? match.index : Infinity;
    }
    if (next >= sentence.end) continue;
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
  const ordered = [...candidates].sort(
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
    const quarter = value ? /^(\d{4})-Q([1-4])$/.exec(value) : null;
    if (quarter && candidate.spec.kind === 'quarter') lastQuarter = { year: Number(quarter[1]), q: Number(quarter[2]) };
    const dated = candidate.type === 'DATE' || candidate.type === 'TIME';
    dates.push(
      Object.assign(makeSpan(input.text, candidate.start, candidate.end), {
        type: candidate.type,
        value,
        range: dated ? rangeWithEnd(value, candidate.spec) : null,
      }),
    );
  }
  return { dates, unresolved };
}

/** The range of a value, stretched to the last day of "June 3-5". */
function rangeWithEnd(value: string | null, spec: Spec): DateMention['range'] {
  const range = rangeOf(value);
  if (!range || spec.kind !== 'date' || spec.endDay === undefined || !value) return range;
  const end = `${value.slice(0, 8)}${String(spec.endDay).padStart(2, '0')}`;
  return end > range.start && rangeOf(end) ? { start: range.start, end } : range;
}
