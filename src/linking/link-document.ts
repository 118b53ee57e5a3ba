/**
 * Within-document entity linking: groups one article's name mentions into entities.
 *
 * Linked: exact and spelling variants (case, hyphens, diacritics), a full name and its surname or given
 * name alone, titles and possessives (stripped by {@link cleanName}), initials, acronyms defined in
 * parentheses or matching a name's initials, the built-in alias table (US / U.S. / United States),
 * organization short forms ("Ford" → "Ford Motor Company") and "the ministry" when exactly one
 * organization ends in "Ministry". Pure: the same mentions give the same entities.
 */
import type { DocumentEntity, Mention, MentionType } from '../model/document.js';
import { makeSpan, overlaps, type Span } from '../model/span.js';
import {
  cleanName,
  entityIdOfKey,
  isAcronym,
  isOrganizationShortForm,
  isPersonShortForm,
  isTitleWord,
  nameKey,
  TITLE_HASH_SEED,
  TITLE_WORD_HASHES,
  TITLE_WORD_MAX_LENGTH,
  titleHashStep,
  shortHash,
  type CleanName,
} from './names.js';

/** One entity of a document, with what the linker learned about it. */
export interface LinkedEntity extends DocumentEntity {
  /** Indexes (into the output mentions) of the mentions that refer to it. */
  readonly mentionIndexes: readonly number[];
  /** Lowercased role words seen with it ("minister", "ceo"): context for corpus-wide linking. */
  readonly titles: readonly string[];
}

/** The result of linking one document's mentions. */
export interface DocumentLinks {
  /** The input mentions with `entity` set, plus NOM mentions for organization short forms, sorted by offset. */
  readonly mentions: Mention[];
  readonly entities: LinkedEntity[];
  /**
   * The role words of each linked name mention of the output (its own titles and those just before
   * it), as {@link mentionTitles} gives them: computed once here, reused for the corpus summary.
   */
  readonly mentionTitles: ReadonlyMap<Mention, readonly string[]>;
}

interface Cluster {
  readonly names: { clean: CleanName; mention: number }[];
  /** Each distinct written name once, with its earliest start: short-form checks stay linear. */
  readonly distinct: Map<string, { clean: CleanName; start: number }>;
  readonly keys: SmallSet;
  /** The words it is indexed under in {@link ClusterIndex} (`byToken`). */
  readonly tokens: SmallSet;
  /** The first words (see `CleanName.wordsCore`) of its names, for organization short forms. */
  readonly leads: SmallSet;
  /** Created with the first one (most clusters have none). */
  acronyms: Set<string> | null;
  titles: Set<string> | null;
  /** The most complete name so far. */
  best: CleanName;
  /** Type votes of its name mentions, in {@link TYPE_ORDER}. */
  readonly votes: number[];
  /** Set once all names are in: the earliest start of its names, its type, canonical name and id. */
  first: number;
  type: MentionType;
  canonical: CleanName;
  id: string;
}

const TYPE_ORDER: readonly MentionType[] = ['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC'];

/** Up to this many characters before a mention are searched for a role word ("Secretary of State Blinken"). */
const CONTEXT_WINDOW = 40;

function isBetterName(a: CleanName, b: CleanName): boolean {
  if (a.acronym !== b.acronym) return !a.acronym;
  if (a.tokens.length !== b.tokens.length) return a.tokens.length > b.tokens.length;
  // Same number of words: spelled out beats initials ("John Smith" over "J. Smith").
  return a.key.length > b.key.length;
}

/**
 * Link the named mentions of one document.
 * @param text the document text
 * @param mentions the mentions from recognize-names (any order)
 * @param bodyStart nothing before this offset is scanned for short forms
 */
