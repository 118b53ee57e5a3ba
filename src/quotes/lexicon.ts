/**
 * The cue lexicon: reporting verbs and phrases ("said", "according to"), matched on word forms.
 * A cue entry is a lemma or a multi-word phrase of lemmas ("point out"); every inflection of its
 * first word is generated here, so the stage matches "says", "said", "saying" from the one entry "say".
 */

/** The default reporting verbs and phrases, as lemmas. */
export const DEFAULT_CUES: readonly string[] = [
  'say', 'tell', 'add', 'warn', 'state', 'according to', 'ask', 'explain', 'note', 'argue', 'claim',
  'insist', 'announce', 'report', 'write', 'suggest', 'acknowledge', 'admit', 'agree', 'allege',
  'assert', 'boast', 'caution', 'charge', 'comment', 'complain', 'concede', 'conclude', 'confirm',
  'contend', 'declare', 'deny', 'describe', 'disclose', 'emphasize', 'estimate', 'predict', 'promise',
  'pledge', 'vow', 'recall', 'remark', 'reply', 'respond', 'reveal', 'stress', 'testify', 'tweet',
  'urge', 'continue', 'mention', 'point out', 'observe', 'maintain', 'believe', 'think', 'fear',
  'hope', 'expect', 'signal', 'indicate', 'show', 'find', 'call', 'criticize', 'accuse',
  'question', 'demand', 'propose', 'recommend', 'shout', 'post', 'quip', 'joke', 'lament',
  'muse', 'proclaim', 'retort', 'say in a statement', 'cite', 'assure', 'inform', 'remind', 'advise',
  'endorse', 'express', 'offer', 'praise', 'defend', 'reject', 'attack', 'blast', 'dismiss', 'denounce',
  'blame', 'reiterate', 'tout', 'decline', 'refuse', 'acknowledge', 'slam', 'mock', 'echo', 'insist',
  'characterize', 'exhort', 'lay out', 'spell out', 'speak', 'talk', 'discuss', 'suggest', 'imply',
  'refer to', 'point to', 'read', 'repeat', 'decry', 'condemn', 'email', 'request', 'highlight', 'sing',
  'chant', 'yell', 'scream', 'put it', 'make clear', 'make it clear', 'decide', 'answer',
  // Manners of speaking, mostly after a direct quote ("“Go back,” Trump barked").
  'interject', 'counter', 'bark', 'snap', 'recount', 'wonder', 'scoff', 'exclaim', 'whisper', 'mutter',
  'quote', 'gush', 'marvel', 'thunder', 'rail', 'plead', 'sigh',
  // Attitudes count as attributions in news analysis (PolNeAR): "X wants …", "X seems to …".
  'plan', 'want', 'seem', 'appear',
];

/** Irregular past forms of common reporting verbs. */
const IRREGULAR: Readonly<Record<string, readonly string[]>> = {
  say: ['said'],
  tell: ['told'],
  write: ['wrote', 'written'],
  read: [],
  sing: ['sang', 'sung'],
  make: ['made'],
  put: [],
  think: ['thought'],
  find: ['found'],
  show: ['shown'],
  tweet: [],
};

/** Verbs whose regular past form (`sayed`) does not exist. */
const NO_REGULAR_PAST = new Set(['say', 'tell', 'write', 'think', 'find', 'read', 'sing', 'make', 'put']);

/** All inflected forms of one verb lemma. */
export function inflections(lemma: string): string[] {
  const forms = new Set<string>([lemma]);
  const vowel = /[aeiou]/;
  const ending = lemma.slice(-1);
  // Third person: say → says, stress → stresses, deny → denies.
  if (/(s|sh|ch|x|z)$/.test(lemma)) forms.add(`${lemma}es`);
  else if (ending === 'y' && !vowel.test(lemma.slice(-2, -1))) forms.add(`${lemma.slice(0, -1)}ies`);
  else forms.add(`${lemma}s`);
  // Past: note → noted, deny → denied, add → added, admit → admitted.
  if (ending === 'e') forms.add(`${lemma}d`);
  else if (ending === 'y' && !vowel.test(lemma.slice(-2, -1))) forms.add(`${lemma.slice(0, -1)}ied`);
  else forms.add(`${lemma}ed`);
  const doubles = /^[^aeiou]*[aeiou][^aeiouwxy]$/.test(lemma) || /^(?:admit|commit|regret|quip|equip)$/.test(lemma);
  if (doubles) {
    forms.delete(`${lemma}ed`);
    forms.add(`${lemma}${ending}ed`);
    forms.add(`${lemma}${ending}ing`);
  }
  // Gerund: note → noting, say → saying, put → putting.
  if (ending === 'e' && !lemma.endsWith('ee')) forms.add(`${lemma.slice(0, -1)}ing`);
  else if (!doubles) forms.add(`${lemma}ing`);
  for (const form of IRREGULAR[lemma] ?? []) forms.add(form);
  if (NO_REGULAR_PAST.has(lemma)) for (const past of [`${lemma}ed`, `${lemma}d`, `${lemma}${ending}ed`]) forms.delete(past);
  return [...forms];
}

/** One cue entry: the accepted forms of its first word and the exact words that must follow. */
interface CueEntry {
  readonly lemma: string;
  readonly rest: readonly string[];
  /** What a match of it returns: one frozen object per cue, not a new one per match. */
  readonly found: { readonly length: number; readonly lemma: string };
}

/** Finds cues in a token stream by word form. */
export interface CueMatcher {
  /**
   * Number of tokens of the cue starting at token `i` of `words` (lower-cased token texts), or 0.
   * @param words lower-cased token texts
   * @param i index of the first word to try
   */
  match(words: readonly string[], i: number): { length: number; lemma: string } | null;
}

/** True when `words` from `from` on are exactly `rest`. */
function followedBy(words: readonly string[], from: number, rest: readonly string[]): boolean {
  for (let k = 0; k < rest.length; k++) if (words[from + k] !== rest[k]) return false;
  return true;
}

/**
 * Build a matcher for a list of cue lemmas or phrases.
 * @param cues lemmas ("say") or phrases whose first word is inflected ("point out")
 */
export function createCueMatcher(cues: readonly string[]): CueMatcher {
  const byForm = new Map<string, CueEntry[]>();
  for (const cue of cues) {
    const [head, ...rest] = cue.toLowerCase().trim().split(/\s+/);
    if (!head) continue;
    // "according to" is not a verb: match it as written.
    const forms = rest.length > 0 && head === 'according' ? [head] : inflections(head);
    const lemma = cue.toLowerCase();
    const found = Object.freeze({ length: 1 + rest.length, lemma });
    for (const form of forms) {
      const list = byForm.get(form) ?? [];
      list.push({ lemma, rest, found });
      byForm.set(form, list);
    }
  }
  // Longest phrases first, so "say in a statement" wins over "say".
  for (const list of byForm.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  return {
    match(words, i) {
      const entries = byForm.get(words[i] ?? '');
      if (!entries) return null;
      // A loop, not `rest.every(…)`: no closure per entry tried (this runs for every verb).
      for (const entry of entries) if (followedBy(words, i + 1, entry.rest)) return entry.found;
      return null;
    },
  };
}
