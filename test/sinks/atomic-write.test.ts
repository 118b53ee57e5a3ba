import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAtomicFile, writeFileAtomicSync } from '../../src/sinks/atomic-write.js';
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

  it("should commit a file in pieces when its folder was removed since an earlier file made it", () => {
    const tmp = join(dir, 'e', 'tmp');
    const target = join(dir, 'e', 'tables', '0', 'part.csv');
    const first = openAtomicFile(target, tmp);
    first.write('first');
    first.commit();
    // An earlier corpus pass in the same process swept its part folders.
    rmSync(join(dir, 'e', 'tables'), { recursive: true });
    const second = openAtomicFile(target, tmp);
    second.write('second');
    second.commit();
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

  it('should show a file written in pieces only once it is committed, and nothing after an abort', () => {
    const tmp = join(dir, 'd', 'tmp');
    const target = join(dir, 'd', 'out', 'table.csv');
    const file = openAtomicFile(target, tmp);
    file.write('a,b\n');
    file.write('1,2\n');
    expect(existsSync(target)).toBe(false);
    file.commit();
    expect(readFileSync(target, 'utf8')).toBe('a,b\n1,2\n');
    const dropped = openAtomicFile(join(dir, 'd', 'out', 'other.csv'), tmp);
    dropped.write('x');
    dropped.abort();
    expect(existsSync(join(dir, 'd', 'out', 'other.csv'))).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
    expect(() => dropped.write('y')).toThrow(/after it was committed or aborted/);
  });
});
