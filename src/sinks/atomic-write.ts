/**
 * Atomic file writes: write a temporary file beside the target, then rename it over the target,
 * so an interrupted run never leaves a half-written file.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
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