export function linkDocument(text: string, mentions: readonly Mention[], bodyStart = 0): DocumentLinks {
  // One item per name mention, built in one pass (no item for other mentions, no filtered copy).
  const order: { mention: Mention; index: number; clean: CleanName }[] = [];
  for (let index = 0; index < mentions.length; index++) {
    const mention = mentions[index]!;
    const clean = cleanName(mention.text, mention.type);
    if (mention.form === 'NAM' && clean.key !== '') order.push({ mention, index, clean });
  }
  // Most complete names first, so a surname meets its full name's cluster already built.
  order.sort(
    (a, b) =>
      Number(a.clean.acronym) - Number(b.clean.acronym) ||
      b.clean.tokens.length - a.clean.tokens.length ||
      b.clean.display.length - a.clean.display.length ||
      a.mention.start - b.mention.start,
  );
  const clusters = new ClusterIndex();
  // By mention index (arrays, not maps: this loop runs for every name mention).
  const clusterOf: (Cluster | undefined)[] = new Array(mentions.length);
  const titlesOf: (readonly string[] | undefined)[] = new Array(mentions.length);
  for (const item of order) {
    const cluster = findCluster(item.clean, item.mention, clusters, mentions) ?? clusters.create(item.clean);
    clusters.addName(cluster, item.clean, item.index, item.mention.start);
    if (item.clean.parenthesized) clusters.addAcronym(cluster, item.clean.parenthesized);
    const following = parenthesizedAfter(text, item.mention.end);
    if (following && !item.clean.acronym) clusters.addAcronym(cluster, following);
    const before = titlesBefore(text, item.mention.start, bodyStart);
    const titles = item.clean.titles.length === 0 ? before : [...item.clean.titles, ...before];
    if (titles.length > 0) {
      const set = (cluster.titles ??= new Set());
      for (const title of titles) set.add(title);
    }
    titlesOf[item.index] = titles;
    if (isBetterName(item.clean, cluster.best)) clusters.setBest(cluster, item.clean);
    clusterOf[item.index] = cluster;
    cluster.votes[TYPE_ORDER.indexOf(item.mention.type)]!++;
  }
  // Ids, in first-mention order so a collision suffix goes to the later entity (clusters.all is in
  // order of creation; the sort is stable).
  for (const cluster of clusters.all) {
    let first = Infinity;
    for (const name of cluster.distinct.values()) first = Math.min(first, name.start);
    cluster.first = first;
  }
  const ordered = [...clusters.all].sort((a, b) => a.first - b.first);
  const used = new Set<string>();
  for (const cluster of ordered) {
    cluster.type = majorityType(cluster.votes);
    cluster.canonical = canonical(cluster);
    let id = entityIdOfKey(cluster.type, cluster.canonical.match);
    if (used.has(id)) id = `${id}-${shortHash(cluster.canonical.display)}`;
    used.add(id);
    cluster.id = id;
  }
  const output: Mention[] = new Array(mentions.length);
  for (let index = 0; index < mentions.length; index++) {
    const mention = mentions[index]!;
    const cluster = clusterOf[index];
    if (!cluster) {
      output[index] = mention;
      continue;
    }
    // Object.assign, not a spread: Node 20 builds `{ ...a, b }` on a slow path (~2 µs an object). The
    // property is set afterwards (same key order as assigning `{ entity }`), with no object for it.
    const linked: Mention = Object.assign({}, mention);
    (linked as { entity: string | null }).entity = cluster.id;
    output[index] = linked;
  }
  const mentionTitles = new Map<Mention, readonly string[]>();
  for (const item of order) mentionTitles.set(output[item.index]!, titlesOf[item.index]!);
  shortFormMentions(text, bodyStart, ordered, output);
  // A stable sort by start and end (mentions usually arrive in order: then no sort at all).
  const sorted = isInOrder(output) ? output : output.sort(byStartEnd);
  const indexesByEntity = new Map<string, number[]>();
  for (let index = 0; index < sorted.length; index++) {
    const entity = sorted[index]!.entity;
    if (entity === null) continue;
    const list = indexesByEntity.get(entity);
    if (list) list.push(index);
    else indexesByEntity.set(entity, [index]);
  }
  const entities: LinkedEntity[] = ordered.map((cluster) => {
    const { id, type } = cluster;
    const best = cluster.canonical;
    const aliases = new Set<string>();
    for (const name of cluster.names) if (name.clean.display !== best.display) aliases.add(name.clean.display);
    if (cluster.acronyms) for (const acronym of cluster.acronyms) if (acronym !== best.display) aliases.add(acronym);
    const mentionIndexes = indexesByEntity.get(id) ?? [];
    return {
      id,
      name: best.display,
      type,
      aliases: [...aliases].sort(),
      mentionIndexes,
      titles: cluster.titles ? [...cluster.titles].sort() : [],
    };
  });
  return { mentions: sorted, entities, mentionTitles };
}

