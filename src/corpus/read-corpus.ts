/**
 * Find and read the documents of a run: folders (walked recursively, globs from the config),
 * single files, and `.jsonl` files of one article per line. Every input yields either a readable
 * document or a failed one with a fatal message; reading never throws for one bad file.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync, readFileSync, type Dirent } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import picomatch from 'picomatch';
import { makeMessage, type Message } from '../model/message.js';
import { decodeText, firstInvalidUtf8 } from './decode-text.js';
import { idFromPath } from './document-id.js';
import { findBodyStart, isoDay } from './metadata.js';

/** A document as read from the corpus, before annotation. `text` is null when it could not be read. */
export interface DocumentInput {
  id: string;
  source: string;
  text: string | null;
  published: string | null;
  bodyStart: number;
  /** sha256 of id, publication date and text: the key of incremental runs. */
  hash: string;
  messages: Message[];
  /** 1-based line of a `.jsonl` file the document came from. */
  line?: number;
}

/** Options for finding documents. */
export interface ReadOptions {
  include: readonly string[];
  exclude: readonly string[];
  maxFileBytes: number;
  /** Folders never read (the output folder, when it sits inside the corpus). */
  skipFolders: readonly string[];
  /**
   * Only documents whose id passes are yielded (a shard's own), and the others are not read: a file's
   * text is never loaded, a JSONL line is parsed for its id only. Ids are tested after duplicates are
   * renamed (`a~dup2`), so every shard numbers duplicates as a full read does.
   */
  keep?: (id: string) => boolean;
}

/** A document passed over because `keep` refused its id: only what duplicate detection needs. */
interface Skipped {
  skipped: true;
  id: string;
  source: string;
}

/** What the readers yield: a document, or one that `keep` refused before it was read. */
type Found = DocumentInput | Skipped;

/** An input path that does not exist: the run cannot proceed (exit 2). */
export class InputError extends Error {
  override name = 'InputError';
}

/** The rule prefix of the messages a document gets while it is read. */
export const READ_RULE = 'read-corpus';
const RULE = READ_RULE;

/**
 * Check that every input path exists before the run starts.
 * @param inputs paths from the command line or the config
 */
export async function checkInputs(inputs: readonly string[]): Promise<void> {
  for (const input of inputs) {
    try {
      await stat(input);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new InputError(`${input}: cannot read the input path (${code}), expected an existing folder, file or .jsonl file`);
    }
  }
}

/**
 * Yield every document of the inputs, in a deterministic order.
 * @param inputs folders, files or .jsonl files
 * @param options globs and limits
 */
export async function* readInputs(inputs: readonly string[], options: ReadOptions): AsyncGenerator<DocumentInput> {
  const seen: SeenIds = { sources: new Map(), copies: new Map() };
  // A reader asks before it reads a document's text; `seen` is current then, because a reader resumes
  // only after the document before it went through `dedupe`.
  const keep = options.keep;
  const wanted: Wanted = keep ? (id) => keep(finalIdOf(id, seen)) : () => true;
  for (const input of inputs) {
    const info = await stat(input);
    const documents = info.isDirectory() ? readFolder(input, options, wanted) : readSingle(input, basename(input), options, wanted);
    for await (const found of documents) {
      const doc = dedupe(found, seen);
      if (doc !== null && (keep === undefined || keep(doc.id))) yield doc;
    }
  }
}

/** Whether to read the document that will have this id (before duplicates are renamed). */
type Wanted = (id: string) => boolean;

/**
 * The ids a run has read: where each was first used, and how many copies the few duplicated ones
 * had. Kept for the whole run, so one plain string per document (no record object).
 */
interface SeenIds {
  sources: Map<string, string>;
  copies: Map<string, number>;
}

/** The id a document read now will have: its own, or its next free copy name. */
function finalIdOf(id: string, seen: SeenIds): string {
  return seen.sources.has(id) ? nextCopy(id, seen).id : id;
}

