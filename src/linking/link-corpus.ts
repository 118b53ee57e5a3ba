/**
 * Corpus-wide entity linking over small per-document summaries (the run streams documents, so the
 * documents themselves are never held: only an index of entities and, for one-word person names, a
 * compact record per document).
 *
 * Within one article link-entities has already grouped mentions and named each entity
 * `<type>:<slug of its canonical name>`, so a full-name match across articles is the same id already.
 * On top of that, only solid evidence merges:
 * - a person's one-word short form ("Blinken", "Park") joins a fuller name of the same type when that
 *   is the only corpus person the word can be part of AND the document shares context with it (a role
 *   word such as "minister", or a co-occurring entity); decided per document;
 * - an organization (or place) short form or acronym ("Ford", "GM") joins a fuller name when some
 *   article linked the two (the short form is one of its aliases, or the acronym is its initials), that
 *   fuller name is the only candidate, and the two share context; decided once for the whole corpus.
 * Anything else stays its own entity; when it could mean one or more fuller names, they are listed in
 * `candidates`. The result depends only on the set of summaries, never on their order.
 *
 * Limits: `documents` counts an organization merged from two forms that a document kept apart twice;
 * the co-occurrence context of an entity is a bounded sample (a bottom-k sketch of hashes).
 */
import type { Document, DocumentEntity, Mention, MentionType } from '../model/document.js';
import { byCodeUnits, firstAtOrAfter, sortInPlace } from '../model/sorted.js';
import type { KnowledgeBase, KnowledgeBaseEntry } from './knowledge-base.js';
import { mentionTitles } from './link-document.js';
import { coreTokens, initials, isInitialsOf, isOrganizationShortForm, isPersonShortForm, keyTokens, nameKey } from './names.js';

/**
 * One entity of a document summary: what the linker reads of the document entity (no `sameAs`, no
 * `candidates`) plus counts and context.
 */
export interface SummaryEntity extends Pick<DocumentEntity, 'id' | 'name' | 'type' | 'aliases' | 'kb'> {
  /** Mentions of the entity in the document (all forms). */
  readonly mentions: number;
  /** Quotes whose speaker is the entity. */
  readonly quotes: number;
  /** Role words seen with the entity in the document ("minister", "ceo"). */
  readonly titles: readonly string[];
}

/** What the corpus linker needs to know about one document. Small: no text, no spans. */
export interface DocumentEntitySummary {
  readonly docId: string;
  /** The document's entities; the other entities of the same document are each one's context. */
  readonly entities: readonly SummaryEntity[];
}

/** An entity of the whole corpus. */
export interface CorpusEntity {
  id: string;
  name: string;
  type: MentionType;
  aliases: string[];
  kb?: string;
  description?: string;
  /** Documents that mention it. */
  documents: number;
  /** Mentions of it in all documents. */
  mentions: number;
  /** Quotes whose speaker it is. */
  quotes: number;
  /** The smallest document id that mentions it (ids sort, so this is independent of corpus order). */
  firstDocument: string;
  /** For a short form kept apart: the ids of the fuller entities it might mean. */
  candidates?: string[];
}

/** The corpus linker's result. */
export interface CorpusLinks {
  /** Every entity, sorted by id. */
  entities: CorpusEntity[];
  /** The corpus-wide id of a document's local entity id (the local id itself when it was not merged). */
  remap(docId: string, localId: string): string;
  /**
   * The same mapping as plain data (only the ids that change), to hand to worker threads.
   * @param docIds only these documents' per-document changes (default: every document's)
   */
  remapTable(docIds?: Iterable<string>): RemapTable;
}

/**
 * The linker's id changes as plain data: `global` maps a local id to its corpus-wide id in every
 * document; `perDocument` maps `<docId>\u0000<localId>` for short forms resolved per document.
 */
export interface RemapTable {
  global: Map<string, string>;
  perDocument: Map<string, string>;
}

/**
 * The remap function of a {@link RemapTable}, equal to the linker's own `remap`.
 * @param table the table (from `remapTable()`, possibly after a structured clone)
 */