/**
 * A set of strings kept in an array while small (most clusters have one or two names), in a Set
 * beyond that so that look-ups stay cheap. Iterates in insertion order, as a Set does.
 */
class SmallSet {
  private items: string[] = [];
  private set: Set<string> | null = null;

  has(value: string): boolean {
    return this.set ? this.set.has(value) : this.items.includes(value);
  }

  /** Add `value`; false when it was there already. */
  add(value: string): boolean {
    if (this.has(value)) return false;
    this.items.push(value);
    if (this.set) this.set.add(value);
    else if (this.items.length > 8) this.set = new Set(this.items);
    return true;
  }

  values(): readonly string[] {
    return this.items;
  }
}

/**
 * Clusters with lookups by name key, acronym, word, first word and initials, so linking stays
 * near-linear in mentions: a new name is compared only with clusters it could join, never with every
 * cluster sharing a common word ("Corp").
 */
class ClusterIndex {
  readonly all: Cluster[] = [];
  private readonly byKey = new Map<string, Cluster[]>();
  private readonly byAcronym = new Map<string, Cluster[]>();
  private readonly byToken = new Map<string, Cluster[]>();
  /** By the first word of any of their names (without legal form): organization short-form candidates. */
  private readonly byLead = new Map<string, Cluster[]>();
  /** By the initials of any name that was their best name: acronym candidates (checked on the current best). */
  private readonly byInitials = new Map<string, Set<Cluster>>();

  create(clean: CleanName): Cluster {
    const cluster: Cluster = {
      names: [],
      distinct: new Map(),
      keys: new SmallSet(),
      tokens: new SmallSet(),
      leads: new SmallSet(),
      acronyms: null,
      titles: null,
      best: clean,
      votes: [0, 0, 0, 0],
      first: Infinity,
      type: 'MISC',
      canonical: clean,
      id: '',
    };
    this.all.push(cluster);
    this.indexInitials(cluster, clean);
    return cluster;
  }

  addName(cluster: Cluster, clean: CleanName, mention: number, start: number): void {
    cluster.names.push({ clean, mention });
    const seen = cluster.distinct.get(clean.key);
    if (!seen || start < seen.start) cluster.distinct.set(clean.key, { clean, start });
    const lead = clean.wordsCore[0] ?? '';
    if (cluster.leads.add(lead)) pushTo(this.byLead, lead, cluster);
    if (cluster.keys.add(clean.match)) {
      pushTo(this.byKey, clean.match, cluster);
      for (const token of clean.tokens) if (cluster.tokens.add(token)) pushTo(this.byToken, token, cluster);
    }
  }

  addAcronym(cluster: Cluster, acronym: string): void {
    const acronyms = (cluster.acronyms ??= new Set());
    if (acronyms.has(acronym)) return;
    acronyms.add(acronym);
    pushTo(this.byAcronym, acronym, cluster);
  }

  /** Make `clean` the cluster's most complete name. */
  setBest(cluster: Cluster, clean: CleanName): void {
    cluster.best = clean;
    this.indexInitials(cluster, clean);
  }

  private indexInitials(cluster: Cluster, clean: CleanName): void {
    for (const value of clean.initials) {
      const set = this.byInitials.get(value);
      if (set) set.add(cluster);
      else this.byInitials.set(value, new Set([cluster]));
    }
  }