/** The next copy number whose id is free: the input may hold an id such as `b~dup2` itself. */
function nextCopy(original: string, seen: SeenIds): { id: string; copy: number } {
  let copy = seen.copies.get(original) ?? 1;
  let id: string;
  do id = `${original}~dup${++copy}`;
  while (seen.sources.has(id));
  return { id, copy };
}

/**
 * A second document with an id already used is reported, never silently overwritten. A skipped
 * document's id counts as used too (null: nothing to yield).
 */
function dedupe(found: Found, seen: SeenIds): DocumentInput | null {
  const first = seen.sources.get(found.id);
  if (first === undefined) {
    seen.sources.set(found.id, found.source);
    return 'skipped' in found ? null : found;
  }
  const { id, copy } = nextCopy(found.id, seen);
  seen.copies.set(found.id, copy);
  seen.sources.set(id, found.source);
  if ('skipped' in found) return null;
  const doc = found;
  const where = doc.line !== undefined ? { line: doc.line } : {};
  return {
    ...doc,
    id,
    text: null,
    messages: [
      ...doc.messages,
      makeMessage('fatal', `${RULE}:duplicate-id`, `Unexpected duplicate document id \`${doc.id}\` (first used by \`${first}\`), expected ids to be unique in a run`, where),
    ],
  };
}

async function* readFolder(root: string, options: ReadOptions, wanted: Wanted): AsyncGenerator<Found> {
  const include = picomatch(options.include as string[], { dot: false });
  const exclude = picomatch(options.exclude as string[], { dot: true });
  const skip = new Set(await Promise.all(options.skipFolders.map((folder) => realpath(folder).catch(() => resolve(folder)))));
  for await (const file of walk(root, root, include, exclude, skip, new Set())) {
    if ('error' in file) {
      yield failed(idFromPath(root, file.path), file.path, file.error);
      continue;
    }
    yield* readSingle(file.path, idFromPath(root, file.path), options, wanted, file.sidecar);
  }
}

/** A file found by `walk`, with whether its folder lists its sidecar (`<name>.meta.json`); or an error. */
type Listed = { path: string; sidecar: boolean } | { path: string; error: Message };

/**
 * Walk a folder in sorted order, following symlinks but never the same real folder twice. The
 * listing's entry types are used as they are (no `lstat` per file); only symlinks are resolved.
 */
async function* walk(
  root: string,
  folder: string,
  include: (path: string) => boolean,
  exclude: (path: string) => boolean,
  skip: Set<string>,
  visited: Set<string>,
): AsyncGenerator<Listed> {
  const real = await realpath(folder);
  if (visited.has(real) || skip.has(real)) return;
  visited.add(real);
  let entries: Dirent[];
  try {
    entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    yield { path: folder, error: readError(error) };
    return;
  }
  // Lower case: on a case-insensitive file system `Story.meta.json` is the sidecar of `story.txt`.
  // Where case matters, reading the sidecar then simply finds no file.
  const names = new Set(entries.map((entry) => entry.name.toLowerCase()));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    const rel = idFromPath(root, path) + extname(path);
    if (exclude(rel)) continue;
    let kind: { isDirectory(): boolean; isFile(): boolean } = entry;
    if (entry.isSymbolicLink()) {
      try {
        kind = await stat(path);
      } catch (error) {
        // A dangling or looping symlink that matches the globs is reported; others are ignored.
        if (include(rel)) yield { path, error: readError(error) };
        continue;
      }
    }
    if (kind.isDirectory()) yield* walk(root, path, include, exclude, skip, visited);
    else if (kind.isFile() && include(rel)) yield { path, sidecar: names.has(sidecarName(entry.name).toLowerCase()) };
  }
}

/** The sidecar file name of a document file (`story.txt` → `story.meta.json`). */
function sidecarName(name: string): string {
  return name.slice(0, name.length - extname(name).length) + '.meta.json';
}

/**
 * Read one input file (a `.jsonl` file yields each of its lines).
 * @param sidecar whether the file's folder lists its sidecar; unknown (undefined) for a file given by path
 */
