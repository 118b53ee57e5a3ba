/**
 * The cache of document results: append-only journals in `.byline/journal/`, one per thread and
 * run. A record is a header line (key, input hash, entity summary, timings, token count, and the
 * size of what follows), a check line (what the corpus pass needs to tell whether phase 1's output
 * is right: the guessed ids, the entity ids, the sizes of what follows), and then the document JSON
 * as phase 1 made it, with its own entity ids, and its CSV rows: the corpus pass links from these
 * and writes the final JSON outputs, and the next run reuses them.
 *
 * Why journals and not a file per document: creating a file costs far more than appending to one
 * (a worker spent ~40 % of its time writing two new files per document on this machine's ext4
 * under load). A record is appended after the document's JSON output is in place. A killed run can
 * leave a torn last record, which the next run cuts off; every run appends to new journals, so
 * nothing is ever written after a torn record. When stale records (documents annotated again, or gone)
 * outweigh the live ones, the corpus pass copies the live ones into one new journal (a temporary
 * file, then renamed) and removes the others.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync, truncateSync, writevSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { DocumentEntitySummary } from '../linking/link-corpus.js';
import { openAtomicFile, writeFully } from '../sinks/atomic-write.js';
import type { StageTimings } from './run-document.js';

/** The header line of a record: what indexing and linking need. */
export interface JournalHead {
  /** The document's safe relative path (`safeRelativePath(id)`). */
  file: string;
  /** Tool version, schema version and config hash: a record is used only under the same key. */
  key: string;
  /** Content hash of the document's input. */
  hash: string;
  /** When the record was written (ms since the epoch): of two records for a file, the later counts. */
  at: number;
  /** Bytes after the header line: the check line, the document JSON, then its CSV rows. */
  bytes: number;
  summary: DocumentEntitySummary;
  timings: StageTimings;
  tokens: number;
}

/**
 * The check line of a record, after its header line: all the corpus pass reads of a document whose
 * ids phase 1 guessed right. Parsing the whole header line (~2 kB, mostly the entity summary) was
 * most of the pass's cost per such document.
 */
export interface JournalCheck {
  /**
   * Bytes of document JSON. (Records of earlier layouts have another key, so they are passed over, never read.)
   */
  jsonBytes: number;
  /**
   * The id changes phase 1 guessed and applied to the document's JSON file and CSV rows (local id,
   * guessed id); the JSON in the record keeps the document's own ids.
   */
  applied: [string, string][];
  /**
   * Bytes of the CSV rows of each table of DOCUMENT_TABLES, after the JSON; null when phase 1 did
   * not render them (a mention or quote refers to an id the document's entities do not list).
   */
  csv: number[] | null;
  /** Quotes per speaker entity in the written JSON (with the guessed ids). */
  speakers: [string, number][];
  /**
   * False when the document has no JSON file, because it could not be written (`run:write`: another
   * document's output folder has its name); the corpus pass then writes none either.
   */
  jsonFile?: false;
  /** The ids of the summary's entities, in its order. */
  ids: string[];
}

/**
 * A whole record's header and check line, as {@link appendRecord} takes them (its `bytes`: the
 * payload's total length; the check line's ids come from the summary) and {@link JournalReader.read}
 * gives them back.
 */
export type JournalHeader = JournalHead & Omit<JournalCheck, 'ids'>;

/** Where a record is, and what reuse needs to know without reading it. Plain data, for workers. */
export interface RecordAddress {
  journal: string;
  offset: number;
  /** Bytes of the header line, newline included; the check line follows. */
  headerBytes: number;
  /** Bytes after the header line (the header's `bytes`). */
  bytes: number;
}

/** An indexed record. */
export interface IndexedRecord extends RecordAddress {
  hash: string;
  at: number;
  tokens: number;
}

/** The folder of an output folder's journals. */
export function journalDirOf(outDir: string): string {
  return join(outDir, '.byline', 'journal');
}

/** This thread's journal per output folder: a new file for every thread of every run. */
const ownJournals = new Map<string, string>();

/**
 * Append a document's record to this thread's journal of `outDir`.
 * @param outDir the output folder
 * @param header the header (its `bytes` must be the payload's total length)
 * @param payload the document JSON as phase 1 made it, then its rendered CSV rows
 * @returns where the record is, so the corpus pass need not index the journals again
 */
