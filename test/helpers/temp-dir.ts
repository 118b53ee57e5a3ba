/**
 * Temporary folders for tests that write files. They are removed when the test worker exits, so a
 * folder made inside an `it()` (where `afterAll` hooks are not registered) is cleaned up too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
let hooked = false;

/** A fresh temporary folder, deleted when the test process exits. */
export function tempDir(prefix = 'byline-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const folder of made) rmSync(folder, { recursive: true, force: true });
    });
  }
  return dir;
}
