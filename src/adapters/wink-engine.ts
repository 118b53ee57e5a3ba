/**
 * wink-nlp's `readDoc` (tokens, sentence boundaries, part of speech), rebuilt from wink's own
 * modules (its cache and tokenizer; the model's automata JSON and transformers; its SBD setter,
 * POS updater and POS setter run inline on reused buffers, checked against their source)
 * so that the adapter can skip what segment never reads (wink's `Doc` object with ~100 closures
 * per call, non-breaking-space records, the unused NER/negation/sentiment automata), remember how
 * each space-separated piece of text was tokenized (see `Plan`), and run the SBD and POS automata
 * on events computed once per token (see `Machine`) from a per-lexeme memo.
 *
 * Every call reads its text as a fresh wink instance would (see `Visibility`): the output of a
 * call depends on its text only, never on what the instance read before.
 *
 * The steps and their order are those of `readDoc` in wink-nlp 2.x (src/wink-nlp.js) with the
 * pipe `['sbd', 'pos']`; test/adapters/wink.test.ts compares this engine with wink's public API.
 */
import { createRequire } from 'node:module';
import type WinkEnglishModel from 'wink-eng-lite-web-model';

const requireCjs = createRequire(import.meta.url);

let loadedModel: typeof WinkEnglishModel | null = null;

/**
 * wink's English model, loaded on first use rather than on import: the main thread validates the
 * config with the stage modules but never tokenizes, so it never pays for the model.
 */
export function winkEnglishModel(): typeof WinkEnglishModel {
  return (loadedModel ??= requireCjs('wink-eng-lite-web-model') as typeof WinkEnglishModel);
}

/** wink's lexeme table: a hash from text to index and the list of texts, intrinsic entries first. */
export interface LexemeTable {
  hash: Record<string, number>;
  list: string[];
  intrinsicSize: number;
}

/** A feature wink learns values of (e.g. word shapes); the packed field holds indexes up to maxIndex. */
export interface LearnedFeature {
  list: unknown[];
  maxIndex: number;
}

/** The methods of wink's cache used here (src/cache.js). */
interface WinkCache {
  add(text: string, category: number): number;
  lookup(text: string): number[] | null;
  value(index: number): string;
  normal(index: number): number;
  nox(binaryWord: number): number;
  posOf(index: number): number;
  isMemberPOS(normal: number, pos: number): boolean;
  mappedSpelling(index: number): number;
  property(index: number, name: string): unknown;
}

/**
 * wink's data for one document: 4 numbers per token for the first `numOfTokens` tokens, sentence
 * `j < sentenceCount` from token `sentences[2j]` to token `sentences[2j + 1]` (inclusive), as
 * wink's `[first, last]`. The arrays are buffers reused by the next call, hence longer.
 */
export interface DocData {
  tokens: number[];
  /** Token `i`'s text (wink's `its.value`: the text of its lexeme), filled while tokenizing. */
  values: string[];
  numOfTokens: number;
  sentences: number[];
  sentenceCount: number;
  /**
   * Per token, where it lies in the text read if known: its text is that of `[spans[2i],
   * spans[2i + 1])` (a non-empty text); `spans[2i]` is -1 if not known. (Lets the caller place
   * such a token without reading its text.)
   */
  spans: Int32Array;
}

/**
 * Patterns an automaton found, as wink's `[first, last, name]` in parallel arrays (the first
 * `count`), reused from call to call instead of an array per pattern.
 */
class Patterns {
  count = 0;
  firsts: number[] = [];
  lasts: number[] = [];
  names: unknown[] = [];

  push(first: number, last: number, name: unknown): void {
    const n = this.count;
    // In order: each write is an overwrite or an append, so the arrays never get holes.
    this.firsts[n] = first;
    this.lasts[n] = last;
    this.names[n] = name;
    this.count = n + 1;
  }
}

/** What wink's tokenizer calls on its document wrapper (src/dd-wrapper.js). */
interface DocWrapper {
  _addToken(text: string, category: number, precedingSpaces: number, nbsp: unknown): boolean;
  _addTokenIfInCache(text: string, precedingSpaces: number, nbsp: unknown): number;
  isLexeme(text: string): number[] | null;
}

/** The model's offset of hint events (pos-transformers.js `hintDelta`). */
const POS_HINT_DELTA = 1080000;
/** Events below this (and hints below this) have their ids in a table (POS tags and hints are < 64). */
const DENSE_EVENTS = 64;

/** wink's end-of-sequence event and the key of a state's "otherwise" transition (src/automaton.js). */
const EOS_TOKEN = 2070000;
const OTHERWISE = 2070003;

/**
 * One of wink's pattern automata (src/automaton.js `recognize`), read from the same JSON, for
 * tokens that are already transformed: wink calls the model's transformer on a token each time
 * the greedy search visits it (again after every roll-back), this takes an array transformed once.
 * Without pattern swaps (wink sets none for the SBD and POS automata of this model) wink's `delta`
 * is always 1, which this code assumes.
 */
class Machine {
  /** Event ids by numeric event (wink's object keys are strings; a number is looked up as its canonical string). */
  private readonly numericIds = new Map<number, number>();
  /** Event ids by key, for string events (a tag the first POS automaton set by its name). */
  private readonly stringIds = new Map<string, number>();
  /** Number of event ids, 0 (no transition) included. */
  private readonly width: number;
  /** Next state by `state * width + event id` (0: back to the root). */
  private readonly table: Int32Array;
  /** Each state's "otherwise" target (0: none). */
  private readonly otherwise: Int32Array;
  private readonly terminals: (string | undefined)[] = [];
  private readonly marks: (number[] | undefined)[] = [];
  private readonly eosId: number;
  /** Event ids of the tokens being recognized (reused). */
  private ids = new Int32Array(256);
  /** `eventId(e)` for the integers `0 ≤ e < DENSE_EVENTS` (POS tags), without a Map look-up. */
  readonly denseIds = new Int32Array(DENSE_EVENTS);
  /** `eventId(h + POS_HINT_DELTA)` for the integers `0 ≤ h < DENSE_EVENTS` (POS hints). */
  readonly hintIds = new Int32Array(DENSE_EVENTS);

  /** @param keyLF the token the automaton skips (wink's `keyLF`) */
  constructor(
    json: string,
    readonly keyLF: unknown,
  ) {
    const model = JSON.parse(json) as [number, number, Record<number, Record<string, number>>, Record<number, string>, Record<number, number[]>];
    const fsm = model[2];
    let states = model[1] + 1;
    for (const [state, transitions] of Object.entries(fsm)) {
      states = Math.max(states, Number(state) + 1);
      for (const [event, target] of Object.entries(transitions)) {
        states = Math.max(states, target + 1);
        if (!this.stringIds.has(event)) {
          const id = this.stringIds.size + 1;
          this.stringIds.set(event, id);
          if (String(Number(event)) === event) this.numericIds.set(Number(event), id);
        }
      }
    }
    this.width = this.stringIds.size + 1;
    this.table = new Int32Array(states * this.width);
    this.otherwise = new Int32Array(states);
    for (const [state, transitions] of Object.entries(fsm)) {
      for (const [event, target] of Object.entries(transitions)) this.table[Number(state) * this.width + this.stringIds.get(event)!] = target;
      this.otherwise[Number(state)] = transitions[OTHERWISE] ?? 0;
    }
    for (const [state, name] of Object.entries(model[3])) this.terminals[Number(state)] = name;
    for (const [state, mark] of Object.entries(model[4])) this.marks[Number(state)] = mark;
    this.eosId = this.eventId(EOS_TOKEN);
    for (let e = 0; e < DENSE_EVENTS; e++) {
      this.denseIds[e] = this.eventId(e);
      this.hintIds[e] = this.eventId(e + POS_HINT_DELTA);
    }
  }

