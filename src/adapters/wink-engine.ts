/**
 * wink-nlp's `readDoc` (tokens, sentence boundaries, part of speech), rebuilt from wink's own
 * modules (its cache, tokenizer, automata, mappers and the model's transformers and setters) so
 * that the adapter can skip what segment never reads (wink's `Doc` object with ~100 closures per
 * call, non-breaking-space records, the unused NER/negation/sentiment automata) and remember how
 * each space-separated piece of text was tokenized (see `Memo`).
 *
 * Every call reads its text as a fresh wink instance would (see `Visibility`): the output of a
 * call depends on its text only, never on what the instance read before.
 *
 * The steps and their order are those of `readDoc` in wink-nlp 2.x (src/wink-nlp.js) with the
 * pipe `['sbd', 'pos']`; test/adapters/wink.test.ts compares this engine with wink's public API.
 */
import { createRequire } from 'node:module';
import model from 'wink-eng-lite-web-model';

const requireCjs = createRequire(import.meta.url);

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
}

/** wink's data for one document: 4 numbers per token, sentences as `[first, last, …]` token indexes. */
export interface DocData {
  tokens: number[];
  sentences: number[][];
}

/** What wink's tokenizer calls on its document wrapper (src/dd-wrapper.js). */
interface DocWrapper {
  _addToken(text: string, category: number, precedingSpaces: number, nbsp: unknown): boolean;
  _addTokenIfInCache(text: string, precedingSpaces: number, nbsp: unknown): number;
  isLexeme(text: string): number[] | null;
}

interface Automaton {
  importJSON(json: unknown): void;
  setPatternSwap(patterns: unknown): void;
  recognize(tokens: number[], transform: unknown, param?: unknown): number[][];
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
  sbd(): { machines: unknown[]; transformers: unknown[]; setter(px: unknown, rdd: Rdd): void };
  pos(): {
    machines: unknown[];
    transformers: unknown[];
    setter(rdd: Rdd, posTags: number[], tkSize: number, bits4lemma: number): void;
    updater(px: unknown, cache: WinkCache, posTags: number[], normals: number[]): void;
  };
}

/** wink's internal modules; they have no types and no exports map, hence the casts. */
interface Internals {
  Cache(core: CoreModel, featureFn: unknown): WinkCache;
  compileTRex(trex: unknown): { helpers: { splitter: RegExp } };
  tokenizer(trex: unknown, categories: Record<string, number>, preserve: unknown): (doc: DocWrapper, text: string) => void;
  fsm(cache: WinkCache, ignore?: string): Automaton;
  mapRawTokens2UIdOfNormal(rdd: Rdd): number[];
  mapRawTokens2UIdOfDefaultPOS(rdd: Rdd): number[];
  bits4lemma: number;
}

function loadInternals(): Internals {
  const mappers = requireCjs('wink-nlp/src/tokens-mappers.js') as Pick<Internals, 'mapRawTokens2UIdOfNormal' | 'mapRawTokens2UIdOfDefaultPOS'>;
  const constants = requireCjs('wink-nlp/src/constants.js') as { bits4lemma: number; tkSize: number };
  if (constants.tkSize !== 4) throw new Error('wink-nlp: unexpected token size');
  return {
    Cache: requireCjs('wink-nlp/src/cache.js') as Internals['Cache'],
    compileTRex: requireCjs('wink-nlp/src/compile-trex.js') as Internals['compileTRex'],
    tokenizer: requireCjs('wink-nlp/src/tokenizer.js') as Internals['tokenizer'],
    fsm: requireCjs('wink-nlp/src/automaton.js') as Internals['fsm'],
    mapRawTokens2UIdOfNormal: mappers.mapRawTokens2UIdOfNormal,
    mapRawTokens2UIdOfDefaultPOS: mappers.mapRawTokens2UIdOfDefaultPOS,
    bits4lemma: constants.bits4lemma,
  };
}

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
 * It also keeps the set of learned texts visible in the current call (`seen`), which is what the
 * tokenizer memo's guards check, and whether the last `add` touched intrinsic lexemes only.
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
  /** Learned texts visible in the current call: created or revived by it. */
  readonly seen = new Set<string>();
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
      if (index >= this.intrinsic) this.seen.add(text);
      if (this.hash[normal]! >= this.intrinsic) this.seen.add(normal);
      return index;
    };
  }

  /** Start a call: lexemes learned before it become invisible until revived. */
  begin(): void {
    this.call++;
    this.callStart = this.list.length;
    this.seen.clear();
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
      this.seen.add(text);
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
 * How wink tokenized one space-separated piece of text (a "raw token"), replayable without wink.
 * `tokens` holds wink's 4 numbers per token (preceding spaces 0; the caller adds its own to the
 * first token). `adds` lists, in order, the pieces that must go through the cache's `add` again
 * (they taught wink an unknown word): `[tokenIndex, text, category]` or `[tokenIndex, text, -1]`
 * for a learned word found by lookup. `guards` are learned texts the tokenizer looked up, with
 * whether they were visible: the replay is valid only if each is again (wink's choices depend on
 * lookups only, and lookups of intrinsic words always answer the same).
 */
