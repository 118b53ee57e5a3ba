/**
 * The only module that talks to wink-nlp. It turns wink's tokens (which carry no character offsets)
 * into checked spans by aligning each token value against the original text.
 *
 * The result is columnar (parallel arrays, no object per token) because segment runs on every
 * document and builds its own token objects: one object per token instead of three halves the
 * garbage the collector has to sweep.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * Tokens and sentences of one piece of text, as parallel arrays.
 * Token `i` covers `[starts[i], ends[i])` (offsets into the caller's text) and has tag `pos[i]`;
 * sentence `j` covers tokens `[sentenceStarts[j], sentenceEnds[j])`.
 */
export interface Analysis {
  starts: number[];
  ends: number[];
  pos: string[];
  sentenceStarts: number[];
  sentenceEnds: number[];
}

/** wink's lexeme table: a hash from text to index and the list of texts, intrinsic entries first. */
interface LexemeTable {
  hash: Record<string, number>;
  list: string[];
  intrinsicSize: number;
}

let nlp: ReturnType<typeof winkNLP> | null = null;
let lexemes: LexemeTable | null = null;
let metaCER: unknown = null;

/**
 * Out-of-vocabulary lexemes a wink instance may accumulate before it is rebuilt. Each costs a few
 * dozen bytes that wink never frees; rebuilding takes ~0.2 s, so this bounds memory at a few MB
 * for well under 1 % of the run time.
 */
const MAX_OOV_LEXEMES = 200_000;

/**
 * Load wink-nlp once per thread; the model ships in node_modules, so nothing is downloaded.
 * The model's `core()` is wrapped to keep a handle on its lexeme table (see `forgetNewLexemes`).
 */
function getNlp(): ReturnType<typeof winkNLP> {
  if (nlp && lexemes && lexemes.list.length - lexemes.intrinsicSize > MAX_OOV_LEXEMES) nlp = null;
  if (!nlp) {
    const wrapped = Object.assign(Object.create(Object.getPrototypeOf(model) as object) as typeof model, model, {
      // The model's metaCER() re-stringifies its own module state on every call (its size grows
      // without bound, then throws), so a rebuilt instance reuses the first result.
      metaCER: () => (metaCER ??= (model as unknown as { metaCER(): unknown }).metaCER()),
      core: () => {
        const core = (model as unknown as { core(): { features: { lexeme: LexemeTable } } }).core();
        lexemes = core.features.lexeme;
        return core;
      },
    });
    nlp = winkNLP(wrapped, ['sbd', 'pos']);
  }
  return nlp;
}

/**
 * wink adds every unknown word it meets to its lexeme hash, and its tokenizer consults that hash
 * (`Lord's` stays whole once some earlier text taught it the word), so a long-lived instance
 * tokenizes a text differently depending on what it read before: output would depend on document
 * order and on which worker got which document. Dropping the words one call added from the hash
 * makes every call tokenize as a fresh instance would. The list and wink's private per-lexeme
 * features keep growing in step (their indexes must stay aligned), hence MAX_OOV_LEXEMES.
 * @param from list length before the call
 */
function forgetNewLexemes(from: number): void {
  if (!lexemes) return;
  const { hash, list } = lexemes;
  for (let i = from; i < list.length; i++) {
    // Only entries that still point at this index: an intrinsic word is never removed.
    if (hash[list[i]!] === i) delete hash[list[i]!];
  }
}

/** An empty analysis to append into. */
export function emptyAnalysis(): Analysis {
  return { starts: [], ends: [], pos: [], sentenceStarts: [], sentenceEnds: [] };
}

/**
 * Tokenize, split into sentences and POS-tag `text.slice(from, to)`, appending to `into`.
 * @param text the whole text (offsets returned are offsets into it)
 * @param from first code unit of the slice to analyse
 * @param to end of the slice (exclusive)
 * @param into the analysis to append tokens and sentences to
 */
export function analyseInto(text: string, from: number, to: number, into: Analysis): Analysis {
  const runs = longRuns(text, from, to);
  if (runs.length === 0) {
    analyseWithWink(text, from, to, into);
    return into;
  }
  // wink's tokenizer is super-linear in the length of a run without spaces (30,000 hyphens take
  // ~14 s), so such runs never reach it: each becomes one `X` token and a sentence of its own.
  let at = from;
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r]!;
    const end = runs[r + 1]!;
    if (start > at) analyseWithWink(text, at, start, into);
    into.sentenceStarts.push(into.starts.length);
    into.starts.push(start);
    into.ends.push(end);
    into.pos.push('X');
    into.sentenceEnds.push(into.starts.length);
    at = end;
  }
  if (at < to) analyseWithWink(text, at, to, into);
  return into;
}

/** Longest run of non-space characters handed to wink-nlp. */
const MAX_WINK_RUN = 256;

/** Flat `[start, end, start, end, …]` of every run of non-space characters longer than MAX_WINK_RUN (one linear scan). */
function longRuns(text: string, from: number, to: number): number[] {
  const runs: number[] = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    const code = i < to ? text.charCodeAt(i) : 32;
    const space = code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0x3000;
    if (!space) continue;
    if (i - start > MAX_WINK_RUN) runs.push(start, i);
    start = i + 1;
  }
  return runs;
}

/** Exactly the code units `/\s/` matches, without building a one-character string per test. */
function isRegexSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function analyseWithWink(text: string, from: number, to: number, into: Analysis): void {
  const winkNlp = getNlp();
  const its = winkNlp.its;
  const known = lexemes?.list.length ?? 0;
  const doc = winkNlp.readDoc(from === 0 && to === text.length ? text : text.slice(from, to));
  const tokens = doc.tokens();
  const values = tokens.out() as string[];
  const tags = tokens.out(its.pos) as string[];
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  forgetNewLexemes(known);
  const { starts, ends, pos } = into;
  const base = starts.length;
  // Maps wink's token index to ours: a token we cannot align is dropped rather than given a wrong span.
  const indexMap = new Int32Array(values.length + 1);
  let cursor = from;
  for (let i = 0; i < values.length; i++) {
    indexMap[i] = starts.length;
    const value = values[i] ?? '';
    // Skip spaces, then expect the value right there: the same alignment as searching for it,
    // but linear, since a token that cannot be aligned no longer scans the rest of the text.
    let found = cursor;
    while (found < to && isRegexSpace(text.charCodeAt(found))) found++;
    if (value.length === 0 || found + value.length > to || !text.startsWith(value, found)) continue;
    starts.push(found);
    ends.push(found + value.length);
    pos.push(tags[i] ?? 'X');
    cursor = found + value.length;
  }
  indexMap[values.length] = starts.length;
  for (const [first, last] of spans) {
    const tokenStart = first >= 0 && first <= values.length ? indexMap[first]! : starts.length;
    const tokenEnd = last + 1 >= 0 && last + 1 <= values.length ? indexMap[last + 1]! : starts.length;
    if (tokenEnd > tokenStart && tokenStart >= base) {
      into.sentenceStarts.push(tokenStart);
      into.sentenceEnds.push(tokenEnd);
    }
  }
}
