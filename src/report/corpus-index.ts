/**
 * The compact corpus index the report builds while streaming documents one at a time: per-document
 * summaries, totals, a month histogram of dates, and per entity a capped list of hits (a short
 * context, never the whole text), so memory stays small whatever the corpus size.
 */
import type { DocumentJson } from '../sinks/document-json.js';

/** How many hits of each kind an entity page lists before "and N more". */
export const DEFAULT_HIT_CAP = 200;
const CONTEXT = 60;
const QUOTE_CHARS = 300;

/** One document in the article list. */
export interface DocSummary {
  id: string;
  title: string;
  published: string | null;
  status: string;
  mentions: number;
  quotes: number;
  dates: number;
  warnings: number;
}

/** A mention of an entity, with a little context. */
export interface MentionHit {
  doc: number;
  index: number;
  before: string;
  text: string;
  after: string;
}

/** A quote attributed to an entity. */
export interface QuoteHit {
  doc: number;
  index: number;
  kind: string;
  text: string;
}

/** What the index holds about one entity. */
export interface EntityHits {
  mentions: number;
  quotes: number;
  documents: number;
  lastDoc: number;
  mentionHits: MentionHit[];
  quoteHits: QuoteHit[];
}

/**
 * A copy of a short string that does not keep its parent alive: V8 represents a slice of a long
 * string as a view into it, which would keep every document's text in memory through its hits.
 */
function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}

/**
 * Cut a context string at a line break, so a snippet stays on one line, and drop half a surrogate
 * pair left at the cut edge.
 */
function oneLine(s: string, fromEnd: boolean): string {
  const parts = s.split(/\r?\n/);
  let line = (fromEnd ? parts[parts.length - 1] : parts[0]) ?? '';
  if (fromEnd && /^[\uDC00-\uDFFF]/.test(line)) line = line.slice(1);
  if (!fromEnd && /[\uD800-\uDBFF]$/.test(line)) line = line.slice(0, -1);
  return line;
}

/**
 * The month (`YYYY-MM`) a date expression falls in, when it covers at most about a month
 * (days, weeks, months); null for years, seasons, durations, sets and unresolved values.
 * @param date a `dates[]` entry
 */
export function monthOf(date: DocumentJson['dates'][number]): string | null {
  if (date.range) {
    const start = Date.parse(date.range.start);
    const end = Date.parse(date.range.end);
    if (!Number.isFinite(start) || !Number.isFinite(end) || end - start > 31 * 86_400_000) return null;
    return /^\d{4}-\d{2}/.test(date.range.start) ? date.range.start.slice(0, 7) : null;
  }
  if (date.type !== 'DATE' && date.type !== 'TIME') return null;
  const match = /^(\d{4})-(\d{2})(?!\d)/.exec(date.value ?? '');
  return match && Number(match[2]) >= 1 && Number(match[2]) <= 12 ? `${match[1]}-${match[2]}` : null;
}

/** The accumulating index. */
export class CorpusIndex {
  readonly docs: DocSummary[] = [];
  readonly entities = new Map<string, EntityHits>();
  readonly months = new Map<string, number>();
  readonly totals = {
    mentions: 0,
    quotes: 0,
    dates: 0,
    datesInMonths: 0,
    failed: 0,
    warnings: 0,
    chars: 0,
    mentionTypes: new Map<string, number>(),
    quoteKinds: new Map<string, number>(),
  };

  /** @param hitCap how many hits per entity and kind to keep */
  constructor(private readonly hitCap = DEFAULT_HIT_CAP) {}

  private hitsOf(id: string): EntityHits {
    let hits = this.entities.get(id);
    if (!hits) {
      hits = { mentions: 0, quotes: 0, documents: 0, lastDoc: -1, mentionHits: [], quoteHits: [] };
      this.entities.set(id, hits);
    }
    return hits;
  }

  private seen(hits: EntityHits, doc: number): void {
    if (hits.lastDoc !== doc) {
      hits.documents++;
      hits.lastDoc = doc;
    }
  }

  /**
   * Add one document; its text is not kept.
   * @param doc the document JSON
   * @param title its display title
   * @returns the document's position in the index
   */
  add(doc: DocumentJson, title: string): number {
    const n = this.docs.length;
    const warnings = doc.messages.filter((m) => m.severity === 'warning').length;
    this.docs.push({
      id: doc.id,
      title: detach(title),
      published: doc.published,
      status: doc.status,
      mentions: doc.mentions.length,
      quotes: doc.quotes.length,
      dates: doc.dates.length,
      warnings,
    });
    const t = this.totals;
    t.mentions += doc.mentions.length;
    t.quotes += doc.quotes.length;
    t.dates += doc.dates.length;
    t.warnings += warnings;
    t.chars += doc.text.length;
    if (doc.status === 'failed') t.failed++;
    doc.mentions.forEach((m, index) => {
      t.mentionTypes.set(m.type, (t.mentionTypes.get(m.type) ?? 0) + 1);
      if (!m.entity) return;
      const hits = this.hitsOf(m.entity);
      hits.mentions++;
      this.seen(hits, n);
      if (hits.mentionHits.length < this.hitCap) {
        hits.mentionHits.push({
          doc: n,
          index,
          before: detach(oneLine(doc.text.slice(Math.max(0, m.start - CONTEXT), m.start), true)),
          text: detach(doc.text.slice(m.start, m.end)),
          after: detach(oneLine(doc.text.slice(m.end, m.end + CONTEXT), false)),
        });
      }
    });
    doc.quotes.forEach((q, index) => {
      t.quoteKinds.set(q.kind, (t.quoteKinds.get(q.kind) ?? 0) + 1);
      if (!q.speakerEntity) return;
      const hits = this.hitsOf(q.speakerEntity);
      hits.quotes++;
      this.seen(hits, n);
      if (hits.quoteHits.length < this.hitCap) {
        const text = detach(q.text.length > QUOTE_CHARS ? `${q.text.slice(0, QUOTE_CHARS - 1)}…` : q.text);
        hits.quoteHits.push({ doc: n, index, kind: q.kind, text });
      }
    });
    for (const d of doc.dates) {
      const month = monthOf(d);
      if (!month) continue;
      t.datesInMonths++;
      this.months.set(month, (this.months.get(month) ?? 0) + 1);
    }
    return n;
  }
}
