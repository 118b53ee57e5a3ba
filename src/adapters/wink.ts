/**
 * The only module that talks to wink-nlp. It turns wink's tokens (which carry no character offsets)
 * into checked spans by aligning each token value against the original text.
 *
 * The result is columnar (parallel arrays, no object per token) because segment runs on every
 * document and builds its own token objects: one object per token instead of three halves the
 * garbage the collector has to sweep.
 *
 * Every call must tokenize as a fresh wink instance would (see `Visibility`). For speed the adapter
 * hooks into two wink internals through the model object it hands to wink: the lexeme cache (taken
 * from a feature function's argument) and each document's data (taken from the POS setter). Both
 * are checked when an instance is built, with a fallback to wink's public behaviour.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type WinkNlp = ReturnType<typeof winkNLP>;
type WinkDoc = ReturnType<WinkNlp['readDoc']>;

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

/** A feature wink learns values of (e.g. word shapes); the packed field holds indexes up to maxIndex. */
interface LearnedFeature {
  list: unknown[];
  maxIndex: number;
}

/** The two methods of wink's private lexeme cache that its tokenizer calls through the cache object. */
interface WinkCache {
  add(text: string, category: number): number;
  lookup(text: string): number[] | null;
}

type FeatureFns = Record<string, (word: string, category: number, cache: WinkCache) => unknown>;

let nlp: WinkNlp | null = null;
let lexemes: LexemeTable | null = null;
let learnedFeatures: LearnedFeature[] = [];
let metaCER: unknown = null;
/** wink's cache object, handed to us by the first feature computation (see `getNlp`). */
let capturedCache: WinkCache | null = null;
/** Per-call visibility of learned lexemes, or null if wink's cache could not be reached. */
let visibility: Visibility | null = null;

/** wink's data for one document (its `rdd`): 4 numbers per token, sentences as `[first, last, …]` token indexes. */
interface WinkDocData {
  tokens: number[];
  sentences: number[][];
}

/** The data of the document wink read last, handed to us by the model's POS setter (see `getNlp`). */
let lastDocData: WinkDocData | null = null;
/** wink's part-of-speech names, by the index its tokens store. */
let posNames: string[] = [];
/** Whether tokens are read from wink's document data (checked against its API once per instance). */
let directRead = false;

/**
 * Out-of-vocabulary lexemes a wink instance may accumulate before it is rebuilt. Each costs a few
 * dozen bytes that wink never frees; rebuilding takes ~0.2 s, so this bounds memory at a few MB
 * for well under 1 % of the run time.
 */
const MAX_OOV_LEXEMES = 200_000;

/** A word wink's lexicon does not have: reading it makes wink compute features, which hands us its cache. */
const PROBE = 'qzxv';

/**
 * Load wink-nlp once per thread; the model ships in node_modules, so nothing is downloaded.
 * The model's `core()` is wrapped to keep a handle on its lexeme table, and its feature functions
 * to get hold of wink's cache object once (see `Visibility`).
 */
function getNlp(): WinkNlp {
  if (nlp && needsRebuild()) nlp = null;
  if (!nlp) {
    const base = model as unknown as {
      core(): { features: Record<string, LearnedFeature> & { lexeme: LexemeTable }; packing: { efList: string[] } };
      featureFn(config: unknown): FeatureFns;
      metaCER(): unknown;
      pos(): { setter(data: WinkDocData, ...rest: unknown[]): unknown };
    };
    capturedCache = null;
    visibility = null;
    directRead = false;
    const wrapped = Object.assign(Object.create(Object.getPrototypeOf(model) as object) as typeof model, model, {
      // The model's metaCER() re-stringifies its own module state on every call (its size grows
      // without bound, then throws), so a rebuilt instance reuses the first result.
      metaCER: () => (metaCER ??= base.metaCER()),
      core: () => {
        const core = base.core();
        lexemes = core.features.lexeme;
        posNames = (core.features as unknown as { pos: { list: string[] } }).pos.list;
        learnedFeatures = core.packing.efList.map((name) => core.features[name]!).filter((f) => f && Array.isArray(f.list) && f.maxIndex > 0);
        return core;
      },
      // The POS setter is the last step of readDoc that touches the document's data, so the
      // wrapper can keep it: reading tokens there skips wink's per-token API calls.
      pos: () => {
        const pos = base.pos();
        const setter = pos.setter;
        return Object.assign({}, pos, {
          setter: (data: WinkDocData, ...rest: unknown[]) => {
            lastDocData = data;
            return setter(data, ...rest);
          },
        });
      },
      featureFn: (config: unknown) => {
        const features = base.featureFn(config);
        const pos = features['pos']!;
        // wink calls features[name](text, category, cache) through the object, so the wrapper
        // can take the cache and put the original function back.
        features['pos'] = (word, category, cache) => {
          capturedCache = cache;
          features['pos'] = pos;
          return pos(word, category, cache);
        };
        return features;
      },
    });
    nlp = winkNLP(wrapped, ['sbd', 'pos']);
    const known = lexemes?.list.length ?? 0;
    nlp.readDoc(PROBE);
    forgetNewLexemes(known);
    // Assigned inside wink's call above, which the compiler cannot see.
    const cache = capturedCache as WinkCache | null;
    if (cache && lexemes && typeof cache.add === 'function' && typeof cache.lookup === 'function') {
      visibility = new Visibility(cache, lexemes);
    }
    directRead = readsAlike(nlp);
  }
  return nlp;
}

