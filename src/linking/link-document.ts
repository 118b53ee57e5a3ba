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
import { byCodeUnits, sortInPlace } from '../model/sorted.js';
import { makeSpan, overlaps, type Span } from '../model/span.js';
import {
  cleanName,
  entityIdOfName,
  isAcronym,
  isOrganizationShortForm,
  isPersonShortForm,
  isTitleWord,
  nameKey,
  TITLE_HASH_SEED,
  TITLE_WORD_HASHES,
  TITLE_WORD_MAX_LENGTH,
  titleHashStep,
  asciiTitleWordAt,
  shortHash,
  type CleanName,
} from './names.js';

/** One entity of a document: exactly the keys of an output entity, so the JSON projection reuses it. */
export interface LinkedEntity extends DocumentEntity {
  readonly kb?: never;
}

/** The result of linking one document's mentions. */
export interface DocumentLinks {
  /** The input mentions with `entity` set, plus NOM mentions for organization short forms, sorted by offset. */
  readonly mentions: Mention[];
  readonly entities: LinkedEntity[];
  /**
   * By index into `mentions`: the role words of each linked name mention (its own titles and those
   * just before it), as {@link mentionTitles} gives them, computed once here and reused for the
   * corpus summary; undefined for the other mentions.
   */
  readonly mentionTitles: readonly (readonly string[] | undefined)[];
}

interface Cluster {
  /** Its name mentions: their items themselves (created with the first one: an array literal of one, not an empty array grown to 17). */
  names: NameItem[] | null;
  /**
   * The type of its first name mention: short forms join only person clusters (by `byToken`) and
   * organization clusters (by `byLead` and `tokens`), so other clusters are not indexed by word.
   */
  readonly firstType: MentionType;
  /** Each distinct written name once, with its earliest start: short-form checks stay linear. */
  distinct: DistinctName[] | null;
  /** `distinct` by key, once it has more than {@link SMALL} entries (before that, a scan). */
  distinctByKey: Map<string, DistinctName> | null;
  /** The initials it is indexed under in `byInitials` (its first best name's own array until another adds one). */
  initials: readonly string[];
  readonly keys: SmallSet;
  /** The words it is indexed under in {@link ClusterIndex} (`byToken`); only person and organization clusters have any. */
  readonly tokens: SmallSet;
  /** The first words (see `CleanName.wordsCore`) of its names, for organization short forms; only organizations have any. */
  readonly leads: SmallSet;
  /** Created with the first one (most clusters have none). */
  acronyms: Set<string> | null;
  /** The most complete name so far. */
  best: CleanName;
  /** Type votes of its name mentions (fields, not an array of four: one object less per cluster). */
  personVotes: number;
  organizationVotes: number;
  locationVotes: number;
  miscVotes: number;
  /** Set once all names are in: the earliest start of its names, its type, canonical name and id. */
  first: number;
  type: MentionType;
  canonical: CleanName;
  id: string;
}

/** A distinct written name of a cluster and its earliest start. */
interface DistinctName {
  clean: CleanName;
  start: number;
}

