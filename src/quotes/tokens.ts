/**
 * A token view of a document for quote extraction: lower-cased words, paragraph of each token, which
 * quoted region each token is in, and noun-phrase walks used to find speakers.
 */
import type { Mention, Token } from '../model/document.js';
import type { QuotedRegion } from './marks.js';

/** Tokens plus the lookups the quote rules need. */
export interface TokenView {
  /** The document text. */
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly words: readonly string[];
  /** Index of the line-delimited block a token is in (a paragraph, or a line of one). */
  readonly paragraph: ArrayLike<number>;
  /** Index of the top-level quoted region a token lies in, or -1. */
  readonly region: ArrayLike<number>;
}

/** A token range `[from, to)`. */
export interface Range {
  from: number;
  to: number;
}

const QUOTE_MARK = /^["“”„«»‘’'`‚‹›]+$/;

/** True for a token that is only quotation marks. */
export function isQuoteMark(word: string): boolean {
  return QUOTE_MARK.test(word);
}

/**
 * Build the token view. A line break starts a new block: many sources put one paragraph per line.
 * @param text the document text
 * @param tokens the document tokens, in order
 * @param regions top-level quoted regions, in order
 * @param lowered the tokens' words lower-cased ({@link lowerCase}), when already computed
 */
export function buildTokenView(
  text: string,
  tokens: readonly Token[],
  regions: readonly QuotedRegion[],
  lowered?: readonly string[],
): TokenView {
  const words: string[] = lowered ? (lowered as string[]) : new Array(tokens.length);
  // Typed arrays: no boxing, and out-of-range reads still give undefined.
  const paragraph = new Int32Array(tokens.length);
  let block = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!lowered) words[i] = lowerCase(token.text);
    const gapStart = i > 0 ? tokens[i - 1]!.end : token.start;
    for (let c = gapStart; c < token.start; c++) {
      if (text.charCodeAt(c) === 10) {
        block++;
        break;
      }
    }
    paragraph[i] = block;
  }
  const region = new Int32Array(tokens.length).fill(-1);
  let r = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    while (r < regions.length && regions[r]!.end <= token.start) r++;
    const current = regions[r];
    if (current && token.start >= current.start && token.end <= current.end) region[i] = r;
  }
  return { text, tokens, words, paragraph, region };
}

/**
 * `word.toLowerCase()`, returning the word itself when it has no capital and no non-ASCII character:
 * news text is mostly a two-byte string (curly quotes), and V8 lowers two-byte strings on a slow path.
 */
export function lowerCase(word: string): string {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if ((code >= 65 && code <= 90) || (code >= 128 && !isCaseless(code))) return rememberedLowerCase(word);
  }
  return word;
}

/** Lower-cased words with a capital, remembered (bounded): the same words recur in every article. */
const LOWERED = new Map<string, string>();
const LOWERED_LIMIT = 20_000;
const LOWERED_MAX_LENGTH = 40;

function rememberedLowerCase(word: string): string {
  const known = LOWERED.get(word);
  if (known !== undefined) return known;
  const lower = word.toLowerCase();
  if (word.length <= LOWERED_MAX_LENGTH) {
    if (LOWERED.size >= LOWERED_LIMIT) LOWERED.clear();
    LOWERED.set(word, lower);
  }
  return lower;
}

/**
 * True for a non-ASCII code unit that lower-casing leaves alone and that never starts a surrogate
 * pair: Latin-1 symbols and lowercase letters (U+0080–U+00BF, U+00D7, U+00DF–U+00FF) and general
 * punctuation, super- and subscripts and currency signs (U+2000–U+20FF: curly quotes, dashes).
 */
function isCaseless(code: number): boolean {
  return code < 0xc0 || code === 0xd7 || (code >= 0xdf && code <= 0xff) || (code >= 0x2000 && code <= 0x20ff);
}