export function appendRecord(outDir: string, header: JournalHeader, ...payload: Buffer[]): RecordAddress {
  const dir = journalDirOf(outDir);
  let path = ownJournals.get(outDir);
  if (!path) {
    path = join(dir, `${Date.now().toString(36)}-${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.jsonl`);
    ownJournals.set(outDir, path);
  }
  const { jsonBytes, applied, csv, speakers, jsonFile, ...head } = header;
  const check: JournalCheck = { jsonBytes, applied, csv, speakers, ...(jsonFile === false ? { jsonFile } : {}), ids: header.summary.entities.map((e) => e.id) };
  const checkLine = Buffer.from(JSON.stringify(check) + '\n');
  const stored: JournalHead = { ...head, bytes: checkLine.length + header.bytes };
  const headerLine = Buffer.from(JSON.stringify(stored) + '\n');
  let fd: number;
  try {
    fd = openSync(path, 'a');
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code !== 'ENOENT') throw error;
    mkdirSync(dir, { recursive: true });
    fd = openSync(path, 'a');
  }
  try {
    // This thread is the journal's only writer, so its size now is where the record starts.
    const offset = fstatSync(fd).size;
    writeAll(fd, [headerLine, checkLine, ...payload]);
    return { journal: path, offset, headerBytes: headerLine.length, bytes: stored.bytes };
  } finally {
    closeSync(fd);
  }
}

/** Write every buffer, in order: one system call, unless the file system takes fewer bytes than given. */
function writeAll(fd: number, buffers: Buffer[]): void {
  let written = writevSync(fd, buffers);
  for (const buffer of buffers) {
    if (written >= buffer.length) written -= buffer.length;
    else {
      writeFully(fd, buffer.subarray(written));
      written = 0;
    }
  }
}

/** The total size of an output folder's journals, in bytes. */
export function journalBytesOf(outDir: string): number {
  let total = 0;
  for (const journal of listJournals(outDir)) total += statSync(journal, { throwIfNoEntry: false })?.size ?? 0;
  return total;
}

/** The journal files of an output folder (none when it has no journal folder). */
export function listJournals(outDir: string): string[] {
  try {
    return readdirSync(journalDirOf(outDir))
      .filter((name) => name.endsWith('.jsonl'))
      .sort()
      .map((name) => join(journalDirOf(outDir), name));
  } catch {
    return [];
  }
}

/**
 * Index the records of every journal of `outDir` written under `key`: the latest one per file.
 * A journal is read up to its first record that does not parse or is cut short (the torn end a
 * killed run can leave), and truncated there. No run is writing to the journals of `outDir` then.
 * @param outDir the output folder
 * @param key the cache key of this run
 */
export function loadJournalIndex(outDir: string, key: string): { records: Map<string, IndexedRecord>; journalBytes: number } {
  const records = new Map<string, IndexedRecord>();
  let journalBytes = 0;
  const reader = new JournalReader();
  try {
    for (const journal of listJournals(outDir)) {
      const size = reader.size(journal);
      journalBytes += size;
      for (let offset = 0; offset < size; ) {
        const found = reader.headerAt(journal, offset, size);
        if (!found || offset + found.headerBytes + found.header.bytes > size) {
          // A record cut short by a killed run: cut it off, so no half-written record stays behind.
          truncateSync(journal, offset);
          break;
        }
        const { header, headerBytes } = found;
        const known = records.get(header.file);
        if (header.key === key && !(known && known.at > header.at)) {
          records.set(header.file, { journal, offset, headerBytes, bytes: header.bytes, hash: header.hash, at: header.at, tokens: header.tokens });
        }
        offset += headerBytes + header.bytes;
      }
    }
  } finally {
    reader.close();
  }
  return { records, journalBytes };
}

/** The least a reader reads at once: a bench record is ~5–15 kB. */
const READ_AHEAD = 64 * 1024;

/** Reads records back, keeping each journal open while it is needed. */
export class JournalReader {
  private readonly descriptors = new Map<string, number>();
  private buffer = Buffer.allocUnsafe(READ_AHEAD);
  /** The journal and byte range the buffer holds from its start (null: none). */
  private windowJournal: string | null = null;
  private windowStart = 0;
  private windowEnd = 0;

  /** The header line of the record at `address`. */
  header(address: RecordAddress): JournalHead {
    const header = parseHeader(this.bytesAt(address.journal, address.offset, address.headerBytes - 1));
    if (!header) throw unreadable(address);
    return header;
  }

  /** The document JSON of the record at `address`. */
  body(address: RecordAddress): Buffer {
    return Buffer.from(this.check(address).json);
  }

  /**
   * The whole record at `address`, in one read: its header and check line, its document JSON and its
   * CSV rows (empty when the record has none). The buffers are views of a reused buffer: copy them to keep them.
   */
  read(address: RecordAddress): { header: JournalHeader; json: Buffer; csv: Buffer } {
    const bytes = this.bytesAt(address.journal, address.offset, address.headerBytes + address.bytes);
    const head = parseHeader(bytes.subarray(0, address.headerBytes - 1));
    if (!head) throw unreadable(address);
    const { check, json, csv } = splitRecord(address, bytes.subarray(address.headerBytes));
    return { header: { ...head, ...check }, json, csv };
  }

  /**
   * The record at `address` after its header line, in one read: its check line, its document JSON and
   * its CSV rows. The buffers are views of a reused buffer: copy them to keep them.
   */
  check(address: RecordAddress): { check: JournalCheck; json: Buffer; csv: Buffer } {
    return splitRecord(address, this.bytesAt(address.journal, address.offset + address.headerBytes, address.bytes));
  }

