/**
 * The only module that talks to wink-nlp (with wink-engine.ts). It turns wink's tokens (which
 * carry no character offsets) into checked spans by aligning each token value against the
 * original text.
 *
 * The result is columnar (parallel arrays, no object per token) because segment runs on every
 * document and builds its own token objects: one object per token instead of three halves the
 * garbage the collector has to sweep.
 *
 * Every call tokenizes as a fresh wink instance would. Texts are read by `Engine` (wink's
 * `readDoc` rebuilt from wink's own modules, with learned words hidden per call and a memo of how
 * each space-separated piece was tokenized); if wink's internal modules cannot be loaded, the
 * public API is used and the words a call learned are forgotten after it.
 */
import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import { isRegexSpace } from '../model/span.js';
import { Engine, winkEnglishModel, type DocData, type LearnedFeature, type LexemeTable } from './wink-engine.js';

type WinkNlp = ReturnType<typeof winkNLP>;

const requireCjs = createRequire(import.meta.url);

/**
 * Tokens and sentences of one piece of text, as parallel arrays.
 * Token `i < tokenCount` covers `[starts[i], ends[i])` (offsets into the caller's text), has tag
 * `pos[i]` and text `texts[i]` (equal to that slice of the caller's text: wink's own string for
 * the word, so that a token's text costs no new string); sentence `j < sentenceCount` covers
 * tokens `[sentenceStarts[j], sentenceEnds[j])`.
 *
 * The arrays are buffers, longer than the counts and grown on demand, so that an analysis can be
 * reused from document to document (`clearAnalysis`) without allocating per token.
 */
export interface Analysis {
  tokenCount: number;
  starts: Int32Array;
  ends: Int32Array;
  texts: string[];
  pos: string[];
  sentenceCount: number;
  sentenceStarts: Int32Array;
  sentenceEnds: Int32Array;
}

/** The engine, or null before the first call and after a rebuild. */
let engine: Engine | null = null;
/** The public-API fallback (only if the engine cannot be built). */
let nlp: WinkNlp | null = null;
/** The fallback's lexeme table and learned features (the engine has its own). */
let apiLexemes: LexemeTable | null = null;
let apiFeatures: LearnedFeature[] = [];
let metaCER: unknown = null;
/** Whether the engine could not be built (then every call uses `nlp`). */
let engineFailed = false;

/**
 * Out-of-vocabulary lexemes an instance may accumulate before it is rebuilt. Each costs a few
 * dozen bytes that wink never frees; rebuilding takes ~0.2 s, so this bounds memory at a few MB
 * for well under 1 % of the run time.
 */
const MAX_OOV_LEXEMES = 200_000;

/**
 * Rebuild once too many unknown words were learned (memory), or before a learned feature's index
 * outgrows its packed bit field (wink does not check; an overflowing word-shape index would flip
 * the neighbouring `isAbbrev` bit that sentence splitting reads).
 */
function needsRebuild(lexemes: LexemeTable | null, learnedFeatures: LearnedFeature[]): boolean {
  if (!lexemes) return false;
  if (lexemes.list.length - lexemes.intrinsicSize > MAX_OOV_LEXEMES) return true;
  return learnedFeatures.some((f) => f.list.length >= f.maxIndex - 256);
}

/** The engine (built once per thread, rebuilt when `needsRebuild`), or null to use the public API. */
function getEngine(): Engine | null {
  if (engine && needsRebuild(engine.lexemes, engine.learnedFeatures)) engine = null;
  if (!engine && !engineFailed) {
    try {
      engine = new Engine();
    } catch {
      engineFailed = true;
    }
  }
  return engine;
}

/** Load wink-nlp's public API (fallback); the model ships in node_modules, so nothing is downloaded. */
function getNlp(): WinkNlp {
  if (nlp && needsRebuild(apiLexemes, apiFeatures)) nlp = null;
  if (!nlp) {
    // Loaded here, on first use, like the model (see `winkEnglishModel`).
    const createNlp = requireCjs('wink-nlp') as typeof winkNLP;
    const model = winkEnglishModel();
    const base = model as unknown as {
      core(): { features: Record<string, LearnedFeature> & { lexeme: LexemeTable }; packing: { efList: string[] } };
      metaCER(): unknown;
    };
    const wrapped = Object.assign(Object.create(Object.getPrototypeOf(model) as object) as typeof model, model, {
      // The model's metaCER() re-stringifies its own module state on every call (its size grows
      // without bound, then throws), so a rebuilt instance reuses the first result.
      metaCER: () => (metaCER ??= base.metaCER()),
      core: () => {
        const core = base.core();
        apiLexemes = core.features.lexeme;
        apiFeatures = core.packing.efList.map((name) => core.features[name]!).filter((f) => f && Array.isArray(f.list) && f.maxIndex > 0);
        return core;
      },
    });
    nlp = createNlp(wrapped, ['sbd', 'pos']);
  }
  return nlp;
}

