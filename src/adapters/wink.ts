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
    const found = value.length > 0 ? text.indexOf(value, cursor) : -1;
    if (found < 0 || !/^\s*$/.test(text.slice(cursor, found))) continue;
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

