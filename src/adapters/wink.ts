/**
 * The only module that talks to wink-nlp. It turns wink's tokens (which carry no character offsets)
 * into checked spans by aligning each token value against the original text.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** A token as the adapter returns it: offsets into the text given to `tokenize`, plus its POS tag. */
export interface RawToken {
  start: number;
  end: number;
  pos: string;
}

/** A sentence as the adapter returns it: a half-open range of token indexes. */
export interface RawSentence {
  tokenStart: number;
  tokenEnd: number;
}

let nlp: ReturnType<typeof winkNLP> | null = null;

/** Load wink-nlp once per thread; the model ships in node_modules, so nothing is downloaded. */
function getNlp(): ReturnType<typeof winkNLP> {
  nlp ??= winkNLP(model, ['sbd', 'pos']);
  return nlp;
}

/**
 * Tokenize, split into sentences and POS-tag a piece of text.
 * @param text the text of one paragraph (or any slice)
 * @param offset added to every returned offset, so callers can pass a slice of the document
 */
export function analyse(text: string, offset = 0): { tokens: RawToken[]; sentences: RawSentence[] } {
  const runs = longRuns(text);
  if (runs.length === 0) return analyseWithWink(text, offset);
  // wink's tokenizer is super-linear in the length of a run without spaces (30,000 hyphens take
  // ~14 s), so such runs never reach it: each becomes one `X` token and a sentence of its own.
  const tokens: RawToken[] = [];
  const sentences: RawSentence[] = [];
  const append = (part: { tokens: RawToken[]; sentences: RawSentence[] }) => {
    const base = tokens.length;
    tokens.push(...part.tokens);
    for (const s of part.sentences) sentences.push({ tokenStart: base + s.tokenStart, tokenEnd: base + s.tokenEnd });
  };
  let from = 0;
  for (const [start, end] of runs) {
    if (start > from) append(analyseWithWink(text.slice(from, start), offset + from));
    append({ tokens: [{ start: offset + start, end: offset + end, pos: 'X' }], sentences: [{ tokenStart: 0, tokenEnd: 1 }] });
    from = end;
  }
  if (from < text.length) append(analyseWithWink(text.slice(from), offset + from));
  return { tokens, sentences };
}

/** Longest run of non-space characters handed to wink-nlp. */
const MAX_WINK_RUN = 256;

/** `[start, end)` of every run of non-space characters longer than MAX_WINK_RUN (one linear scan). */
function longRuns(text: string): [number, number][] {
  const runs: [number, number][] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    const space = code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0x3000;
    if (!space) continue;
    if (i - start > MAX_WINK_RUN) runs.push([start, i]);
    start = i + 1;
  }
  return runs;
}

function analyseWithWink(text: string, offset: number): { tokens: RawToken[]; sentences: RawSentence[] } {
  const winkNlp = getNlp();
  const its = winkNlp.its;
  const doc = winkNlp.readDoc(text);
  const values = doc.tokens().out() as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const tokens: RawToken[] = [];
  // Maps wink's token index to ours: a token we cannot align is dropped rather than given a wrong span.
  const indexMap: number[] = new Array(values.length + 1);
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    indexMap[i] = tokens.length;
    const value = values[i] ?? '';
    // Skip spaces, then expect the value right there: the same alignment as searching for it,
    // but linear, since a token that cannot be aligned no longer scans the rest of the text.
    let found = cursor;
    while (found < text.length && /\s/.test(text[found]!)) found++;
    if (value.length === 0 || !text.startsWith(value, found)) continue;
    tokens.push({ start: offset + found, end: offset + found + value.length, pos: tags[i] ?? 'X' });
    cursor = found + value.length;
  }
  indexMap[values.length] = tokens.length;
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  const sentences: RawSentence[] = [];
  for (const [first, last] of spans) {
    const tokenStart = indexMap[first] ?? tokens.length;
    const tokenEnd = indexMap[last + 1] ?? tokens.length;
    if (tokenEnd > tokenStart) sentences.push({ tokenStart, tokenEnd });
  }
  return { tokens, sentences };
}

