/**
 * The date tagger: runs our rules and the chrono adapter, keeps the best non-overlapping candidates,
 * widens them over modifiers ("early", "the end of"), joins a time to its day ("10 p.m. Wednesday"),
 * and resolves each against the publication date and the tense of its clause.
 */
import type { DateMention, Sentence, Token } from '../model/document.js';
import { makeSpan } from '../model/span.js';
import { parseDay } from './calendar.js';
import { chronoCandidates } from './chrono-adapter.js';
import { isRelative, resolveSpec, type ResolveContext } from './resolve.js';
import { RULES } from './rules.js';
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

function findCandidates(input: TagInput): Candidate[] {
  const { text, bodyStart } = input;
  const found: Candidate[] = [];
  for (const rule of RULES) {
    const pattern = rule.pattern;
    pattern.lastIndex = bodyStart;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      if (match[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      const candidate = rule.build(match, text);
      if (candidate && candidate.end > candidate.start) found.push({ ...candidate, priority: rule.priority });
    }
  }
  for (const sentence of input.sentences) {
    if (sentence.end <= bodyStart) continue;
    found.push(...chronoCandidates(sentence.text, sentence.start));
  }
  return found.filter((candidate) => candidate.start >= bodyStart && !isQuantity(input, candidate));
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
    return { ...span, type: 'TIME', spec: { ...second.spec, time: first.spec.time } as Spec };
  }
  if (first.spec.kind === 'weekday' && !first.spec.time && second.spec.kind === 'date' && second.spec.day !== undefined) {
    return { ...span, type: second.type, spec: second.spec };
  }
  return null;
}

function widen(text: string, candidate: Candidate): Candidate {
  if (candidate.type !== 'DATE' && candidate.type !== 'TIME') return candidate;
  if (candidate.spec.kind === 'fixed' && !/^\d/.test(candidate.spec.value)) return candidate;
  const window = text.slice(Math.max(0, candidate.start - 24), candidate.start);
  const match = MODIFIER.exec(window);
  if (!match) return candidate;
  return { ...candidate, start: candidate.start - match[0].length };
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
    dates.push({
      ...makeSpan(input.text, candidate.start, candidate.end),
      type: candidate.type,
      value,
      range: dated ? rangeWithEnd(value, candidate.spec) : null,
    });
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
