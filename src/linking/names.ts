/**
 * Name normalization for entity linking: comparison keys, cleaned display names (titles, possessives and
 * descriptors stripped), acronyms, a small alias table for very common short forms, and stable id slugs.
 * Everything here is a pure function of its input, so ids are the same in every article and every run.
 */
import { boundedMemo } from '../model/bounded-memo.js';
import type { MentionType } from '../model/document.js';

/** Words that name a role, not a person: stripped from person names ("Foreign Minister Park Jin"). */
const TITLE_WORDS = new Set(
  (
    'president vice prime minister secretary deputy chief executive officer ceo cfo coo cto chairman chairwoman ' +
    'chairperson chair director spokesman spokeswoman spokesperson senator sen rep representative congressman ' +
    'congresswoman governor gov mayor judge justice presiding general gen colonel col lieutenant lt sergeant sgt ' +
    'admiral adm captain capt commander king queen prince princess pope emperor empress sheikh mr mrs ms miss mx dr ' +
    'prof professor sir dame lord lady rev reverend ambassador commissioner chancellor premier founder cofounder ' +
    'co-founder head manager coach attorney analyst economist state foreign defense defence finance interior trade ' +
    'senior former acting managing minister-designate president-elect leader speaker envoy officials official'
  ).split(' '),
);

/** Lowercase words allowed inside a person name ("Ludwig van Beethoven"). */
const NAME_PARTICLES = new Set('van von de der den da di du la le bin ibn al el dos das del della ter ten'.split(' '));

/** Lowercase words allowed inside an organization name ("Bank of America", "Procter & Gamble"). */
const NAME_CONNECTORS = new Set('of the and & for de du la le des del di da y on in to'.split(' '));

/** Words skipped when taking initials ("Bank of America" → BoA / BA). */
const FUNCTION_WORDS = new Set('of the and & for de du la le des del di da y on in to a an'.split(' '));

/** Legal-form suffixes ignored when comparing organization names ("Chrysler LLC" = "Chrysler"). */
const CORPORATE_SUFFIXES = new Set(
  'inc incorporated corp corporation co company llc ltd limited plc group spa nv ag sa gmbh holdings lp llp bv ab asa oyj'.split(
    ' ',
  ),
);

/**
 * Very common short forms whose expansion is rarely written next to them. Keys are comparison keys
 * (see {@link nameKey}); values are the canonical display name. Only used when the surface form has
 * capitals, so the pronoun "us" never becomes the United States.
 */
const ALIAS_TABLE: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'united states': ['us', 'usa', 'united states of america', 'the united states'],
    'united kingdom': ['uk', 'great britain', 'britain'],
    'united nations': ['un'],
    'european union': ['eu'],
    'south korea': ['rok', 'republic of korea'],
    'north korea': ['dprk', 'democratic people republic of korea'],
    'soviet union': ['ussr'],
    'united arab emirates': ['uae'],
  }).flatMap(([canonical, aliases]) => {
    const display = canonical.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
    return [[canonical, display] as const, ...aliases.map((alias) => [alias, display] as const)];
  }),
);

/**
 * The comparison key of a name: case, diacritics, periods, hyphens, apostrophes and a trailing
 * possessive are normalized away ("Yoon Suk-yeol" = "yoon suk yeol", "U.S." = "us", "Park’s" = "park").
 * @param name a name as written
 */
export function nameKey(name: string): string {
  return name.length > 200 ? computeNameKey(name) : rememberedNameKey(name);
}

/** How many name keys {@link nameKey} remembers: names recur within and across documents. */
const NAME_KEY_CACHE = 50_000;
const rememberedNameKey = boundedMemo(computeNameKey, NAME_KEY_CACHE);

function computeNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/'s?(?=\s|$)/g, '')
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .trim();
}

/** Key tokens of a name. */
export function keyTokens(name: string): string[] {
  const key = nameKey(name);
  return key === '' ? [] : key.split(' ');
}