  /** The id of an event: what `fsm[state][event]` would look up. */
  eventId(event: unknown): number {
    return (typeof event === 'number' ? this.numericIds.get(event) : this.stringIds.get(String(event))) ?? 0;
  }

  /**
   * wink's `recognize` over the first `length` tokens, with `tokens[j]` tested against keyLF and `transformed[j]` fed to the automaton.
   * Puts `[first, last, name]` per pattern found, as wink returns them, into `patterns` (emptied first).
   */
  recognize(tokens: ArrayLike<unknown>, transformed: ArrayLike<unknown>, length: number, patterns: Patterns): void {
    const ids = this.idBuffer(length);
    const keyLF = this.keyLF;
    // -1 marks a token wink skips (keyLF).
    for (let j = 0; j < length; j++) ids[j] = tokens[j] === keyLF ? -1 : this.eventId(transformed[j]);
    this.recognizeIds(length, patterns);
  }

  /** The buffer `recognizeIds` reads: room for `length` ids and the end of the sequence. */
  idBuffer(length: number): Int32Array {
    if (this.ids.length < length + 1) this.ids = new Int32Array(2 * length + 2);
    return this.ids;
  }

  /**
   * `recognize` with the first `length` event ids already in `idBuffer(length)` (-1 for a token
   * the automaton skips, i.e. equal to keyLF).
   */
  recognizeIds(length: number, patterns: Patterns): void {
    const { table, width, otherwise: otherwiseOf, terminals } = this;
    const ids = this.ids;
    // The end of the sequence is one more event.
    ids[length] = this.eosId;
    patterns.count = 0;
    let first = 0;
    let state = 0;
    let next = 0;
    let lastOtherwiseIndex = 0;
    let lastOtherwiseState = 0;
    for (let i = 0; i <= length; i++) {
      for (let j = i; j <= length; j++) {
        const id = ids[j]!;
        if (id < 0) continue;
        next = table[state * width + id]!;
        if (!state && next) first = j;
        if (terminals[next]) {
          this.push(patterns, first, j, next);
          i = j;
          j = length + 100;
          next = 0;
          lastOtherwiseState = 0;
        } else if (next === 0) {
          if (lastOtherwiseState) {
            this.push(patterns, first, lastOtherwiseIndex, lastOtherwiseState);
            i = lastOtherwiseIndex;
            j = length + 100;
            next = 0;
            lastOtherwiseState = 0;
          } else {
            j = length + 100;
          }
        }
        state = next;
        const otherwise = otherwiseOf[state]!;
        if (otherwise) {
          lastOtherwiseIndex = j;
          lastOtherwiseState = otherwise;
        }
      }
    }
  }

  /** wink's `pushMatch2Patterns` (no detection callback is set for these automata). */
  private push(patterns: Patterns, first: number, last: number, state: number): void {
    const name = this.terminals[state];
    if (name === '0') return;
    const mark = this.marks[state];
    if (mark) patterns.push(first + mark[0]!, last - mark[1]!, name);
    else patterns.push(first, last, name);
  }
}

/** Raw document data as wink's mappers and setters read it. */
interface Rdd {
  tokens: number[];
  cache: WinkCache;
  numOfTokens: number;
  sentences: number[][];
}

interface CoreModel {
  features: Record<string, LearnedFeature> & { lexeme: LexemeTable; pos: { list: string[] } };
  packing: { efList: string[] };
  trex: unknown;
  tcat: { hash: Record<string, number> };
  preserve: unknown;
}

interface WinkModel {
  core(): CoreModel;
  featureFn: unknown;
  sbd(): { machines: string[]; transformers: Transformer[]; setter(px: unknown, rdd: Rdd): void };
  pos(): {
    machines: string[];
    transformers: Transformer[];
    setter(rdd: Rdd, posTags: number[], tkSize: number, bits4lemma: number): void;
    updater(px: unknown, cache: WinkCache, posTags: number[], normals: number[]): void;
  };
}

/** A model's token transformer: `(token, cache, rawTokens, index)` → the event the automaton sees. */
type Transformer = (token: unknown, cache: WinkCache, rawTokens: number[], index: number) => unknown;

/** wink's internal modules; they have no types and no exports map, hence the casts. */
interface Internals {
  Cache(core: CoreModel, featureFn: unknown): WinkCache;
  compileTRex(trex: unknown): { helpers: { splitter: RegExp } };
  tokenizer(trex: unknown, categories: Record<string, number>, preserve: unknown): (doc: DocWrapper, text: string) => void;
  bits4lemma: number;
}

function loadInternals(): Internals {
  const constants = requireCjs('wink-nlp/src/constants.js') as { bits4lemma: number; tkSize: number };
  if (constants.tkSize !== 4) throw new Error('wink-nlp: unexpected token size');
  return {
    Cache: requireCjs('wink-nlp/src/cache.js') as Internals['Cache'],
    compileTRex: requireCjs('wink-nlp/src/compile-trex.js') as Internals['compileTRex'],
    tokenizer: requireCjs('wink-nlp/src/tokenizer.js') as Internals['tokenizer'],
    bits4lemma: constants.bits4lemma,
  };
}

/** Source of the model's SBD setter, POS updater and POS setter, which `Engine` runs inline. */
const SBD_SETTER_SOURCE =
  'function(px,rdd){var numOfTokens=rdd.numOfTokens,si=[0,numOfTokens-1,0,0];for(let i=0;i<px.length;i+=1)si[1]=px[i][0],i<px.length-1&&(rdd.sentences.push(si),si=[px[i][0]+1,numOfTokens-1,0,0]);rdd.sentences.push(si),si[1]<numOfTokens-1&&rdd.sentences.push([si[1]+1,numOfTokens-1,0,0])}';
const POS_UPDATER_SOURCE =
  'function(px,cache,posTags,normalizedTokens){for(let j=0;j<px.length;j+=1){const targetPOS=px[j][2],tokenIdx=px[j][0];targetPOS<0?posTags[tokenIdx]=Math.abs(targetPOS):cache.isMemberPOS(normalizedTokens[tokenIdx],targetPOS)&&(posTags[tokenIdx]=targetPOS)}}';
const POS_SETTER_SOURCE =
  'function(rdd,posTags,tkSize,bits4lemma){let pk=0;for(let i=0;i<rdd.tokens.length;i+=tkSize,pk+=1)0===rdd.tokens[i+2]&&(rdd.tokens[i+2]=posTags[pk]<<bits4lemma)}';

/** wink packs a token's POS index into bits 20–25 of its third number (src/constants.js). */
const POS_MASK = 0x3f00000;
const POS_SHIFT = 20;

/** wink's preceding-spaces cap, and the value that marks non-breaking spaces (src/tokenizer.js). */
const MAX_PRECEDING_SPACES = 65535;

/** The characters of wink's splitter's first alternative, other than the plain space. */
function isWinkNbsp(code: number): boolean {
  return code === 0xa0 || (code >= 0x2002 && code <= 0x2005) || code === 0x2009 || code === 0x200a || code === 0x202f || code === 0x205f;
}