  withKey(key: string): readonly Cluster[] {
    return this.byKey.get(key) ?? NO_CLUSTERS;
  }

  withAcronym(acronym: string): readonly Cluster[] {
    return this.byAcronym.get(acronym) ?? NO_CLUSTERS;
  }

  /** Clusters whose best name is not an acronym and has these initials ("GM" → General Motors). */
  withInitials(acronym: string): Cluster[] {
    const bare = acronym.replace(/[.\s]/g, '').toUpperCase();
    const candidates = this.byInitials.get(bare) ?? [];
    // `isInitialsOf(acronym, best.tokens)`, with the best name's initials computed once.
    return [...candidates].filter((cluster) => !cluster.best.acronym && cluster.best.initials.includes(bare));
  }

  /** Clusters with a name whose first word (without legal form) is `lead`. */
  withLead(lead: string): readonly Cluster[] {
    return this.byLead.get(lead) ?? NO_CLUSTERS;
  }

  /** Clusters having a name that shares a word with these tokens (initials match any word). */
  sharingWord(tokens: readonly string[]): Cluster[] {
    const found = new Set<Cluster>();
    const words = lookupWords(tokens);
    for (const token of words) {
      if (token.length === 1) {
        for (const [word, clusters] of this.byToken) if (word.startsWith(token)) for (const c of clusters) found.add(c);
      } else for (const cluster of this.byToken.get(token) ?? []) found.add(cluster);
    }
    return [...found];
  }
}

/** Returned for a missed look-up (no new empty array per miss). */
const NO_CLUSTERS: readonly Cluster[] = Object.freeze([]);

/** The words a name is looked up by: initials ("J.") only when the name has no full word. */
function lookupWords(tokens: readonly string[]): readonly string[] {
  let long = 0;
  for (const token of tokens) if (token.length > 1) long++;
  // All words or none are full words (most names): the tokens themselves, no filtered copy.
  return long === 0 || long === tokens.length ? tokens : tokens.filter((token) => token.length > 1);
}