export function remapFromTable(table: RemapTable): (docId: string, localId: string) => string {
  const { perDocument, global } = table;
  // Most slices have no per-document changes: no key to build then.
  if (perDocument.size === 0) return (_docId, localId) => global.get(localId) ?? localId;
  return (docId, localId) => perDocument.get(`${docId}\u0000${localId}`) ?? global.get(localId) ?? localId;
}

/** Options of {@link linkCorpus}. */
export interface LinkCorpusOptions {
  /** A knowledge base giving `kb` and `description` to entities the documents did not link. */
  readonly knowledgeBase?: KnowledgeBase | null;
}

/** How many context hashes an entity keeps (bottom-k sketch). */
const SKETCH_SIZE = 128;
/** How many context hashes a per-document short-form record keeps (at most {@link SKETCH_SIZE}). */
const RECORD_CONTEXT = 64;

/** Role words per mention (by index) that link-entities already computed, by the entities layer it assigned. */
const knownTitles = new WeakMap<
  readonly DocumentEntity[],
  { mentions: readonly Mention[]; titles: readonly (readonly string[] | undefined)[] }
>();

/**
 * Remember the role words link-entities found for its output mentions, so {@link summarizeDocument}
 * does not clean every name again. Used only while `mentions` is still the document's mentions layer.
 * @param entities the entities layer the stage assigns
 * @param mentions the mentions layer the stage assigns
 * @param titles role words by index into `mentions` (see {@link mentionTitles}); mentions missing here are computed
 */
export function rememberMentionTitles(
  entities: readonly DocumentEntity[],
  mentions: readonly Mention[],
  titles: readonly (readonly string[] | undefined)[],
): void {
  knownTitles.set(entities, { mentions, titles });
}

/**
 * Summarize one annotated document for {@link linkCorpus}.
 * @param doc a document that went through link-entities
 */
export function summarizeDocument(doc: Document): DocumentEntitySummary {
  const entities = doc.layers.entities ?? [];
  // One tally per entity id, found by one Map look-up per mention: three Maps, a Set of role words per
  // entity and object spreads were ~5 % of the bytes a worker allocates per document.
  const tallies = new Map<string, EntityTally>();
  for (const entity of entities) if (!tallies.has(entity.id)) tallies.set(entity.id, { mentions: 0, quotes: 0, titles: null });
  const known = knownTitles.get(entities);
  const memo = known && known.mentions === doc.layers.mentions ? known.titles : null;
  const mentions = doc.layers.mentions ?? [];
  for (let index = 0; index < mentions.length; index++) {
    const mention = mentions[index]!;
    const tally = mention.entity === null ? undefined : tallies.get(mention.entity);
    if (tally === undefined) continue;
    tally.mentions++;
    const titles = memo?.[index] ?? mentionTitles(doc.text, mention, doc.bodyStart);
    for (let i = 0; i < titles.length; i++) {
      const title = titles[i]!;
      if (tally.titles === null) tally.titles = [title];
      else if (!tally.titles.includes(title)) tally.titles.push(title);
    }
  }
  for (const quote of doc.layers.quotes ?? []) {
    const tally = quote.speakerEntity ? tallies.get(quote.speakerEntity) : undefined;
    if (tally) tally.quotes++;
  }
  return { docId: doc.id, entities: entities.map((entity) => summaryEntity(entity, tallies.get(entity.id)!)) };
}

/** What {@link summarizeDocument} counts for one entity id. */
interface EntityTally {
  mentions: number;
  quotes: number;
  /** Its distinct role words (null while there are none). */
  titles: string[] | null;
}

/** A summary entity, built as one of two literals (a spread of `{}` in a literal takes V8's slow path). */
function summaryEntity(entity: DocumentEntity, tally: EntityTally): SummaryEntity {
  const { id, name, type, aliases } = entity;
  const { mentions, quotes } = tally;
  // Two entities of one id (a collision) share the sorted array: summaries are only read.
  const titles = tally.titles === null ? [] : sortInPlace(tally.titles, byCodeUnits);
  if (entity.kb === undefined) return { id, name, type, aliases, mentions, quotes, titles };
  return { id, name, type, aliases, kb: entity.kb, mentions, quotes, titles };
}