/** Key tokens without a trailing legal form ("Ford Motor Company" → ford motor). Never empties the name. */
export function coreTokens(tokens: readonly string[], type: MentionType): string[] {
  if (type !== 'ORGANIZATION') return [...tokens];
  let end = tokens.length;
  while (end > 1 && CORPORATE_SUFFIXES.has(tokens[end - 1] ?? '')) end--;
  return tokens.slice(0, end);
}

/** True when a word is written with a capital (or in a script without case, such as Korean or Chinese). */
function isCapitalized(word: string): boolean {
  const first = word.replace(/^[^\p{L}\p{N}]+/u, '')[0];
  if (first === undefined) return false;
  if (/\p{N}/u.test(first)) return true;
  return first !== first.toLowerCase() || first === first.toUpperCase();
}

/** True for a word ending in a possessive ("Korea’s", "Beatles'"). */
function isPossessive(word: string): boolean {
  return /['’](s)?$/i.test(word) && word.length > 2;
}

function stripPossessive(word: string): string {
  return word.replace(/['’]s$/i, '').replace(/(?<=s)['’]$/i, '');
}

/** True when a word looks like an acronym: 2–8 capitals, optionally with periods ("GSOMIA", "U.S."). */
export function isAcronym(word: string): boolean {
  const bare = word.replace(/\./g, '');
  return /^[A-Z][A-Z&]{1,7}$/.test(bare);
}

/**
 * A name cleaned for display and comparison.
 */
export interface CleanName {
  /** The name as it should be shown: titles, descriptors, possessives and "the" removed. */
  readonly display: string;
  /** Comparison key of `display`. */
  readonly key: string;
  /** Key tokens. */
  readonly tokens: readonly string[];
  /** Key tokens without a legal-form suffix (organizations). */
  readonly core: readonly string[];
  /** The key used to match names: `core` joined ("Apple Inc." and "Apple" both match `apple`). */
  readonly match: string;
  /** Keys of the whitespace-separated words (a hyphenated compound stays one word: "boeing air"). */
  readonly words: readonly string[];
  /** True when the whole name is an acronym. */
  readonly acronym: boolean;
  /** Lowercased title words stripped from the front ("minister", "secretary"): context for linking. */
  readonly titles: readonly string[];
  /** An acronym written in parentheses inside the mention ("General Motors (GM"). */
  readonly parenthesized: string | null;
  /** `coreTokens(words, 'ORGANIZATION')`: the words without a legal-form suffix (organization short forms). */
  readonly wordsCore: readonly string[];
  /** `initials(tokens)` (acronym candidates). */
  readonly initials: readonly string[];
  /**
   * Memo of {@link entityIdOfName}: the type it was last asked for (null: never) and that id. Not part of
   * the name's value: written on the shared object, so the id is one property read away, not a look-up
   * in a 50,000-entry memo that is out of cache inside a run.
   */
  idType: MentionType | null;
  id: string;
}

/**
 * Clean a mention's text into a name: cut at a parenthesis or comma, drop leading descriptors and
 * possessive owners ("South Korea’s Foreign Ministry" → Foreign Ministry, "US automaker GM" → GM),
 * and for people drop titles ("US Secretary of State Antony Blinken" → Antony Blinken).
 * @param text the mention text
 * @param type the mention type
 */
export function cleanName(text: string, type: MentionType): CleanName {
  const remembered = cleanNames[type] as ((text: string) => CleanName) | undefined;
  return text.length > 200 || remembered === undefined ? computeCleanName(text, type) : remembered(text);
}

/** How many cleaned names {@link cleanName} remembers per type: a mention's text recurs within and across documents. */
const CLEAN_NAME_CACHE = 20_000;
/** Shared results, so callers must not change them (every field is readonly). */
const cleanNames: Record<MentionType, (text: string) => CleanName> = {
  PERSON: boundedMemo((text) => computeCleanName(text, 'PERSON'), CLEAN_NAME_CACHE),
  ORGANIZATION: boundedMemo((text) => computeCleanName(text, 'ORGANIZATION'), CLEAN_NAME_CACHE),
  LOCATION: boundedMemo((text) => computeCleanName(text, 'LOCATION'), CLEAN_NAME_CACHE),
  MISC: boundedMemo((text) => computeCleanName(text, 'MISC'), CLEAN_NAME_CACHE),
};

function computeCleanName(text: string, type: MentionType): CleanName {
  let parenthesized: string | null = null;
  let body = text;
  const paren = body.indexOf('(');
  if (paren >= 0) {
    const inside = body.slice(paren + 1).replace(/\).*$/s, '').trim();
    if (isAcronym(inside)) parenthesized = inside.replace(/\./g, '');
    body = body.slice(0, paren);
  }
  // A whole name from the table wins over the word rules ("Democratic People's Republic of Korea").
  const whole = /\p{Lu}/u.test(body) ? ALIAS_TABLE.get(nameKey(body.replace(/^\s*the\s+/i, ''))) : undefined;
  const words = whole !== undefined ? [whole] : chooseNamePart(body, type);
  const titles: string[] = [];
  // Keep the trailing run of name words: stop at a lowercase descriptor, a possessive owner or (people) a title.
  let start = words.length;
  while (start > 0) {
    const word = words[start - 1] ?? '';
    const isLast = start === words.length;
    if (!isLast && isPossessive(word)) break;
    const lower = nameKey(word);
    if (type === 'PERSON') {
      if (TITLE_WORDS.has(lower) && !isLast) break;
      if (!isCapitalized(word) && !(NAME_PARTICLES.has(lower) && !isLast)) break;
    } else if (!isCapitalized(word)) {
      const next = words[start];
      const prev = words[start - 2];
      if (!(NAME_CONNECTORS.has(lower) && !isLast && next !== undefined && prev !== undefined && isCapitalized(prev))) break;
    }
    start--;
  }
  for (const word of words.slice(0, start)) {
    const lower = nameKey(word);
    if (TITLE_WORDS.has(lower)) titles.push(lower);
  }
  let kept = words.slice(start);
  if (kept.length > 0 && /^the$/i.test(kept[0] ?? '') && kept.length > 1) kept = kept.slice(1);
  if (kept.length === 0) kept = words.length > 0 ? words : [text.trim()];
  const last = kept.length - 1;
  kept[last] = stripPossessive(kept[last] ?? '');
  let display = kept.join(' ').replace(/[\s,;:]+$/, '').replace(/^[^\p{L}\p{N}]+|(?<![^\p{L}\p{N}.)&])[^\p{L}\p{N}.)&]+$/gu, '');
  if (display === '') display = text.trim();
  const acronym = kept.length === 1 && isAcronym(display);
  // "US Air Force" = "United States Air Force": expand a leading table acronym inside a longer name.
  if (kept.length > 1 && isAcronym(kept[0] ?? '')) {
    const expanded = ALIAS_TABLE.get(nameKey(kept[0] ?? ''));
    if (expanded !== undefined) display = `${expanded} ${kept.slice(1).join(' ')}`;
  }
  // The alias table only applies to capitalized forms, so the pronoun "us" is never the United States.
  const tableName = /\p{Lu}/u.test(display) ? ALIAS_TABLE.get(nameKey(display)) : undefined;
  if (tableName !== undefined) display = tableName;
  const key = nameKey(display);
  const tokens = key === '' ? [] : key.split(' ');
  const core = coreTokens(tokens, type);
  const nameWords = display.split(/\s+/).map((word) => nameKey(word));
  return {
    display,
    key,
    tokens,
    core,
    match: core.join(' '),
    words: nameWords,
    acronym: acronym && tableName === undefined,
    titles,
    parenthesized,
    wordsCore: coreTokens(nameWords, 'ORGANIZATION'),
    initials: initials(tokens),
    idType: null,
    id: '',
  };
}

