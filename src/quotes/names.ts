/**
 * Fallback names for speakers when the recognize-names stage gives none: runs of capitalized proper
 * nouns, with leading titles ("Foreign Minister", "Mr.") left out and organization heads typed.
 */
import type { Mention, MentionType, Token } from '../model/document.js';
import { makeSpan } from '../model/span.js';
import { lowerCase } from './tokens.js';

const TITLES = new Set(
  [
    'mr.', 'mrs.', 'ms.', 'dr.', 'sen.', 'rep.', 'gov.', 'gen.', 'lt.', 'col.', 'prof.', 'rev.', 'sgt.', 'capt.',
    'president', 'vice', 'minister', 'prime', 'foreign', 'secretary', 'senator', 'governor', 'mayor', 'chairman',
    'chairwoman', 'chief', 'executive', 'director', 'general', 'deputy', 'former', 'state', 'defense', 'finance',
    'justice', 'speaker', 'leader', 'ambassador', 'spokesman', 'spokeswoman', 'spokesperson', 'king', 'queen',
    'prince', 'pope', 'judge', 'attorney', 'candidate', 'nominee', 'representative', 'democrat', 'republican',
    'sir', 'lord', 'dame', 'premier', 'chancellor', 'commissioner', 'inspector', 'officer', 'coach', 'ceo',
    'u.s.', 'us', 'south', 'north', 'korean', 'american', 'japanese', 'chinese', 'british', 'french', 'german',
    'majority', 'minority', 'whip',
  ].map((word) => word.toLowerCase()),
);

/** True for a title word that may stand before a name ("Dr.", "Sen.", "President"), lower-cased. */
export function isTitleWord(lower: string): boolean {
  return TITLES.has(lower);
}

const ORG_HEADS = new Set(
  [
    'ministry', 'department', 'agency', 'office', 'council', 'committee', 'commission', 'party', 'university',
    'times', 'post', 'news', 'journal', 'press', 'court', 'house', 'senate', 'congress', 'parliament', 'bank',
    'group', 'company', 'corp', 'corp.', 'inc', 'inc.', 'ltd', 'association', 'institute', 'foundation',
    'service', 'administration', 'board', 'bureau', 'campaign', 'center', 'centre', 'fund', 'police', 'army',
    'network', 'reuters', 'ap', 'yonhap', 'cnn', 'bbc', 'fbi', 'cia', 'nato', 'un', 'eu', 'gop',
  ].map((word) => word.toLowerCase()),
);

/** First character is upper case (no regex: this runs on every token). */
const isCapitalized = (word: string): boolean => {
  const code = word.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  return /^\p{Lu}/u.test(word);
};

/** A run of name tokens `[from, to)` and its type. */
type NameRun = (from: number, to: number, type: MentionType) => void;

/**
 * Capitalized proper-noun runs as NAM mentions (PERSON, or ORGANIZATION by their last word).
 * @param text document text
 * @param tokens document tokens
 */
export function fallbackNames(text: string, tokens: readonly Token[]): Mention[] {
  const mentions: Mention[] = [];
  forEachNameRun(tokens, (from, to, type) => mentions.push(nameMention(text, tokens, from, to, type)));
  return mentions;
}

/** Calls `visit` with each fallback name's token range, in order. */
function forEachNameRun(tokens: readonly Token[], visit: NameRun): void {
  let i = 0;
  while (i < tokens.length) {
    if (!isName(tokens[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < tokens.length && isName(tokens[j]!) && tokens[j]!.sentence === tokens[i]!.sentence) j++;
    let from = i;
    const last = lowerCase(tokens[j - 1]!.text);
    const type: MentionType = ORG_HEADS.has(last) ? 'ORGANIZATION' : 'PERSON';
    // Titles before a person's name ("Foreign Minister Park Jin") are not part of it.
    while (type === 'PERSON' && from < j - 1 && TITLES.has(lowerCase(tokens[from]!.text))) from++;
    if (!(from === j - 1 && TITLES.has(lowerCase(tokens[from]!.text)))) visit(from, j, type);
    i = j;
  }
}

function nameMention(text: string, tokens: readonly Token[], from: number, to: number, type: MentionType): Mention {
  // A literal with the span's keys first (as `Object.assign(span, { type, form, entity })` gave): all
  // properties in the object, no side array and no object for the extra keys.
  const span = makeSpan(text, tokens[from]!.start, tokens[to - 1]!.end);
  return { start: span.start, end: span.end, text: span.text, type, form: 'NAM', entity: null };
}

/** A capitalized proper noun, or a common noun written as a name ("Minister"): `/^\p{Lu}\p{Ll}/u`, ASCII without the regex. */
function isName(token: Token): boolean {
  const pos = token.pos;
  if (pos !== 'PROPN' && pos !== 'NOUN') return false;
  const word = token.text;
  if (!isCapitalized(word)) return false;
  if (pos === 'PROPN') return true;
  const first = word.charCodeAt(0);
  const second = word.charCodeAt(1);
  if (first < 128 && second < 128) return second >= 97 && second <= 122;
  return /^\p{Lu}\p{Ll}/u.test(word);
}

/**
 * The names speakers are matched against: the capitalized NAM mentions of recognize-names, plus
 * fallback names where it found none, sorted by offset.
 * @param text document text
 * @param recognized mentions from recognize-names (may be empty)
 * @param tokens document tokens
 * @param bodyStart nothing before this offset is used
 */
export function speakerNames(text: string, recognized: readonly Mention[], tokens: readonly Token[], bodyStart: number): Mention[] {
  const named = recognized.filter((m) => m.form === 'NAM' && m.start >= bodyStart && isCapitalized(m.text) && m.type !== 'MISC');
  let added: Mention[] | null = null;
  let k = 0;
  // Recognized names usually come in order: then no sorted copy.
  const sorted = isInOrder(named) ? named : [...named].sort((a, b) => a.start - b.start);
  // Only the fallback names clashing with no recognized name become mentions.
  forEachNameRun(tokens, (from, to, type) => {
    const start = tokens[from]!.start;
    if (start < bodyStart) return;
    const end = tokens[to - 1]!.end;
    while (k < sorted.length && sorted[k]!.end <= start) k++;
    const clash = k < sorted.length && sorted[k]!.start < end;
    if (!clash) (added ??= []).push(nameMention(text, tokens, from, to, type));
  });
  if (added === null) return isInOrder(named) ? named : named.sort(byStartEnd);
  // Both lists in order (the usual case): merged, as the stable sort of the two joined would order them.
  if (isInOrder(named) && isInOrder(added)) return merge(named, added);
  return named.concat(added).sort(byStartEnd);
}

/** Two lists in order merged into one; on a tie the first list's mention comes first (a stable sort). */
function merge(first: readonly Mention[], second: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  let a = 0;
  let b = 0;
  while (a < first.length && b < second.length) {
    if (byStartEnd(second[b]!, first[a]!) < 0) out.push(second[b++]!);
    else out.push(first[a++]!);
  }
  while (a < first.length) out.push(first[a++]!);
  while (b < second.length) out.push(second[b++]!);
  return out;
}

function byStartEnd(a: Mention, b: Mention): number {
  return a.start - b.start || a.end - b.end;
}

function isInOrder(mentions: readonly Mention[]): boolean {
  for (let i = 1; i < mentions.length; i++) if (byStartEnd(mentions[i - 1]!, mentions[i]!) > 0) return false;
  return true;
}