async function* readSingle(path: string, fileId: string, options: ReadOptions, wanted: Wanted, sidecar?: boolean): AsyncGenerator<Found> {
  if (extname(path).toLowerCase() === '.jsonl') {
    yield* readJsonl(path, options, wanted);
    return;
  }
  const id = extname(fileId) ? fileId.slice(0, -extname(fileId).length) : fileId;
  if (!wanted(id)) {
    yield { skipped: true, id, source: path };
    return;
  }
  let bytes: Buffer;
  try {
    const read = readSmallFile(path, options.maxFileBytes);
    if (typeof read === 'number') {
      yield failed(id, path, makeMessage('fatal', `${RULE}:too-large`, `Unexpected file of ${read} bytes, expected at most ${options.maxFileBytes} (corpus.maxFileBytes)`));
      return;
    }
    bytes = read;
  } catch (error) {
    yield failed(id, path, readError(error));
    return;
  }
  const decoded = decodeText(bytes);
  if (decoded.text === null) {
    yield { id, source: path, text: null, published: null, bodyStart: 0, hash: hashOf(id, null, bytes.toString('base64')), messages: decoded.messages };
    return;
  }
  const meta = sidecar === false ? NO_SIDECAR : readSidecar(path);
  yield makeInput(id, path, decoded.text, meta.published, [...decoded.messages, ...meta.messages]);
}

/**
 * A file's bytes, or its size when that is over `maxBytes` (then nothing is read). Synchronous on
 * purpose: articles are small, and each asynchronous call (stat, then open, fstat, read and close)
 * was a round trip through libuv's thread pool, ~450 µs of CPU per file in all.
 */
function readSmallFile(path: string, maxBytes: number): Buffer | number {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > maxBytes) return size;
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

const NO_SIDECAR: { published: string | null; messages: Message[] } = { published: null, messages: [] };

/** `<name>.meta.json` beside the file: `{"published": "YYYY-MM-DD"}` (or `date`). */
function readSidecar(path: string): { published: string | null; messages: Message[] } {
  const metaPath = path.slice(0, path.length - extname(path).length) + '.meta.json';
  let source: string;
  try {
    source = readFileSync(metaPath, 'utf8');
  } catch {
    return { published: null, messages: [] };
  }
  try {
    const meta = JSON.parse(source) as Record<string, unknown>;
    const value = meta.published ?? meta.date ?? null;
    if (value === null) return { published: null, messages: [] };
    const published = typeof value === 'string' ? isoDay(value) : null;
    if (published) return { published, messages: [] };
    return { published: null, messages: [badDate(String(value), `${basename(metaPath)}: published`)] };
  } catch (error) {
    return {
      published: null,
      messages: [makeMessage('warning', `${RULE}:bad-sidecar`, `Unexpected content in \`${basename(metaPath)}\`, expected a JSON object: ${(error as Error).message}`)],
    };
  }
}

async function* readJsonl(path: string, options: ReadOptions, wanted: Wanted): AsyncGenerator<Found> {
  const fileId = basename(path, extname(path));
  let lineNumber = 0;
  try {
    const handle = await open(path, 'r');
    await handle.close();
    for await (const line of byteLines(createReadStream(path), options.maxFileBytes)) {
      lineNumber++;
      if (line.bytes === null) {
        const where = { line: lineNumber };
        yield failed(`${fileId}#L${lineNumber}`, `${path}:${lineNumber}`, makeMessage('fatal', `${RULE}:too-large`, `Unexpected line of ${line.length} bytes, expected at most ${options.maxFileBytes} (corpus.maxFileBytes)`, where), lineNumber);
        continue;
      }
      let bytes = line.bytes;
      if (lineNumber === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      if (lineNumber === 1 && bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
        yield failed(fileId, path, makeMessage('fatal', `${RULE}:bad-jsonl`, 'Unexpected UTF-16 byte-order mark in a `.jsonl` file, expected UTF-8 (one JSON object per line)', { line: 1 }), 1);
        return;
      }
      if (isBlank(bytes)) continue;
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        const where = { line: lineNumber };
        yield failed(`${fileId}#L${lineNumber}`, `${path}:${lineNumber}`, makeMessage('fatal', `${RULE}:invalid-utf8`, `Unexpected invalid UTF-8 at byte ${firstInvalidUtf8(bytes)} of line ${lineNumber}, expected well-formed UTF-8`, where), lineNumber);
        continue;
      }
      yield parseJsonlLine(text, path, fileId, lineNumber, wanted);
    }
  } catch (error) {
    yield failed(`${fileId}#L${lineNumber + 1}`, `${path}:${lineNumber + 1}`, readError(error), lineNumber + 1);
  }
}

