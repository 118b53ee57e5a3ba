/**
 * Atomic file writes: write a temporary file beside the target, then rename it over the target,
 * so an interrupted run never leaves a half-written file.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
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

/** Open `file` for writing after making `folders`, once more if one was removed since we made it. */
function openCreatingFolders(file: string, folders: readonly string[]): number {
  for (const folder of folders) ensureFolder(folder);
  try {
    return openSync(file, 'w');
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code !== 'ENOENT') throw error;
    createdFolders.clear();
    for (const folder of folders) ensureFolder(folder);
    return openSync(file, 'w');
  }
}

/** A file written piece by piece into a temporary file that becomes `path` only on `commit()`. */
export interface AtomicFile {
  write(content: string | Uint8Array): void;
  commit(): void;
  abort(): void;
}

/**
 * Open a file to write in pieces, synchronously: the corpus pass writes its CSV tables this way, so
 * it never waits on a round trip through libuv's thread pool between batches.
 * @param path the target file
 * @param tempDir where to put the temporary file (same file system as `path`)
 */
export function openAtomicFile(path: string, tempDir: string): AtomicFile {
  const temp = join(tempDir, `.${basename(path)}.${threadTag}.${tempCounter++}.tmp`);
  let fd: number | null = openCreatingFolders(temp, [dirname(path), tempDir]);
  const close = () => {
    if (fd !== null) closeSync(fd);
    fd = null;
  };
  return {
    write(content) {
      if (fd === null) throw new Error(`Unexpected write to \`${path}\` after it was committed or aborted`);
      writeFully(fd, content);
    },
    commit() {
      close();
      try {
        renameSync(temp, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException)?.code !== 'ENOENT' || !existsSync(temp)) throw error;
        // The target's folder was removed since we made it (an earlier corpus pass in this process
        // swept its temporary tables): make it again.
        createdFolders.clear();
        ensureFolder(dirname(path));
        renameSync(temp, path);
      }
    },
    abort() {
      close();
      rmSync(temp, { force: true });
    },
  };
}

/** `writeSync` until every byte is written (a single call may write fewer bytes than it was given). */
export function writeFully(fd: number, content: string | Uint8Array): void {
  if (typeof content === 'string') {
    writeSync(fd, content);
    return;
  }
  for (let offset = 0; offset < content.length; ) offset += writeSync(fd, content, offset, content.length - offset);
}
