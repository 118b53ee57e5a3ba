import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Mention, Token } from '../../src/model/document.js';
import { fallbackNames, speakerNames } from '../../src/quotes/names.js';

const WORDS = ['Park', 'Jin', 'said', 'the', 'Minister', 'Foreign', 'Ministry', 'Élise', 'ÉTAT', 'über', 'Mr.', 'A', 'x', '“', ','];
const POS = ['PROPN', 'NOUN', 'VERB', 'DET', 'PUNCT'];

/** Tokens of random words joined by spaces (a few sentences), and the text they come from. */
const docArbitrary = fc
  .array(fc.record({ word: fc.constantFrom(...WORDS), pos: fc.constantFrom(...POS), breakAfter: fc.boolean() }), { maxLength: 30 })
  .map((items) => {
    let text = '';
    let sentence = 0;
    const tokens: Token[] = [];
    for (const item of items) {
      const start = text.length;
      text += item.word;
      tokens.push({ start, end: text.length, text: item.word, pos: item.pos, sentence });
      text += ' ';
      if (item.breakAfter) sentence++;
    }
    return { text, tokens };
  });

/** speakerNames as first written: every fallback name built, then those clashing with a recognized name dropped. */
function reference(text: string, recognized: readonly Mention[], tokens: readonly Token[], bodyStart: number): Mention[] {
  const named = recognized.filter((m) => m.form === 'NAM' && m.start >= bodyStart && /^\p{Lu}/u.test(m.text) && m.type !== 'MISC');
  const fallback = fallbackNames(text, tokens).filter((m) => m.start >= bodyStart);
  const all = [...named];
  let k = 0;
  const sorted = [...named].sort((a, b) => a.start - b.start);
  for (const name of fallback) {
    while (k < sorted.length && sorted[k]!.end <= name.start) k++;
    if (!(k < sorted.length && sorted[k]!.start < name.end)) all.push(name);
  }
  return all.sort((a, b) => a.start - b.start || a.end - b.end);
}

describe('extract-quotes speaker names', () => {
  it('should keep only fallback names that clash with no recognized name, as building them all would', () => {
    fc.assert(
      fc.property(docArbitrary, fc.nat(20), fc.array(fc.nat(29), { maxLength: 4 }), ({ text, tokens }, bodyStart, picks) => {
        const recognized: Mention[] = picks
          .filter((k) => k < tokens.length)
          .map((k) => ({ start: tokens[k]!.start, end: tokens[k]!.end, text: tokens[k]!.text, type: 'PERSON', form: 'NAM', entity: null }));
        expect(speakerNames(text, recognized, tokens, bodyStart)).toEqual(reference(text, recognized, tokens, bodyStart));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['Foreign Minister Park Jin', ['Park Jin']],
    ['the Foreign Ministry', ['Foreign Ministry']],
    ['Minister', []],
  ])('should find the fallback names of %j', (text, expected) => {
    const tokens: Token[] = [];
    for (const match of text.matchAll(/\S+/g)) {
      const word = match[0];
      tokens.push({ start: match.index, end: match.index + word.length, text: word, pos: /^\p{Lu}/u.test(word) ? 'PROPN' : 'DET', sentence: 0 });
    }
    expect(fallbackNames(text, tokens).map((m) => m.text)).toEqual(expected);
  });
});