/**
 * Split a byte stream at `\n` (dropping a `\r` before it). A line longer than `maxBytes` is not
 * kept in memory: it comes back as `bytes: null` with its length.
 */
async function* byteLines(stream: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<{ bytes: Buffer | null; length: number }> {
  let parts: Buffer[] = [];
  let length = 0;
  const take = (): { bytes: Buffer | null; length: number } => {
    let bytes = length > maxBytes ? null : Buffer.concat(parts, length);
    if (bytes && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
    const line = { bytes, length };
    parts = [];
    length = 0;
    return line;
  };
  for await (const chunk of stream) {
    let from = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, from)) {
      if (length <= maxBytes) parts.push(chunk.subarray(from, nl));
      length += nl - from;
      yield take();
      from = nl + 1;
    }
    if (length <= maxBytes) parts.push(chunk.subarray(from));
    length += chunk.length - from;
    if (length > maxBytes) parts = [];
  }
  if (length > 0) yield take();
}

function isBlank(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0d);
}

function parseJsonlLine(line: string, path: string, fileId: string, lineNumber: number, wanted: Wanted): Found {
  const where = { line: lineNumber };
  const fallbackId = `${fileId}#L${lineNumber}`;
  const source = `${path}:${lineNumber}`;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return failed(fallbackId, source, makeMessage('fatal', `${RULE}:bad-jsonl`, `Unexpected malformed JSON on line ${lineNumber}, expected one JSON object per line: ${(error as Error).message}`, where), lineNumber);
  }
  if (!record || typeof record !== 'object' || Array.isArray(record)) {
    return failed(fallbackId, source, makeMessage('fatal', `${RULE}:bad-jsonl`, `Unexpected ${Array.isArray(record) ? 'array' : typeof record} on line ${lineNumber}, expected an object \`{"id", "text", "published"?}\``, where), lineNumber);
  }
  const { id, text, published } = record as Record<string, unknown>;
  if (typeof id !== 'string' || id.trim() === '') {
    return failed(fallbackId, source, makeMessage('fatal', `${RULE}:bad-jsonl`, `Unexpected \`id\` ${JSON.stringify(id) ?? 'undefined'} on line ${lineNumber}, expected a non-empty string`, where), lineNumber);
  }
  // Another shard's document: its id is all this run needs (no hash, header or control-character scan).
  if (!wanted(id)) return { skipped: true, id, source };
  if (typeof text !== 'string') {
    return failed(id, source, makeMessage('fatal', `${RULE}:bad-jsonl`, `Unexpected \`text\` of type ${text === null ? 'null' : typeof text} on line ${lineNumber}, expected a string`, where), lineNumber);
  }
  const messages: Message[] = [];
  let date: string | null = null;
  if (published !== undefined && published !== null) {
    date = typeof published === 'string' ? isoDay(published) : null;
    if (!date) messages.push(badDate(String(published), `line ${lineNumber}: published`));
  }
  return makeInput(id, source, text, date, messages, lineNumber);
}

