/**
 * segment: paragraphs, sentences and tokens (wink-nlp).
 *
 * requires: — → assigns: paragraphs, sentences, tokens
 * messages: none
 * limits: paragraphs are split on blank lines; a sentence never crosses a paragraph.
 *   Text before `doc.bodyStart` (a metadata header) is not segmented.
 */
import { z } from 'zod';
import { analyseInto, clearAnalysis, emptyAnalysis, type Analysis } from '../adapters/wink.js';
import type { Sentence, Token } from '../model/document.js';
import { isRegexSpace, makeSpan, SpanError, type Span } from '../model/span.js';
import { defineStage } from '../pipeline/stage.js';

const options = z.strictObject({}).prefault({});

/**
 * Split `[from, text.length)` into paragraphs at blank lines (`/\n[ \t\r\f\v\u00a0]*\n\s*`),
 * trimming whitespace. A scan rather than the regex: no match array per blank line.
 */
export function splitParagraphs(text: string, from: number): Span[] {
  const paragraphs: Span[] = [];
  const length = text.length;
  let start = from;
  for (let i = from; i < length; i++) {
    if (text.charCodeAt(i) !== 10) continue;
    // The class excludes \n, so the regex matches here iff its greedy run is followed by \n.
    let j = i + 1;
    while (j < length && isBlankLineSpace(text.charCodeAt(j))) j++;
    if (j >= length || text.charCodeAt(j) !== 10) continue;
    pushTrimmed(text, start, i, paragraphs);
    j++;
    while (j < length && isRegexSpace(text.charCodeAt(j))) j++;
    start = j;
    i = j - 1;
  }
  pushTrimmed(text, start, length, paragraphs);
  return paragraphs;
}

/** `[ \t\r\f\v\u00a0]` */
function isBlankLineSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 12 || code === 11 || code === 0xa0;
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
        const text = doc.text;
        const paragraphs = splitParagraphs(text, doc.bodyStart);
        // One analysis buffer for the whole document (and reused by the next one); each paragraph
        // is read by wink on its own, so a sentence never crosses a blank line and POS tags see
        // the same context as before. All paragraphs are analysed first, so that the token array
        // is made at its final size (growing it by push left ~20 bytes of garbage per token).
        clearAnalysis(analysis);
        if (paragraphEnds.length < 2 * paragraphs.length) paragraphEnds = new Int32Array(4 * paragraphs.length);
        for (let paragraphIndex = 0; paragraphIndex < paragraphs.length; paragraphIndex++) {
          const paragraph = paragraphs[paragraphIndex]!;
          analyseInto(text, paragraph.start, paragraph.end, analysis);
          paragraphEnds[2 * paragraphIndex] = analysis.tokenCount;
          paragraphEnds[2 * paragraphIndex + 1] = analysis.sentenceCount;
        }
        // `new Array(n)` beyond ~16,000 elements is a slow dictionary; then the array grows by appends.
        const tokens: Token[] = analysis.tokenCount <= MAX_PRESIZED ? new Array<Token>(analysis.tokenCount) : [];
        const sentences: Sentence[] = [];
        let base = 0;
        let firstSentence = 0;
        for (let paragraphIndex = 0; paragraphIndex < paragraphs.length; paragraphIndex++) {
          const tokenEnd = paragraphEnds[2 * paragraphIndex]!;
          const sentenceEnd = paragraphEnds[2 * paragraphIndex + 1]!;
          addParagraph(text, analysis, base, tokenEnd, firstSentence, sentenceEnd, paragraphIndex, tokens, sentences);
          base = tokenEnd;
          firstSentence = sentenceEnd;
        }
        return { layers: { paragraphs, sentences, tokens } };
      },
    };
  },
});

/** Reused by every document (its buffers grow on demand), so a document allocates no per-token arrays. */
const analysis: Analysis = emptyAnalysis();

/** Largest token array made at its final size. */
const MAX_PRESIZED = 16_000;

/** Per paragraph, the token and sentence counts of the analysis after it (reused, grown when needed). */
let paragraphEnds = new Int32Array(256);

/** Reused by every paragraph (grown when needed), so a paragraph allocates no typed array. */
let sentenceOf = new Int32Array(1024);

/**
 * Turn the analysis of one paragraph (tokens `[base, tokenEnd)`, sentences `[firstSentence,
 * sentenceEnd)`) into Token and Sentence objects, token `i` of the analysis into `tokens[i]`.
 * Built as plain literals (no spreads), one object per token.
 */
function addParagraph(
  text: string,
  analysis: Analysis,
  base: number,
  tokenEnd: number,
  firstSentence: number,
  sentenceEnd: number,
  paragraphIndex: number,
  tokens: Token[],
  sentences: Sentence[],
): void {
  const { starts, ends, texts, pos, sentenceStarts, sentenceEnds } = analysis;
  const count = tokenEnd - base;
  // Sentence index of each token of the paragraph; -1 for tokens wink left outside every sentence.
  if (sentenceOf.length < count) sentenceOf = new Int32Array(2 * count);
  sentenceOf.fill(-1, 0, count);
  for (let j = firstSentence; j < sentenceEnd; j++) {
    const tokenStart = sentenceStarts[j]!;
    const tokenEnd = sentenceEnds[j]!;
    const sentenceIndex = sentences.length;
    const start = starts[tokenStart]!;
    const end = ends[tokenEnd - 1]!;
    // makeSpan's check and text, without a span object to copy from (offsets are integers here).
    if (start < 0 || end < start || end > text.length) {
      throw new SpanError(`Unexpected span [${start}, ${end}), expected 0 ≤ start ≤ end ≤ ${text.length}`);
    }
    sentences.push({ start, end, text: text.slice(start, end), tokenStart, tokenEnd, paragraph: paragraphIndex });
    sentenceOf.fill(sentenceIndex, tokenStart - base, tokenEnd - base);
  }
  // Tokens outside every sentence still need a slot, so indexes stay dense: they join the last sentence.
  const fallback = Math.max(0, sentences.length - 1);
  for (let i = 0; i < count; i++) {
    const start = starts[base + i]!;
    const end = ends[base + i]!;
    const value = texts[base + i]!;
    // makeSpan's check; the text is the adapter's string, equal to `text.slice(start, end)` (it
    // aligned it there), which spares a new string per token for the collector to copy.
    if (!(start >= 0 && end <= text.length && end - start === value.length)) throw new SpanError(`Unexpected token [${start}, ${end})`);
    const sentence = sentenceOf[i]!;
    // Written in order (an overwrite of a preallocated slot, or an append): no holes are left.
    tokens[base + i] = { start, end, text: value, pos: pos[base + i]!, sentence: sentence < 0 ? fallback : sentence };
  }
}