/** 32-bit FNV-1a. */
function hash(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The hashes of a document's entity ids, smallest first. */
function sortedIdHashes(entities: readonly SummaryEntity[]): { id: string; value: number }[] {
  return entities.map((entity) => ({ id: entity.id, value: hash(`e:${entity.id}`) })).sort((a, b) => a.value - b.value);
}

/**
 * The context of an entity in one document, as hashes: role words and co-occurring entity ids. Only
 * the {@link SKETCH_SIZE} smallest co-occurring id hashes are taken: a larger one can never be among
 * the smallest the sketches and records keep, and taking all of them made a document of n entities
 * cost n² here.
 * @param entity the entity
 * @param idHashes the document's id hashes, sorted by value
 */
function contextHashes(entity: SummaryEntity, idHashes: readonly { id: string; value: number }[]): number[] {
  const values = new Set<number>();
  for (const title of entity.titles) values.add(hash(`t:${title}`));
  let taken = 0;
  let last = -1;
  for (const { id, value } of idHashes) {
    if (id === entity.id || value === last) continue;
    if (taken === SKETCH_SIZE) break;
    values.add(value);
    last = value;
    taken++;
  }
  return [...values];
}

/**
 * Keep the {@link SKETCH_SIZE} smallest values: a sample that is the same whatever order values
 * arrive in. The values are a sorted plain array (unboxed numbers): the corpus holds one sketch per
 * distinct entity, and a Set of boxed hashes cost ~4 × the memory (bench:link, 100,000 documents).
 * Pruning is lazy (at twice the size); an insertion moves at most 2 × SKETCH_SIZE numbers.
 */
class BottomK {
  private readonly values: number[] = [];
  /** Values above this are known not to be among the smallest. */
  private threshold = Infinity;

  add(value: number): void {
    if (value > this.threshold) return;
    const values = this.values;
    const at = firstAtOrAfter(values, value);
    if (values[at] === value) return;
    values.splice(at, 0, value);
    if (values.length >= 2 * SKETCH_SIZE) this.prune();
  }

  private prune(): void {
    this.values.length = SKETCH_SIZE;
    this.threshold = this.values[SKETCH_SIZE - 1]!;
  }

  /** Finish: keep exactly the smallest {@link SKETCH_SIZE}. */
  seal(): void {
    if (this.values.length > SKETCH_SIZE) this.prune();
  }

  has(value: number): boolean {
    return this.values[firstAtOrAfter(this.values, value)] === value;
  }

  /** True when the two samples share a value (one walk over both sorted lists). */
  meets(other: BottomK): boolean {
    const a = this.values;
    const b = other.values;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) return true;
      if (a[i]! < b[j]!) i++;
      else j++;
    }
    return false;
  }
}


interface Aggregate {
  readonly id: string;
  readonly type: MentionType;
  /**
   * The names the documents gave it, with counts, in the order first seen: the first inline, the
   * others (most entities have none) in a Map made on first use. Read them with {@link namesOf}.
   */
  readonly firstName: string;
  firstNameCount: number;
  otherNames: Map<string, number> | null;
  /** Created on the first alias or link: most entities of a large corpus have neither (an empty Set or Map costs ~170 bytes). */
  aliases: Set<string> | null;
  kbs: Map<string, number> | null;
  readonly context: BottomK;
  documents: number;
  mentions: number;
  quotes: number;
  firstDocument: string;
}

/** One document's one-word person name, kept until the whole corpus has been seen. */
interface ShortRecord {
  readonly docId: string;
  readonly mentions: number;
  readonly quotes: number;
  /** Its context hashes, sorted: `[contextStart, contextEnd)` in the linker's {@link HashPool}. */
  readonly contextStart: number;
  readonly contextEnd: number;
}

/**
 * The short records' context hashes, end to end in one growing array: a corpus has one record per
 * document and one-word person name, and a typed array of its own per record cost ~200 bytes of
 * overhead each (at 200 MB of news, ~65,000 records).
 */
class HashPool {
  private data = new Uint32Array(1 << 12);
  private length = 0;

