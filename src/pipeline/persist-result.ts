/**
 * Where one document's results live in the output folder, and how they get there: its JSON output
 * (`json/<file>.json`) and its line in the cache journal (`.byline/journal/`, see cache-journal.ts),
 * read by the corpus pass and by the next run. Worker threads write both themselves, synchronously,
 * right after annotating, so the main thread never receives, re-serializes or writes a whole document.
 *
 * The JSON file and the CSV rows get the corpus ids this thread guesses (provisional-ids.ts); the
 * record keeps the document's own ids, which the corpus linker needs. The corpus pass rewrites a
 * document only where a guess was wrong.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentEntitySummary } from '../linking/link-corpus.js';
import { ProvisionalIds } from '../linking/provisional-ids.js';
import type { Message } from '../model/message.js';
import { writeFileAtomicSync } from '../sinks/atomic-write.js';
import { remapEntities, type DocumentJson } from '../sinks/document-json.js';
import { renderDocumentRows, type CsvOptions } from '../sinks/write-csv.js';
import type { AnnotateResult } from './annotate-input.js';
import type { StageTimings } from './run-document.js';
import { appendRecord, type IndexedRecord, type JournalReader, type RecordAddress } from './cache-journal.js';
import type { DocumentInput } from '../corpus/read-corpus.js';
import { safeRelativePath } from '../corpus/document-id.js';

/** Where and how a run writes per-document files. Plain data: it is handed to every worker once. */
export interface OutputTarget {
  outDir: string;
  /** Cache entries are reused only under the same key (tool version, schema version, config hash). */
  cacheKey: string;
  prettyJson: boolean;
  /** How CSV rows are rendered (the config's `output` block). */
  csv: CsvOptions;
  /**
   * True when the output folder had no JSON outputs when the run started: a document's file is then
   * written without looking for an earlier one to keep (a stat per document saved).
   */
  fresh?: boolean;
}

/** What the main thread needs to know about a document once its files are written. */
export interface DocumentOutcome {
  status: 'ok' | 'failed';
  tokens: number;
  timings: StageTimings;
  /** Warnings and fatal messages, for the terminal (info messages stay in the files). */
  messages: Message[];
  /** The document's entity summary (also in its journal record), for the corpus linker. */
  summary: DocumentEntitySummary;
  /** Where its journal record is. */
  record: RecordAddress;
  /**
   * Its JSON file may not hold what phase 1 writes (a reused document whose file the last corpus pass
   * rewrote under the linker's ids, or that was deleted): the corpus pass checks it whatever the guesses.
   */
  jsonStale?: true;
  /** Taken from an earlier run's record instead of annotated (see `reuseRecord`). */
  reused?: true;
}

/** The folder of the documents' JSON outputs. */
export function jsonFolderOf(outDir: string): string {
  return join(outDir, 'json');
}

/** Where a document's JSON output lives. */
export function jsonPath(outDir: string, file: string): string {
  return join(jsonFolderOf(outDir), `${file}.json`);
}

/** The folder of a run's temporary files, inside the output folder (same file system). */
export function tempDirOf(outDir: string): string {
  return join(outDir, '.byline', 'tmp');
}

/** A document's JSON output as written to `json/` (one trailing newline). */
export function serializeDocumentJson(json: DocumentJson, pretty: boolean): string {
  return JSON.stringify(json, null, pretty ? 2 : undefined) + '\n';
}

/** This thread's guesses of corpus ids, from the documents it has annotated. */
const provisional = new ProvisionalIds();

/**
 * Write a document's JSON output (atomically, and only when its content changed, so an unchanged
 * file keeps its modification time), then append its record to this thread's cache journal.
 * @param target the output folder and cache key
 * @param file the document's safe relative path (`safeRelativePath(id)`)
 * @param hash the content hash of the document's input
 * @param result the annotation
 * @param options `guesses`: where the corpus ids written come from (default: this thread's);
 *   `writeJson: false` appends only the record (a failed document whose JSON file cannot be written)
 */
export function persistResult(
  target: OutputTarget,
  file: string,
  hash: string,
  result: AnnotateResult,
  { guesses = provisional, writeJson = true }: { guesses?: ProvisionalIds; writeJson?: boolean } = {},
): DocumentOutcome {
  const { json, summary, timings, tokens } = result;
  const body = Buffer.from(serializeDocumentJson(json, target.prettyJson));
  guesses.learn(summary);
  const applied = guesses.guess(summary);
  const written = withIds(json, applied);
  const writtenBody = written === json ? body : Buffer.from(serializeDocumentJson(written, target.prettyJson));
  if (writeJson) writeOutput(target, file, writtenBody);
  // Rows are rendered only when the corpus pass can tell from the entities alone that they are right.
  const rows = referencesOnlyEntities(json) ? renderDocumentRows(written, target.csv).map((text) => Buffer.from(text)) : [];
  const at = performance.timeOrigin + performance.now();
  const header = {
    file,
    key: target.cacheKey,
    hash,
    at,
    bytes: body.length + rows.reduce((sum, row) => sum + row.length, 0),
    jsonBytes: body.length,
    applied: [...applied],
    csv: rows.length > 0 ? rows.map((row) => row.length) : null,
    speakers: speakersOf(written),
    ...(writeJson ? {} : { jsonFile: false as const }),
    summary,
    timings,
    tokens,
  };
  const record = appendRecord(target.outDir, header, body, ...rows);
  return {
    status: json.status,
    tokens,
    timings,
    messages: json.messages.filter((message) => message.severity !== 'info'),
    summary,
    record,
  };
}

