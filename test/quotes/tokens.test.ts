import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerCase } from '../../src/quotes/tokens.js';

describe('extract-quotes token view', () => {
  it.each([
    ['said', 'said'],
    ['Said', 'said'],
    ['U.S.', 'u.s.'],
    ['Président', 'président'],
    ['’s', '’s'],
    ['ÉTAT', 'état'],
    ['', ''],
  ])('should lower-case %j as %j', (word, lower) => {
    expect(lowerCase(word)).toBe(lower);
  });

  it('should lower-case like String.prototype.toLowerCase for any word, in a two-byte text too', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (word) => {
        // A slice of a two-byte string, as token texts of most news articles are.
        const token = `“${word}”`.slice(1, -1);
        expect(lowerCase(token)).toBe(token.toLowerCase());
      }),
      { numRuns: 2000 },
    );
  });
});