/** A text with contractions, abbreviations, quotes and two sentences, to check `readDirect` against wink's API. */
const CHECK_TEXT = 'Mr. Smith can\u2019t go to the U.S. on Monday, he said. \u201cWe won\u2019t!\u201d 3.5% of $20 isn\'t much\u2026';

/** Whether reading wink's document data gives exactly what its API gives (it would not if wink changed its layout). */
function readsAlike(winkNlp: WinkNlp): boolean {
  const reading = read(winkNlp, CHECK_TEXT);
  if (!lastDocData) return false;
  const plain = (r: Reading) => JSON.stringify([r.values, r.tags, r.spans.map((span) => span.slice(0, 2))]);
  return plain(readDirect(lastDocData)) === plain(readApi(winkNlp, reading.doc));
}

/**
 * Rebuild once too many unknown words were learned (memory), or before a learned feature's index
 * outgrows its packed bit field (wink does not check; an overflowing word-shape index would flip
 * the neighbouring `isAbbrev` bit that sentence splitting reads).
 */
function needsRebuild(): boolean {
  if (!lexemes) return false;
  if (lexemes.list.length - lexemes.intrinsicSize > MAX_OOV_LEXEMES) return true;
  return learnedFeatures.some((f) => f.list.length >= f.maxIndex - 256);
}

/**
 * wink adds every unknown word it meets to its lexeme hash, and its tokenizer consults that hash
 * (`Lord's` stays whole once some earlier text taught it the word), so a long-lived instance
 * tokenizes a text differently depending on what it read before: output would depend on document
 * order and on which worker got which document. Every call must therefore tokenize as a fresh
 * instance would.
 *
 * The fallback (`forgetNewLexemes`) drops the words a call added from the hash after the call, so
 * the next call learns them again: computing a word's features is most of wink's tokenizing cost.
 * `Visibility` gets the same result without re-learning: it wraps the `add` and `lookup` methods
 * of wink's cache so that a word learned by an earlier call is invisible to `lookup` (as if
 * forgotten) until this call adds it again; the `add` then revives the earlier entry, but only if
 * it was learned with the same token category. A lexeme's observable data (its text, and features
 * computed from text and category alone: part of speech, isAbbrev; its `normal` is read only for
 * being out of vocabulary and for category-free features) then equal those a fresh entry would
 * get. With another category the old entry is dropped from the hash and wink learns a new one,
 * exactly as after forgetting. Lexemes created in the current call are visible as usual.
 */
/** What wink's lookup answers for an intrinsic word: not asked yet, `[index]`, or something else (expansions). */
const UNKNOWN = 0;
const PLAIN = 1;
const EXPANDED = 2;

class Visibility {
  private readonly hash: Record<string, number>;
  private readonly list: string[];
  private readonly intrinsic: number;
  /** Token category each learned lexeme was created with (-1: never revive), by index − intrinsic. */
  private readonly categoryOf: number[] = [];
  /** Call in which each learned lexeme was last revived, by index − intrinsic. */
  private readonly revivedIn: number[] = [];
  /** Lexemes at or beyond this index were created by the current call. */
  private callStart = 0;
  private call = 0;

  constructor(cache: WinkCache, table: LexemeTable) {
    this.hash = table.hash;
    this.list = table.list;
    this.intrinsic = table.intrinsicSize;
    this.track(-1);
    const add = cache.add;
    const lookup = cache.lookup;
    // wink's lookup answers [index] for most words and a list of expansions for contractions
    // (`can't`); which is which never changes, so wink is asked once per word, not per token.
    const kinds = new Uint8Array(this.intrinsic);
    // One reused answer instead of a new one-element array per lookup (one per token): every caller
    // in wink 2.4 (dd-wrapper's addTokenIfInCache and isLexeme, the model's pos feature) reads the
    // answer before its next lookup and never keeps or changes it.
    const answer = [0];
    cache.lookup = (text) => {
      const index = this.hash[text];
      if (index === undefined) return null;
      if (index >= this.intrinsic) {
        if (!this.visible(index)) return null;
        answer[0] = index;
        return answer;
      }
      const kind = kinds[index];
      if (kind === PLAIN) {
        answer[0] = index;
        return answer;
      }
      const found = lookup(text);
      if (kind === UNKNOWN) kinds[index] = found !== null && found.length === 1 && found[0] === index ? PLAIN : EXPANDED;
      return found;
    };
    cache.add = (text, category) => {
      const normal = text.toLowerCase();
      const textIndex = this.revive(text, category);
      const normalIndex = normal === text ? textIndex : this.revive(normal, category);
      // Both known: wink's add would only look them up, so skip it.
      if (textIndex >= 0 && normalIndex >= 0) return textIndex;
      const index = add(text, category);
      this.track(category);
      return index;
    };
  }

