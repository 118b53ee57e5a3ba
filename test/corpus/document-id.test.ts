import { describe, expect, it } from 'vitest';
import { idFromPath, safeRelativePath } from '../../src/corpus/document-id.js';

describe('read-corpus: document ids', () => {
  it('should use the relative path without its extension', () => {
    expect(idFromPath('/c', '/c/2022/korea.txt')).toBe('2022/korea');
  });

  it.each([
    ['../../x', '%2E%2E/%2E%2E/x'],
    ['/etc/passwd', 'etc/passwd'],
    ['a\nb', 'a%0Ab'],
    ['.', '%2E'],
    ['', '%00'],
  ])('should keep id %j inside the output folder as %j', (id, path) => {
    expect(safeRelativePath(id)).toBe(path);
  });
});