/** Up to this many entries, small collections are scanned rather than hashed. */
const SMALL = 8;

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
  const order = nameItems(mentions);
  const clusters = new ClusterIndex();
  // By mention index (an array, not a map: this loop runs for every name mention).
  const clusterOf: (Cluster | undefined)[] = new Array(mentions.length);
  for (const item of order) {
    const cluster = findCluster(item.clean, item.mention, clusters, mentions) ?? clusters.create(item.clean, item.mention.type);
    clusters.addName(cluster, item);
    if (item.clean.parenthesized) clusters.addAcronym(cluster, item.clean.parenthesized);
    const following = parenthesizedAfter(text, item.mention.end);
    if (following && !item.clean.acronym) clusters.addAcronym(cluster, following);
    const before = titlesBefore(text, item.mention.start, bodyStart);
    item.titles = item.clean.titles.length === 0 ? before : [...item.clean.titles, ...before];
    if (isBetterName(item.clean, cluster.best)) clusters.setBest(cluster, item.clean);
    clusterOf[item.index] = cluster;
    vote(cluster, item.mention.type);
  }
  assignIds(clusters.all);
  const ordered = clusters.all;
  const output: Mention[] = new Array(mentions.length);
  for (let index = 0; index < mentions.length; index++) {
    const mention = mentions[index]!;
    const cluster = clusterOf[index];
    output[index] = cluster ? withEntity(mention, cluster.id) : mention;
  }
  // By output index (a Map by mention was ~1 % of the bytes a worker allocates per document).
  const titles: (readonly string[] | undefined)[] = new Array(output.length);
  for (const item of order) titles[item.index] = item.titles;
  shortFormMentions(text, bodyStart, ordered, output);
  const entities: LinkedEntity[] = ordered.map(linkedEntity);
  // Mentions usually arrive in order, save the speaker and short-form mentions appended at the end.
  if (isInOrder(output)) return { mentions: output, entities, mentionTitles: titles };
  const { sorted, sortedTitles } = sortWithTitles(output, titles);
  return { mentions: sorted, entities, mentionTitles: sortedTitles };
}

/** The entity of a cluster whose id is set (aliases: its other written names and its acronyms). */
function linkedEntity(cluster: Cluster): LinkedEntity {
  const best = cluster.canonical;
  // Most entities have no alias: no set is made for them.
  let aliases: SmallSet | null = null;
  for (const name of namesOf(cluster)) if (name.clean.display !== best.display) (aliases ??= new SmallSet()).add(name.clean.display);
  if (cluster.acronyms) for (const acronym of cluster.acronyms) if (acronym !== best.display) (aliases ??= new SmallSet()).add(acronym);
  return { id: cluster.id, name: best.display, type: cluster.type, aliases: aliases ? aliases.sorted() : [] };
}

/** The mentions stably sorted by start and end, and their titles moved along with them. */
function sortWithTitles(
  output: readonly Mention[],
  titles: readonly (readonly string[] | undefined)[],
): { sorted: Mention[]; sortedTitles: (readonly string[] | undefined)[] } {
  const order: number[] = new Array(output.length);
  for (let i = 0; i < output.length; i++) order[i] = i;
  // The index breaks ties: the same order as a stable sort of the mentions.
  sortInPlace(order, (a, b) => byStartEnd(output[a]!, output[b]!) || a - b);
  const sorted: Mention[] = new Array(output.length);
  const sortedTitles: (readonly string[] | undefined)[] = new Array(output.length);
  for (let i = 0; i < order.length; i++) {
    sorted[i] = output[order[i]!]!;
    sortedTitles[i] = titles[order[i]!];
  }
  return { sorted, sortedTitles };
}

function vote(cluster: Cluster, type: MentionType): void {
  if (type === 'PERSON') cluster.personVotes++;
  else if (type === 'ORGANIZATION') cluster.organizationVotes++;
  else if (type === 'LOCATION') cluster.locationVotes++;
  else cluster.miscVotes++;
}

/** A name mention waiting to be linked, with its role words once found. */
interface NameItem {
  readonly mention: Mention;
  readonly index: number;
  readonly clean: CleanName;
  titles: readonly string[];
}

/**
 * The name mentions (one item each, built in one pass), most complete names first, so a surname
 * meets its full name's cluster already built.
 */
function nameItems(mentions: readonly Mention[]): NameItem[] {
  const order: NameItem[] = [];
  for (let index = 0; index < mentions.length; index++) {
    const mention = mentions[index]!;
    const clean = cleanName(mention.text, mention.type);
    if (mention.form === 'NAM' && clean.key !== '') order.push({ mention, index, clean, titles: NO_TITLES });
  }
  return sortInPlace(
    order,
    (a, b) =>
      Number(a.clean.acronym) - Number(b.clean.acronym) ||
      b.clean.tokens.length - a.clean.tokens.length ||
      b.clean.display.length - a.clean.display.length ||
      a.mention.start - b.mention.start,
  );
}