/** First index of `mentions` (sorted by offsets) whose end is after `offset` (binary search). */
export function firstEndingAfter(mentions: readonly Mention[], offset: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (mentions[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First token index whose start is ≥ `offset` (binary search). */
export function tokenAtOrAfter(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Parts of speech of a noun phrase's words; any of them may open one ("the", "former", "Park", "26"). */
export const NP_POS: ReadonlySet<string> = new Set(['PROPN', 'NOUN', 'DET', 'ADJ', 'NUM']);
const NP_LINKS = new Set(['of', 'for', 'at', '-', '&', "'s", '’s']);
const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'who', 'which', 'you']);
const RELATIVES = new Set(['who', 'which']);
/** Words between a subject and its reporting verb: "Park also said", "he has said". */
const BETWEEN = new Set(['ADV', 'AUX', 'PART']);

/** Pronouns that can be speakers. */
export function isSpeakerPronoun(word: string): boolean {
  return PRONOUNS.has(word);
}

function usable(view: TokenView, i: number, paragraph: number): boolean {
  return i >= 0 && i < view.tokens.length && view.region[i] === -1 && view.paragraph[i] === paragraph;
}

/**
 * The noun phrase ending right before token `end` (a subject before its verb), skipping adverbs and
 * auxiliaries first ("Park also said", "he has said"). Returns null when there is none.
 * @param view token view
 * @param end index of the verb
 */
export function nounPhraseBefore(view: TokenView, end: number): Range | null {
  const paragraph = view.paragraph[end] ?? -1;
  let i = end - 1;
  let skipped = 0;
  while (usable(view, i, paragraph) && BETWEEN.has(view.tokens[i]!.pos) && !isPossessive(view.words[i]!) && skipped < 3) {
    i--;
    skipped++;
  }
  if (!usable(view, i, paragraph)) return null;
  // "Sen. Bernie Sanders (I-Vt.) said": the subject is the phrase before a parenthesis.
  if (view.words[i] === ')') {
    const open = openingParenthesis(view, i, paragraph);
    if (open < 0 || !usable(view, open - 1, paragraph)) return null;
    i = open - 1;
  }
  if (RELATIVES.has(view.words[i]!)) {
    // "Morial, who said …": the speaker is the phrase the relative pronoun stands for.
    const antecedent = nounPhraseBefore(view, view.words[i - 1] === ',' ? i - 1 : i);
    return antecedent && antecedent.to <= i ? antecedent : { from: i, to: i + 1 };
  }
  if (PRONOUNS.has(view.words[i]!)) return { from: i, to: i + 1 };
  const to = i + 1;
  let from = to;
  while (usable(view, i, paragraph) && to - i <= 12) {
    const { pos } = view.tokens[i]!;
    const word = view.words[i]!;
    if (NP_POS.has(pos) || isPossessive(word)) {
      if (CLAUSE_WORDS.has(word)) break; // "said that President Obama …": "that" opens a clause
      from = i;
      if (pos === 'DET') break;
    } else if (NP_LINKS.has(word) && from === i + 1 && from < to && usable(view, i - 1, paragraph) && /NOUN|PROPN/.test(view.tokens[i - 1]!.pos)) {
      from = i;
    } else if (word === 'of' && from === i + 1 && view.words[i - 1] === 'out' && usable(view, i - 2, paragraph) && view.tokens[i - 2]!.pos === 'NUM') {
      // "nine out of 10"
      from = i - 2;
      i -= 2;
    } else break;
    i--;
  }
  if (from === to || isTimePhrase(view, from, to)) return null;
  // A noun phrase must have a noun or a name in it.
  for (let k = from; k < to; k++) if (/NOUN|PROPN|NUM/.test(view.tokens[k]!.pos)) return { from, to };
  return null;
}

/** The `(` that the `)` at token `close` closes, within a few tokens of the same paragraph, or -1. */
function openingParenthesis(view: TokenView, close: number, paragraph: number): number {
  for (let k = close - 1; k >= 0 && close - k <= 10 && usable(view, k, paragraph); k--) {
    if (view.words[k] === '(') return k;
    if (view.words[k] === ')') return -1;
  }
  return -1;
}

const CLAUSE_WORDS = new Set(['that', 'which', 'what', 'whose', 'this', 'these', 'those']);
const TIME_WORDS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight',
  'morning', 'afternoon', 'evening', 'night', 'week', 'month', 'year', 'day', 'weekend', 'time', 'january',
  'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'last', 'next', 'this', 'earlier', 'later', 'recently', 'ago',
]);

/** "Friday", "last week", "this month": a time phrase is never a speaker. */
export function isTimePhrase(view: TokenView, from: number, to: number): boolean {
  let timeWord = false;
  for (let k = from; k < to; k++) {
    const word = view.words[k]!;
    if (TIME_WORDS.has(word) || /^(?:1[89]|20)\d\d$/.test(word)) timeWord = true;
    else if (!/^\d+$/.test(word)) return false;
  }
  // A number alone is a count ("nine out of 10 say"), a year or a number with a time word is a time.
  return timeWord;
}

/**
 * The noun phrase starting at token `start` ("said Park", "according to the ministry").
 * @param view token view
 * @param start first token to try
 */
export function nounPhraseAfter(view: TokenView, start: number): Range | null {
  const paragraph = view.paragraph[start] ?? -1;
  if (!usable(view, start, paragraph) || NP_LINKS.has(view.words[start]!) || CLAUSE_WORDS.has(view.words[start]!)) return null;
  if (PRONOUNS.has(view.words[start]!)) return { from: start, to: start + 1 };
  let i = start;
  let to = start;
  while (usable(view, i, paragraph) && i - start < 12) {
    const { pos } = view.tokens[i]!;
    const word = view.words[i]!;
    if (NP_POS.has(pos) || isPossessive(word)) {
      if (pos === 'DET' && i > start && !isPossessive(view.words[i - 1]!) && !NP_LINKS.has(view.words[i - 1]!)) break;
      to = i + 1;
    } else if (NP_LINKS.has(word) && to === i && usable(view, i + 1, paragraph) && NP_POS.has(view.tokens[i + 1]!.pos)) {
      // "a spokesperson for the ministry": keep going over the link.
    } else break;
    i++;
  }
  if (to === start || isTimePhrase(view, start, to)) return null;
  for (let k = start; k < to; k++) if (/NOUN|PROPN|NUM/.test(view.tokens[k]!.pos)) return { from: start, to };
  return null;
}

function isPossessive(word: string): boolean {
  return word === "'s" || word === '’s' || word === "'" || word === '’';
}

/** The last named mention ending inside a token range, or null. */
export function nameIn(view: TokenView, range: Range, mentions: readonly Mention[]): Mention | null {
  const start = view.tokens[range.from]!.start;
  const end = view.tokens[range.to - 1]!.end;
  let best: Mention | null = null;
  for (let k = firstEndingAfter(mentions, start); k < mentions.length && mentions[k]!.start < end; k++) {
    const mention = mentions[k]!;
    if (mention.start >= start && mention.end <= end) best = mention;
  }
  return best;
}