  /** Append `values`; returns where they start. */
  push(values: readonly number[]): number {
    const start = this.length;
    if (start + values.length > this.data.length) {
      const grown = new Uint32Array(Math.max(this.data.length * 2, start + values.length));
      grown.set(this.data.subarray(0, start));
      this.data = grown;
    }
    this.data.set(values, start);
    this.length += values.length;
    return start;
  }

  /** The values in `[start, end)`, as a view (valid until the next push). */
  view(start: number, end: number): Uint32Array {
    return this.data.subarray(start, end);
  }
}

/**
 * Link entities across a corpus.
 * @param summaries one summary per document, in any order
 * @param options an optional knowledge base
 */
export function linkCorpus(summaries: Iterable<DocumentEntitySummary>, options: LinkCorpusOptions = {}): CorpusLinks {
  const linker = new CorpusLinker();
  for (const summary of summaries) linker.add(summary);
  return linker.link(options);
}

/**
 * {@link linkCorpus} one summary at a time, so a run can fold each document in as it finishes
 * (the order does not matter) and only the linking itself is left for the end.
 */
export class CorpusLinker {
  private index: Map<string, Aggregate> | null = new Map();
  private readonly shortRecords = new Map<string, ShortRecord[]>();
  private readonly contexts = new HashPool();

  /** Fold in one document's summary. */
  add(summary: DocumentEntitySummary): void {
    const index = this.index;
    if (!index) throw new Error('CorpusLinker: add() after link(), expected every summary before linking');
    const idHashes = sortedIdHashes(summary.entities);
    for (const entity of summary.entities) {
      const context = contextHashes(entity, idHashes);
      if (isShortPerson(entity)) {
        const records = this.shortRecords.get(entity.id) ?? [];
        const kept = context.sort((a, b) => a - b).slice(0, RECORD_CONTEXT);
        const contextStart = this.contexts.push(kept);
        records.push({ docId: summary.docId, mentions: entity.mentions, quotes: entity.quotes, contextStart, contextEnd: contextStart + kept.length });
        this.shortRecords.set(entity.id, records);
      }
      const aggregate = index.get(entity.id) ?? newAggregate(entity, summary.docId);
      index.set(entity.id, aggregate);
      addName(aggregate, entity.name);
      for (const alias of entity.aliases) addAlias(aggregate, alias);
      if (entity.kb) addKb(aggregate, entity.kb, 1);
      for (const value of context) aggregate.context.add(value);
      aggregate.documents++;
      aggregate.mentions += entity.mentions;
      aggregate.quotes += entity.quotes;
      if (summary.docId < aggregate.firstDocument) aggregate.firstDocument = summary.docId;
    }
  }

  /** Link what was added (once: the linker's state becomes the result). */
  link(options: LinkCorpusOptions = {}): CorpusLinks {
    const index = this.index;
    if (!index) throw new Error('CorpusLinker: link() called twice, expected it once');
    this.index = null;
    return linkAggregates(index, this.shortRecords, this.contexts, options);
  }
}