/**
 * The comma-separated part of a mention that holds the name: "Dana Perino, the White House Press
 * Secretary" → Dana Perino; "Ryanair CEO, Michael O'Leary" → Michael O'Leary.
 */
function chooseNamePart(body: string, type: MentionType): string[] {
  const parts = body.split(/,\s/).map((part) => part.split(/\s+/).filter((word) => word !== ''));
  for (const part of parts) {
    const last = part.at(-1);
    if (last === undefined || !isCapitalized(last)) continue;
    if (type === 'PERSON' && TITLE_WORDS.has(nameKey(last))) continue;
    return part;
  }
  return parts[0] ?? [];
}

/**
 * Initials of a name, with and without function words ("General Security of Military Information
 * Agreement" → GSOMIA and GSMIA), uppercase. Empty for one-word names.
 * @param tokens key tokens of the name
 */
export function initials(tokens: readonly string[]): string[] {
  if (tokens.length < 2) return [];
  const all = tokens.map((token) => token[0] ?? '').join('');
  const content = tokens
    .filter((token) => !FUNCTION_WORDS.has(token))
    .map((token) => token[0] ?? '')
    .join('');
  return [...new Set([all.toUpperCase(), content.toUpperCase()])].filter((value) => value.length >= 2);
}

/** True when `short` abbreviates `long` by its initials ("GSOMIA" for the agreement). */
export function isInitialsOf(short: string, longTokens: readonly string[]): boolean {
  const bare = short.replace(/[.\s]/g, '').toUpperCase();
  return initials(longTokens).includes(bare);
}