  /** The header and document of the record at `address`, as one buffer. */
  whole(address: RecordAddress): Buffer {
    return Buffer.from(this.bytesAt(address.journal, address.offset, address.headerBytes + address.bytes));
  }

  /** The size of a journal. */
  size(journal: string): number {
    return fstatSync(this.descriptor(journal)).size;
  }

  /** The header starting at `offset`, if a complete one is there. */
  headerAt(journal: string, offset: number, size: number): { header: JournalHead; headerBytes: number } | null {
    for (let length = Math.min(4096, size - offset); ; length = Math.min(length * 4, size - offset)) {
      const bytes = this.bytesAt(journal, offset, length);
      const newline = bytes.indexOf(10);
      if (newline >= 0) {
        const header = parseHeader(bytes.subarray(0, newline));
        return header ? { header, headerBytes: newline + 1 } : null;
      }
      if (offset + length >= size) return null;
    }
  }

  close(): void {
    for (const fd of this.descriptors.values()) closeSync(fd);
    this.descriptors.clear();
    this.windowJournal = null;
  }

  private descriptor(journal: string): number {
    let fd = this.descriptors.get(journal);
    if (fd === undefined) {
      fd = openSync(journal, 'r');
      this.descriptors.set(journal, fd);
    }
    return fd;
  }

  /**
   * `length` bytes at `offset` (a view of a reused buffer: copy it to keep it). Each read takes at
   * least {@link READ_AHEAD} bytes, so that records written one after another (a corpus pass slice's
   * documents mostly were, by one worker) cost one system call for several.
   */
  private bytesAt(journal: string, offset: number, length: number): Buffer {
    const start = offset - this.windowStart;
    if (journal === this.windowJournal && start >= 0 && offset + length <= this.windowEnd) return this.buffer.subarray(start, start + length);
    const want = Math.max(length, READ_AHEAD);
    if (this.buffer.length < want) this.buffer = Buffer.allocUnsafe(Math.max(want, this.buffer.length * 2));
    this.windowJournal = null;
    const read = readSync(this.descriptor(journal), this.buffer, 0, want, offset);
    if (read < length) throw new Error(`${journal}: ${read} bytes at byte ${offset}, expected ${length}: the journal changed while it was read`);
    this.windowJournal = journal;
    this.windowStart = offset;
    this.windowEnd = offset + read;
    return this.buffer.subarray(0, length);
  }
}

function unreadable(address: RecordAddress): Error {
  return new Error(`${address.journal}: unreadable record at byte ${address.offset}, expected a cache entry`);
}

/** A record's check line, document JSON and CSV rows, from its bytes after the header line. */
function splitRecord(address: RecordAddress, bytes: Buffer): { check: JournalCheck; json: Buffer; csv: Buffer } {
  const newline = bytes.indexOf(10);
  const check = newline < 0 ? null : parseCheck(bytes.subarray(0, newline));
  if (!check) throw unreadable(address);
  const jsonEnd = newline + 1 + check.jsonBytes;
  return { check, json: bytes.subarray(newline + 1, jsonEnd), csv: bytes.subarray(jsonEnd) };
}

function parseCheck(bytes: Buffer): JournalCheck | null {
  try {
    const check = JSON.parse(bytes.toString('utf8')) as JournalCheck;
    return Number.isInteger(check.jsonBytes) && Array.isArray(check.ids) && Array.isArray(check.applied) ? check : null;
  } catch {
    return null;
  }
}

function parseHeader(bytes: Buffer): JournalHead | null {
  try {
    const header = JSON.parse(bytes.toString('utf8')) as JournalHead;
    return typeof header.file === 'string' && typeof header.key === 'string' && typeof header.at === 'number' && Number.isInteger(header.bytes) && header.summary
      ? header
      : null;
  } catch {
    return null;
  }
}

/**
 * When stale records outweigh the live ones, copy the live records into one new journal that
 * replaces all the others.
 * @param outDir the output folder
 * @param live the records still in use (in the order to write them)
 * @param journalBytes the size of all journals together
 * @param tempDir where the new journal is written until it is complete
 */
export function compactJournals(outDir: string, live: readonly RecordAddress[], journalBytes: number, tempDir: string): void {
  const liveBytes = live.reduce((sum, record) => sum + record.headerBytes + record.bytes, 0);
  if (journalBytes <= 2 * liveBytes && listJournals(outDir).length <= MAX_JOURNALS) return;
  const others = listJournals(outDir);
  const target = openAtomicFile(join(journalDirOf(outDir), `${Date.now().toString(36)}-compacted-${randomBytes(4).toString('hex')}.jsonl`), tempDir);
  const reader = new JournalReader();
  try {
    for (const record of live) target.write(reader.whole(record));
    reader.close();
    target.commit();
  } catch (error) {
    reader.close();
    target.abort();
    throw error;
  }
  for (const journal of others) rmSync(journal, { force: true });
}

/** More journals than this are compacted even without stale records (each run adds one per thread). */
const MAX_JOURNALS = 64;
