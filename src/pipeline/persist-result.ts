/**
 * Where one document's results live in the output folder, and how they get there: its JSON output
 * (`json/<file>.json`) and its line in the cache journal (`.byline/journal/`, see cache-journal.ts),
 * read by the corpus pass and by the next run. Worker threads write both themselves, synchronously,
 * right after annotating, so the main thread never receives, re-serializes or writes a whole document.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentEntitySummary } from '../linking/link-corpus.js';
import type { Message } from '../model/message.js';
import { writeFileAtomicSync } from '../sinks/atomic-write.js';
import type { DocumentJson } from '../sinks/document-json.js';
import type { AnnotateResult } from './annotate-input.js';
import type { StageTimings } from './run-document.js';
import { appendRecord, type RecordAddress } from './cache-journal.js';

/** Where and how a run writes per-document files. Plain data: it is handed to every worker once. */
export interface OutputTarget {
  outDir: string;
  /** Cache entries are reused only under the same key (tool version, schema version, config hash). */
  cacheKey: string;
  prettyJson: boolean;
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
}

/** Where a document's JSON output lives. */
export function jsonPath(outDir: string, file: string): string {
  return join(outDir, 'json', `${file}.json`);
}

/** The folder of a run's temporary files, inside the output folder (same file system). */
export function tempDirOf(outDir: string): string {
  return join(outDir, '.byline', 'tmp');
}

/** A document's JSON output as written to `json/` (one trailing newline). */
export function serializeDocumentJson(json: DocumentJson, pretty: boolean): string {
  return JSON.stringify(json, null, pretty ? 2 : undefined) + '\n';
}

/**
 * Write a document's JSON output (atomically, and only when its content changed, so an unchanged
 * file keeps its modification time), then append its record to this thread's cache journal.
 * @param target the output folder and cache key
 * @param file the document's safe relative path (`safeRelativePath(id)`)
 * @param hash the content hash of the document's input
 * @param result the annotation
 */
export function persistResult(target: OutputTarget, file: string, hash: string, result: AnnotateResult): DocumentOutcome {
  const { json, summary, timings, tokens } = result;
  const body = Buffer.from(serializeDocumentJson(json, target.prettyJson));
  writeJsonIfChangedSync(jsonPath(target.outDir, file), body, tempDirOf(target.outDir));
  const at = performance.timeOrigin + performance.now();
  const record = appendRecord(target.outDir, { file, key: target.cacheKey, hash, at, bytes: body.length, summary, timings, tokens }, body);
  return {
    status: json.status,
    tokens,
    timings,
    messages: json.messages.filter((message) => message.severity !== 'info'),
    summary,
    record,
  };
}

/** Write `content` to `path` atomically unless the file already holds exactly that. */
export function writeJsonIfChangedSync(path: string, content: string | Buffer, tempDir: string): void {
  // Only a file of the same size can hold the same content: the usual cases (no file yet, another
  // size) cost one stat instead of a read or a thrown error.
  const size = statSync(path, { throwIfNoEntry: false })?.size;
  if (size === undefined || size !== byteLength(content) || !sameContent(readExisting(path), content)) writeFileAtomicSync(path, content, tempDir);
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