/**
 * Fallback: drop the words one call added from the hash after the call, so the next call
 * tokenizes as a fresh instance would. The list and wink's private per-lexeme features keep
 * growing in step (their indexes must stay aligned), hence MAX_OOV_LEXEMES.
 * @param from list length before the call
 */
function forgetNewLexemes(from: number): void {
  if (!apiLexemes) return;
  const { hash, list } = apiLexemes;
  for (let i = from; i < list.length; i++) {
    // Only entries that still point at this index: an intrinsic word is never removed.
    if (hash[list[i]!] === i) delete hash[list[i]!];
  }
}

/** Drop the engine (and fallback instance), so the next call builds a new one (as after MAX_OOV_LEXEMES); for tests. */
export function rebuildForTests(): void {
  engine = null;
  nlp = null;
}

/** Whether texts are read by the engine (true) or through wink's public API (fallback); for tests. */
export function usesEngine(): boolean {
  return getEngine() !== null;
}

/**
 * What segment needs of one wink document: token texts and tags, sentence `j < sentenceCount`
 * from token `sentences[2j]` to token `sentences[2j + 1]` (inclusive: wink's `[first, last]`).
 */
interface Reading {
  values: string[];
  tags: string[];
  sentences: number[];
  sentenceCount: number;
  /** Number of tokens: `values` and `tags` may be longer (buffers reused by the engine's reads). */
  count: number;
  /** Where tokens lie in the text read, for some (see `DocData.spans`); null from the public API. */
  spans: Int32Array | null;
}

/** Tokens, tags and sentences of `slice` through wink's public API, on a fresh-equivalent instance; for tests and the fallback. */
export function readWithApi(slice: string): Reading {
  const winkNlp = getNlp();
  const known = apiLexemes?.list.length ?? 0;
  const doc = winkNlp.readDoc(slice);
  forgetNewLexemes(known);
  const tokens = doc.tokens();
  const values = tokens.out() as string[];
  const spans = doc.sentences().out(winkNlp.its.span) as unknown as number[][];
  return {
    values,
    tags: tokens.out(winkNlp.its.pos) as string[],
    sentences: spans.flatMap((span) => [span[0]!, span[1]!]),
    sentenceCount: spans.length,
    count: values.length,
    spans: null,
  };
}

/** Tokens, tags and sentences of `slice` through the engine; for tests. */
export function readWithEngine(slice: string): Reading {
  const found = getEngine();
  if (!found) throw new Error('wink engine unavailable');
  const reading = readDirect(found, found.read(slice));
  const { count, sentenceCount } = reading;
  return {
    values: reading.values.slice(0, count),
    tags: reading.tags.slice(0, count),
    sentences: reading.sentences.slice(0, 2 * sentenceCount),
    sentenceCount,
    count,
    spans: null,
  };
}

/** An empty analysis to append into. */
export function emptyAnalysis(): Analysis {
  return {
    tokenCount: 0,
    starts: new Int32Array(256),
    ends: new Int32Array(256),
    texts: [],
    pos: [],
    sentenceCount: 0,
    sentenceStarts: new Int32Array(64),
    sentenceEnds: new Int32Array(64),
  };
}

/** Empty `analysis` for reuse (its buffers are kept). */
export function clearAnalysis(analysis: Analysis): void {
  analysis.tokenCount = 0;
  analysis.sentenceCount = 0;
}

/** Append a token (the string arrays are filled in order, so they never get holes). */
function pushToken(into: Analysis, start: number, end: number, value: string, tag: string): void {
  const n = into.tokenCount;
  if (n === into.starts.length) {
    into.starts = grown(into.starts, n);
    into.ends = grown(into.ends, n);
  }
  into.starts[n] = start;
  into.ends[n] = end;
  into.texts[n] = value;
  into.pos[n] = tag;
  into.tokenCount = n + 1;
}

/** Append a sentence of tokens `[tokenStart, tokenEnd)`. */
function pushSentence(into: Analysis, tokenStart: number, tokenEnd: number): void {
  const n = into.sentenceCount;
  if (n === into.sentenceStarts.length) {
    into.sentenceStarts = grown(into.sentenceStarts, n);
    into.sentenceEnds = grown(into.sentenceEnds, n);
  }
  into.sentenceStarts[n] = tokenStart;
  into.sentenceEnds[n] = tokenEnd;
  into.sentenceCount = n + 1;
}

