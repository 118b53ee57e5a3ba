/**
 * The CSV tables (csv-stringify): one per kind of row, with fixed, documented columns.
 * Rows arrive document by document in id order, so the files are sorted by document, then offset.
 */
import { stringify } from 'csv-stringify/sync';
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentJson } from './document-json.js';
import { openAtomicFile, type AtomicFile } from './atomic-write.js';
import { lineColumn } from '../model/message.js';

/** Column lists, in order. docs/output-format.md documents each one. */
export const CSV_COLUMNS = {
  documents: ['doc_id', 'source', 'published', 'status', 'chars', 'mentions', 'entities', 'quotes', 'dates', 'warnings', 'errors'],
  mentions: ['doc_id', 'start', 'end', 'text', 'type', 'form', 'entity_id', 'entity_name'],
  entities: ['entity_id', 'name', 'type', 'kb', 'aliases', 'mention_count', 'document_count', 'quote_count', 'first_document', 'candidates'],
  quotes: ['doc_id', 'start', 'end', 'kind', 'text', 'cue', 'speaker', 'speaker_start', 'speaker_end', 'speaker_entity', 'speaker_name', 'confidence'],
  dates: ['doc_id', 'start', 'end', 'text', 'type', 'value', 'range_start', 'range_end'],
  messages: ['doc_id', 'source', 'severity', 'rule_id', 'reason', 'line', 'column', 'start', 'end'],
} as const;

/** The name of a CSV table. */
export type CsvTable = keyof typeof CSV_COLUMNS;
/** A cell before rendering: null and undefined are empty. */
export type Cell = string | number | null | undefined;

/** Options from the config's `output` block. */
export interface CsvOptions {
  bom: boolean;
  escapeFormulas: boolean;
}

/** A corpus entity as entities.csv needs it. */
export interface EntityRow {
  id: string;
  name: string;
  type: string;
  kb?: string | undefined;
  documents: number;
  mentions: number;
  quotes: number;
  aliases: readonly string[];
  /** The first document (in id order) that mentions the entity. */
  firstDocument?: string | undefined;
  candidates?: readonly string[] | undefined;
}

/**
 * Neutralize a cell that a spreadsheet would run as a formula, as OWASP advises: prefix a `'`.
 * @param value the cell
 */
export function neutralizeFormula(value: string): string {
  return startsFormula(value) ? `'${value}` : value;
}

/** True when a cell starts with `=`, `+`, `-`, `@`, a tab or a carriage return (a character test: the regular expression cost ~3 % of rendering rows). */
function startsFormula(value: string): boolean {
  switch (value.charCodeAt(0)) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // carriage return
      return true;
    default:
      return false;
  }
}

/** The tables with rows per document, in the order {@link renderDocumentRows} returns them (entities.csv is corpus-wide). */
export const DOCUMENT_TABLES = ['documents', 'mentions', 'quotes', 'dates', 'messages'] as const satisfies readonly CsvTable[];

function cellsOf(cells: readonly Cell[], options: CsvOptions): (string | number)[] {
  return cells.map((cell) => (typeof cell === 'string' && options.escapeFormulas ? neutralizeFormula(cell) : (cell ?? '')));
}

/**
 * A cell csv-stringify quotes (our options): one holding the delimiter, the quote or the record
 * delimiter `\n`. It leaves a lone `\r` unquoted under unix record delimiters.
 */
