import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomicSync } from '../../src/sinks/atomic-write.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('atomic-write', () => {
  const dir = tempDir();

  it('should write the content and leave no temporary file behind', () => {
    const tmp = join(dir, 'a', 'tmp');
    writeFileAtomicSync(join(dir, 'a', 'out', 'doc.json'), '{"x":1}\n', tmp);
    expect(readFileSync(join(dir, 'a', 'out', 'doc.json'), 'utf8')).toBe('{"x":1}\n');
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('should create the folders again when they were removed after an earlier write', () => {
    const tmp = join(dir, 'b', 'tmp');
    const target = join(dir, 'b', 'out', 'doc.json');
    writeFileAtomicSync(target, 'first', tmp);
    rmSync(join(dir, 'b'), { recursive: true });
    writeFileAtomicSync(target, 'second', tmp);
    expect(readFileSync(target, 'utf8')).toBe('second');
  });

  it('should leave the old file whole when the write fails', () => {
    const tmp = join(dir, 'c', 'tmp');
    const target = join(dir, 'c', 'doc.json');
    writeFileAtomicSync(target, 'old', tmp);
    // A folder where the file should go makes the rename fail.
    expect(() => writeFileAtomicSync(join(dir, 'c'), 'new', tmp)).toThrow();
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
  });
});