/** A copy of the first `length` values of `array` with twice the room. */
function grown(array: Int32Array, length: number): Int32Array {
  const bigger = new Int32Array(2 * length + 16);
  bigger.set(array.subarray(0, length));
  return bigger;
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
  if (runs === null) {
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
    pushToken(into, start, end, text.slice(start, end), 'X');
    pushSentence(into, into.tokenCount - 1, into.tokenCount);
    at = end;
  }
  if (at < to) analyseWithWink(text, at, to, into);
  return into;
}

/** Longest run of non-space characters handed to wink-nlp. */
const MAX_WINK_RUN = 256;

/** Flat `[start, end, start, end, …]` of every run of non-space characters longer than MAX_WINK_RUN (one linear scan), null if none. */
function longRuns(text: string, from: number, to: number): number[] | null {
  let runs: number[] | null = null;
  let start = from;
  for (let i = from; i <= to; i++) {
    const code = i < to ? text.charCodeAt(i) : 32;
    const space = code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0x3000;
    if (!space) continue;
    if (i - start > MAX_WINK_RUN) (runs ??= []).push(start, i);
    start = i + 1;
  }
  return runs;
}

/** wink packs a token's POS index into bits 20–25 of its third number (wink-nlp/src/constants.js). */
const POS_MASK = 0x3f00000;
const POS_SHIFT = 20;

/** Reused from call to call, so that a paragraph allocates no per-token arrays of its own. */
const directTags: string[] = [];
let indexMap = new Int32Array(1024);

/**
 * Tokens and sentences straight from wink's document data: what `readApi` gives, without a function
 * call per token. The arrays are reused by the next call.
 */
function readDirect(found: Engine, data: DocData): Reading {
  const raw = data.tokens;
  const posNames = found.posNames;
  const count = data.numOfTokens;
  // Filled in order and never shortened (setting a shorter length frees the arrays' room).
  for (let i = 0; i < count; i++) directTags[i] = posNames[(raw[4 * i + 2]! & POS_MASK) >>> POS_SHIFT]!;
  return { values: data.values, tags: directTags, sentences: data.sentences, sentenceCount: data.sentenceCount, count, spans: data.spans };
}

function analyseWithWink(text: string, from: number, to: number, into: Analysis): void {
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  const reader = getEngine();
  const reading = reader ? readDirect(reader, reader.read(slice)) : readWithApi(slice);
  const { values, tags, sentences, sentenceCount, count: valueCount, spans } = reading;
  const base = into.tokenCount;
  // Maps wink's token index to ours: a token we cannot align is dropped rather than given a wrong span.
  if (indexMap.length < valueCount + 1) indexMap = new Int32Array(2 * valueCount + 2);
  let cursor = from;
  for (let i = 0; i < valueCount; i++) {
    indexMap[i] = into.tokenCount;
    const value = values[i] ?? '';
    // Skip spaces, then expect the value right there: the same alignment as searching for it,
    // but linear, since a token that cannot be aligned no longer scans the rest of the text.
    let found = cursor;
    while (found < to && isRegexSpace(text.charCodeAt(found))) found++;
    // A token the engine places at `[start, end)` of the slice has that (non-empty) slice as its
    // value, so when it is due right here the check below would pass: skip it, without reading the
    // value (which mostly missed the cache: ~1.5 % of a run).
    if (spans !== null && spans[2 * i] === found - from) {
      const end = from + spans[2 * i + 1]!;
      pushToken(into, found, end, value, tags[i] ?? 'X');
      cursor = end;
      continue;
    }
    if (value.length === 0 || found + value.length > to || !text.startsWith(value, found)) continue;
    pushToken(into, found, found + value.length, value, tags[i] ?? 'X');
    cursor = found + value.length;
  }
  const count = into.tokenCount;
  indexMap[valueCount] = count;
  for (let j = 0; j < sentenceCount; j++) {
    const first = sentences[2 * j]!;
    const last = sentences[2 * j + 1]!;
    const tokenStart = first >= 0 && first <= valueCount ? indexMap[first]! : count;
    const tokenEnd = last + 1 >= 0 && last + 1 <= valueCount ? indexMap[last + 1]! : count;
    if (tokenEnd > tokenStart && tokenStart >= base) pushSentence(into, tokenStart, tokenEnd);
  }
}