const NEEDS_QUOTES = /[",\n]/;
const QUOTES = /"/g;

/**
 * Rows as csv-stringify renders them (no header, `\n` after each row, at most one cell per column),
 * written here: csv-stringify took ~120 µs per bench document for the runs of rows with a quoted cell
 * (every quote row has one), most of it per-call set-up and per-cell option handling; a property test
 * holds the two equal for any cells.
 * @param table the table, for its columns
 * @param rows the rows' cells, formula escaping already applied
 */
export function renderRows(table: CsvTable, rows: readonly (string | number)[][]): string {
  return renderCells(table, rows, false);
}

/**
 * {@link renderRows} of raw cells: null and undefined become empty cells, and with `escapeFormulas`
 * formulas are neutralized, in the same pass (mapping each row to escaped cells first, then rendering,
 * took 36 µs per bench document against 16 µs).
 * @param table the table, for its columns
 * @param rows the rows' cells
 * @param escapeFormulas whether to neutralize formulas ({@link neutralizeFormula})
 */
export function renderCells(table: CsvTable, rows: readonly (readonly Cell[])[], escapeFormulas: boolean): string {
  const columns = CSV_COLUMNS[table].length;
  let text = '';
  for (const row of rows) {
    const cells = Math.min(row.length, columns);
    for (let i = 0; i < cells; i++) {
      if (i > 0) text += ',';
      const cell = row[i];
      if (typeof cell === 'number') text += cell;
      else if (typeof cell === 'string') {
        const value = escapeFormulas && startsFormula(cell) ? `'${cell}` : cell;
        text += NEEDS_QUOTES.test(value) ? `"${value.replace(QUOTES, '""')}"` : value;
      }
    }
    text += '\n';
  }
  return text;
}

/**
 * One document's CSV rows, rendered: one string per table of {@link DOCUMENT_TABLES} (empty when it has
 * none), without header or BOM. Rendering rows one document at a time gives the same bytes as
 * rendering a batch, so a run can render them where the document is annotated and join them later.
 * @param doc the document's JSON as it is written
 * @param options formula escaping (the BOM belongs to the whole file)
 */
export function renderDocumentRows(doc: DocumentJson, options: CsvOptions): string[] {
  const names = new Map(doc.entities.map((e) => [e.id, e.name]));
  const count = (severity: string) => doc.messages.filter((m) => m.severity === severity).length;
  const render = (table: CsvTable, rows: Cell[][]) => renderCells(table, rows, options.escapeFormulas);
  return [
    render('documents', [[doc.id, doc.source, doc.published, doc.status, doc.text.length, doc.mentions.length, doc.entities.length, doc.quotes.length, doc.dates.length, count('warning'), count('fatal')]]),
    render('mentions', doc.mentions.map((m) => [doc.id, m.start, m.end, m.text, m.type, m.form, m.entity, m.entity ? names.get(m.entity) : null])),
    render(
      'quotes',
      doc.quotes.map((q) => [doc.id, q.start, q.end, q.kind, q.text, q.cue?.text, q.speaker?.text, q.speaker?.start, q.speaker?.end, q.speakerEntity, q.speakerEntity ? names.get(q.speakerEntity) : null, q.confidence]),
    ),
    render('dates', doc.dates.map((d) => [doc.id, d.start, d.end, d.text, d.type, d.value, d.range?.start, d.range?.end])),
    render(
      'messages',
      doc.messages.map((m) => {
        const position = m.start !== undefined ? lineColumn(doc.text, m.start) : null;
        return [doc.id, doc.source, m.severity, m.ruleId, m.reason, m.line ?? position?.line, position?.column, m.start, m.end];
      }),
    ),
  ];
}

/** Rows are stringified in batches of this many (per table) and written as one string. */
const BATCH_ROWS = 512;

/**
 * Bytes each table gathers before one write: a slice of the corpus pass wrote a document's rows in up
 * to five system calls of a few hundred bytes each (~0.4 % of a worker's run at -j 2 on the bench corpus).
 */
const STAGED_BYTES = 64 * 1024;

interface Table {
  readonly file: AtomicFile;
  readonly columns: readonly string[];
  pending: Cell[][];
  /** Rendered bytes not yet written to `file`: the first `used` bytes of `staged`. */
  readonly staged: Buffer;
  used: number;
}

/**
 * Writes the six tables; each file appears only when `close()` commits it. Rows are buffered and
 * stringified in batches with csv-stringify's synchronous API: a stream transform per row cost more
 * than the rows themselves.
 */
export class CsvWriter {
  private readonly tables = new Map<CsvTable, Table>();

  private constructor(private readonly options: CsvOptions) {}

  /**
   * Open the six tables under `<folder>/`, each starting with its header row.
   * @param folder usually `output/csv`
   * @param options BOM and formula escaping
   * @param tempDir where temporary files go until committed
   */
  static open(folder: string, options: CsvOptions, tempDir: string = folder): CsvWriter {
    return CsvWriter.create(folder, options, tempDir, true);
  }

  /**
   * Open part files for a slice of the documents: rows only, no header or BOM, so that parts
   * joined in order with {@link CsvWriter.appendPart} give the same bytes as one writer.
   * @param folder the slice's folder of part files
   * @param options formula escaping (the BOM belongs to the joined file)
   * @param tempDir where temporary files go until committed
   */
  static openPart(folder: string, options: CsvOptions, tempDir: string): CsvWriter {
    return CsvWriter.create(folder, options, tempDir, false);
  }

  private static create(folder: string, options: CsvOptions, tempDir: string, header: boolean): CsvWriter {
    const writer = new CsvWriter(options);
    for (const table of Object.keys(CSV_COLUMNS) as CsvTable[]) {
      const file = openAtomicFile(join(folder, `${table}.csv`), tempDir);
      const columns = CSV_COLUMNS[table];
      if (header) file.write(stringify([], { header: true, columns: [...columns], bom: options.bom, record_delimiter: 'unix' }));
      writer.tables.set(table, { file, columns, pending: [], staged: Buffer.allocUnsafe(STAGED_BYTES), used: 0 });
    }
    return writer;
  }

  /**
   * Append a part file written by a writer from {@link CsvWriter.openPart} to `table`.
   * @param table the table
   * @param path the part file of that table
   */
  appendPart(table: CsvTable, path: string): void {
    const target = this.tables.get(table)!;
    this.flush(target);
    drain(target);
    // In blocks: a slice's part can be larger than we want to hold at once.
    const fd = openSync(path, 'r');
    try {
      const block = Buffer.allocUnsafe(1 << 20);
      for (let read = readSync(fd, block); read > 0; read = readSync(fd, block)) target.file.write(block.subarray(0, read));
    } finally {
      closeSync(fd);
    }
  }

  private row(table: CsvTable, cells: Cell[]): void {
    const target = this.tables.get(table)!;
    target.pending.push(cellsOf(cells, this.options));
    if (target.pending.length >= BATCH_ROWS) this.flush(target);
  }

  private flush(target: Table): void {
    if (target.pending.length === 0) return;
    const text = stringify(target.pending, { columns: [...target.columns], record_delimiter: 'unix' });
    target.pending = [];
    put(target, text);
  }

  /**
   * Write one document's rows to documents, mentions, quotes, dates and messages.
   * @param doc the document's final JSON
   */
  addDocument(doc: DocumentJson): void {
    this.addRendered(renderDocumentRows(doc, this.options));
  }

  /**
   * Write one document's rows as {@link renderDocumentRows} rendered them (possibly on another
   * thread, or in an earlier phase of the run).
   * @param rows the rows of each of {@link DOCUMENT_TABLES}, in that order
   */
  addRendered(rows: readonly string[]): void {
    for (const [i, table] of DOCUMENT_TABLES.entries()) {
      const text = rows[i];
      if (!text) continue;
      const target = this.tables.get(table)!;
      this.flush(target);
      put(target, text);
    }
  }

  /**
   * Write one document's rows as {@link renderDocumentRows} rendered them, from their UTF-8 bytes:
   * copied as they are, never decoded (a journal record keeps them so).
   * @param rows the rows of each of {@link DOCUMENT_TABLES}, in that order, one after another
   * @param lengths the byte length of each table's rows
   */
  addRenderedBytes(rows: Uint8Array, lengths: readonly number[]): void {
    let offset = 0;
    for (const [i, table] of DOCUMENT_TABLES.entries()) {
      const length = lengths[i] ?? 0;
      if (length === 0) continue;
      const target = this.tables.get(table)!;
      this.flush(target);
      put(target, rows.subarray(offset, offset + length));
      offset += length;
    }
  }

  /** Write one row of entities.csv. */
  addEntity(entity: EntityRow): void {
    this.row('entities', [
      entity.id,
      entity.name,
      entity.type,
      entity.kb,
      entity.aliases.join(' | '),
      entity.mentions,
      entity.documents,
      entity.quotes,
      entity.firstDocument,
      entity.candidates?.join(' | '),
    ]);
  }

  /** Finish every table and move the files into place. */
  close(): void {
    for (const table of this.tables.values()) {
      this.flush(table);
      drain(table);
      table.file.commit();
    }
  }

  /** Drop every table (the run failed). */
  abort(): void {
    for (const { file } of this.tables.values()) file.abort();
  }
}

/** Stage `content` for `target`'s file (written at once when it would not fit). */
function put(target: Table, content: string | Uint8Array): void {
  const room = target.staged.length - target.used;
  // A string takes at most 3 UTF-8 bytes per UTF-16 unit: no need to measure it first.
  const most = typeof content === 'string' ? 3 * content.length : content.length;
  if (most > room) {
    drain(target);
    if (most > target.staged.length) {
      target.file.write(content);
      return;
    }
  }
  if (typeof content === 'string') target.used += target.staged.write(content, target.used, 'utf8');
  else {
    target.staged.set(content, target.used);
    target.used += content.length;
  }
}

/** Write what `target` has staged. */
function drain(target: Table): void {
  if (target.used === 0) return;
  target.file.write(target.staged.subarray(0, target.used));
  target.used = 0;
}
