/**
 * Tense of the clause around a time expression, from the segmenter's tokens: a future auxiliary or a
 * scheduling word ("will", "'ll", "is to be held", "scheduled") makes it future; news defaults to past.
 */
import type { Sentence, Token } from '../model/document.js';
import type { Tense } from './resolve.js';

/** Words that, within the clause, make a weekday or month point forward. */
const FUTURE_WORDS = new Set([
  'will', "'ll", '’ll', 'shall', 'wo', 'scheduled', 'schedule', 'planned', 'plans', 'plan', 'expected', 'expects',
  'due', 'upcoming', 'next', 'tomorrow', 'could', 'might', 'may', 'set', 'intends', 'going', 'slated', 'begins',
  'starts', 'aims', 'hopes', 'until', 'by',
]);

/** Words that end a clause when scanning outwards. */
const CLAUSE_BREAKS = new Set([';', ':', '—', '–', '"', '“', '”', '``', "''", '(', ')']);

/** How far (in tokens) the clause may reach on either side. */
const WINDOW = 10;

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
 * The tense of the clause holding `[start, end)`.
 * @param tokens the document's tokens
 * @param sentences the document's sentences
 * @param start first character of the expression
 * @param end end of the expression
 */
export function clauseTense(tokens: readonly Token[], sentences: readonly Sentence[], start: number, end: number): Tense {
  const first = tokenAt(tokens, start);
  const token = tokens[first];
  if (!token) return 'past';
  const sentence = sentences[token.sentence];
  const lower = sentence ? sentence.tokenStart : 0;
  const upper = sentence ? sentence.tokenEnd : tokens.length;
  for (let i = first - 1; i >= Math.max(lower, first - WINDOW); i--) {
    const text = tokens[i]!.text.toLowerCase();
    if (CLAUSE_BREAKS.has(text)) break;
    if (isFutureMarker(tokens, i, upper)) return 'future';
  }
  const last = tokenAt(tokens, end);
  for (let i = last; i < Math.min(upper, last + WINDOW); i++) {
    const text = tokens[i]!.text.toLowerCase();
    if (CLAUSE_BREAKS.has(text)) break;
    if (isFutureMarker(tokens, i, upper)) return 'future';
  }
  return 'past';
}

function isFutureMarker(tokens: readonly Token[], i: number, upper: number): boolean {
  const text = tokens[i]!.text.toLowerCase();
  if (!FUTURE_WORDS.has(text)) return false;
  const next = i + 1 < upper ? tokens[i + 1]!.text.toLowerCase() : '';
  // "could have", "will have been": a modal looking back.
  if (next === 'have' || next === "'ve") return false;
  if (text === 'set' || text === 'going' || text === 'due' || text === 'plans' || text === 'plan' || text === 'aims' || text === 'hopes' || text === 'intends') return next === 'to' || next === 'for';
  if (text === 'may') return tokens[i]!.pos === 'AUX' || tokens[i]!.pos === 'VERB';
  if (text === 'by' || text === 'until') return false;
  return true;
}
