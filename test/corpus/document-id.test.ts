import { describe, expect, it } from 'vitest';
import { idFromPath, safeRelativePath } from '../../src/corpus/document-id.js';

describe('read-corpus: document ids', () => {
  it('should use the relative path without its extension', () => {
    expect(idFromPath('/c', '/c/2022/korea.txt')).toBe('2022/korea');
  });

  it.each([
    ['../../x', '%2E%2E/%2E%2E/x'],
    ['/etc/passwd', '%2F/etc/passwd'],
    ['a//b', 'a/%2F/b'],
    ['%2F', '%252F'],
    ['a\nb', 'a%0Ab'],
    ['.', '%2E'],
    ['', '%2F'],
  ])('should keep id %j inside the output folder as %j', (id, path) => {
    expect(safeRelativePath(id)).toBe(path);
  });

  it('should give distinct ids distinct paths, even when they differ only in slashes or escapes', () => {
    const ids = ['etc/passwd', '/etc/passwd', 'etc//passwd', 'etc/passwd/', '%2F/etc/passwd', '..', '%2E%2E', 'a:b', 'a%3Ab', ''];
    expect(new Set(ids.map(safeRelativePath)).size).toBe(ids.length);
  });

  it.each([
    ['ASCII', 'a'.repeat(300)],
    ['CJK (3 bytes a character)', '日'.repeat(84)],
    ['astral (4 bytes, surrogate pairs)', '😀'.repeat(70)],
  ])('should keep a long %s segment under the file-name byte limit, without splitting a character', (_, id) => {
    const path = safeRelativePath(id);
    expect(Buffer.byteLength(path, 'utf8')).toBeLessThanOrEqual(160);
    expect(path).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(safeRelativePath(id + 'x')).not.toBe(path);
  });
});
