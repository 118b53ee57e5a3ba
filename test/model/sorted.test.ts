import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byCodeUnits, firstAtOrAfter, sortInPlace } from '../../src/model/sorted.js';

describe('sorted', () => {
  it.each([
    { sorted: [], value: 5, expected: 0 },
    { sorted: [1, 3, 3, 7], value: 3, expected: 1 },
    { sorted: [1, 3, 3, 7], value: 4, expected: 3 },
    { sorted: [1, 3, 3, 7], value: 0, expected: 0 },
    { sorted: [1, 3, 3, 7], value: 8, expected: 4 },
    { sorted: [2 ** 31, 2 ** 32 - 1], value: 2 ** 32 - 1, expected: 1 },
  ])('should find the first index at or after $value in $sorted', ({ sorted, value, expected }) => {
    expect(firstAtOrAfter(sorted, value)).toBe(expected);
  });

  it('should agree with a linear scan (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.integer({ min: -5, max: 55 }), (values, value) => {
        const sorted = [...values].sort((a, b) => a - b);
        const linear = sorted.findIndex((x) => x >= value);
        expect(firstAtOrAfter(sorted, value)).toBe(linear === -1 ? sorted.length : linear);
      }),
    );
  });
});

describe('sortInPlace', () => {
  it('should order any array as the stable Array.prototype.sort does, in place', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.nat()), { maxLength: 120 }), (pairs) => {
        const items = pairs.map(([key, tag]) => ({ key, tag }));
        const expected = [...items].sort((a, b) => a.key - b.key);
        const result = sortInPlace(items, (a, b) => a.key - b.key);
        expect(result).toBe(items);
        expect(result).toEqual(expected);
        for (let i = 0; i < expected.length; i++) expect(result[i]).toBe(expected[i]);
      }),
    );
  });

  it('should order strings by code units, as the default sort does', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 60 }), (words) => {
        expect(sortInPlace([...words], byCodeUnits)).toEqual([...words].sort());
      }),
    );
  });
});
