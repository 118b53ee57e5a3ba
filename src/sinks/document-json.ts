/**
 * The per-document JSON shape (schema-versioned; documented in docs/output-format.md).
 * Nothing here depends on time or concurrency, so the same input gives the same bytes.
 */
import type { DateMention, Document, DocumentEntity, Mention, Quote } from '../model/document.js';
import type { Message } from '../model/message.js';
import type { Span } from '../model/span.js';

/** Version of the output format; bumped on any breaking change. */
export const SCHEMA_VERSION = '1.0.0';

/** `ok`: annotated; `failed`: a fatal message, annotations missing or partial. */
export type DocumentStatus = 'ok' | 'failed';

/** One document as written to `output/json/<id>.json`. */
export interface DocumentJson {
  schemaVersion: string;
  id: string;
  source: string;
  published: string | null;
  status: DocumentStatus;
  text: string;
  mentions: { start: number; end: number; text: string; type: string; form: string; entity: string | null }[];
  dates: { start: number; end: number; text: string; type: string; value: string | null; range: { start: string; end: string } | null }[];
  quotes: {
    start: number;
    end: number;
    text: string;
    kind: string;
    cue: Span | null;
    speaker: Span | null;
    speakerEntity: string | null;
    confidence: number;
  }[];
  entities: { id: string; name: string; type: string; aliases: string[]; kb?: string; sameAs?: string[]; candidates?: string[] }[];
  messages: Message[];
}

/** Status of an annotated document. */
export function statusOf(messages: readonly Message[]): DocumentStatus {
  return messages.some((message) => message.severity === 'fatal') ? 'failed' : 'ok';
}

const SPAN_KEYS = ['start', 'end', 'text'];
const MENTION_KEYS = ['start', 'end', 'text', 'type', 'form', 'entity'];
const DATE_KEYS = ['start', 'end', 'text', 'type', 'value', 'range'];
const ENTITY_KEYS = ['id', 'name', 'type', 'aliases'];

/**
 * True when `value`'s own keys are exactly `keys`, in that order. Such a layer object serializes and
 * clones to the same bytes as its projection, so it is used as it is: copying every mention, date,
 * span and entity was ~5 % of the bytes a worker allocates per document (the layers are not changed
 * after annotation: the document is dropped once projected).
 */
function hasExactKeys(value: object, keys: readonly string[]): boolean {
  let count = 0;
  for (const key in value) {
    if (count >= keys.length || key !== keys[count]) return false;
    count++;
  }
  return count === keys.length;
}

function span(s: Span | null | undefined): Span | null {
  if (!s) return null;
  return hasExactKeys(s, SPAN_KEYS) ? s : { start: s.start, end: s.end, text: s.text };
}

function mentionJson(m: Mention): DocumentJson['mentions'][number] {
  if (hasExactKeys(m, MENTION_KEYS)) return m;
  return { start: m.start, end: m.end, text: m.text, type: m.type, form: m.form, entity: m.entity };
}

function dateJson(d: DateMention): DocumentJson['dates'][number] {
  if (hasExactKeys(d, DATE_KEYS)) return d;
  return { start: d.start, end: d.end, text: d.text, type: d.type, value: d.value, range: d.range };
}

function quoteJson(q: Quote): DocumentJson['quotes'][number] {
  return {
    start: q.start,
    end: q.end,
    text: q.text,
    kind: q.kind,
    cue: span(q.cue),
    speaker: span(q.speaker),
    speakerEntity: q.speakerEntity,
    confidence: q.confidence,
  };
}

/** The optional keys are set one by one, in order (a spread of `{}` in a literal takes V8's slow path). */
function entityJson(e: DocumentEntity): DocumentJson['entities'][number] {
  if (hasExactKeys(e, ENTITY_KEYS)) return e as DocumentJson['entities'][number];
  const json: DocumentJson['entities'][number] = { id: e.id, name: e.name, type: e.type, aliases: [...e.aliases] };
  if (e.kb) json.kb = e.kb;
  if (e.sameAs && e.sameAs.length > 0) json.sameAs = [...e.sameAs];
  if (e.candidates && e.candidates.length > 0) json.candidates = [...e.candidates];
  return json;
}

/**
 * The entities sorted by id (stable): the layer itself when it is in order already, else a copy sorted
 * by insertion (a document has a few dozen entities; `Array.prototype.sort` copies into a work array).
 */
function sortedById(entities: readonly DocumentEntity[]): readonly DocumentEntity[] {
  let i = 1;
  while (i < entities.length && byId(entities[i - 1]!, entities[i]!) <= 0) i++;
  if (i >= entities.length) return entities;
  const sorted = entities.slice();
  for (; i < sorted.length; i++) {
    const entity = sorted[i]!;
    let j = i;
    for (; j > 0 && byId(sorted[j - 1]!, entity) > 0; j--) sorted[j] = sorted[j - 1]!;
    sorted[j] = entity;
  }
  return sorted;
}

/**
 * Project an annotated document onto the output shape (fixed field order). The projection may share
 * objects with the document's layers, so neither is changed afterwards.
 * @param doc the annotated document
 */
export function toDocumentJson(doc: Document): DocumentJson {
  const { layers } = doc;
  return {
    schemaVersion: SCHEMA_VERSION,
    id: doc.id,
    source: doc.source,
    published: doc.published,
    status: statusOf(doc.messages),
    text: doc.text,
    mentions: (layers.mentions ?? []).map(mentionJson),
    dates: (layers.dates ?? []).map(dateJson),
    quotes: (layers.quotes ?? []).map(quoteJson),
    // Sorted by id, as the corpus pass leaves them: a document the linker does not change is not rewritten.
    entities: sortedById(layers.entities ?? []).map(entityJson),
    messages: doc.messages.map((m) => ({ ...m })),
  };
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Replace entity ids through `remap` (the corpus-wide linker's decisions).
 * @param json a document's output
 * @param remap local id → corpus id
 */
export function remapEntities(json: DocumentJson, remap: (id: string) => string): DocumentJson {
  const mapId = (id: string | null) => (id === null ? null : remap(id));
  const merged = new Map<string, DocumentJson['entities'][number]>();
  for (const entity of json.entities) {
    const id = remap(entity.id);
    const existing = merged.get(id);
    if (!existing) merged.set(id, { ...entity, id });
    else existing.aliases = [...new Set([...existing.aliases, ...entity.aliases, entity.name])].sort();
  }
  return {
    ...json,
    mentions: json.mentions.map((m) => ({ ...m, entity: mapId(m.entity) })),
    quotes: json.quotes.map((q) => ({ ...q, speakerEntity: mapId(q.speakerEntity) })),
    entities: [...merged.values()].sort(byId),
  };
}
