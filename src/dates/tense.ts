/**
 * Tense of the clause around a time expression, from the segmenter's tokens: a future auxiliary or a
 * scheduling word ("will", "'ll", "is to be held", "scheduled") makes it future; news defaults to past.
 */
import type { Sentence, Token } from '../model/document.js';
import { boundedMemo } from '../model/bounded-memo.js';
import type { Tense } from './resolve.js';

/** Words that, within the clause, make a weekday or month point forward. */
const FUTURE_WORDS = new Set([
  'will', "'ll", '’ll', 'shall', 'wo', 'scheduled', 'slated', 'next', 'upcoming', 'tomorrow', 'might', 'may',
  'set', 'going', 'due', 'plans', 'plan', 'planning', 'intends', 'aims', 'hopes', 'expected', 'soon', 'early',
]);

/** Past-tense forms that settle the clause as past before any future word is seen. */
const PAST_WORDS = new Set(['said', 'was', 'were', 'had', 'did', 'told', 'met', 'came', 'went', 'took', 'made', 'gave', 'began', 'left']);

/** Present-tense forms: the expression may lie on either side of the reference day. */
const PRESENT_WORDS = new Set(['is', 'are', 'am', 'runs', 'opens', 'closes']);

/** Present-tense reporting verbs describe the report, not the event. */
const REPORTING = new Set(['says', 'tells', 'adds', 'notes', 'claims', 'reports']);

/**
 * Words right before a date that name when something falls due ("payable Dec. 15", "effective Feb. 1",
 * "until March 6"): such a date looks ahead even in a past-tense report ("declared a dividend payable
 * Dec. 15"), so it takes the nearest such date on either side, as in a present-tense clause.
 */
const FALLS_DUE = new Set(['payable', 'effective', 'until', 'till']);

/** Tokens that end a clause when scanning leftwards. */
const CLAUSE_BREAKS = new Set([';', ':', ',', '—', '–', '"', '“', '”', '``', "''", '(', ')', 'that', 'which', 'who', 'when', 'after', 'since']);

/**
 * `word.toLowerCase()`, or the word itself when it has no capital and no non-ASCII character: V8 lowers
 * slices of a two-byte text (most news) on a slow path. Words are remembered (the same capitalized words
 * recur before dates in every article: a new lowercase string each time was ~1 KB per document).
 */
function lowerCase(word: string): string {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if ((code >= 65 && code <= 90) || code >= 128) return word.length <= 40 ? rememberedLowerCase(word) : word.toLowerCase();
  }
  return word;
}

const rememberedLowerCase = boundedMemo((word: string) => word.toLowerCase(), 20_000);

/** How far (in tokens) the clause may reach to the left. */
const WINDOW = 8;

/**
 * Index of the first token whose end is after `offset` (binary search), or `tokens.length`.
 * @param tokens the document's tokens, in order
 * @param offset a character offset
 */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tokens[mid]!.end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The tense of the clause holding the expression that starts at `start`: the nearest tense-bearing word
 * to its left decides ("will meet on Friday" → future, "met Friday" → past, "runs June 3" → present);
 * news defaults to past.
 * @param tokens the document's tokens
 * @param sentences the document's sentences
 * @param start first character of the expression
 */
export function clauseTense(tokens: readonly Token[], sentences: readonly Sentence[], start: number): Tense {
  const first = tokenAt(tokens, start);
  const token = tokens[first];
  if (!token) return 'past';
  const sentence = sentences[token.sentence];
  const lower = Math.max(sentence ? sentence.tokenStart : 0, first - WINDOW);
  const due = fallsDue(tokens, first, lower);
  if (due === 'due') return 'present';
  let verbBefore = false;
  for (let i = first - 1; i >= lower; i--) {
    const text = lowerCase(tokens[i]!.text);
    if (CLAUSE_BREAKS.has(text)) break;
    const tense = tenseOf(tokens, i, first);
    if (tense) return tense;
    if (tokens[i]!.pos === 'VERB' || tokens[i]!.pos === 'AUX') verbBefore = true;
  }
  // "On Friday, the ministers will meet", "Until March 6 he lived in Rome": an expression that opens
  // its clause takes the tense of the verb after it.
  if (!verbBefore) {
    const after = tenseAfter(tokens, first, sentence ? sentence.tokenEnd : tokens.length);
    if (after) return after;
  }
  return due === 'until' ? 'present' : 'past';
}

/** The tense token `i` marks, if any ("said", "met" → past; "will" → future; "runs" → present). */
function tenseOf(tokens: readonly Token[], i: number, upper: number): Tense | null {
  const text = lowerCase(tokens[i]!.text);
  // "served until March 6": a past verb ends what "until" bounds in the past.
  if (PAST_WORDS.has(text) || (tokens[i]!.pos === 'VERB' && text.endsWith('ed') && text !== 'scheduled' && text !== 'expected')) return 'past';
  if (isFutureMarker(tokens, i, upper)) return 'future';
  if (PRESENT_WORDS.has(text) || (tokens[i]!.pos === 'VERB' && /[^s]s$/.test(text) && !REPORTING.has(text))) return 'present';
  return null;
}

/**
 * The tense of the first verb after an expression that opens its clause, within {@link WINDOW} tokens
 * and the sentence: the commas of a leading phrase ("On Friday, …") are passed over, other clause
 * breaks end the search; a verb without a tense mark ("fell") ends it too.
 */
function tenseAfter(tokens: readonly Token[], first: number, end: number): Tense | null {
  const upper = Math.min(end, first + 2 * WINDOW);
  for (let i = first + 1; i < upper; i++) {
    const text = lowerCase(tokens[i]!.text);
    if (CLAUSE_BREAKS.has(text) && !(text === ',' && i - first <= 5)) return null;
    const tense = tenseOf(tokens, i, upper);
    if (tense) return tense;
    if (tokens[i]!.pos === 'VERB') return null;
  }
  return null;
}

/**
 * Whether the expression at `first` follows a {@link FALLS_DUE} word, with or without "on": `until` for
 * "until"/"till" (the clause decides, but it is not past by default: a past verb must end the span), `due` for the others.
 */
function fallsDue(tokens: readonly Token[], first: number, lower: number): 'due' | 'until' | null {
  let i = first - 1;
  if (i >= lower && lowerCase(tokens[i]!.text) === 'on') i--;
  if (i < lower) return null;
  const text = lowerCase(tokens[i]!.text);
  if (!FALLS_DUE.has(text)) return null;
  return text === 'until' || text === 'till' ? 'until' : 'due';
}

function isFutureMarker(tokens: readonly Token[], i: number, upper: number): boolean {
  const text = lowerCase(tokens[i]!.text);
  if (!FUTURE_WORDS.has(text)) return false;
  const next = i + 1 < upper ? lowerCase(tokens[i + 1]!.text) : '';
  const previous = i > 0 ? lowerCase(tokens[i - 1]!.text) : '';
  // "could have", "will have been": a modal looking back.
  if (next === 'have' || next === "'ve") return false;
  switch (text) {
    case 'set': case 'going': case 'due': case 'plans': case 'plan': case 'planning': case 'intends': case 'aims': case 'hopes': case 'expected':
      return next === 'to' || next === 'for';
    case 'soon': case 'early':
      return previous === 'as' && next === 'as';
    case 'may':
      return tokens[i]!.pos === 'AUX' || tokens[i]!.pos === 'VERB';
    default:
      return true;
  }
}