/**
 * The JSON as phase 1 writes it: the document's own with `changes` applied. Always what
 * `remapEntities` makes of it, so that the corpus pass, which applies the linker's ids with
 * `remapEntities`, can tell from the ids alone whether the written file is already right.
 */
export function withIds(json: DocumentJson, changes: ReadonlyMap<string, string>): DocumentJson {
  if (changes.size === 0 && isSortedUnique(json.entities)) return json;
  return remapEntities(json, (id) => changes.get(id) ?? id);
}

function isSortedUnique(entities: DocumentJson['entities']): boolean {
  for (let i = 1; i < entities.length; i++) if (entities[i - 1]!.id >= entities[i]!.id) return false;
  return true;
}

/** True when every entity id a mention or quote refers to is one of the document's entities. */
function referencesOnlyEntities(json: DocumentJson): boolean {
  const ids = new Set(json.entities.map((entity) => entity.id));
  return json.mentions.every((m) => m.entity === null || ids.has(m.entity)) && json.quotes.every((q) => q.speakerEntity === null || ids.has(q.speakerEntity));
}

/** Quotes per speaker entity of a document. */
export function speakersOf(json: DocumentJson): [string, number][] {
  const counts = new Map<string, number>();
  for (const quote of json.quotes) if (quote.speakerEntity) counts.set(quote.speakerEntity, (counts.get(quote.speakerEntity) ?? 0) + 1);
  return [...counts];
}

/** Write a document's JSON output; in a fresh output folder there is no earlier file to compare with. */
function writeOutput(target: OutputTarget, file: string, content: Buffer): void {
  if (target.fresh) writeFileAtomicSync(jsonPath(target.outDir, file), content, tempDirOf(target.outDir));
  else writeJsonIfChangedSync(jsonPath(target.outDir, file), content, tempDirOf(target.outDir));
}

/** Write `content` to `path` atomically unless the file already holds exactly that. */
export function writeJsonIfChangedSync(path: string, content: string | Buffer, tempDir: string): void {
  if (!fileHolds(path, content)) writeFileAtomicSync(path, content, tempDir);
}

/** True when the file at `path` holds exactly `content`. */
export function fileHolds(path: string, content: string | Buffer): boolean {
  // Only a file of the same size can hold the same content: the usual cases (no file yet, another
  // size) cost one stat instead of a read or a thrown error.
  const size = statSync(path, { throwIfNoEntry: false })?.size;
  return size !== undefined && size === byteLength(content) && sameContent(readExisting(path), content);
}

function byteLength(content: string | Buffer): number {
  return typeof content === 'string' ? Buffer.byteLength(content) : content.length;
}

function sameContent(existing: Buffer | null, content: string | Buffer): boolean {
  return existing !== null && existing.equals(typeof content === 'string' ? Buffer.from(content) : content);
}

/** A file's bytes, or null when it cannot be read. */
function readExisting(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

/**
 * A document annotated by an earlier run. Its JSON file is left as it is: when it does not hold what
 * phase 1 writes (its own JSON with the record's guessed ids), because the last corpus pass rewrote
 * it under the linker's ids or it was deleted, the outcome says so and the corpus pass checks it.
 * Rewriting it here made every re-run write such a file twice (here, then back in the pass), and
 * changed its modification time though its content ended the same. Null when the record cannot be
 * read, or was made from the same text at another source (the input was moved or renamed: its outputs
 * name the source): it is annotated again. Runs where the document would have been annotated (a
 * worker thread), so a re-run's checks share the cores instead of queuing on the main thread.
 */
export function reuseRecord(target: OutputTarget, input: DocumentInput, record: IndexedRecord, journals: JournalReader): DocumentOutcome | null {
  const file = safeRelativePath(input.id);
  let json: DocumentJson;
  let summary: DocumentEntitySummary;
  let stale: boolean;
  try {
    const { header, json: body } = journals.read(record);
    // A document whose JSON file could not be written (run:write) is tried again, not reused as failed.
    if (header.jsonFile === false) return null;
    json = JSON.parse(body.toString('utf8')) as DocumentJson;
    if (json.source !== input.source) return null;
    summary = header.summary;
    const written = withIds(json, new Map(header.applied));
    const content = written === json ? body : serializeDocumentJson(written, target.prettyJson);
    stale = !fileHolds(jsonPath(target.outDir, file), content);
  } catch {
    return null;
  }
  const outcome: DocumentOutcome = { status: json.status, tokens: record.tokens, timings: {}, messages: json.messages.filter((m) => m.severity !== 'info'), summary, record, reused: true };
  if (stale) outcome.jsonStale = true;
  return outcome;
}