/** True when the cluster is indexed under one of these lookup words (the test behind `sharingWord`). */
function sharesWord(cluster: Cluster, words: readonly string[]): boolean {
  for (const token of words) {
    if (token.length !== 1) {
      if (cluster.tokens.has(token)) return true;
    } else for (const word of cluster.tokens.values()) if (word.startsWith(token)) return true;
  }
  return false;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The cluster a name joins, or null for a new entity. */
function findCluster(
  clean: CleanName,
  mention: Mention,
  index: ClusterIndex,
  mentions: readonly Mention[],
): Cluster | null {
  // Same name, any type: the recognizer may type one occurrence differently.
  const exact = index.withKey(clean.match);
  if (exact.length > 0) return nearest(exact, mention, mentions);
  if (clean.acronym) {
    const bare = clean.display.replace(/\./g, '');
    const defined = index.withAcronym(bare);
    if (defined.length > 0) return nearest(defined, mention, mentions);
    const byInitials = index.withInitials(bare);
    if (byInitials.length === 1) return byInitials[0] ?? null;
  }
  if (mention.type === 'PERSON') {
    const partOf = index.sharingWord(clean.tokens);
    let kept = 0;
    for (const cluster of partOf) if (isPersonPartOf(cluster, clean, mentions)) partOf[kept++] = cluster;
    partOf.length = kept;
    if (partOf.length > 0) return nearest(partOf, mention, mentions);
  } else if (mention.type === 'ORGANIZATION' && !clean.acronym) {
    // A short form is the start of the longer name, so only clusters with a name starting with the
    // same word can qualify (and, as for people, they must share a word with it).
    const words = lookupWords(clean.tokens);
    let found: Cluster | null = null;
    for (const cluster of index.withLead(clean.wordsCore[0] ?? '')) {
      if (!isOrganizationPartOf(cluster, clean, mention, words, mentions)) continue;
      if (found) return null; // two candidates: ambiguous
      found = cluster;
    }
    return found;
  }
  return null;
}

function typeOfCluster(cluster: Cluster, mentions: readonly Mention[]): MentionType | undefined {
  return mentions[cluster.names[0]?.mention ?? -1]?.type;
}

/** A person cluster with a name of which `clean` is a short form. */
function isPersonPartOf(cluster: Cluster, clean: CleanName, mentions: readonly Mention[]): boolean {
  if (typeOfCluster(cluster, mentions) !== 'PERSON') return false;
  for (const name of cluster.distinct.values()) if (isPersonShortForm(clean.tokens, name.clean.tokens)) return true;
  return false;
}

/** An organization cluster sharing a word with `clean`, with an earlier name of which it is a short form. */
function isOrganizationPartOf(
  cluster: Cluster,
  clean: CleanName,
  mention: Mention,
  words: readonly string[],
  mentions: readonly Mention[],
): boolean {
  if (!sharesWord(cluster, words) || typeOfCluster(cluster, mentions) !== 'ORGANIZATION') return false;
  // Introduce-then-abbreviate: "Ford Motor Company … Ford". A short form used before the longer
  // name ("Apple … Apple Stores") names something else: the longer one is a product or a unit.
  for (const name of cluster.distinct.values()) {
    if (name.start < mention.start && isOrganizationShortForm(clean.wordsCore, name.clean.wordsCore)) return true;
  }
  return false;
}

/** Among candidate clusters, the one with a mention closest before this one (else closest after). */
function nearest(candidates: readonly Cluster[], mention: Mention, mentions: readonly Mention[]): Cluster | null {
  if (candidates.length === 1) return candidates[0] ?? null;
  let best: Cluster | null = null;
  let bestScore = Infinity;
  for (const cluster of candidates) {
    for (const name of cluster.names) {
      const other = mentions[name.mention];
      if (!other) continue;
      // Preceding mentions win over following ones; ties go to the earlier cluster.
      const score = other.start <= mention.start ? mention.start - other.start : 1e12 + other.start - mention.start;
      if (score < bestScore) {
        bestScore = score;
        best = cluster;
      }
    }
  }
  return best ?? candidates[0] ?? null;
}

/** The cluster's canonical name: the most complete non-acronym name, the most frequent variant on ties. */
function canonical(cluster: Cluster): CleanName {
  // One name: it is the canonical one (the loop below would keep it).
  if (cluster.names.length === 1) return cluster.names[0]!.clean;
  const counts = new Map<string, number>();
  for (const name of cluster.names) counts.set(name.clean.display, (counts.get(name.clean.display) ?? 0) + 1);
  let best = cluster.names[0]?.clean ?? cluster.best;
  for (const { clean } of cluster.names) {
    if (isBetterName(clean, best)) best = clean;
    else if (!isBetterName(best, clean)) {
      const a = counts.get(clean.display) ?? 0;
      const b = counts.get(best.display) ?? 0;
      if (a > b || (a === b && clean.display < best.display)) best = clean;
    }
  }
  return best;
}

function majorityType(votes: readonly number[]): MentionType {
  let best: MentionType = 'MISC';
  let count = -1;
  for (let k = 0; k < TYPE_ORDER.length; k++) {
    const type = TYPE_ORDER[k]!;
    const n = votes[k] ?? 0;
    if (n > count) {
      best = type;
      count = n;
    }
  }
  return best;
}

/** An acronym written in parentheses right after a mention: "Singapore Airlines (SIA)". */
function parenthesizedAfter(text: string, end: number): string | null {
  // The parenthesis comes after at most two spaces: most mentions have none, and no regex is run.
  if (text.charCodeAt(end) !== 40 && text.charCodeAt(end + 1) !== 40 && text.charCodeAt(end + 2) !== 40) return null;
  const match = /^\s{0,2}\(\s?([A-Z][A-Za-z&.]{1,11})\s?\)/.exec(text.slice(end, end + 20));
  const value = match?.[1];
  return value !== undefined && isAcronym(value) ? value.replace(/\./g, '') : null;
}

/**
 * Role words in the few words before a mention ("Secretary of State" before "Blinken").
 * @param text the document text
 * @param start the mention start
 * @param bodyStart nothing before this offset is read
 */
export function titlesBefore(text: string, start: number, bodyStart: number): readonly string[] {
  // The last four pieces of the window split at runs of non-letters (the first may be cut by the
  // window), found by a backward scan: this runs for every name mention.
  const from = Math.max(bodyStart, start - CONTEXT_WINDOW);
  let found: string[] | null = null;
  let end = start;
  for (let piece = 0; piece < 4; piece++) {
    let begin = end;
    let ascii = true;
    let capitals = false;
    // A hash of the word's lowercase letters (read backwards): most words are no role word, and are
    // ruled out by it without building their key.
    let hash = TITLE_HASH_SEED;
    for (let width = letterBefore(text, begin, from); width > 0; width = letterBefore(text, begin, from)) {
      begin -= width;
      const code = text.charCodeAt(begin);
      if (width > 1 || code >= 128) ascii = false;
      else {
        if (code <= 90) capitals = true;
        hash = titleHashStep(hash, code | 32);
      }
    }
    // An ASCII word's key is its lowercase form (built here: V8 lowers slices of a two-byte text, i.e.
    // most news, on a slow path); others go through nameKey (diacritics, ligatures).
    if (begin < end && (!ascii || (end - begin <= TITLE_WORD_MAX_LENGTH && TITLE_WORD_HASHES.has(hash)))) {
      const key = !ascii ? nameKey(text.slice(begin, end)) : capitals ? asciiLowerCase(text, begin, end) : text.slice(begin, end);
      if (isTitleWord(key)) (found ??= []).push(key);
    }
    if (begin <= from) break;
    end = begin;
    while (end > from && letterBefore(text, end, from) === 0) end -= codePointWidthBefore(text, end, from);
  }
  // Most mentions have no role word before them: one shared empty array, none built.
  return found ? found.reverse() : NO_TITLES;
}

const NO_TITLES: readonly string[] = Object.freeze([]);

/** The lowercase form of `text[begin, end)`, which holds ASCII letters only. */
function asciiLowerCase(text: string, begin: number, end: number): string {
  let lower = '';
  for (let i = begin; i < end; i++) lower += String.fromCharCode(text.charCodeAt(i) | 32);
  return lower;
}

/** The width (1 or 2 code units) of the letter ending at `end`, or 0 when no letter ends there after `from`. */
function letterBefore(text: string, end: number, from: number): number {
  if (end <= from) return 0;
  const code = text.charCodeAt(end - 1);
  if (code < 128) return (code | 32) >= 97 && (code | 32) <= 122 ? 1 : 0;
  const width = codePointWidthBefore(text, end, from);
  return /^\p{L}$/u.test(text.slice(end - width, end)) ? width : 0;
}

/** The width of the code point ending at `end`: 2 for a surrogate pair wholly after `from`, else 1. */
function codePointWidthBefore(text: string, end: number, from: number): number {
  const code = text.charCodeAt(end - 1);
  if (code < 0xdc00 || code > 0xdfff || end - 2 < from) return 1;
  const high = text.charCodeAt(end - 2);
  return high >= 0xd800 && high <= 0xdbff ? 2 : 1;
}

/**
 * Role words of one mention: the titles inside a name mention ("Secretary Blinken") and those in the
 * few words before any mention.
 * @param text the document text
 * @param mention the mention
 * @param bodyStart nothing before this offset is read
 */
export function mentionTitles(text: string, mention: Mention, bodyStart: number): string[] {
  const inside = mention.form === 'NAM' ? cleanName(mention.text, mention.type).titles : [];
  return [...inside, ...titlesBefore(text, mention.start, bodyStart)];
}

/**
 * NOM mentions for "the ministry", "the company" …: the last word of exactly one multi-word
 * organization name, written in lowercase after "the", after that organization was first named;
 * appended to `output`.
 */
function shortFormMentions(text: string, bodyStart: number, clusters: readonly Cluster[], output: Mention[]): void {
  let heads: Map<string, { id: string; after: number } | null> | null = null;
  for (const cluster of clusters) {
    if (cluster.type !== 'ORGANIZATION') continue;
    const id = cluster.id;
    let after = Infinity;
    for (const name of cluster.distinct.values()) after = Math.min(after, name.start);
    for (const name of cluster.distinct.values()) {
      const tokens = name.clean.tokens;
      if (tokens.length < 2) continue;
      const head = tokens[tokens.length - 1]!;
      if (!/^\p{Ll}+$/u.test(head)) continue;
      heads ??= new Map();
      const seen = heads.get(head);
      // This cluster's own head again (ids are unique per cluster): counted once.
      if (seen !== undefined && seen !== null && seen.id === id) continue;
      // A head shared by two organizations is ambiguous: remember it as such.
      heads.set(head, seen !== undefined ? null : { id, after });
    }
  }
  if (heads === null) return;
  const found: Mention[] = [];
  // Built before any is added: the new mentions are not looked up against each other.
  const taken = new MentionLookup(output);
  const pattern = /\b[Tt]he\s+(\p{Ll}+)\b/gu;
  pattern.lastIndex = bodyStart;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const target = heads.get(match[1] ?? '');
    if (!target || match.index < target.after) continue;
    const end = match.index + match[0].length;
    const span = { start: match.index, end };
    if (taken.hasOverlap(span)) continue;
    found.push(Object.assign(makeSpan(text, match.index, end), { type: 'ORGANIZATION' as const, form: 'NOM' as const, entity: target.id }));
  }
  for (const mention of found) output.push(mention);
}