/**
 * wink adds every unknown word it meets to its lexeme hash, and its tokenizer consults that hash
 * (`Lord's` stays whole once some earlier text taught it the word), so a long-lived instance
 * tokenizes a text differently depending on what it read before: output would depend on document
 * order and on which worker got which document. Every call must therefore tokenize as a fresh
 * instance would.
 *
 * `Visibility` wraps the `add` and `lookup` methods of wink's cache so that a word learned by an
 * earlier call is invisible to `lookup` (as if forgotten) until this call adds it again; the `add`
 * then revives the earlier entry, but only if it was learned with the same token category. A
 * lexeme's observable data (its text, and features computed from text and category alone: part of
 * speech, isAbbrev; its `normal` is read only for being out of vocabulary and for category-free
 * features) then equal those a fresh entry would get. With another category the old entry is
 * dropped from the hash and wink learns a new one, exactly as after forgetting. Lexemes created
 * in the current call are visible as usual.
 *
 * It also keeps, for each text a plan's guard names (`GuardRef`), the index of its learned lexeme,
 * so that a guard checks whether the text is visible in the current call by that index, and
 * whether the last `add` touched intrinsic lexemes only.
 */
/** What wink's lookup answers for an intrinsic word: not asked yet, `[index]`, or something else (expansions). */
const UNKNOWN = 0;
const PLAIN = 1;
const EXPANDED = 2;

/** `Visibility.categoryOf` of a learned entry dropped from wink's hash (it never comes back). */
const DROPPED = -2;

/**
 * A text a plan's guard names, and the index its learned lexeme has in wink's hash (-1: none).
 * `Visibility` keeps the index current (it sees every entry wink creates or drops), so a guard asks
 * "is this text visible now" with integer reads instead of a string Set look-up per guard and a
 * Set insertion per revived word (about a fifth of `replay` in a profile; segment ~7 % less CPU with
 * 64 MB evicted per document, as in a run).
 */
export interface GuardRef {
  readonly text: string;
  index: number;
}

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
  /** The guard texts, each with its current learned index (see `GuardRef`). */
  private refs = new Map<string, GuardRef>();
  /** Whether the last `add` found both the text and its lower case among the intrinsic lexemes (no side effect). */
  lastAddStatic = false;

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
    // in wink 2.4 (the tokenizer's document wrapper, the model's pos feature) reads the answer
    // before its next lookup and never keeps or changes it.
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
      if (textIndex >= 0 && normalIndex >= 0) {
        this.lastAddStatic = textIndex < this.intrinsic && normalIndex < this.intrinsic;
        return textIndex;
      }
      this.lastAddStatic = false;
      const index = add(text, category);
      this.track(category);
      // wink creates lexemes for these two texts only.
      this.updateRef(text);
      if (normal !== text) this.updateRef(normal);
      return index;
    };
  }

  /** Start a call: lexemes learned before it become invisible until revived. */
  begin(): void {
    this.call++;
    this.callStart = this.list.length;
  }

  /**
   * The guard reference of `text` (made on first use). Whether the text is visible in the current
   * call is then `isSeen(ref)`: a learned text is visible iff it was created or revived by this call.
   */
  refOf(text: string): GuardRef {
    let ref = this.refs.get(text);
    if (ref === undefined) {
      ref = { text, index: this.learnedIndex(text) };
      this.refs.set(text, ref);
    }
    return ref;
  }

  /** Whether a guard's text is a learned lexeme visible in the current call. */
  isSeen(ref: GuardRef): boolean {
    const index = ref.index;
    return index >= 0 && this.visible(index);
  }

  /** Forget every guard reference (when all plans holding them are dropped: no plan may keep one). */
  dropRefs(): void {
    this.refs = new Map();
  }

  /** The learned lexeme `text` has in wink's hash, -1 if none. */
  private learnedIndex(text: string): number {
    const index = this.hash[text];
    return typeof index === 'number' && index >= this.intrinsic ? index : -1;
  }

  /** Bring `text`'s guard reference (if any) up to date after wink's hash changed for it. */
  private updateRef(text: string): void {
    const ref = this.refs.get(text);
    if (ref !== undefined) ref.index = this.learnedIndex(text);
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
    return index === undefined ? -1 : this.reviveAt(text, category, index);
  }

  /**
   * `revive` for a text whose index an earlier call found (`known`, -1 if none): the same, without
   * the lookup in wink's (large) hash while that entry is still there. An entry leaves the hash
   * only in `revive`, which marks it DROPPED, so a kept entry still maps `text` to `known`.
   */
  private reviveKnown(text: string, category: number, known: number): number {
    if (known < 0 || (known >= this.intrinsic && this.categoryOf[known - this.intrinsic] === DROPPED)) return this.revive(text, category);
    return this.reviveAt(text, category, known);
  }

  /** `revive` once `text`'s index in wink's hash is known. */
  private reviveAt(text: string, category: number, index: number): number {
    if (this.visible(index)) return index;
    const slot = index - this.intrinsic;
    if (this.categoryOf[slot] === category) {
      this.revivedIn[slot] = this.call;
      return index;
    }
    delete this.hash[text];
    this.categoryOf[slot] = DROPPED;
    this.updateRef(text);
    return -1;
  }

  /** The cache's `add` again for a recorded add, through its remembered indexes (which it updates). */
  addAgain(redo: Redo, add: (text: string, category: number) => number): number {
    const textIndex = this.reviveKnown(redo.text, redo.category, redo.textIndex);
    if (textIndex >= 0) {
      const normalIndex = redo.normal === redo.text ? textIndex : this.reviveKnown(redo.normal, redo.category, redo.normalIndex);
      if (normalIndex >= 0) return textIndex;
    }
    // What the wrapped add does next (its revives of entries handled above change nothing more).
    const index = add(redo.text, redo.category);
    redo.textIndex = index;
    redo.normalIndex = this.hash[redo.normal] ?? -1;
    return index;
  }

  /** The index of a learned text that is visible in this call, from the one an earlier call found. */
  indexOf(text: string, known: number): number {
    return this.categoryOf[known - this.intrinsic] === DROPPED ? this.hash[text]! : known;
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
 * How wink tokenized one space-separated piece of text (a "raw token"), replayable without wink.
 * `tokens` holds wink's 4 numbers per token (preceding spaces 0; the caller adds its own to the
 * first token). `adds` lists, in order, the pieces that must go through the cache's `add` again
 * (they taught wink an unknown word): `[tokenIndex, text, category]` or `[tokenIndex, text, -1]`
 * for a learned word found by lookup. `guards` are learned texts the tokenizer looked up, with
 * whether they were visible: the replay is valid only if each is again (wink's choices depend on
 * lookups only, and lookups of intrinsic words always answer the same).
 */
/**
 * One add of a plan: token `at` (from the plan's first) gets what the cache's `add(text, category)`
 * returns, or for `category` -1 the index of a learned text its lookup found. The indexes `text`
 * and its lower case `normal` had last time spare a lookup in wink's hash (see `reviveKnown`).
 */
interface Redo {
  at: number;
  text: string;
  normal: string;
  category: number;
  textIndex: number;
  normalIndex: number;
}

/** What is noted while a plan is recorded (then flattened into the `Plan`). */
interface Recording {
  adds: Redo[] | null;
  guards: GuardRef[] | null;
  visible: boolean[] | null;
}

