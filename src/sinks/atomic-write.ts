/**
 * Atomic file writes: write a temporary file beside the target, then rename it over the target,
 * so an interrupted run never leaves a half-written file.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

function tempPathFor(path: string, tempDir?: string): string {
  return join(tempDir ?? dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Write `content` to `path` atomically, creating folders as needed.
 * @param path the target file
 * @param content the full content
 * @param tempDir where to put the temporary file (same file system as `path`); default: beside it.
 *   A run uses one folder it can sweep, so a killed run leaves no stray temporary files behind.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array, tempDir?: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  if (tempDir) await mkdir(tempDir, { recursive: true });
  const temp = tempPathFor(path, tempDir);
  try {
    await writeFile(temp, content);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Folders this thread has already created: a document's two files cost no `mkdir` round trips after the first. */
const createdFolders = new Set<string>();
/** Temporary names only need to be unique per thread and run: a counter instead of random bytes per file. */
let tempCounter = 0;
const threadTag = `${process.pid}.${randomBytes(3).toString('hex')}`;

function ensureFolder(folder: string): void {
  if (createdFolders.has(folder)) return;
  mkdirSync(folder, { recursive: true });
  if (createdFolders.size > 10_000) createdFolders.clear();
  createdFolders.add(folder);
}

/**
 * Synchronous `writeFileAtomic`, for worker threads: each document's files are written where they
 * are made, without a round trip through libuv's thread pool per call.
 * @param path the target file
 * @param content the full content
 * @param tempDir where to put the temporary file (same file system as `path`)
 */
export function writeFileAtomicSync(path: string, content: string | Uint8Array, tempDir: string): void {
  try {
    writeThroughTemp(path, content, tempDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code !== 'ENOENT') throw error;
    // A folder removed since we created it (a new run sweeps the temporary folder): create it again.
    createdFolders.clear();
    writeThroughTemp(path, content, tempDir);
  }
}

function writeThroughTemp(path: string, content: string | Uint8Array, tempDir: string): void {
  ensureFolder(dirname(path));
  ensureFolder(tempDir);
  const temp = join(tempDir, `.${basename(path)}.${threadTag}.${tempCounter++}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** A stream to a temporary file that becomes `path` only on `commit()`. */
export interface AtomicStream {
  stream: WriteStream;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Open a write stream whose content replaces `path` only when committed.
 * @param path the target file
 * @param tempDir where to put the temporary file (same file system as `path`)
 */
export async function openAtomicStream(path: string, tempDir?: string): Promise<AtomicStream> {
  await mkdir(dirname(path), { recursive: true });
  if (tempDir) await mkdir(tempDir, { recursive: true });
  const temp = tempPathFor(path, tempDir);
  const stream = createWriteStream(temp);
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  return {
    stream,
    async commit() {
      stream.end();
      await finished;
      await rename(temp, path);
    },
    async abort() {
      stream.destroy();
      await rm(temp, { force: true });
    },
  };
}