/**
 * Type, canonical name and id of each cluster, in first-mention order so a collision suffix goes to
 * the later entity (`all` is in order of creation; the sort is stable); `all` is sorted in place.
 * Two clusters may still get the same id (a suffixed id that was taken too).
 */
function assignIds(all: Cluster[]): void {
  for (const cluster of all) {
    let first = Infinity;
    for (const name of distinctOf(cluster)) first = Math.min(first, name.start);
    cluster.first = first;
  }
  if (!isSortedByFirst(all)) sortInPlace(all, (a, b) => a.first - b.first);
  // The ids taken so far are the earlier clusters' ids: scanned while few, in a Set beyond that.
  const used = all.length > 2 * SMALL ? new Set<string>() : null;
  for (let i = 0; i < all.length; i++) {
    const cluster = all[i]!;
    cluster.type = majorityType(cluster);
    cluster.canonical = canonical(cluster);
    let id = entityIdOfName(cluster.type, cluster.canonical);
    if (isTaken(id, all, i, used)) id = `${id}-${shortHash(cluster.canonical.display)}`;
    used?.add(id);
    cluster.id = id;
  }
}

/** True when `id` is the id of one of the first `count` clusters (`used` holds those ids, if given). */
function isTaken(id: string, all: readonly Cluster[], count: number, used: ReadonlySet<string> | null): boolean {
  if (used) return used.has(id);
  for (let k = 0; k < count; k++) if (all[k]!.id === id) return true;
  return false;
}

/** Keys of a mention from recognize-names, in order (without and with a role). */
const MENTION_KEYS = ['start', 'end', 'text', 'type', 'form', 'entity', 'role'];

/** The number of keys of `mention` when they are {@link MENTION_KEYS} in that order (6 or 7), else 0. */
function plainKeyCount(mention: Mention): number {
  let count = 0;
  for (const key in mention) {
    if (count >= MENTION_KEYS.length || key !== MENTION_KEYS[count]) return 0;
    count++;
  }
  return count >= 6 ? count : 0;
}

/** A copy of the mention with its entity (built as a literal when its keys are the usual ones). */
function withEntity(mention: Mention, entity: string): Mention {
  const keys = plainKeyCount(mention);
  const { start, end, text, type, form } = mention;
  // A literal has all properties in the object (Object.assign into `{}` puts them in a side array).
  if (keys === 6) return { start, end, text, type, form, entity };
  if (keys === 7) return { start, end, text, type, form, entity, role: mention.role! };
  // Object.assign, not a spread: Node 20 builds `{ ...a, b }` on a slow path (~2 µs an object). The
  // property is set afterwards (same key order as assigning `{ entity }`), with no object for it.
  const linked: Mention = Object.assign({}, mention);
  (linked as { entity: string | null }).entity = entity;
  return linked;
}

const NO_ITEMS: readonly string[] = Object.freeze([]);

/**
 * A set of strings kept in an array while small (most clusters have one or two names), in a Set
 * beyond that so that look-ups stay cheap. Iterates in insertion order, as a Set does.
 */
class SmallSet {
  // The first add makes an array of one (an empty array would grow to 17 slots on its first push).
  private items: string[] = NO_ITEMS as string[];
  private set: Set<string> | null = null;

  has(value: string): boolean {
    return this.set ? this.set.has(value) : this.items.includes(value);
  }

  /** Add `value`; false when it was there already. */
  add(value: string): boolean {
    if (this.has(value)) return false;
    if (this.items.length === 0) this.items = [value];
    else this.items.push(value);
    if (this.set) this.set.add(value);
    else if (this.items.length > SMALL) this.set = new Set(this.items);
    return true;
  }

  values(): readonly string[] {
    return this.items;
  }

  /** Its values sorted: its own array, sorted in place (the set is not used after this). */
  sorted(): string[] {
    return this.items.length === 0 ? [] : sortInPlace(this.items, byCodeUnits);
  }
}

