/**
 * segment: paragraphs, sentences and tokens (wink-nlp).
 *
 * requires: — → assigns: paragraphs, sentences, tokens
 * messages: none
 * limits: paragraphs are split on blank lines; a sentence never crosses a paragraph.
 *   Text before `doc.bodyStart` (a metadata header) is not segmented.
 */
import { z } from 'zod';
import { analyse } from '../adapters/wink.js';
import type { Sentence, Token } from '../model/document.js';
import { makeSpan, type Span } from '../model/span.js';
import { defineStage } from '../pipeline/stage.js';

const options = z.strictObject({}).prefault({});

/** Split `[from, text.length)` into paragraphs at blank lines, trimming whitespace. */
export function splitParagraphs(text: string, from: number): Span[] {
  const paragraphs: Span[] = [];
  const blankLine = /\n[ \t\r\f\v\u00a0]*\n\s*/g;
  blankLine.lastIndex = from;
  let start = from;
  for (let match = blankLine.exec(text); match; match = blankLine.exec(text)) {
    pushTrimmed(text, start, match.index, paragraphs);
    start = match.index + match[0].length;
  }
  pushTrimmed(text, start, text.length, paragraphs);
  return paragraphs;
}

function pushTrimmed(text: string, start: number, end: number, into: Span[]): void {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) into.push(makeSpan(text, s, e));
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0xfeff || code === 0x2028 || code === 0x2029;
}

export const segment = defineStage({
  name: 'segment',
  options,
  requires: [],
  assigns: ['paragraphs', 'sentences', 'tokens'],
  create() {
    return {
      run(doc) {
        const paragraphs = splitParagraphs(doc.text, doc.bodyStart);
        const tokens: Token[] = [];
        const sentences: Sentence[] = [];
        paragraphs.forEach((paragraph, paragraphIndex) => {
          const analysed = analyse(paragraph.text, paragraph.start);
          const base = tokens.length;
          for (const raw of analysed.sentences) {
            const first = analysed.tokens[raw.tokenStart];
            const last = analysed.tokens[raw.tokenEnd - 1];
            if (!first || !last) continue;
            const sentenceIndex = sentences.length;
            sentences.push({
              ...makeSpan(doc.text, first.start, last.end),
              tokenStart: base + raw.tokenStart,
              tokenEnd: base + raw.tokenEnd,
              paragraph: paragraphIndex,
            });
            for (let i = raw.tokenStart; i < raw.tokenEnd; i++) {
              const t = analysed.tokens[i]!;
              tokens[base + i] = { ...makeSpan(doc.text, t.start, t.end), pos: t.pos, sentence: sentenceIndex };
            }
          }
          // Tokens wink left outside every sentence still need a slot, so indexes stay dense.
          for (let i = 0; i < analysed.tokens.length; i++) {
            if (tokens[base + i]) continue;
            const t = analysed.tokens[i]!;
            tokens[base + i] = { ...makeSpan(doc.text, t.start, t.end), pos: t.pos, sentence: Math.max(0, sentences.length - 1) };
          }
        });
        return { layers: { paragraphs, sentences, tokens } };
      },
    };
  },
});
