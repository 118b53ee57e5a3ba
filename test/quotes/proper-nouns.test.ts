import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Mention, Token } from '../../src/model/document.js';
import { namesAsProperNouns } from '../../src/quotes/extract.js';

const POS = ['VERB', 'NOUN', 'PROPN', 'PUNCT', 'ADJ'] as const;

/** Tokens of made-up words, one space apart, with random parts of speech. */
const tokensArbitrary = fc.array(fc.tuple(fc.constantFrom('Lynch', 'said', 'Park', '.', 'Rome', 'went'), fc.constantFrom(...POS)), { maxLength: 30 }).map((parts) => {
  let offset = 0;
  return parts.map(([text, pos]): Token => {
    const token = { start: offset, end: offset + text.length, text, pos, sentence: 0 };
    offset += text.length + 1;
    return token;
  });
});

describe('namesAsProperNouns', () => {
  it('should tag the capitalized words of name mentions PROPN, and change nothing else', () => {
    fc.assert(
      fc.property(tokensArbitrary, fc.array(fc.tuple(fc.nat(40), fc.nat(4), fc.constantFrom('NAM', 'NOM')), { maxLength: 6 }), (tokens, spans) => {
        // Mentions over whole tokens, in order of their start, not overlapping (as recognize-names gives them).
        const mentions: Mention[] = [];
        let next = 0;
        for (const [first, length, form] of spans.sort((a, b) => a[0] - b[0])) {
          const from = Math.max(first, next);
          const to = Math.min(from + length + 1, tokens.length);
          if (from >= to) continue;
          const start = tokens[from]!.start;
          const end = tokens[to - 1]!.end;
          mentions.push({ start, end, text: 'x'.repeat(end - start), type: 'PERSON', form: form as Mention['form'], entity: null });
          next = to;
        }
        const before = structuredClone(tokens);
        const out = namesAsProperNouns(tokens, mentions);
        expect(tokens).toEqual(before); // the layer is never changed
        expect(out).toHaveLength(tokens.length);
        out.forEach((token, i) => {
          const inName = mentions.some((m) => m.form === 'NAM' && token.start >= m.start && token.end <= m.end);
          const expected = inName && /\p{Lu}/u.test(token.text) && token.pos !== 'PUNCT' ? 'PROPN' : tokens[i]!.pos;
          expect({ ...token, pos: undefined }).toEqual({ ...tokens[i]!, pos: undefined });
          expect(token.pos).toBe(expected);
        });
      }),
      { numRuns: 500 },
    );
  });
});