/**
 * A plan, flattened into one array: `[next, adds, guardCount, tokenCount]`, then per guard its
 * reference and whether it must be visible (1) or not (0), then per token wink's 4 numbers, its
 * text as recorded (a redone add's token takes the text of the lexeme it gets) and its lexeme's
 * memo fields (see `PLAN_NORMAL`). `next` is another plan for the same piece (other guard
 * outcomes), or null.
 *
 * One array instead of an object holding five arrays: a replay reads one or two cache lines instead
 * of about ten; the plans are mostly out of cache after the other stages ran, and `replay` was
 * 3.7 % of a run's worker CPU, mostly misses on the guard lists. Measured (segment with 64 MB
 * evicted per document, as in a run): ~7 % less CPU.
 */
type Plan = (Plan | Redo[] | GuardRef | string | number | null)[];
const PLAN_NEXT = 0;
const PLAN_ADDS = 1;
const PLAN_GUARDS = 2;
const PLAN_TOKENS = 3;
const PLAN_HEADER = 4;
/**
 * Cells per token: wink's 4 numbers, the token's text, then (from PLAN_NORMAL on, in the order of
 * the slot fields from SLOT_NORMAL on) the memo fields of its lexeme, -1 until computed, as a plain
 * piece has them in its slot: `mapTokens` reads them from the plan the replay has just read
 * instead of missing on the large per-lexeme memo. PLAN_UNCACHED in PLAN_NORMAL: the token has no
 * such fields (a learned lexeme, a contraction's expansion, a redone add). Measured (segment with
 * 64 MB evicted per document): ~7 % less CPU on top of the flattening.
 */
const PLAN_TOKEN_CELLS = 12;
const PLAN_VALUE = 4;
const PLAN_NORMAL = 5;
/** The token's start and end in its piece (start -1: unknown), as `DocData.spans` has them in the text. */
const PLAN_START = 10;
const PLAN_END = 11;
const PLAN_UNCACHED = -3;

/** Where a plan's tokens start. */
function planTokensAt(plan: Plan): number {
  return PLAN_HEADER + 2 * (plan[PLAN_GUARDS] as number);
}

/**
 * Remembered plans, by raw token. Bounded: cleared when full (plans are exact, so clearing
 * changes speed only). A piece's plan costs ~400 bytes of heap (worker heaps are lean): 20,000
 * pieces hold a news vocabulary's frequent pieces for ~8 MB; 60,000 took ~35 MB for ~3 % speed
 * on 3,300 gold texts.
 */
const MAX_PLANS = 20_000;

/** Slots of the interned-piece table: a power of two, over three times MAX_PLANS. */
const PIECE_SLOTS = 65_536;
const PIECE_SLOT_MASK = PIECE_SLOTS - 1;

/**
 * Layout of a slot of `Engine.slotMeta` (32 bytes): the piece's hash, its ref, and for a plain
 * piece its lexeme's memo fields (as `Engine.memo`'s; -1 until computed).
 */
const SLOT_STRIDE = 8;
const SLOT_HASH = 0;
const SLOT_REF = 1;
const SLOT_NORMAL = 2;
const SLOT_SBD_ID = 3;
const SLOT_SBD_SPACED_ID = 4;
const SLOT_POS = 5;
const SLOT_HINT = 6;

/** First slot for a piece's hash (the hash's bits mixed, so that similar pieces spread). */
function pieceSlot(hash: number): number {
  const mixed = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return (mixed ^ (mixed >>> 16)) & PIECE_SLOT_MASK;
}

/** Plans kept per piece (one per combination of guard outcomes met; usually one or two). */
const MAX_PLANS_PER_PIECE = 4;

/**
 * Layout of the per-lexeme memo (`Engine.memo`): one 32-byte row per intrinsic lexeme, so that a
 * token's look-ups touch one cache line rather than one per array.
 */
const MEMO_STRIDE = 8;
const MEMO_NORMAL = 0;
/** The SBD automaton's event id without and with preceding spaces; -2: recomputed each time (not an integer event). */
const MEMO_SBD_ID = 1;
const MEMO_SBD_SPACED_ID = 2;
const MEMO_POS = 3;
const MEMO_HINT = 4;

/** wink's splitter (trex.helpers.splitter), which `tokenizeText` implements. */
const WINK_SPLITTER = '([ \\u00a0\\u2002-\\u2005\\u2009\\u200a\\u202f\\u205f]+|[\\n\\r\\t]+)';

/** One wink "instance": model, cache, tokenizer, automata and the plan memo. */
export class Engine {
  readonly lexemes: LexemeTable;
  readonly posNames: string[];
  readonly learnedFeatures: LearnedFeature[];
  private readonly cache: WinkCache;
  private readonly visibility: Visibility;
  private readonly tokenize: (doc: DocWrapper, text: string) => void;
  private readonly sbdMachine: Machine;
  private readonly sbdTransformer: Transformer;
  private readonly posMachines: Machine[];
  private readonly internals: Internals;
  private readonly intrinsic: number;
  /**
   * Plans by piece, in one open-addressed table: per slot, `[hash, ref, …]` in `slotMeta` (ref 0:
   * empty slot; ref − 1 ≥ 0: the piece is one intrinsic word with nothing to check or redo, most of
   * them, and that is its lexeme index; −1: its plans are in `slotPlans`), the piece in `slotKeys`.
   * A piece met before is found without slicing a new string out of the text (one per piece was
   * 15 % of segment's allocation) and, for a plain word, without reaching any object but its key.
   */
  private readonly slotMeta = new Int32Array(SLOT_STRIDE * PIECE_SLOTS);
  private readonly slotKeys: string[] = new Array<string>(PIECE_SLOTS).fill('');
  private readonly slotPlans: (Plan | null)[] = new Array<Plan | null>(PIECE_SLOTS).fill(null);
  /** Occupied slots. */
  private planCount = 0;
  /**
   * Per intrinsic lexeme, what the automata's mappers and transformers compute from it alone
   * (filled on first use, -1 until then): its normal, the SBD event without and with preceding
   * spaces, its default POS and its POS hint. Learned lexemes and contractions are computed every time.
   */
  private readonly memo: Int32Array;
  /**
   * Tokens of the document being read (4 numbers each, `tokenLength` numbers in all); the document
   * wrapper appends to it. A buffer reused from call to call (never shrunk: a length reset would
   * free it, and regrowing it per call was a tenth of segment's allocation).
   */
  private readonly tokens: number[] = [];
  private tokenLength = 0;
  /**
   * Token `i`'s text, `lexemes.list[tokens[4i]]`, set as tokens are pushed (from the piece or the
   * plan, which the tokenizer has just touched: no look-up in the large lexeme list per token).
   */
  private readonly values: string[] = [];
  /**
   * Per token, where its piece's slot starts in `slotMeta` if the piece is plain (then `mapTokens`
   * reads the lexeme's memo fields from the slot, which the tokenizer has just touched), else -1.
   */
  private readonly tokenSlots: number[] = [];
  /**
   * Per token replayed from a plan, that plan; its `tokenSlots` entry is then `-2 - c`, with `c`
   * where the token's cells start in the plan.
   */
  private readonly tokenPlans: (Plan | null)[] = [];
  /** The pieces of the text being read (see `scanPieces`; reused, grown when needed). */
  private pieces = new Int32Array(1024);
  /** What the touch loop of `tokenizeText` read (kept, so that the reads are not optimized away). */
  touched = 0;
  /** Per-token arrays of the automata, reused like `tokens` (only the first `numOfTokens` entries are meaningful). */
  private readonly normals: number[] = [];
  /** Each token's POS hint (the lexeme's `posHint`). */
  private readonly hints: number[] = [];
  private readonly posTags: number[] = [];
  /** Patterns found by the automata (reused by each). */
  private readonly patterns = new Patterns();
  /** What `read` returns (reused: its arrays are the buffers above). */
  private readonly data: DocData = {
    tokens: this.tokens,
    values: this.values,
    numOfTokens: 0,
    sentences: [],
    sentenceCount: 0,
    spans: new Int32Array(1024),
  };
  /** The plan being recorded, or null. */
  private recording: Recording | null = null;
  /** Texts added while recording (a later guard on one of them could not be checked before the replay). */
  private recordedAdds: string[] = [];
  /** Whether the plan being recorded can be replayed (false once a guard follows an add of its text). */
  private replayable = true;
  /** Length of `tokens` when the plan being recorded started. */
  private recordFirst = 0;
  private readonly wrapper: DocWrapper;