/** True when every token of `short` matches `long` token by token, an initial matching a word ("J. Smith"). */
function tokensMatch(short: readonly string[], long: readonly string[]): boolean {
  return short.every((token, i) => {
    const other = long[i];
    if (other === undefined) return false;
    return token === other || (token.length === 1 && other.startsWith(token)) || (other.length === 1 && token.startsWith(other));
  });
}

/**
 * True when a shorter person name is part of a longer one: the surname or given name alone
 * ("Park" in "Park Jin", "Blinken" in "Antony Blinken"), or the name with initials ("J. Smith").
 * @param short key tokens of the shorter name
 * @param long key tokens of the longer name
 */
export function isPersonShortForm(short: readonly string[], long: readonly string[]): boolean {
  if (short.length === 0 || short.length >= long.length) {
    return short.length === long.length && short.length > 1 && tokensMatch(short, long) && short.join(' ') !== long.join(' ');
  }
  if (tokensMatch(short, long.slice(long.length - short.length))) return true;
  if (tokensMatch(short, long.slice(0, short.length))) return true;
  // "John Smith" in "John F. Smith": first and last tokens agree.
  return short.length >= 2 && tokensMatch([short[0] ?? ''], long) && short.at(-1) === long.at(-1);
}

/**
 * True when a shorter organization name is the start of a longer one ("Ford" → "Ford Motor",
 * "China Eastern" → "China Eastern Airlines"), compared without legal-form suffixes.
 */
export function isOrganizationShortForm(short: readonly string[], long: readonly string[]): boolean {
  if (short.length === 0 || short.length >= long.length) return false;
  // "General Motors and Chrysler" is two organizations, not a longer name of the first.
  const next = long[short.length] ?? '';
  if (next === 'and' || next === '&') return false;
  return short.every((token, i) => long[i] === token);
}

/**
 * An ASCII slug of a key, for ids ("Yoon Suk-yeol" → yoon-suk-yeol); empty when nothing ASCII is left.
 */
