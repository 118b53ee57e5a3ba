import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../src/model/bounded-memo.js';

describe('bounded-memo', () => {
  it('should compute each string once while it is remembered, and start over when full', () => {
    const calls: string[] = [];
    const upper = boundedMemo((text) => (calls.push(text), text.toUpperCase()), 2);
    expect([upper('a'), upper('a'), upper('b'), upper('a')]).toEqual(['A', 'A', 'B', 'A']);
    expect(calls).toEqual(['a', 'b']);
    upper('c'); // full: the memo starts over with 'c'
    upper('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
