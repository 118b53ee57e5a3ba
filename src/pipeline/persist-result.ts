/**
 * Where one document's results live in the output folder, and how they get there: its cache entry
 * (`.byline/cache/<file>.json`, read by the corpus pass and by the next run) and its JSON output
 * (`json/<file>.json`). Worker threads write both themselves, synchronously, right after annotating,
 * so the main thread never receives, re-serializes or writes a whole document.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Message } from '../model/message.js';
import { writeFileAtomicSync } from '../sinks/atomic-write.js';
import type { DocumentJson } from '../sinks/document-json.js';
import type { AnnotateResult } from './annotate-input.js';
import type { StageTimings } from './run-document.js';

/** Where and how a run writes per-document files. Plain data: it is handed to every worker once. */
export interface OutputTarget {
  outDir: string;
  /** Cache entries are reused only under the same key (tool version, schema version, config hash). */
  cacheKey: string;
  prettyJson: boolean;
}

/** One cached document result. */
export interface CacheEntry {
  key: string;
  hash: string;
  result: AnnotateResult;
}

/**
 * A cache file is a small header line (key, hash, entity summary, timings, token count), then the
 * document JSON exactly as the output file has it (several lines when pretty-printed). The corpus
 * pass reads every summary before any document, so it parses only the first line there.
 * JSON.stringify without indentation never writes a raw newline, so the first one ends the header.
 */
interface CacheHeader {
  key: string;
  hash: string;
  summary: AnnotateResult['summary'];
  timings: StageTimings;
  tokens: number;
}

/** Parse a whole cache file. */
export function parseCacheEntry(content: string): CacheEntry {
  const newline = content.indexOf('\n');
  const header = JSON.parse(content.slice(0, newline)) as CacheHeader;
  const json = JSON.parse(content.slice(newline + 1)) as DocumentJson;
  return { key: header.key, hash: header.hash, result: { json, summary: header.summary, timings: header.timings, tokens: header.tokens } };
}

/** A buffer for reading cache headers: most fit, so a document's bytes are not read just to find its summary. */
const headerBuffer = Buffer.allocUnsafe(64 * 1024);

/**
 * The first line (the header) of the cache file at `path`, without reading the rest when it fits in
 * 64 KB; the whole file otherwise.
 */
export function readCacheHeaderLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, headerBuffer, 0, headerBuffer.length, 0);
    const newline = headerBuffer.subarray(0, read).indexOf(10);
    if (newline >= 0) return headerBuffer.toString('utf8', 0, newline + 1);
  } finally {
    closeSync(fd);
  }
  return readFileSync(path, 'utf8');
}

/** Only the entity summary of a cache file (or of its first line). */
export function parseCacheSummary(content: string): AnnotateResult['summary'] {
  return (JSON.parse(content.slice(0, content.indexOf('\n'))) as CacheHeader).summary;
}

/** Only the document JSON of a cache file. */
export function parseCacheJson(content: string): DocumentJson {
  return JSON.parse(content.slice(content.indexOf('\n') + 1)) as DocumentJson;
}

/** What the main thread needs to know about a document once its files are written. */
export interface DocumentOutcome {
  status: 'ok' | 'failed';
  tokens: number;
  timings: StageTimings;
  /** Warnings and fatal messages, for the terminal (info messages stay in the files). */
  messages: Message[];
}

/** Where a document's JSON output lives. */
export function jsonPath(outDir: string, file: string): string {
  return join(outDir, 'json', `${file}.json`);
}

/** Where a document's cached result lives. */
export function cachePath(outDir: string, file: string): string {
  return join(outDir, '.byline', 'cache', `${file}.json`);
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
 * Write a document's cache entry, then its JSON output (only when its content changed, so an
 * unchanged file keeps its modification time), each atomically.
 * @param target the output folder and cache key
 * @param file the document's safe relative path (`safeRelativePath(id)`)
 * @param hash the content hash of the document's input
 * @param result the annotation
 */
export function persistResult(target: OutputTarget, file: string, hash: string, result: AnnotateResult): DocumentOutcome {
  const tempDir = tempDirOf(target.outDir);
  const { json, summary, timings, tokens } = result;
  // The document JSON is serialized once, as the output file has it, for both files: the cache
  // entry's document is everything after its first line, so it may span lines.
  const body = serializeDocumentJson(json, target.prettyJson);
  const header: CacheHeader = { key: target.cacheKey, hash, summary, timings, tokens };
  writeFileAtomicSync(cachePath(target.outDir, file), `${JSON.stringify(header)}\n${body}`, tempDir);
  writeJsonIfChangedSync(jsonPath(target.outDir, file), body, tempDir);
  return {
    status: json.status,
    tokens,
    timings,
    messages: json.messages.filter((message) => message.severity !== 'info'),
  };
}

/** Write `content` to `path` atomically unless the file already holds exactly that. */
export function writeJsonIfChangedSync(path: string, content: string, tempDir: string): void {
  // Only a file of the same size can hold the same content: the usual cases (no file yet, another
  // size) cost one stat instead of a read or a thrown error.
  const size = statSync(path, { throwIfNoEntry: false })?.size;
  if (size === undefined || size !== Buffer.byteLength(content) || readExisting(path) !== content) writeFileAtomicSync(path, content, tempDir);
}

function readExisting(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
