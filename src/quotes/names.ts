/**
 * Fallback names for speakers when the recognize-names stage gives none: runs of capitalized proper
 * nouns, with leading titles ("Foreign Minister", "Mr.") left out and organization heads typed.
 */
import type { Mention, MentionType, Token } from '../model/document.js';
import { makeSpan } from '../model/span.js';

const TITLES = new Set(
  [
    'mr.', 'mrs.', 'ms.', 'dr.', 'sen.', 'rep.', 'gov.', 'gen.', 'lt.', 'col.', 'prof.', 'rev.', 'sgt.', 'capt.',
    'president', 'vice', 'minister', 'prime', 'foreign', 'secretary', 'senator', 'governor', 'mayor', 'chairman',
    'chairwoman', 'chief', 'executive', 'director', 'general', 'deputy', 'former', 'state', 'defense', 'finance',
    'justice', 'speaker', 'leader', 'ambassador', 'spokesman', 'spokeswoman', 'spokesperson', 'king', 'queen',
    'prince', 'pope', 'judge', 'attorney', 'candidate', 'nominee', 'representative', 'democrat', 'republican',
    'sir', 'lord', 'dame', 'premier', 'chancellor', 'commissioner', 'inspector', 'officer', 'coach', 'ceo',
    'u.s.', 'us', 'south', 'north', 'korean', 'american', 'japanese', 'chinese', 'british', 'french', 'german',
  ].map((word) => word.toLowerCase()),
);

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

/**
 * Capitalized proper-noun runs as NAM mentions (PERSON, or ORGANIZATION by their last word).
 * @param text document text
 * @param tokens document tokens
 */
export function fallbackNames(text: string, tokens: readonly Token[]): Mention[] {
  const mentions: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isName(tokens[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < tokens.length && isName(tokens[j]!) && tokens[j]!.sentence === tokens[i]!.sentence) j++;
    let from = i;
    const last = tokens[j - 1]!.text.toLowerCase();
    const type: MentionType = ORG_HEADS.has(last) ? 'ORGANIZATION' : 'PERSON';
    // Titles before a person's name ("Foreign Minister Park Jin") are not part of it.
    while (type === 'PERSON' && from < j - 1 && TITLES.has(tokens[from]!.text.toLowerCase())) from++;
    if (!(from === j - 1 && TITLES.has(tokens[from]!.text.toLowerCase()))) {
      // Object.assign, not a spread: Node 20 builds `{ ...a, b }` on a slow path (~2 µs an object).
      mentions.push(Object.assign(makeSpan(text, tokens[from]!.start, tokens[j - 1]!.end), { type, form: 'NAM' as const, entity: null }));
    }
    i = j;
  }
  return mentions;
}

function isName(token: Token): boolean {
  if (token.pos !== 'PROPN' && token.pos !== 'NOUN') return false;
  if (!isCapitalized(token.text)) return false;
  return token.pos === 'PROPN' || /^\p{Lu}\p{Ll}/u.test(token.text);
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
  const named = recognized.filter((m) => m.form === 'NAM' && m.start >= bodyStart && /^\p{Lu}/u.test(m.text) && m.type !== 'MISC');
  const fallback = fallbackNames(text, tokens).filter((m) => m.start >= bodyStart);
  const all = [...named];
  let k = 0;
  const sorted = [...named].sort((a, b) => a.start - b.start);
  for (const name of fallback) {
    while (k < sorted.length && sorted[k]!.end <= name.start) k++;
    const clash = k < sorted.length && sorted[k]!.start < name.end;
    if (!clash) all.push(name);
  }
  return all.sort((a, b) => a.start - b.start || a.end - b.end);
}