  /** Start a call: lexemes learned before it become invisible until revived. */
  begin(): void {
    this.call++;
    this.callStart = this.list.length;
  }

  private visible(index: number): boolean {
    return index < this.intrinsic || index >= this.callStart || this.revivedIn[index - this.intrinsic] === this.call;
  }

  /**
   * Make `text` visible to this call if an earlier call learned it with `category`; otherwise drop
   * the stale entry so that wink learns it afresh. Returns its index if it is now visible, else -1.
   */
  private revive(text: string, category: number): number {
    const index = this.hash[text];
    if (index === undefined) return -1;
    if (this.visible(index)) return index;
    const slot = index - this.intrinsic;
    if (this.categoryOf[slot] === category) {
      this.revivedIn[slot] = this.call;
      return index;
    }
    delete this.hash[text];
    return -1;
  }

  /** Record the category of lexemes wink has just created (they are appended to the list). */
  private track(category: number): void {
    for (let slot = this.categoryOf.length; slot < this.list.length - this.intrinsic; slot++) {
      this.categoryOf.push(category);
      this.revivedIn.push(0);
    }
  }
}

/**
 * Fallback when wink's cache could not be reached: drop the words one call added from the hash
 * after the call, so the next call tokenizes as a fresh instance would. The list and wink's private
 * per-lexeme features keep growing in step (their indexes must stay aligned), hence MAX_OOV_LEXEMES.
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

/** Drop the wink instance, so the next call builds a new one (as after MAX_OOV_LEXEMES); for tests. */
export function rebuildForTests(): void {
  nlp = null;
}

/** Whether learned words are hidden per call (true) or forgotten after each call (fallback); for tests. */
export function usesVisibility(): boolean {
  getNlp();
  return visibility !== null;
}

/** Whether tokens are read from wink's document data (true) or through its API (fallback); for tests. */
export function readsDocData(): boolean {
  getNlp();
  return directRead;
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

/** What segment needs of one wink document: token texts and tags, sentences as `[first, last]` token indexes. */
interface Reading {
  values: string[];
  tags: string[];
  spans: number[][];
}

/** Read `slice` with wink as a fresh instance would (see `Visibility`); `data` is wink's document data. */
function read(winkNlp: WinkNlp, slice: string): { doc: WinkDoc; data: WinkDocData | null } {
  const known = lexemes?.list.length ?? 0;
  visibility?.begin();
  lastDocData = null;
  const doc = winkNlp.readDoc(slice);
  if (!visibility) forgetNewLexemes(known);
  return { doc, data: lastDocData };
}

/** Tokens and sentences through wink's API. */
function readApi(winkNlp: WinkNlp, doc: WinkDoc): Reading {
  const tokens = doc.tokens();
  return {
    values: tokens.out() as string[],
    tags: tokens.out(winkNlp.its.pos) as string[],
    spans: doc.sentences().out(winkNlp.its.span) as unknown as number[][],
  };
}

/** wink packs a token's POS index into bits 20–25 of its third number (wink-nlp/src/constants.js). */
const POS_MASK = 0x3f00000;
const POS_SHIFT = 20;

/** Reused from call to call, so that a paragraph allocates no per-token arrays of its own. */
const directValues: string[] = [];
const directTags: string[] = [];
let indexMap = new Int32Array(1024);

/**
 * Tokens and sentences straight from wink's document data: what `readApi` gives, without a function
 * call per token. The arrays are reused by the next call; sentences keep wink's extra fields.
 */
function readDirect(data: WinkDocData): Reading {
  const raw = data.tokens;
  const list = lexemes!.list;
  const count = raw.length >>> 2;
  directValues.length = count;
  directTags.length = count;
  for (let i = 0; i < count; i++) {
    directValues[i] = list[raw[4 * i]!]!;
    directTags[i] = posNames[(raw[4 * i + 2]! & POS_MASK) >>> POS_SHIFT]!;
  }
  return { values: directValues, tags: directTags, spans: data.sentences };
}

function analyseWithWink(text: string, from: number, to: number, into: Analysis): void {
  const winkNlp = getNlp();
  const { doc, data } = read(winkNlp, from === 0 && to === text.length ? text : text.slice(from, to));
  const { values, tags, spans } = directRead && data ? readDirect(data) : readApi(winkNlp, doc);
  const { starts, ends, pos } = into;
  const base = starts.length;
  // Maps wink's token index to ours: a token we cannot align is dropped rather than given a wrong span.
  if (indexMap.length < values.length + 1) indexMap = new Int32Array(2 * values.length + 2);
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
  for (const span of spans) {
    const first = span[0]!;
    const last = span[1]!;
    const tokenStart = first >= 0 && first <= values.length ? indexMap[first]! : starts.length;
    const tokenEnd = last + 1 >= 0 && last + 1 <= values.length ? indexMap[last + 1]! : starts.length;
    if (tokenEnd > tokenStart && tokenStart >= base) {
      into.sentenceStarts.push(tokenStart);
      into.sentenceEnds.push(tokenEnd);
    }
  }
}
