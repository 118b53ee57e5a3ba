import { describe, expect, it } from 'vitest';
import { findQuotedRegions } from '../../src/quotes/marks.js';

describe('extract-quotes marks', () => {
  // Lines without marks between lines with them: the next-mark search of a plain line runs on to a
  // later line, and its result is reused (it must never be taken for a line it does not reach).
  const text = '“One,” he said.\nA plain line.\nAnother plain line.\nThen “two” and ‘three’ here.\n\nLast: «four» end.';
  const first = { start: 0, end: 78 };
  const second = { start: 80, end: 97 };

  it('should pair the marks of lines after lines without marks', () => {
    const { regions, problems } = findQuotedRegions(text, [first, second]);
    expect(regions.map((region) => text.slice(region.start, region.end))).toEqual(['“One,”', '“two”', '‘three’', '«four»']);
    expect(problems).toEqual([]);
  });

  it('should find the same marks when the paragraphs come out of order', () => {
    const { regions } = findQuotedRegions(text, [second, first]);
    expect(regions.map((region) => [region.start, region.end])).toEqual([[86, 92], [0, 6], [55, 60], [65, 72]]);
  });
});