/**
 * Mentions sorted by start, for finding the ones overlapping a span in about log(n) steps
 * (mentions are short, so only a few before the span's start can reach into it).
 */
export class MentionLookup<M extends Span = Mention> {
  /** The mentions by start and end. */
  readonly sorted: readonly M[];
  private readonly longest: number;

  constructor(mentions: readonly M[]) {
    // Already in order (as linked mentions are): kept as they are, no sorted copy (the sort is stable).
    this.sorted = isInOrder(mentions) ? (mentions as M[]) : [...mentions].sort(byStartEnd);
    let longest = 0;
    for (const mention of mentions) longest = Math.max(longest, mention.end - mention.start);
    this.longest = longest;
  }

  /** The mentions sharing at least one character with `span`, in start order. */
  overlapping(span: { start: number; end: number }): M[] {
    const found: M[] = [];
    for (let i = this.firstCandidate(span); i < this.sorted.length; i++) {
      const mention = this.sorted[i];
      if (!mention || mention.start >= span.end) break;
      if (overlaps(mention, span)) found.push(mention);
    }
    return found;
  }

  /** True when a mention shares at least one character with `span` (no array built). */
  hasOverlap(span: { start: number; end: number }): boolean {
    for (let i = this.firstCandidate(span); i < this.sorted.length; i++) {
      const mention = this.sorted[i]!;
      if (mention.start >= span.end) break;
      if (overlaps(mention, span)) return true;
    }
    return false;
  }

  /**
   * The index in {@link sorted} from which mentions overlapping `span` can start: callers read on
   * while `start < span.end` and test each with `overlaps`.
   */
  firstCandidate(span: { start: number; end: number }): number {
    let low = 0;
    let high = this.sorted.length;
    const from = span.start - this.longest;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.sorted[middle]?.start ?? 0) < from) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function byStartEnd(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start - b.start || a.end - b.end;
}

function isInOrder(spans: readonly { start: number; end: number }[]): boolean {
  for (let i = 1; i < spans.length; i++) if (byStartEnd(spans[i - 1]!, spans[i]!) > 0) return false;
  return true;
}
