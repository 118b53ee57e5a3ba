import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { titlesBefore } from '../../src/linking/link-document.js';
import { isTitleWord, nameKey } from '../../src/linking/names.js';

/** The plain definition: the last four pieces of the 40-character window split at non-letters. */
function titlesBySplit(text: string, start: number, bodyStart: number): string[] {
  const from = Math.max(bodyStart, start - 40);
  const words = text.slice(from, start).split(/[^\p{L}]+/u).slice(-4);
  return words.map((word) => nameKey(word)).filter((word) => isTitleWord(word));
}

describe('link-entities titlesBefore', () => {
  it.each([
    ['Secretary of State Antony Blinken', 19, ['secretary', 'state']],
    ['said Foreign Minister Park Jin', 22, ['foreign', 'minister']],
    ['the former prime minister, Mr. Abe', 31, ['prime', 'minister', 'mr']],
    ['Président Macron', 10, ['president']],
    ['CEO Tim Cook', 4, ['ceo']],
    ['a long sentence without any role words at all before the name Kim', 63, []],
  ])('should find the role words before %j at %d', (text, start, titles) => {
    expect(titlesBefore(text, start, 0)).toEqual(titles);
    expect(titlesBySplit(text, start, 0)).toEqual(titles);
  });

  it('should not read before bodyStart', () => {
    expect(titlesBefore('President Moon', 10, 3)).toEqual([]);
  });

  it('should give the titles of the split definition for any text and offset', () => {
    const piece = fc.constantFrom(
      'minister', 'Minister', 'MR', 'ceo', 'Président', 'state', 'x', ' ', ', ', '.', '-', '’s', '😀', '\ud83d', '\ude00',
      '𝐀', 'ǅ', 'ﬁ', 'Sec', 'retary', '\n', '12', 'Ｍr',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), fc.nat(), (pieces, at, body) => {
        const text = pieces.join('');
        const start = text.length === 0 ? 0 : at % (text.length + 1);
        const bodyStart = body % (text.length + 1);
        expect(titlesBefore(text, start, bodyStart)).toEqual(titlesBySplit(text, start, bodyStart));
      }),
      { numRuns: 3000 },
    );
  });
});
