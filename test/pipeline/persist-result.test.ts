import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJsonIfChangedSync } from '../../src/pipeline/persist-result.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('persist-result', () => {
  it.each([
    { case: 'no file yet', before: null, content: '{"a":1}\n', rewritten: true },
    { case: 'the same content', before: '{"a":1}\n', content: '{"a":1}\n', rewritten: false },
    { case: 'another content of the same size', before: '{"a":2}\n', content: '{"a":1}\n', rewritten: true },
    { case: 'another size', before: '{"a":10}\n', content: '{"a":1}\n', rewritten: true },
  ])('should write a JSON output only when it changed: $case', ({ before, content, rewritten }) => {
    const dir = tempDir();
    const path = join(dir, 'json', 'doc.json');
    if (before !== null) {
      writeJsonIfChangedSync(path, before, join(dir, 'tmp'));
      utimesSync(path, new Date(2000, 0, 1), new Date(2000, 0, 1));
    }
    writeJsonIfChangedSync(path, content, join(dir, 'tmp'));
    expect(readFileSync(path, 'utf8')).toBe(content);
    expect(statSync(path).mtime.getFullYear() !== 2000).toBe(rewritten);
  });
});