/** Build a readable input: find the header, take the publication date from the best source. */
function makeInput(id: string, source: string, text: string, published: string | null, messages: Message[], line?: number): DocumentInput {
  const header = findBodyStart(text);
  const all = [...messages];
  if (header.invalidDate) all.push(badDate(header.invalidDate, 'header date'));
  if (text.trim() === '') all.push(makeMessage('info', `${RULE}:empty`, 'Unexpected empty document, expected some text; nothing to annotate'));
  const control = controlCharacters(text);
  if (control) all.push(control);
  const date = published ?? header.published;
  const input: DocumentInput = { id, source, text, published: date, bodyStart: header.bodyStart, hash: hashOf(id, date, text), messages: all };
  if (line !== undefined) input.line = line;
  return input;
}

/** C0 controls other than tab, line feed, vertical tab, form feed and carriage return; DEL; C1 controls. */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

/**
 * Control characters (a NUL in a JSONL string, terminal escapes) are kept, so offsets still match
 * the source, but reported: they are invisible in most viewers and usually mean a broken export.
 */
function controlCharacters(text: string): Message | null {
  CONTROL.lastIndex = 0;
  const first = CONTROL.exec(text);
  if (!first) return null;
  let count = 1;
  while (CONTROL.exec(text)) count++;
  const code = `U+${first[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return makeMessage(
    'warning',
    `${RULE}:control-characters`,
    `Unexpected ${count} control character${count === 1 ? '' : 's'} (first \`${code}\`), expected printable text; they were kept so offsets match the source`,
    { start: first.index, end: first.index + 1 },
  );
}

function failed(id: string, source: string, message: Message, line?: number): DocumentInput {
  const input: DocumentInput = { id, source, text: null, published: null, bodyStart: 0, hash: hashOf(id, null, message.reason), messages: [message] };
  if (line !== undefined) input.line = line;
  return input;
}

function badDate(value: string, where: string): Message {
  return makeMessage('warning', `${RULE}:bad-date`, `Unexpected publication date \`${value}\` (${where}), expected \`YYYY-MM-DD\`; relative dates stay unresolved`);
}

function readError(error: unknown): Message {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? 'Unexpected permission error, expected a readable file'
      : code === 'ELOOP'
        ? 'Unexpected symbolic link loop, expected a file or folder'
        : code === 'ENOENT'
          ? 'Unexpected missing file (a dangling link?), expected a file'
          : `Unexpected read error (${code ?? (error as Error).message}), expected a readable file`;
  return makeMessage('fatal', `${RULE}:unreadable`, reason);
}

/** The incremental-run key of a document. */
function hashOf(id: string, published: string | null, text: string): string {
  return createHash('sha256').update(id).update('\u0000').update(published ?? '').update('\u0000').update(text).digest('hex');
}

/**
 * Count the documents the inputs hold (files, plus non-empty lines of `.jsonl` files), for the
 * progress bar's ETA. Reads nothing but folder listings and JSONL line breaks.
 * @param inputs folders, files or .jsonl files
 * @param options globs and limits
 */
export async function countInputs(inputs: readonly string[], options: ReadOptions): Promise<number> {
  let total = 0;
  for (const input of inputs) {
    const info = await stat(input);
    if (!info.isDirectory()) {
      total += extname(input).toLowerCase() === '.jsonl' ? await countLines(input) : 1;
      continue;
    }
    const include = picomatch(options.include as string[], { dot: false });
    const exclude = picomatch(options.exclude as string[], { dot: true });
    const skip = new Set(await Promise.all(options.skipFolders.map((folder) => realpath(folder).catch(() => resolve(folder)))));
    for await (const found of walk(input, input, include, exclude, skip, new Set())) {
      total += !('error' in found) && extname(found.path).toLowerCase() === '.jsonl' ? await countLines(found.path) : 1;
    }
  }
  return total;
}

async function countLines(path: string): Promise<number> {
  let lines = 0;
  let lastByte = 10;
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
      lastByte = chunk[chunk.length - 1] ?? lastByte;
    }
  } catch {
    return 1;
  }
  return lines + (lastByte === 10 ? 0 : 1);
}