/** The word sets of clusters that never get words (frozen: an add would throw, not share a word). */
const NO_WORDS = Object.freeze(new SmallSet()) as SmallSet;

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
  private readonly byInitials = new Map<string, Cluster[]>();

  create(clean: CleanName, type: MentionType): Cluster {
    const cluster: Cluster = {
      names: null,
      firstType: type,
      distinct: null,
      distinctByKey: null,
      initials: clean.initials,
      keys: new SmallSet(),
      // Only these types add words (see addName): the others share one empty set.
      tokens: type === 'PERSON' || type === 'ORGANIZATION' ? new SmallSet() : NO_WORDS,
      leads: type === 'ORGANIZATION' ? new SmallSet() : NO_WORDS,
      acronyms: null,
      best: clean,
      personVotes: 0,
      organizationVotes: 0,
      locationVotes: 0,
      miscVotes: 0,
      first: Infinity,
      type: 'MISC',
      canonical: clean,
      id: '',
    };
    this.all.push(cluster);
    for (const value of clean.initials) pushTo(this.byInitials, value, cluster);
    return cluster;
  }

  addName(cluster: Cluster, item: NameItem): void {
    if (cluster.names === null) cluster.names = [item];
    else cluster.names.push(item);
    const { clean } = item;
    addDistinct(cluster, clean, item.mention.start);
    const lead = clean.wordsCore[0] ?? '';
    const organization = cluster.firstType === 'ORGANIZATION';
    if (organization && cluster.leads.add(lead)) pushTo(this.byLead, lead, cluster);
    if (cluster.keys.add(clean.match)) {
      pushTo(this.byKey, clean.match, cluster);
      if (cluster.firstType === 'PERSON') {
        for (const token of clean.tokens) if (cluster.tokens.add(token)) pushTo(this.byToken, token, cluster);
      } else if (organization) for (const token of clean.tokens) cluster.tokens.add(token);
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

  /** Index the cluster under the initials of `clean` it is not indexed under yet (each once). */
  private indexInitials(cluster: Cluster, clean: CleanName): void {
    for (const value of clean.initials) {
      if (cluster.initials.includes(value)) continue;
      // The first best name's array is shared with its CleanName: copied before the first push.
      cluster.initials = [...cluster.initials, value];
      pushTo(this.byInitials, value, cluster);
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
    const candidates = this.byInitials.get(bare) ?? NO_CLUSTERS;
    // `isInitialsOf(acronym, best.tokens)`, with the best name's initials computed once.
    return candidates.filter((cluster) => !cluster.best.acronym && cluster.best.initials.includes(bare));
  }

  /** Clusters with a name whose first word (without legal form) is `lead`. */
  withLead(lead: string): readonly Cluster[] {
    return this.byLead.get(lead) ?? NO_CLUSTERS;
  }

  /** Clusters having a name that shares a word with these tokens (initials match any word). */
  sharingWord(tokens: readonly string[]): Cluster[] {
    // Each cluster once, in order of first finding: a scan of the few found so far, a Set only
    // beyond SMALL of them (a Set and its copy per person name were ~0.5 % of a document's bytes).
    const found: Cluster[] = [];
    let seen: Set<Cluster> | null = null;
    const add = (cluster: Cluster): void => {
      if (seen ? seen.has(cluster) : found.includes(cluster)) return;
      found.push(cluster);
      if (seen) seen.add(cluster);
      else if (found.length > SMALL) seen = new Set(found);
    };
    const words = lookupWords(tokens);
    for (const token of words) {
      if (token.length === 1) {
        for (const [word, clusters] of this.byToken) if (word.startsWith(token)) for (const c of clusters) add(c);
      } else for (const cluster of this.byToken.get(token) ?? NO_CLUSTERS) add(cluster);
    }
    return found;
  }
}

/** The name mentions of a cluster. */
function namesOf(cluster: Cluster): readonly NameItem[] {
  return cluster.names ?? NO_NAMES;
}

/** The distinct written names of a cluster, in order of first addition. */
function distinctOf(cluster: Cluster): readonly DistinctName[] {
  return cluster.distinct ?? NO_DISTINCT;
}

const NO_NAMES: readonly NameItem[] = Object.freeze([]);
const NO_DISTINCT: readonly DistinctName[] = Object.freeze([]);

/** Add a written name (or an earlier start of it) to the cluster's distinct names. */
function addDistinct(cluster: Cluster, clean: CleanName, start: number): void {
  const distinct = cluster.distinct;
  if (distinct === null) {
    cluster.distinct = [{ clean, start }];
    return;
  }
  let seen: DistinctName | undefined;
  if (cluster.distinctByKey) seen = cluster.distinctByKey.get(clean.key);
  else for (const name of distinct) if (name.clean.key === clean.key) seen = name;
  if (seen) {
    // An earlier use replaces the entry in place (its place in the order stays, as in a Map).
    if (start < seen.start) {
      seen.clean = clean;
      seen.start = start;
    }
    return;
  }
  const entry = { clean, start };
  distinct.push(entry);
  if (cluster.distinctByKey) cluster.distinctByKey.set(clean.key, entry);
  else if (distinct.length > SMALL) cluster.distinctByKey = new Map(distinct.map((name) => [name.clean.key, name]));
}

function isSortedByFirst(clusters: readonly Cluster[]): boolean {
  for (let i = 1; i < clusters.length; i++) if (clusters[i - 1]!.first > clusters[i]!.first) return false;
  return true;
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
    for (const cluster of partOf) if (isPersonPartOf(cluster, clean)) partOf[kept++] = cluster;
    partOf.length = kept;
    if (partOf.length > 0) return nearest(partOf, mention, mentions);
  } else if (mention.type === 'ORGANIZATION' && !clean.acronym) {
    // A short form is the start of the longer name, so only clusters with a name starting with the
    // same word can qualify (and, as for people, they must share a word with it).
    const words = lookupWords(clean.tokens);
    let found: Cluster | null = null;
    for (const cluster of index.withLead(clean.wordsCore[0] ?? '')) {
      if (!isOrganizationPartOf(cluster, clean, mention, words)) continue;
      if (found) return null; // two candidates: ambiguous
      found = cluster;
    }
    return found;
  }
  return null;
}

/** A person cluster with a name of which `clean` is a short form. */
function isPersonPartOf(cluster: Cluster, clean: CleanName): boolean {
  if (cluster.firstType !== 'PERSON') return false;
  for (const name of distinctOf(cluster)) if (isPersonShortForm(clean.tokens, name.clean.tokens)) return true;
  return false;
}

/** An organization cluster sharing a word with `clean`, with an earlier name of which it is a short form. */
function isOrganizationPartOf(
  cluster: Cluster,
  clean: CleanName,
  mention: Mention,
  words: readonly string[],
): boolean {
  if (!sharesWord(cluster, words) || cluster.firstType !== 'ORGANIZATION') return false;
  // Introduce-then-abbreviate: "Ford Motor Company … Ford". A short form used before the longer
  // name ("Apple … Apple Stores") names something else: the longer one is a product or a unit.
  for (const name of distinctOf(cluster)) {
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
    for (const name of namesOf(cluster)) {
      const other = name.mention;
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
  const names = namesOf(cluster);
  if (names.length === 1) return names[0]!.clean;
  // A few names (most clusters) are counted by a scan, no Map.
  let counts: Map<string, number> | null = null;
  if (names.length > SMALL) {
    counts = new Map<string, number>();
    for (const name of names) counts.set(name.clean.display, (counts.get(name.clean.display) ?? 0) + 1);
  }
  let best = names[0]?.clean ?? cluster.best;
  for (const { clean } of names) {
    if (isBetterName(clean, best)) best = clean;
    else if (!isBetterName(best, clean)) {
      const a = counts ? (counts.get(clean.display) ?? 0) : countDisplay(names, clean.display);
      const b = counts ? (counts.get(best.display) ?? 0) : countDisplay(names, best.display);
      if (a > b || (a === b && clean.display < best.display)) best = clean;
    }
  }
  return best;
}

function countDisplay(names: readonly { clean: CleanName }[], display: string): number {
  let n = 0;
  for (const name of names) if (name.clean.display === display) n++;
  return n;
}

/** The type with the most votes; a tie goes to the first of person, organization, location, misc. */
function majorityType(cluster: Cluster): MentionType {
  let best: MentionType = 'PERSON';
  let count = cluster.personVotes;
  if (cluster.organizationVotes > count) {
    best = 'ORGANIZATION';
    count = cluster.organizationVotes;
  }
  if (cluster.locationVotes > count) {
    best = 'LOCATION';
    count = cluster.locationVotes;
  }
  return cluster.miscVotes > count ? 'MISC' : best;
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
    // A hash of the word's lowercase letters (read backwards): most words are no role word, and are
    // ruled out by it without building their key.
    let hash = TITLE_HASH_SEED;
    for (let width = letterBefore(text, begin, from); width > 0; width = letterBefore(text, begin, from)) {
      begin -= width;
      const code = text.charCodeAt(begin);
      if (width > 1 || code >= 128) ascii = false;
      else {
        hash = titleHashStep(hash, code | 32);
      }
    }
    // A word with a non-ASCII letter is keyed by nameKey (diacritics, ligatures).
    if (begin < end && !ascii) {
      const key = nameKey(text.slice(begin, end));
      if (isTitleWord(key)) (found ??= []).push(key);
    } else if (begin < end && end - begin <= TITLE_WORD_MAX_LENGTH && TITLE_WORD_HASHES.has(hash)) {
      // An ASCII word: the role word itself is found by its hash and compared letter by letter (no
      // lowercase copy is built; V8 lowers slices of a two-byte text, i.e. most news, on a slow path).
      const word = asciiTitleWordAt(text, begin, end, hash);
      if (word !== null) (found ??= []).push(word);
    }
    if (begin <= from) break;
    end = begin;
    while (end > from && letterBefore(text, end, from) === 0) end -= codePointWidthBefore(text, end, from);
  }
  // Most mentions have no role word before them: one shared empty array, none built.
  return found ? found.reverse() : NO_TITLES;
}

const NO_TITLES: readonly string[] = Object.freeze([]);


/** The width (1 or 2 code units) of the letter ending at `end`, or 0 when no letter ends there after `from`. */
function letterBefore(text: string, end: number, from: number): number {
  if (end <= from) return 0;
  const code = text.charCodeAt(end - 1);
  if (code < 128) return (code | 32) >= 97 && (code | 32) <= 122 ? 1 : 0;
  const width = codePointWidthBefore(text, end, from);
  if (width === 1) return isLetterUnit(code) ? 1 : 0;
  return /^\p{L}$/u.test(text.slice(end - width, end)) ? width : 0;
}

/** Per UTF-16 code unit: 0 not looked at yet, 1 a letter, 2 not (no one-character string per test). */
const LETTER_UNITS = new Uint8Array(0x10000);

/** `/^\p{L}$/u` for a one-unit string (a lone surrogate is no letter). */
function isLetterUnit(code: number): boolean {
  let known = LETTER_UNITS[code]!;
  if (known === 0) {
    known = /^\p{L}$/u.test(String.fromCharCode(code)) ? 1 : 2;
    LETTER_UNITS[code] = known;
  }
  return known === 1;
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
export function mentionTitles(text: string, mention: Mention, bodyStart: number): readonly string[] {
  const before = titlesBefore(text, mention.start, bodyStart);
  // Speaker and short-form mentions (not NAM) have no titles inside: no copy of the ones before.
  if (mention.form !== 'NAM') return before;
  const inside = cleanName(mention.text, mention.type).titles;
  return inside.length === 0 ? before : [...inside, ...before];
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
    for (const name of distinctOf(cluster)) after = Math.min(after, name.start);
    for (const name of distinctOf(cluster)) {
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
  if (heads === null || !anyHeadIn(text, bodyStart, heads)) return;
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

/** True when one of the heads occurs in the text from `bodyStart` (else the scan below can find none). */
function anyHeadIn(text: string, bodyStart: number, heads: ReadonlyMap<string, unknown>): boolean {
  for (const head of heads.keys()) if (text.indexOf(head, bodyStart) !== -1) return true;
  return false;
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
