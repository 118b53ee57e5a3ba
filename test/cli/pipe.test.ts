/**
 * The compiled CLI writing into a pipe whose reader has gone (`byline eval | head -n 1`).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve('dist/cli/bin.js');

describe.skipIf(!existsSync(BIN))('cli: output into a closed pipe', () => {
  it('should stop quietly, without an EPIPE stack trace', async () => {
    const child = spawn(process.execPath, [BIN, 'annotate', '--print-config'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Close the reading end before the CLI writes: its write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(status).toBe(0);
  });
});
