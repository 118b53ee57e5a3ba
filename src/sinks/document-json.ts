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

const span = (s: Span | null | undefined): Span | null => (s ? { start: s.start, end: s.end, text: s.text } : null);

/** Status of an annotated document. */
export function statusOf(messages: readonly Message[]): DocumentStatus {
  return messages.some((message) => message.severity === 'fatal') ? 'failed' : 'ok';
}

/**
 * Project an annotated document onto the output shape (fixed field order).
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
    mentions: (layers.mentions ?? []).map((m: Mention) => ({ start: m.start, end: m.end, text: m.text, type: m.type, form: m.form, entity: m.entity })),
    dates: (layers.dates ?? []).map((d: DateMention) => ({ start: d.start, end: d.end, text: d.text, type: d.type, value: d.value, range: d.range })),
    quotes: (layers.quotes ?? []).map((q: Quote) => ({
      start: q.start,
      end: q.end,
      text: q.text,
      kind: q.kind,
      cue: span(q.cue),
      speaker: span(q.speaker),
      speakerEntity: q.speakerEntity,
      confidence: q.confidence,
    })),
    // Sorted by id, as the corpus pass leaves them: a document the linker does not change is not rewritten.
    entities: [...(layers.entities ?? [])].sort(byId).map((e: DocumentEntity) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      aliases: [...e.aliases],
      ...(e.kb ? { kb: e.kb } : {}),
      ...(e.sameAs && e.sameAs.length > 0 ? { sameAs: [...e.sameAs] } : {}),
      ...(e.candidates && e.candidates.length > 0 ? { candidates: [...e.candidates] } : {}),
    })),
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