  constructor() {
    const internals = loadInternals();
    this.internals = internals;
    const winkModel = winkEnglishModel() as unknown as WinkModel;
    const core = winkModel.core();
    this.lexemes = core.features.lexeme;
    this.intrinsic = this.lexemes.intrinsicSize;
    this.posNames = core.features.pos.list;
    this.learnedFeatures = core.packing.efList.map((name) => core.features[name]!).filter((f) => f && Array.isArray(f.list) && f.maxIndex > 0);
    const cache = internals.Cache(core, winkModel.featureFn);
    this.cache = cache;
    const trex = internals.compileTRex(core.trex);
    // tokenizeText splits text as wink's splitter does; it must be the one it was written for.
    if (trex.helpers.splitter.source !== WINK_SPLITTER) throw new Error('wink-nlp: unexpected splitter');
    this.tokenize = internals.tokenizer(trex, core.tcat.hash, core.preserve);
    const sbd = winkModel.sbd();
    const pos = winkModel.pos();
    // wink chains several SBD automata through pattern swaps, which Machine does not do.
    if (sbd.machines.length !== 1) throw new Error('wink-nlp: unexpected SBD model');
    // As wink: the SBD automaton skips newlines, the POS automata only the out-of-vocabulary literal.
    this.sbdMachine = new Machine(sbd.machines[0]!, cache.lookup('\n')![0]);
    this.sbdTransformer = sbd.transformers[0]!;
    // The setter and updater are run inline on reused buffers (see `read`): they must be the ones
    // that code was written from.
    if (String(sbd.setter) !== SBD_SETTER_SOURCE || String(pos.updater) !== POS_UPDATER_SOURCE || String(pos.setter) !== POS_SETTER_SOURCE) {
      throw new Error('wink-nlp: unexpected SBD setter or POS updater');
    }

    const posLF = cache.lookup(cache.value(0))![0];
    this.posMachines = pos.machines.map((machine) => new Machine(machine, posLF));
    this.memo = new Int32Array(this.intrinsic * MEMO_STRIDE).fill(-1);
    this.visibility = new Visibility(cache, this.lexemes);
    this.wrapper = this.makeWrapper();
  }

  /** Tokens, sentences and POS of `text`, as wink's `readDoc` would give on a fresh instance. */
  read(text: string): DocData {
    this.visibility.begin();
    this.tokenLength = 0;
    this.tokenizeText(text);
    const { tokens, normals, hints, posTags } = this;
    const cache = this.cache;
    const count = this.tokenLength >>> 2;
    const patterns = this.patterns;
    // The per-token arrays are filled in order (from empty the first time; not `new Array(count)`,
    // which V8 makes a slow dictionary for tens of thousands of elements: a 100 KB paragraph).
    this.mapTokens(tokens, count, normals, hints, posTags);
    this.sbdMachine.recognizeIds(count, patterns);
    this.setSentences(patterns, count);
    for (const machine of this.posMachines) {
      // wink's POS transformer: a lexeme's POS hint overrides the current tag.
      const ids = machine.idBuffer(count);
      const { keyLF, denseIds, hintIds } = machine;
      for (let j = 0; j < count; j++) {
        const tag = posTags[j]!;
        if (tag === keyLF) ids[j] = -1;
        else {
          const hint = hints[j]!;
          if (hint) ids[j] = hint > 0 && hint < DENSE_EVENTS && (hint | 0) === hint ? hintIds[hint]! : machine.eventId(hint + POS_HINT_DELTA);
          // (A tag the updater set is the automaton's terminal as wink stores it, a string: the Map.)
          else ids[j] = tag >= 0 && tag < DENSE_EVENTS && (tag | 0) === tag ? denseIds[tag]! : machine.eventId(tag);
        }
      }
      machine.recognizeIds(count, patterns);
      // The model's POS updater (pos-updater.js), on the patterns' buffers. A pattern's name is
      // the automaton's terminal as wink stores it (a string of digits): compared, passed and
      // stored exactly as the updater does.
      const { firsts, names } = patterns;
      for (let j = 0; j < patterns.count; j++) {
        const target = names[j] as number;
        const index = firsts[j]!;
        if (target < 0) posTags[index] = Math.abs(target);
        else if (cache.isMemberPOS(normals[index]!, target)) posTags[index] = target;
      }
    }
    // wink's POS setter (the model's pos-setter.js), over this call's tokens only: the model's
    // loops to `rdd.tokens.length`, which is the buffer's length here.
    const bits4lemma = this.internals.bits4lemma;
    for (let i = 0, pk = 0; pk < count; i += 4, pk++) {
      if (tokens[i + 2] === 0) tokens[i + 2] = posTags[pk]! << bits4lemma;
    }
    const data = this.data;
    data.numOfTokens = count;
    return data;
  }

  /**
   * The model's SBD setter (sbd-setter.js) on the patterns' buffers: a sentence ends at the
   * first token of each pattern; the last one runs to the end, and what follows a last pattern
   * ending early is one more sentence.
   */
  private setSentences(patterns: Patterns, count: number): void {
    const data = this.data;
    const bounds = data.sentences;
    const { firsts } = patterns;
    let k = 0;
    let first = 0;
    let last = count - 1;
    // Written in order (overwrites or appends), so the buffer never gets holes.
    for (let i = 0; i < patterns.count; i++) {
      last = firsts[i]!;
      if (i < patterns.count - 1) {
        bounds[k++] = first;
        bounds[k++] = last;
        first = last + 1;
        last = count - 1;
      }
    }
    bounds[k++] = first;
    bounds[k++] = last;
    if (last < count - 1) {
      bounds[k++] = last + 1;
      bounds[k++] = count - 1;
    }
    data.sentenceCount = k >>> 1;
  }