function linkAggregates(index: Map<string, Aggregate>, shortRecords: Map<string, ShortRecord[]>, contexts: HashPool, options: LinkCorpusOptions): CorpusLinks {
  for (const aggregate of index.values()) aggregate.context.seal();
  const nameIndex = new NameIndex(index);
  const candidatesOf = new Map<string, Set<string>>();
  const slugOwners = new Map<string, Aggregate[]>();
  for (const aggregate of sortedValues(index)) {
    const list = slugOwners.get(slugOf(aggregate.id)) ?? [];
    list.push(aggregate);
    slugOwners.set(slugOf(aggregate.id), list);
  }
  // Person short forms: per document, with that document's context.
  // By document, then local id: a run hands each slice of the corpus pass only its documents' changes.
  const docRemap = new Map<string, Map<string, string>>();
  for (const [id, records] of [...shortRecords].sort(([a], [b]) => compare(a, b))) {
    const aggregate = index.get(id);
    if (!aggregate) continue;
    // "Chrysler" typed as a person once is the organization named the same, not a surname.
    const sameName = slugOwners.get(slugOf(id)) ?? [];
    if (sameName.some((other) => other !== aggregate && other.mentions >= aggregate.mentions)) continue;
    const candidates = nameIndex.fullerPeople(aggregate);
    if (candidates.length === 0) continue;
    const target = candidates.length === 1 ? candidates[0] : undefined;
    for (const record of records) {
      const context = contexts.view(record.contextStart, record.contextEnd);
      if (target && context.some((value) => target.context.has(value))) {
        const changes = docRemap.get(record.docId) ?? new Map<string, string>();
        changes.set(id, target.id);
        docRemap.set(record.docId, changes);
        moveRecord(aggregate, target, record, context.includes(hash(`e:${target.id}`)));
      } else {
        const set = candidatesOf.get(id) ?? new Set<string>();
        for (const candidate of candidates) set.add(candidate.id);
        candidatesOf.set(id, set);
      }
    }
  }
  // Whole-entity merges, as sets (union-find) whose representative is the most mentioned member.
  const sets = new UnionFind();
  for (const aggregate of sortedValues(index)) {
    if (aggregate.type === 'PERSON' || aggregate.documents === 0) continue;
    // An organization short form or acronym ("Ford", "GM") that some article linked to one fuller name.
    const candidates = nameIndex.fullerOrganizations(aggregate);
    if (candidates.length === 0) continue;
    const evidenced = candidates.filter((other) => hasEvidence(aggregate, other) && sharesContext(aggregate, other));
    if (candidates.length === 1 && evidenced.length === 1) sets.union(aggregate.id, evidenced[0]?.id ?? aggregate.id);
    else candidatesOf.set(aggregate.id, new Set(candidates.map((other) => other.id)));
  }
  // Two expansions defining the same acronym ("(EADS)") that share a word: one organization.
  for (const group of nameIndex.acronymGroups()) {
    for (const other of group.slice(1)) if (sharesContext(group[0]!, other)) sets.union(group[0]!.id, other.id);
  }
  // The same name typed differently in different articles (the recognizer's mistakes): one entity.
  for (const owners of slugOwners.values()) {
    const live = owners.filter((owner) => owner.documents > 0);
    for (const other of live.slice(1)) if (sharesContext(live[0]!, other)) sets.union(live[0]!.id, other.id);
  }
  const representative = new Map<string, Aggregate>();
  for (const aggregate of sortedValues(index)) {
    if (aggregate.documents === 0) continue;
    const root = sets.find(aggregate.id);
    const best = representative.get(root);
    if (!best || isMoreRepresentative(aggregate, best)) representative.set(root, aggregate);
  }
  const resolve = (id: string): string => representative.get(sets.find(id))?.id ?? id;
  // Fold merged entities into their representative.
  for (const aggregate of sortedValues(index)) {
    const target = index.get(resolve(aggregate.id));
    if (!target || target === aggregate || aggregate.documents === 0) continue;
    target.documents += aggregate.documents;
    target.mentions += aggregate.mentions;
    target.quotes += aggregate.quotes;
    for (const [name] of namesOf(aggregate)) addAlias(target, name);
    for (const alias of aggregate.aliases ?? []) addAlias(target, alias);
    for (const [kb, count] of aggregate.kbs ?? []) addKb(target, kb, count);
    if (aggregate.firstDocument < target.firstDocument) target.firstDocument = aggregate.firstDocument;
    aggregate.documents = 0;
  }
  const kb = options.knowledgeBase ?? null;
  const kbById = new Map((kb?.entries ?? []).map((entry) => [entry.id, entry] as const));
  const entities: CorpusEntity[] = [];
  for (const aggregate of sortedValues(index)) {
    if (aggregate.documents === 0) continue;
    entities.push(toCorpusEntity(aggregate, candidatesOf.get(aggregate.id), kb, kbById, resolve));
  }
  let global: Map<string, string> | null = null;
  return {
    entities,
    remap(docId, localId) {
      const perDocument = docRemap.get(docId)?.get(localId);
      return resolve(perDocument ?? localId);
    },
    remapTable(docIds = docRemap.keys()) {
      if (!global) {
        global = new Map<string, string>();
        for (const id of index.keys()) if (resolve(id) !== id) global.set(id, resolve(id));
      }
      const perDocument = new Map<string, string>();
      for (const docId of docIds) {
        for (const [localId, target] of docRemap.get(docId) ?? []) perDocument.set(`${docId}\u0000${localId}`, resolve(target));
      }
      return { global, perDocument };
    },
  };
}