interface Plan {
  /** Another plan for the same piece (other guard outcomes), or null. */
  next: Plan | null;
  tokens: number[];
  adds: (string | number)[] | null;
  guards: string[] | null;
  visible: boolean[] | null;
}

/**
 * Remembered plans, by raw token. Bounded: cleared when full (plans are exact, so clearing
 * changes speed only).
 */
const MAX_PLANS = 60_000;

/** Plans kept per piece (one per combination of guard outcomes met; usually one or two). */
const MAX_PLANS_PER_PIECE = 4;

/** One wink "instance": model, cache, tokenizer, automata and the plan memo. */
export class Engine {
  readonly lexemes: LexemeTable;
  readonly posNames: string[];
  readonly learnedFeatures: LearnedFeature[];
  private readonly cache: WinkCache;
  private readonly visibility: Visibility;
  private readonly tokenize: (doc: DocWrapper, text: string) => void;
  private readonly splitter: RegExp;
  private readonly sbdAutomata: Automaton[];
  private readonly sbdTransformers: unknown[];
  private readonly sbdSetter: (px: unknown, rdd: Rdd) => void;
  private readonly posAutomata: Automaton[];
  private readonly posTransformer: unknown;
  private readonly posSetter: (rdd: Rdd, posTags: number[], tkSize: number, bits4lemma: number) => void;
  private readonly posUpdater: (px: unknown, cache: WinkCache, posTags: number[], normals: number[]) => void;
  private readonly internals: Internals;
  private readonly intrinsic: number;
  private readonly plans = new Map<string, Plan>();
  /** Tokens of the document being read; the document wrapper pushes onto it. */
  private tokens: number[] = [];
  /** The plan being recorded, or null. */
  private recording: Plan | null = null;
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
    const winkModel = model as unknown as WinkModel;
    const core = winkModel.core();
    this.lexemes = core.features.lexeme;
    this.intrinsic = this.lexemes.intrinsicSize;
    this.posNames = core.features.pos.list;
    this.learnedFeatures = core.packing.efList.map((name) => core.features[name]!).filter((f) => f && Array.isArray(f.list) && f.maxIndex > 0);
    const cache = internals.Cache(core, winkModel.featureFn);
    this.cache = cache;
    const trex = internals.compileTRex(core.trex);
    this.splitter = trex.helpers.splitter;
    this.tokenize = internals.tokenizer(trex, core.tcat.hash, core.preserve);
    const sbd = winkModel.sbd();
    this.sbdAutomata = sbd.machines.map((machine) => {
      const automaton = internals.fsm(cache);
      automaton.importJSON(machine);
      return automaton;
    });
    this.sbdTransformers = sbd.transformers;
    this.sbdSetter = sbd.setter;
    const pos = winkModel.pos();
    this.posAutomata = pos.machines.map((machine) => {
      // As wink: POS automata skip only the out-of-vocabulary literal, not newlines.
      const automaton = internals.fsm(cache, cache.value(0));
      automaton.importJSON(machine);
      return automaton;
    });
    this.posTransformer = pos.transformers[0];
    this.posSetter = pos.setter;
    this.posUpdater = pos.updater;
    this.visibility = new Visibility(cache, this.lexemes);
    this.wrapper = this.makeWrapper();
  }

  /** Tokens, sentences and POS of `text`, as wink's `readDoc` would give on a fresh instance. */
  read(text: string): DocData {
    this.visibility.begin();
    this.tokens = [];
    this.tokenizeText(text);
    const tokens = this.tokens;
    const { internals, cache } = this;
    const rdd: Rdd = { tokens, cache, numOfTokens: tokens.length / 4, sentences: [] };
    const normals = internals.mapRawTokens2UIdOfNormal(rdd);
    let px: unknown = null;
    for (let i = 0; i < this.sbdAutomata.length; i++) {
      const automaton = this.sbdAutomata[i]!;
      automaton.setPatternSwap(px);
      px = automaton.recognize(normals, this.sbdTransformers[i], tokens);
    }
    this.sbdSetter(px, rdd);
    const posTags = internals.mapRawTokens2UIdOfDefaultPOS(rdd);
    for (const automaton of this.posAutomata) {
      px = automaton.recognize(posTags, this.posTransformer, tokens);
      this.posUpdater(px, cache, posTags, normals);
    }
    this.posSetter(rdd, posTags, 4, internals.bits4lemma);
    return rdd;
  }

  /** wink's tokenizer loop (src/tokenizer.js `tokenize`), one raw token at a time through the memo. */
  private tokenizeText(text: string): void {
    const raw = text.split(this.splitter);
    let precedingSpaces = 0;
    for (let p = 0; p < raw.length; p++) {
      const piece = raw[p]!;
      if (piece.length === 0) continue;
      const first = piece.charCodeAt(0);
      if (first === 32 || isWinkNbsp(first)) {
        // A run of spaces; wink marks one with a non-breaking space by the maximum count.
        precedingSpaces = Math.min(piece.length, MAX_PRECEDING_SPACES - 1);
        for (let i = 0; i < piece.length; i++) {
          if (piece.charCodeAt(i) !== 32) {
            precedingSpaces = MAX_PRECEDING_SPACES;
            break;
          }
        }
      } else {
        this.tokenizePiece(piece, precedingSpaces);
        precedingSpaces = 0;
      }
    }
  }

  private tokenizePiece(piece: string, precedingSpaces: number): void {
    const tokens = this.tokens;
    const first = tokens.length;
    let plan = this.plans.get(piece);
    while (plan !== undefined && !this.replay(plan)) plan = plan.next ?? undefined;
    if (plan === undefined) this.record(piece);
    // Only the first token of a piece carries its preceding spaces (the rest have 0 and wink ORs
    // them with an expansion pointer in the high bits, which the addition leaves alone).
    if (tokens.length > first) tokens[first + 1]! += precedingSpaces;
  }

  /** Tokenize `piece` with wink, recording a plan; stores it unless a guard could not be checked. */
  private record(piece: string): void {
    const plan: Plan = { next: null, tokens: [], adds: null, guards: null, visible: null };
    const first = this.tokens.length;
    this.recording = plan;
    this.recordFirst = first;
    this.recordedAdds.length = 0;
    this.replayable = true;
    try {
      this.tokenize(this.wrapper, piece);
    } finally {
      this.recording = null;
    }
    const tokens = this.tokens;
    for (let i = first; i < tokens.length; i++) plan.tokens.push(tokens[i]!);
    if (!this.replayable) return;
    const others = this.plans.get(piece);
    if (others === undefined && this.plans.size >= MAX_PLANS) this.plans.clear();
    // The new plan first; the chain keeps at most MAX_PLANS_PER_PIECE.
    plan.next = others ?? null;
    let last: Plan = plan;
    for (let kept = 1; last.next && kept < MAX_PLANS_PER_PIECE; kept++) last = last.next;
    last.next = null;
    this.plans.set(piece, plan);
  }

  /** Push a plan's tokens, redoing its adds; false (nothing pushed) if a guard fails. */
  private replay(plan: Plan): boolean {
    const { guards, visible } = plan;
    if (guards) {
      const seen = this.visibility.seen;
      for (let i = 0; i < guards.length; i++) {
        if (seen.has(guards[i]!) !== visible![i]) return false;
      }
    }
    const tokens = this.tokens;
    const first = tokens.length;
    const source = plan.tokens;
    for (let i = 0; i < source.length; i++) tokens.push(source[i]!);
    const adds = plan.adds;
    if (adds) {
      for (let i = 0; i < adds.length; i += 3) {
        const at = first + 4 * (adds[i] as number);
        const text = adds[i + 1] as string;
        const category = adds[i + 2] as number;
        tokens[at] = category < 0 ? this.lexemes.hash[text]! : this.cache.add(text, category);
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
    (plan.guards ??= []).push(text);
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
        const at = this.tokens.push(index, precedingSpaces, 0, 0) - 4;
        const plan = this.recording;
        if (plan && !visibility.lastAddStatic) {
          (plan.adds ??= []).push((at - this.recordFirst) >>> 2, text, category);
          this.recordedAdds.push(text, text.toLowerCase());
        }
        return true;
      },
      _addTokenIfInCache: (text, precedingSpaces) => {
        const found = cache.lookup(text);
        if (found === null) {
          this.guard(text, false);
          return 0;
        }
        const tokens = this.tokens;
        if (found.length === 1) {
          const at = tokens.push(found[0]!, precedingSpaces, 0, 0) - 4;
          const plan = this.recording;
          if (plan && found[0]! >= this.intrinsic) {
            this.guard(text, true);
            (plan.adds ??= []).push((at - this.recordFirst) >>> 2, text, -1);
          }
          return 99;
        }
        // A contraction: its expansions, as wink's wrapper pushes them.
        for (let k = 0; k < found.length; k += 4) {
          const spaces = (k === 0 ? precedingSpaces : 0) | (found[k + 1]! << 16);
          tokens.push(found[k]!, spaces, found[k + 2]! | (found[k + 3]! << 20), 0);
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