  /**
   * wink's mappers for the automata (src/tokens-mappers.js: `mapRawTokens2UIdOfNormal`,
   * `mapRawTokens2UIdOfDefaultPOS`) and the SBD transformer's events, from the per-lexeme memo.
   */
  private mapTokens(tokens: number[], count: number, normals: number[], hints: number[], posTags: number[]): void {
    const { cache, intrinsic, sbdTransformer, sbdMachine, slotMeta, tokenSlots, tokenPlans } = this;
    const sbdIds = sbdMachine.idBuffer(count);
    const sbdLF = sbdMachine.keyLF;
    for (let j = 0, i = 0; j < count; j++, i += 4) {
      const lexeme = tokens[i]!;
      const second = tokens[i + 1]!;
      const third = tokens[i + 2]!;
      const at = tokenSlots[j]!;
      if (at >= 0) {
        // A plain piece (an intrinsic lexeme, nothing packed in its numbers but preceding spaces):
        // the memo's fields, copied into the piece's slot.
        let normal = slotMeta[at + SLOT_NORMAL]!;
        if (normal < 0) normal = slotMeta[at + SLOT_NORMAL] = this.normalOf(lexeme);
        normals[j] = normal;
        const idAt = at + (second === 0 ? SLOT_SBD_ID : SLOT_SBD_SPACED_ID);
        let id = slotMeta[idAt]!;
        if (id < 0) {
          id = this.sbdIdOf(lexeme, normal, second, tokens, j);
          // The memo's verdict: the id, or -2 if it is recomputed each time.
          slotMeta[idAt] = this.memo[lexeme * MEMO_STRIDE + (second === 0 ? MEMO_SBD_ID : MEMO_SBD_SPACED_ID)]!;
        }
        sbdIds[j] = normal === sbdLF ? -1 : id;
        let hint = slotMeta[at + SLOT_HINT]!;
        if (hint < 0) hint = slotMeta[at + SLOT_HINT] = this.hintOf(lexeme);
        hints[j] = hint;
        let tag = slotMeta[at + SLOT_POS]!;
        if (tag < 0) tag = slotMeta[at + SLOT_POS] = this.posOf(lexeme);
        posTags[j] = tag;
        continue;
      }
      if (at < -1 && this.mapFromPlan(tokenPlans[j]!, -2 - at, j, lexeme, second, sbdIds)) continue;
      if (lexeme < intrinsic && second <= 0xffff) {
        const normal = this.normalOf(lexeme);
        normals[j] = normal;
        sbdIds[j] = normal === sbdLF ? -1 : this.sbdIdOf(lexeme, normal, second, tokens, j);
      } else {
        const normal = second > 0xffff ? cache.nox(second) : cache.normal(lexeme);
        normals[j] = normal;
        const event = sbdTransformer(normal, cache, tokens, j);
        sbdIds[j] = normal === sbdLF ? -1 : sbdMachine.eventId(event);
      }
      hints[j] = this.hintOf(lexeme);
      if (third !== 0) posTags[j] = (third & POS_MASK) >>> POS_SHIFT;
      else if (lexeme < intrinsic) posTags[j] = this.posOf(lexeme);
      else posTags[j] = cache.posOf(cache.mappedSpelling(lexeme)) || 8;
    }
  }

  /**
   * `mapTokens` for token `j`, replayed from `plan`'s cells at `c`, from the memo fields kept there
   * (as a plain piece's slot keeps them); false if the token has none.
   */
  private mapFromPlan(plan: Plan, c: number, j: number, lexeme: number, second: number, sbdIds: Int32Array): boolean {
    let normal = plan[c + PLAN_NORMAL] as number;
    // (The first token's second number is the plan's plus the piece's preceding spaces.)
    if (normal === PLAN_UNCACHED || second > 0xffff) return false;
    if (normal < 0) normal = plan[c + PLAN_NORMAL] = this.normalOf(lexeme);
    this.normals[j] = normal;
    const idAt = c + PLAN_NORMAL + (second === 0 ? SLOT_SBD_ID : SLOT_SBD_SPACED_ID) - SLOT_NORMAL;
    let id = plan[idAt] as number;
    if (id < 0) {
      id = this.sbdIdOf(lexeme, normal, second, this.tokens, j);
      // The memo's verdict: the id, or -2 if it is recomputed each time.
      plan[idAt] = this.memo[lexeme * MEMO_STRIDE + (second === 0 ? MEMO_SBD_ID : MEMO_SBD_SPACED_ID)]!;
    }
    sbdIds[j] = normal === this.sbdMachine.keyLF ? -1 : id;
    const hintAt = c + PLAN_NORMAL + SLOT_HINT - SLOT_NORMAL;
    let hint = plan[hintAt] as number;
    if (hint < 0) hint = plan[hintAt] = this.hintOf(lexeme);
    this.hints[j] = hint;
    const posAt = c + PLAN_NORMAL + SLOT_POS - SLOT_NORMAL;
    let tag = plan[posAt] as number;
    if (tag < 0) tag = plan[posAt] = this.posOf(lexeme);
    this.posTags[j] = tag;
    return true;
  }

  /** An intrinsic lexeme's normal (wink's `mapRawTokens2UIdOfNormal` for a token without expansion), memoized. */
  private normalOf(lexeme: number): number {
    const at = lexeme * MEMO_STRIDE + MEMO_NORMAL;
    const normal = this.memo[at]!;
    return normal < 0 ? (this.memo[at] = this.cache.normal(lexeme)) : normal;
  }

  /**
   * The SBD automaton's event id for token `j`, an intrinsic lexeme with `normal` and plain
   * preceding spaces (`second`). The SBD transformer reads the token's normal, its lexeme and
   * whether spaces precede it; its events are lexeme indexes or hint codes, non-negative
   * integers, whose ids are memoized (the id of any other event is computed each time).
   */
  private sbdIdOf(lexeme: number, normal: number, second: number, tokens: number[], j: number): number {
    const at = lexeme * MEMO_STRIDE + (second === 0 ? MEMO_SBD_ID : MEMO_SBD_SPACED_ID);
    const known = this.memo[at]!;
    if (known >= 0) return known;
    const event = this.sbdTransformer(normal, this.cache, tokens, j);
    const id = this.sbdMachine.eventId(event);
    if (known === -1) this.memo[at] = typeof event === 'number' && event >= 0 && event <= 0x7fffffff && Number.isInteger(event) ? id : -2;
    return id;
  }

  /** An intrinsic lexeme's default POS (wink's `mapRawTokens2UIdOfDefaultPOS`), memoized. */
  private posOf(lexeme: number): number {
    const at = lexeme * MEMO_STRIDE + MEMO_POS;
    const tag = this.memo[at]!;
    return tag < 0 ? (this.memo[at] = this.cache.posOf(this.cache.mappedSpelling(lexeme)) || 8) : tag;
  }

  /** A lexeme's POS hint (the model's `posHint` property), 0 if none. */
  private hintOf(lexeme: number): number {
    if (lexeme >= this.intrinsic) return this.cache.property(lexeme, 'posHint') as number;
    const at = lexeme * MEMO_STRIDE + MEMO_HINT;
    let hint = this.memo[at]!;
    if (hint < 0) hint = this.memo[at] = this.cache.property(lexeme, 'posHint') as number;
    return hint;
  }

  /** wink's tokenizer loop (src/tokenizer.js `tokenize`), one raw token at a time through the memo. */
  private tokenizeText(text: string): void {
    const count = this.scanPieces(text);
    const pieces = this.pieces;
    const { slotMeta, slotKeys, slotPlans } = this;
    // Touch each piece's first slot and key (and its first plan) before looking pieces up one by
    // one: these reads do not depend on each other, so the processor overlaps their cache misses
    // (the table, keys and plans are mostly out of cache after the other stages ran), instead of
    // waiting for one per piece.
    let touched = 0;
    for (let p = 0; p < 4 * count; p += 4) {
      const slot = pieceSlot(pieces[p + 2]!);
      if (slotMeta[SLOT_STRIDE * slot + SLOT_HASH] !== pieces[p + 2]) continue;
      touched += slotKeys[slot]!.length;
      // Measured (segment with 64 MB evicted per document, as in a run): ~10 % less CPU with the plan touched.
      if (slotMeta[SLOT_STRIDE * slot + SLOT_REF]! < 0) touched += slotPlans[slot]![PLAN_TOKENS] as number;
    }
    this.touched = touched;
    const length = text.length;
    for (let p = 0; p < 4 * count; p += 4) {
      const start = pieces[p]!;
      const end = pieces[p + 1]!;
      const hash = pieces[p + 2]!;
      const precedingSpaces = pieces[p + 3]!;
      const slot = this.findSlot(text, start, end, hash);
      if (slot < 0) this.tokenizeNew(start === 0 && end === length ? text : text.slice(start, end), hash, ~slot, precedingSpaces);
      else {
        const at = SLOT_STRIDE * slot;
        const ref = slotMeta[at + SLOT_REF]!;
        if (ref > 0) {
          // A plain piece's lexeme has the piece as its text (checked when it was stored).
          const n = this.tokenLength >>> 2;
          this.values[n] = slotKeys[slot]!;
          this.pushToken(ref - 1, precedingSpaces, 0, 0);
          this.tokenSlots[n] = at;
          this.setSpan(n, start, end);
        } else this.tokenizeKnown(slot, precedingSpaces, start);
      }
    }
  }