/** The id without its type prefix: `chrysler` for `person:chrysler`. */
function slugOf(id: string): string {
  return id.slice(id.indexOf(':') + 1);
}

/** The member whose id a merged set keeps: not MISC, then the most mentioned, then the longest name, then the first id. */
function isMoreRepresentative(a: Aggregate, b: Aggregate): boolean {
  // MISC is the tagger's catch-all: a name typed MISC in some articles and LOCATION (or another
  // type) in others is the location, whichever is more frequent.
  if ((a.type === 'MISC') !== (b.type === 'MISC')) return b.type === 'MISC';
  if (a.mentions !== b.mentions) return a.mentions > b.mentions;
  const tokens = keyTokens(bestName(a)).length - keyTokens(bestName(b)).length;
  if (tokens !== 0) return tokens > 0;
  return a.id < b.id;
}

/** Disjoint sets of ids; the root is the smallest id, so the result does not depend on union order. */
class UnionFind {
  private readonly parent = new Map<string, string>();

  find(id: string): string {
    let root = id;
    for (let next = this.parent.get(root); next !== undefined && next !== root; next = this.parent.get(root)) root = next;
    // Path compression.
    for (let node = id; node !== root; ) {
      const next = this.parent.get(node) ?? root;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (ra < rb) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Aggregates sorted by id; the sort is done once per index size (the index only grows while reading). */
function sortedValues(index: ReadonlyMap<string, Aggregate>): Aggregate[] {
  const cached = sortedCache.get(index);
  if (cached && cached.length === index.size) return cached;
  const sorted = [...index.values()].sort((a, b) => compare(a.id, b.id));
  sortedCache.set(index, sorted);
  return sorted;
}

const sortedCache = new WeakMap<ReadonlyMap<string, Aggregate>, Aggregate[]>();

function newAggregate(entity: DocumentEntity, docId: string): Aggregate {
  return {
    id: entity.id,
    type: entity.type,
    firstName: entity.name,
    firstNameCount: 0,
    otherNames: null,
    aliases: null,
    kbs: null,
    context: new BottomK(),
    documents: 0,
    mentions: 0,
    quotes: 0,
    firstDocument: docId,
  };
}

/** A person named by one word, or with initials ("Blinken", "J. Smith"): possibly a short form. */
function isShortPerson(entity: DocumentEntity): boolean {
  if (entity.type !== 'PERSON') return false;
  const tokens = keyTokens(entity.name);
  return tokens.length === 1 || tokens.some((token) => token.length === 1);
}

function addName(aggregate: Aggregate, name: string): void {
  if (name === aggregate.firstName) aggregate.firstNameCount++;
  else {
    const others = (aggregate.otherNames ??= new Map());
    others.set(name, (others.get(name) ?? 0) + 1);
  }
}

/** An aggregate's names and their counts, in the order first seen. */
function namesOf(aggregate: Aggregate): [string, number][] {
  const first: [string, number] = [aggregate.firstName, aggregate.firstNameCount];
  return aggregate.otherNames ? [first, ...aggregate.otherNames] : [first];
}

/** An aggregate's names, in the order first seen. */
function nameList(aggregate: Aggregate): string[] {
  return namesOf(aggregate).map(([name]) => name);
}

function addAlias(aggregate: Aggregate, alias: string): void {
  (aggregate.aliases ??= new Set()).add(alias);
}

function addKb(aggregate: Aggregate, kb: string, count: number): void {
  const kbs = (aggregate.kbs ??= new Map());
  kbs.set(kb, (kbs.get(kb) ?? 0) + count);
}

function moveRecord(from: Aggregate, to: Aggregate, record: ShortRecord, alreadyThere: boolean): void {
  from.documents--;
  from.mentions -= record.mentions;
  from.quotes -= record.quotes;
  if (!alreadyThere) to.documents++;
  to.mentions += record.mentions;
  to.quotes += record.quotes;
  for (const [name] of namesOf(from)) addAlias(to, name);
  if (record.docId < to.firstDocument) to.firstDocument = record.docId;
}

/** The display name of an aggregate: the most complete, then the most frequent, then the first in order. */
function bestName(aggregate: Aggregate): string {
  const cached = bestNames.get(aggregate);
  if (cached !== undefined) return cached;
  const best = computeBestName(aggregate);
  bestNames.set(aggregate, best);
  return best;
}

/** Names are final once every summary is read, so each aggregate's best name is computed once. */
const bestNames = new WeakMap<Aggregate, string>();

function computeBestName(aggregate: Aggregate): string {
  let best = '';
  let bestScore: [number, number] = [-1, -1];
  for (const [name, count] of namesOf(aggregate).sort(([a], [b]) => compare(a, b))) {
    const score: [number, number] = [keyTokens(name).length, count];
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = name;
      bestScore = score;
    }
  }
  return best;
}

/** Lookups of fuller names by word, for short-form candidates. */
class NameIndex {
  private readonly byFirst = new Map<string, Aggregate[]>();
  private readonly byLast = new Map<string, Aggregate[]>();
  /** Non-person entities by each proper prefix of their core words ("ford", "ford motor" → Ford Motor Company). */
  private readonly byPrefix = new Map<string, Aggregate[]>();
  /** Non-person entities by the key of each alias. */
  private readonly byAlias = new Map<string, Aggregate[]>();
  /** Non-person multi-word entities by their initials. */
  private readonly byInitials = new Map<string, Aggregate[]>();
  private readonly all: Aggregate[];

  constructor(index: ReadonlyMap<string, Aggregate>) {
    this.all = sortedValues(index);
    for (const aggregate of this.all) {
      const tokens = coreTokens(keyTokens(bestName(aggregate)), aggregate.type);
      if (tokens.length < 2) continue;
      if (aggregate.type !== 'PERSON') {
        for (let length = 1; length < tokens.length; length++) pushTo(this.byPrefix, tokens.slice(0, length).join(' '), aggregate);
        for (const alias of new Set([...(aggregate.aliases ?? [])].map(nameKey))) pushTo(this.byAlias, alias, aggregate);
        for (const value of initials(keyTokens(bestName(aggregate)))) pushTo(this.byInitials, value, aggregate);
      }
      for (const [map, token] of [
        [this.byFirst, tokens[0]],
        [this.byLast, tokens.at(-1)],
      ] as const) {
        if (token === undefined) continue;
        const list = map.get(token) ?? [];
        list.push(aggregate);
        map.set(token, list);
      }
    }
  }

  /** People with a fuller name this one can be part of ("Park" → Park Jin, Park Chung-hee). */
  fullerPeople(short: Aggregate): Aggregate[] {
    const tokens = keyTokens(bestName(short));
    const first = tokens[0] ?? '';
    const last = tokens.at(-1) ?? '';
    const found = new Set<Aggregate>();
    for (const list of [this.byFirst.get(first), this.byLast.get(last)]) {
      for (const other of list ?? []) {
        if (other !== short && other.type === 'PERSON' && isPersonShortForm(tokens, keyTokens(bestName(other)))) found.add(other);
      }
    }
    return [...found].sort((a, b) => compare(a.id, b.id));
  }

  /**
   * Groups of organizations (or places) of one type that list the same acronym among their aliases
   * and share a content word ("European Aeronautic Defence and Space" / "Aeronautic Defense & Space"
   * both with EADS), plus the entity named by the acronym alone.
   */
  acronymGroups(): Aggregate[][] {
    const byAcronym = new Map<string, Aggregate[]>();
    for (const aggregate of this.all) {
      if (aggregate.type === 'PERSON') continue;
      const acronyms = new Set([...(aggregate.aliases ?? []), ...nameList(aggregate)].filter((name) => /^[A-Z][A-Z&]{1,7}$/.test(name)));
      for (const acronym of acronyms) {
        const key = `${aggregate.type}:${acronym}`;
        const list = byAcronym.get(key) ?? [];
        list.push(aggregate);
        byAcronym.set(key, list);
      }
    }
    const groups: Aggregate[][] = [];
    for (const list of byAcronym.values()) {
      const expansions = list.filter((aggregate) => keyTokens(bestName(aggregate)).length > 1);
      const first = expansions[0];
      if (!first || list.length < 2) continue;
      const words = new Set(keyTokens(bestName(first)).filter((word) => word.length >= 4));
      const related = expansions.every((aggregate) => keyTokens(bestName(aggregate)).some((word) => words.has(word)));
      if (related) groups.push(list);
    }
    return groups;
  }

  /** Organizations (or places) with a fuller name this one abbreviates or starts ("GM", "Ford"). */
  fullerOrganizations(short: Aggregate): Aggregate[] {
    const name = bestName(short);
    const tokens = coreTokens(keyTokens(name), short.type);
    if (tokens.length > 2) return [];
    const found = new Set<Aggregate>();
    for (const other of this.byPrefix.get(tokens.join(' ')) ?? []) {
      const otherTokens = coreTokens(keyTokens(bestName(other)), other.type);
      if (other !== short && other.type === short.type && isOrganizationShortForm(tokens, otherTokens)) found.add(other);
    }
    if (tokens.length === 1 && /^[A-Z&.]{2,10}$/.test(name)) {
      for (const other of this.byInitials.get(name.replace(/\./g, '')) ?? []) {
        if (other !== short && other.type === short.type) found.add(other);
      }
    }
    for (const other of this.byAlias.get(nameKey(name)) ?? []) {
      if (other !== short && other.type === short.type) found.add(other);
    }
    return [...found].sort((a, b) => compare(a.id, b.id));
  }
}

function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Some article linked the short form to the fuller name, or the short form is its initials. */
function hasEvidence(short: Aggregate, full: Aggregate): boolean {
  const keys = new Set(nameList(short).map(nameKey));
  if ([...(full.aliases ?? [])].some((alias) => keys.has(nameKey(alias)))) return true;
  return nameList(short).some((name) => isInitialsOf(name, keyTokens(bestName(full))));
}

function sharesContext(a: Aggregate, b: Aggregate): boolean {
  return a.context.meets(b.context) || a.context.has(hash(`e:${b.id}`)) || b.context.has(hash(`e:${a.id}`));
}

function mostFrequent(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [value, count] of [...counts].sort(([a], [b]) => compare(a, b))) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

function toCorpusEntity(
  aggregate: Aggregate,
  candidates: ReadonlySet<string> | undefined,
  knowledgeBase: KnowledgeBase | null,
  kbById: ReadonlyMap<string, KnowledgeBaseEntry>,
  resolve: (id: string) => string,
): CorpusEntity {
  const name = bestName(aggregate);
  const aliases = new Set([...(aggregate.aliases ?? []), ...nameList(aggregate)]);
  aliases.delete(name);
  let kb = aggregate.kbs ? mostFrequent(aggregate.kbs) : undefined;
  let description: string | undefined;
  if (knowledgeBase) {
    const entry = kb
      ? kbById.get(kb)
      : knowledgeBase.match(aggregate.type, [name, ...[...aliases].filter((alias) => keyTokens(alias).length > 1)]);
    if (entry) {
      kb = entry.id;
      description = entry.description;
    }
  }
  const entity: CorpusEntity = {
    id: aggregate.id,
    name,
    type: aggregate.type,
    aliases: [...aliases].sort(compare),
    documents: aggregate.documents,
    mentions: aggregate.mentions,
    quotes: aggregate.quotes,
    firstDocument: aggregate.firstDocument,
  };
  if (kb !== undefined) entity.kb = kb;
  if (description !== undefined) entity.description = description;
  if (candidates && candidates.size > 0) entity.candidates = [...new Set([...candidates].map(resolve))].sort(compare);
  return entity;
}