export function slug(key: string): string {
  return key
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** A short stable hash (FNV-1a, base 36) used to disambiguate ids. */
export function shortHash(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0').slice(0, 7);
}

/**
 * The corpus-wide id of an entity: `<type>:<slug of the canonical name>`, compared without legal-form
 * suffixes so "Chrysler LLC" and "Chrysler" share one id. A hash of the key is added only when the
 * slug is empty (a name in a non-Latin script).
 * @param type entity type
 * @param core key tokens without legal-form suffix
 */
export function entityId(type: MentionType, core: readonly string[]): string {
  return entityIdOfKey(type, core.join(' '));
}

/**
 * {@link entityId} of the joined core tokens (a {@link CleanName}'s `match`), remembered per type:
 * entity names recur across documents.
 * @param type entity type
 * @param key core tokens joined by spaces
 */
export function entityIdOfKey(type: MentionType, key: string): string {
  return rememberedIds[type](key);
}

/**
 * {@link entityIdOfKey} of a cleaned name's `match`, kept on the name for the type last asked for.
 * @param type entity type
 * @param clean the cleaned name
 */
export function entityIdOfName(type: MentionType, clean: CleanName): string {
  if (clean.idType === type) return clean.id;
  const id = entityIdOfKey(type, clean.match);
  clean.idType = type;
  clean.id = id;
  return id;
}

function computeEntityId(type: MentionType, key: string): string {
  const base = slug(key);
  return `${type.toLowerCase()}:${base === '' ? `x-${shortHash(key)}` : base}`;
}

const rememberedIds: Record<MentionType, (key: string) => string> = {
  PERSON: boundedMemo((key) => computeEntityId('PERSON', key), NAME_KEY_CACHE),
  ORGANIZATION: boundedMemo((key) => computeEntityId('ORGANIZATION', key), NAME_KEY_CACHE),
  LOCATION: boundedMemo((key) => computeEntityId('LOCATION', key), NAME_KEY_CACHE),
  MISC: boundedMemo((key) => computeEntityId('MISC', key), NAME_KEY_CACHE),
};

/** Pronouns that can be a quote's speaker. */
const PRONOUNS = new Set('he she they it i we you him her them his hers its their theirs one who this that'.split(' '));

/** True when a speaker span is a pronoun ("he", "She"). */
export function isPronoun(text: string): boolean {
  return PRONOUNS.has(text.trim().toLowerCase());
}

/** Length of the longest role word: a longer ASCII word is never one. */
export const TITLE_WORD_MAX_LENGTH = Math.max(...[...TITLE_WORDS].map((word) => word.length));

/** Start value of {@link titleHashStep}. */
export const TITLE_HASH_SEED = 0x011c9dc5;

/**
 * One step of a hash of a word's lowercase letters taken from its last letter back (FNV-1a, kept to
 * 30 bits: a small integer, never a heap number when stored or looked up).
 */
export function titleHashStep(hash: number, lowerCode: number): number {
  return Math.imul(hash ^ lowerCode, 0x01000193) & 0x3fffffff;
}

/** Hashes ({@link titleHashStep}, last letter first) of the role words: a word whose hash is not here is none. */
export const TITLE_WORD_HASHES: ReadonlySet<number> = new Set(
  [...TITLE_WORDS].map((word) => {
    let hash = TITLE_HASH_SEED;
    for (let i = word.length - 1; i >= 0; i--) hash = titleHashStep(hash, word.charCodeAt(i));
    return hash;
  }),
);

/** The role words by their {@link titleHashStep} hash (several when hashes collide). */
const TITLE_WORDS_BY_HASH: ReadonlyMap<number, readonly string[]> = (() => {
  const byHash = new Map<number, string[]>();
  for (const word of TITLE_WORDS) {
    let hash = TITLE_HASH_SEED;
    for (let i = word.length - 1; i >= 0; i--) hash = titleHashStep(hash, word.charCodeAt(i));
    const list = byHash.get(hash);
    if (list) list.push(word);
    else byHash.set(hash, [word]);
  }
  return byHash;
})();

/**
 * The role word written (in any case) as the ASCII letters `text[begin, end)` whose lowercase hash is
 * `hash`, else null: the same as `isTitleWord` of the lowercased slice, without building it.
 */
export function asciiTitleWordAt(text: string, begin: number, end: number, hash: number): string | null {
  const words = TITLE_WORDS_BY_HASH.get(hash);
  if (words === undefined) return null;
  for (const word of words) {
    if (word.length !== end - begin) continue;
    let i = 0;
    while (i < word.length && (text.charCodeAt(begin + i) | 32) === word.charCodeAt(i)) i++;
    if (i === word.length) return word;
  }
  return null;
}

/** True when a lowercased word names a role ("minister"), used as linking context. */
export function isTitleWord(word: string): boolean {
  return TITLE_WORDS.has(word);
}