  /**
   * Put the pieces `text.split(splitter)` gives into `pieces` (start, end, hash, preceding spaces
   * each) and return their number. wink's splitter is
   * `([ \u00a0\u2002-\u2005\u2009\u200a\u202f\u205f]+|[\n\r\t]+)`: runs of spaces set the
   * preceding spaces of the next piece, runs of \n\r\t and runs of anything else are tokenized.
   * (A scan instead of split: no array of pieces, no string per run of spaces.)
   */
  private scanPieces(text: string): number {
    const length = text.length;
    let pieces = this.pieces;
    let count = 0;
    let precedingSpaces = 0;
    let i = 0;
    while (i < length) {
      let code = text.charCodeAt(i);
      const start = i;
      if (code === 32 || isWinkNbsp(code)) {
        let nbsp = false;
        do {
          if (code !== 32) nbsp = true;
          code = ++i < length ? text.charCodeAt(i) : 0;
        } while (i < length && (code === 32 || isWinkNbsp(code)));
        // wink marks spaces that include a non-breaking one by the maximum count.
        precedingSpaces = nbsp ? MAX_PRECEDING_SPACES : Math.min(i - start, MAX_PRECEDING_SPACES - 1);
        continue;
      }
      // The piece's hash is computed on the way, to find it in the table.
      let hash = 0;
      if (code === 10 || code === 13 || code === 9) {
        do {
          hash = (Math.imul(hash, 31) + code) | 0;
          code = ++i < length ? text.charCodeAt(i) : 0;
        } while (i < length && (code === 10 || code === 13 || code === 9));
      } else {
        do {
          hash = (Math.imul(hash, 31) + code) | 0;
          code = ++i < length ? text.charCodeAt(i) : 0;
        } while (i < length && code !== 32 && code !== 10 && code !== 13 && code !== 9 && !isWinkNbsp(code));
      }
      if (4 * count + 4 > pieces.length) {
        const bigger = new Int32Array(2 * pieces.length);
        bigger.set(pieces);
        pieces = this.pieces = bigger;
      }
      pieces[4 * count] = start;
      pieces[4 * count + 1] = i;
      pieces[4 * count + 2] = hash;
      pieces[4 * count + 3] = precedingSpaces;
      count++;
      precedingSpaces = 0;
    }
    return count;
  }

  /** Token `n` covers `[start, end)` of the text (see `DocData.spans`). */
  private setSpan(n: number, start: number, end: number): void {
    const spans = this.spansFor(n + 1);
    spans[2 * n] = start;
    spans[2 * n + 1] = end;
  }

  /** `data.spans`, with room for `count` tokens. */
  private spansFor(count: number): Int32Array {
    const data = this.data;
    if (2 * count > data.spans.length) {
      const bigger = new Int32Array(4 * count);
      bigger.set(data.spans);
      data.spans = bigger;
    }
    return data.spans;
  }

  /** Append a token's 4 numbers to `tokens` (its text is set by the caller); returns where they start. */
  private pushToken(lexeme: number, spaces: number, third: number, fourth: number): number {
    const tokens = this.tokens;
    const at = this.tokenLength;
    // In order, so the buffer never gets holes: each write is an overwrite or an append.
    tokens[at] = lexeme;
    tokens[at + 1] = spaces;
    tokens[at + 2] = third;
    tokens[at + 3] = fourth;
    this.tokenSlots[at >>> 2] = -1;
    this.spansFor((at >>> 2) + 1)[at >>> 1] = -1;
    this.tokenLength = at + 4;
    return at;
  }

  /**
   * The slot of the piece equal to `text.slice(start, end)` (whose hash is `hash`), or if there is
   * none, `~slot` of the empty slot where it would go.
   */
  private findSlot(text: string, start: number, end: number, hash: number): number {
    const { slotMeta, slotKeys } = this;
    const length = end - start;
    for (let slot = pieceSlot(hash); ; slot = (slot + 1) & PIECE_SLOT_MASK) {
      if (slotMeta[SLOT_STRIDE * slot + SLOT_REF] === 0) return ~slot;
      if (slotMeta[SLOT_STRIDE * slot + SLOT_HASH] === hash) {
        const key = slotKeys[slot]!;
        if (key.length === length && text.startsWith(key, start)) return slot;
      }
    }
  }

  /** Tokenize a piece met before whose slot holds plans: replay the first whose guards hold, else record one more. */
  private tokenizeKnown(slot: number, precedingSpaces: number, start: number): void {
    const first = this.tokenLength;
    let plan: Plan | null = this.slotPlans[slot]!;
    while (plan !== null && !this.replay(plan, start)) plan = plan[PLAN_NEXT] as Plan | null;
    if (plan === null) {
      const recorded = this.record(this.slotKeys[slot]!);
      if (recorded) {
        // The new plan first; the chain keeps at most MAX_PLANS_PER_PIECE.
        recorded[PLAN_NEXT] = this.slotPlans[slot]!;
        let last: Plan = recorded;
        for (let kept = 1; last[PLAN_NEXT] && kept < MAX_PLANS_PER_PIECE; kept++) last = last[PLAN_NEXT] as Plan;
        last[PLAN_NEXT] = null;
        this.slotPlans[slot] = recorded;
      }
    }
    // Only the first token of a piece carries its preceding spaces (the rest have 0 and wink ORs
    // them with an expansion pointer in the high bits, which the addition leaves alone).
    if (this.tokenLength > first) this.tokens[first + 1]! += precedingSpaces;
  }

  /** Tokenize a piece not met before (or since the table was cleared), storing its plan in `empty` (its slot if stored). */
  private tokenizeNew(piece: string, hash: number, empty: number, precedingSpaces: number): void {
    let slot = empty;
    if (this.planCount >= MAX_PLANS) {
      // Plans are exact, so clearing changes speed only. Cleared before recording, so that the new
      // plan's guard references are made after the old ones are dropped (and so kept current).
      this.slotMeta.fill(0);
      this.slotKeys.fill('');
      this.slotPlans.fill(null);
      this.planCount = 0;
      // This call's tokens no longer have their slot's fields.
      this.tokenSlots.fill(-1, 0, this.tokenLength >>> 2);
      this.visibility.dropRefs();
      slot = pieceSlot(hash);
    }
    const first = this.tokenLength;
    const plan = this.record(piece);
    if (this.tokenLength > first) this.tokens[first + 1]! += precedingSpaces;
    if (!plan) return;
    const at0 = PLAN_HEADER;
    const lexeme = plan[at0] as number;
    const plain =
      !plan[PLAN_ADDS] &&
      plan[PLAN_GUARDS] === 0 &&
      plan[PLAN_TOKENS] === 1 &&
      lexeme < this.intrinsic &&
      plan[at0 + 1] === 0 &&
      plan[at0 + 2] === 0 &&
      plan[at0 + 3] === 0 &&
      plan[at0 + 4] === piece;
    const at = SLOT_STRIDE * slot;
    this.slotMeta[at + SLOT_HASH] = hash;
    this.slotMeta[at + SLOT_REF] = plain ? lexeme + 1 : -1;
    // Not computed yet (see mapTokens).
    this.slotMeta.fill(-1, at + SLOT_NORMAL, at + SLOT_STRIDE);
    this.slotKeys[slot] = piece;
    if (!plain) this.slotPlans[slot] = plan;
    this.planCount++;
  }

  /** Tokenize `piece` with wink, recording a plan; returns it unless a guard could not be checked. */
  private record(piece: string): Plan | null {
    const recording: Recording = { adds: null, guards: null, visible: null };
    const first = this.tokenLength;
    this.recording = recording;
    this.recordFirst = first;
    this.recordedAdds.length = 0;
    this.replayable = true;
    try {
      this.tokenize(this.wrapper, piece);
    } finally {
      this.recording = null;
    }
    if (!this.replayable) return null;
    const { guards, visible } = recording;
    const guardCount = guards ? guards.length : 0;
    const tokens = this.tokens;
    const plan: Plan = [null, recording.adds, guardCount, (this.tokenLength - first) >>> 2];
    for (let i = 0; i < guardCount; i++) plan.push(guards![i]!, visible![i] ? 1 : 0);
    let inPiece = 0;
    for (let i = first; i < this.tokenLength; i += 4) {
      const cached = tokens[i]! < this.intrinsic && tokens[i + 1]! <= 0xffff && tokens[i + 2] === 0;
      const value = this.values[i >>> 2]!;
      // The token's place in the piece if its text comes next there.
      const start = value.length > 0 && piece.startsWith(value, inPiece) ? inPiece : -1;
      if (start >= 0) inPiece += value.length;
      plan.push(tokens[i]!, tokens[i + 1]!, tokens[i + 2]!, tokens[i + 3]!, value, cached ? -1 : PLAN_UNCACHED, -1, -1, -1, -1, start, start + value.length);
    }
    // A redone add's lexeme (and text) may change from replay to replay.
    const tokensAt = planTokensAt(plan);
    for (const redo of recording.adds ?? []) {
      plan[tokensAt + PLAN_TOKEN_CELLS * redo.at + PLAN_NORMAL] = PLAN_UNCACHED;
      plan[tokensAt + PLAN_TOKEN_CELLS * redo.at + PLAN_START] = -1;
    }
    return plan;
  }

  /** Push a plan's tokens, redoing its adds; false (nothing pushed) if a guard fails. */
  private replay(plan: Plan, pieceStart: number): boolean {
    const guardEnd = planTokensAt(plan);
    if (guardEnd > PLAN_HEADER) {
      const visibility = this.visibility;
      for (let g = PLAN_HEADER; g < guardEnd; g += 2) {
        if ((visibility.isSeen(plan[g] as GuardRef) ? 1 : 0) !== plan[g + 1]) return false;
      }
    }
    const tokens = this.tokens;
    const first = this.tokenLength;
    const count = plan[PLAN_TOKENS] as number;
    const values = this.values;
    const firstValue = first >>> 2;
    const { tokenSlots, tokenPlans } = this;
    const spans = this.spansFor(firstValue + count);
    for (let k = 0, c = guardEnd, t = first; k < count; k++, c += PLAN_TOKEN_CELLS, t += 4) {
      const start = plan[c + PLAN_START] as number;
      spans[2 * (firstValue + k)] = start < 0 ? -1 : pieceStart + start;
      spans[2 * (firstValue + k) + 1] = pieceStart + (plan[c + PLAN_END] as number);
      tokens[t] = plan[c] as number;
      tokens[t + 1] = plan[c + 1] as number;
      tokens[t + 2] = plan[c + 2] as number;
      tokens[t + 3] = plan[c + 3] as number;
      values[firstValue + k] = plan[c + PLAN_VALUE] as string;
      tokenSlots[firstValue + k] = -2 - c;
      tokenPlans[firstValue + k] = plan;
    }
    this.tokenLength = first + 4 * count;
    const adds = plan[PLAN_ADDS] as Redo[] | null;
    if (adds) {
      const visibility = this.visibility;
      const list = this.lexemes.list;
      for (let i = 0; i < adds.length; i++) {
        const redo = adds[i]!;
        const index = redo.category < 0 ? visibility.indexOf(redo.text, redo.textIndex) : visibility.addAgain(redo, this.cache.add);
        tokens[first + 4 * redo.at] = index;
        values[firstValue + redo.at] = list[index]!;
      }
    }
    return true;
  }

  /** Note a lookup of a learned (non-intrinsic) text while recording. */
  private guard(text: string, visible: boolean): void {
    const plan = this.recording;
    if (!plan) return;
    // Checked before the replay, a guard must not depend on the plan's own adds.
    if (this.recordedAdds.includes(text)) this.replayable = false;
    (plan.guards ??= []).push(this.visibility.refOf(text));
    (plan.visible ??= []).push(visible);
  }

  /** Whether a lookup answer is a learned lexeme (intrinsic words and contractions answer the same in every call). */
  private learned(found: number[]): boolean {
    return found.length === 1 && found[0]! >= this.intrinsic;
  }

  /** wink's document wrapper (src/dd-wrapper.js) without non-breaking-space records, recording plans. */
  private makeWrapper(): DocWrapper {
    const cache = this.cache;
    const visibility = this.visibility;
    return {
      _addToken: (text, category, precedingSpaces) => {
        const index = cache.add(text, category);
        this.values[this.tokenLength >>> 2] = this.lexemes.list[index]!;
        const at = this.pushToken(index, precedingSpaces, 0, 0);
        const plan = this.recording;
        if (plan && !visibility.lastAddStatic) {
          const normal = text.toLowerCase();
          const normalIndex = this.lexemes.hash[normal] ?? -1;
          (plan.adds ??= []).push({ at: (at - this.recordFirst) >>> 2, text, normal, category, textIndex: index, normalIndex });
          this.recordedAdds.push(text, normal);
        }
        return true;
      },
      _addTokenIfInCache: (text, precedingSpaces) => {
        const found = cache.lookup(text);
        if (found === null) {
          this.guard(text, false);
          return 0;
        }
        if (found.length === 1) {
          this.values[this.tokenLength >>> 2] = this.lexemes.list[found[0]!]!;
          const at = this.pushToken(found[0]!, precedingSpaces, 0, 0);
          const plan = this.recording;
          if (plan && found[0]! >= this.intrinsic) {
            this.guard(text, true);
            (plan.adds ??= []).push({ at: (at - this.recordFirst) >>> 2, text, normal: text, category: -1, textIndex: found[0]!, normalIndex: -1 });
          }
          return 99;
        }
        // A contraction: its expansions, as wink's wrapper pushes them.
        for (let k = 0; k < found.length; k += 4) {
          const spaces = (k === 0 ? precedingSpaces : 0) | (found[k + 1]! << 16);
          this.values[this.tokenLength >>> 2] = this.lexemes.list[found[k]!]!;
          this.pushToken(found[k]!, spaces, found[k + 2]! | (found[k + 3]! << 20), 0);
        }
        return 99;
      },
      isLexeme: (text) => {
        const found = cache.lookup(text);
        if (found === null) this.guard(text, false);
        else if (this.learned(found)) this.guard(text, true);
        return found;
      },
    };
  }

}
