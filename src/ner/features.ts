/**
 * Feature extraction for the name tagger. Every feature is a 32-bit hash of a template id and one or
 * two value hashes, so no feature string is ever built in the hot loop and the model stores no text.
 *
 * Static features (everything but the previous tags and the document history) are computed once per
 * document. The features of a single word form or POS tag, as seen from each position around a token
 * (itself, one or two words before, ...), are computed once per form and cached: `ContextUnit`.
 * Only features that combine several tokens or the document are listed per token.
 */
import { feature1, feature2, hashString } from './hash.js';
import { firstWord, GAZ_CATEGORIES, gazBit, phraseHash, type Gazetteer } from './gazetteer.js';
import { OUTSIDE } from './tags.js';

/** What the feature extractor needs from a token. */
export interface FeatureToken {
  readonly text: string;
  readonly pos: string;
}

/** A sentence as a half-open range of token indexes. */
export interface FeatureSentence {
  readonly tokenStart: number;
  readonly tokenEnd: number;
}

/**
 * Where a word form or POS tag stands relative to the token being tagged. A token's features include
 * those of its own word (`Self`), of the words around it (`Minus1`...`Plus2`), and, when the previous
 * tag is O, `AfterOutside` (the previous-tag-and-word features for that most common case).
 */
export const enum Slot {
  Self = 0,
  Minus1,
  Minus2,
  Minus3,
  Plus1,
  Plus2,
  AfterOutside,
  /** The token starts its sentence: `First` and `FirstWord` (words only). */
  First,
  /**
   * A capitalized token in a document and sentence without numbers (the usual case): its document
   * features with the number buckets at 0 (words only). Other buckets stay per-token features.
   */
  CapQuiet,
}
/** Number of slots. */
export const SLOT_COUNT = 9;

/** Per-token flags (`PreparedDocument.slots`): which of the word's optional slots the token has. */
export const FIRST_SLOT = 1;
export const CAP_QUIET_SLOT = 2;

/** The features of one word form or POS tag in each slot, and (when tagging) their summed weight rows. */
export interface ContextUnit {
  /** All slots' features, concatenated: slot s is `features[starts[s]..starts[s + 1])`. */
  readonly features: Int32Array;
  readonly starts: Uint8Array;
  /** Where the tagger keeps this unit's summed weight rows (an offset into its vector pool `vectorsFor`). */
  vectorBase: number;
  vectorsFor: object | null;
}

/**
 * Marks of the current document on numbered entries (lowercase words), in growable typed arrays, so
 * that document-level facts need no per-document Set or Map and no object per word: a mark counts only
 * while its stamp is the document's (`FeatureExtractor.prepare`'s document number, or the decoder's).
 */
export class Marks {
  stamps = new Int32Array(1024);
  values = new Int32Array(1024);
  /** Make room for entry `index`. */
  ensure(index: number): void {
    if (index < this.stamps.length) return;
    const size = Math.max(2 * this.stamps.length, index + 1);
    const stamps = new Int32Array(size);
    const values = new Int32Array(size);
    stamps.set(this.stamps);
    values.set(this.values);
    this.stamps = stamps;
    this.values = values;
  }
}

/** A word form, or the pseudo-word beyond a sentence's ends: a unit with a number and the hashes pairs use. */
export interface WordUnit extends ContextUnit {
  /** Unique among all word units of the process (never reused), so a decoder may key caches by it. */
  readonly id: number;
  readonly lower: number;
  readonly short: number;
}

/** Word-level facts, cached per word form. */
export interface WordInfo extends WordUnit {
  shape: number;
  gaz: number;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** Has letters and all of them are upper case. */
  allCaps: boolean;
  lowerText: string;
  /** Some multi-word gazetteer entry starts with this word (and it is capitalized). */
  phraseStart: boolean;
  /** Some multi-word gazetteer entry starts with this word's text up to its first space (`RuleWord`). */
  opensPhrase: boolean;
  /** Has a letter that changes under upper-casing (`lowerText !== lowerText.toUpperCase()`). */
  cased: boolean;
  /** The form is its own lower case. */
  isLowerForm: boolean;
  /** The `CapsSuf3` feature of the word (its last three lowercase characters). */
  capsSuf3: number;
  /** Starts with a digit. */
  digit: boolean;
  /** Has a space (so its hash is not that of its parts, as gazetteer phrases are hashed: `phraseHash`). */
  spaced: boolean;
  /** Number of the word's lowercase hash (its document facts and tag history are marked under it). */
  factIndex: number;
  /** Number of the word's lowercase text (how the document wrote it is marked under it). */
  formIndex: number;
}

// Template ids. Changing them changes every feature: bump MODEL_FEATURE_VERSION when you do.
const enum T {
  Bias = 1, Word, Pre2, Pre3, Pre4, Suf2, Suf3, Suf4, Shape, Short, Gaz, Len, Pos, PosPrev, PosNext, PosBiPrev,
  PosBiNext, WordM2, WordM1, WordP1, WordP2, ShortM1, ShortP1, ShortBiPrev, ShortBiNext, WordBiPrev, WordBiNext,
  GazM1, GazP1, First, CapsSent, CapsWord, SeenLower, SeenCapMid, MultiGaz, PrevTag, PrevTags, PrevTagWord,
  PrevTagShort, History, WordM1Short, CapsGaz, WordM3, FirstWord, Form, GazM2, CapsSuf3,
  DocTitleBefore, DocOrgAfter, DocRunPos, DocFirstNameBefore, DocNumbers, DocNumbersGaz, DocNumbersShort,
  DocNumbersWord, SentNumbersGaz, SentNumbersShort,
}

/** Bump when the feature set changes, so an old model is refused rather than misread. */
export const MODEL_FEATURE_VERSION = 3;

const BOUNDARY = hashString('<s>');
const BOUNDARY_END = hashString('</s>');
// Word forms kept (their features and facts, ~1 kB each); the tagger keeps their score sums in its own pool.
const WORD_CACHE_LIMIT = 100_000;

/** Word shape: `Xxxx`, `dd.d`, `X.X.`; long shapes keep their first and last characters. */
export function wordShape(text: string): string {
  let shape = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let s: string;
    if (c >= 65 && c <= 90) s = 'X';
    else if (c >= 97 && c <= 122) s = 'x';
    else if (c >= 48 && c <= 57) s = 'd';
    else if (c > 127) {
      const ch = text[i]!;
      const lower = ch.toLowerCase();
      s = lower !== ch ? 'X' : ch.toUpperCase() !== ch ? 'x' : ch;
    } else s = text[i]!;
    shape += s;
  }
  return shape.length > 8 ? shape.slice(0, 4) + '~' + shape.slice(-4) : shape;
}

/** Shape with runs of the same character class collapsed: `Xx`, `d.d`, `X.X.`. */
export function shortShape(shape: string): string {
  let out = '';
  for (let i = 0; i < shape.length; i++) if (shape[i] !== shape[i - 1]) out += shape[i];
  return out;
}

/** Extracts features for documents; holds the gazetteer and a per-word cache. */
export class FeatureExtractor {
  private readonly words = new Map<string, WordInfo>();
  /** Numbers of lowercase hashes and texts (`WordInfo.factIndex`, `formIndex`). */
  private readonly lowerFacts = new Map<number, number>();
  private readonly lowerForms = new Map<string, number>();
  /** Per lowercase hash: the document facts of `documentFacts`. */
  private readonly facts = new Marks();
  /** Per lowercase text: seen in lower case (`stamps`), seen capitalized away from a sentence start (`values` as a stamp). */
  private readonly seen = new Marks();
  /** Documents prepared so far: the stamp of the marks of the current one. */
  private documents = 0;
  private readonly tags = new Map<string, PosUnit>();
  /** The pseudo-words and POS tags before the first and after the last token of a sentence. */
  private readonly edges = {
    wordStart: edgeWord(BOUNDARY),
    wordEnd: edgeWord(BOUNDARY_END),
    posStart: posUnit(BOUNDARY, POS_START_ID),
    posEnd: posUnit(BOUNDARY_END, POS_END_ID),
  };

  /** The buffer `prepare` reuses with `scratch: true` (grown when needed). */
  private scratchBuffer = new ArrayBuffer(0);

  /** @param gazetteer the name lists stored in the model */
  constructor(private readonly gazetteer: Gazetteer) {}

  /** Word-level facts for one word form (cached). */
  private info(text: string): WordInfo {
    let info = this.words.get(text);
    if (info) return info;
    const lowerText = text.toLowerCase();
    const shapeText = wordShape(text);
    const shortText = shortShape(shapeText);
    const lower = hashString(lowerText);
    const shape = hashString(shapeText);
    const short = hashString(shortText);
    const gaz = this.gazetteer.word(lowerText);
    const first = text[0] ?? '';
    const cap = first !== first.toLowerCase();
    const allCaps = lowerText !== text && text.toUpperCase() === text;
    const intrinsic = [
      feature1(T.Bias, 0),
      feature1(T.Word, lower),
      feature1(T.Form, hashString(text)),
      feature1(T.Shape, shape),
      feature1(T.Short, short),
      feature1(T.Len, Math.min(text.length, 12)),
    ];
    const n = lowerText.length;
    if (n > 2) {
      intrinsic.push(feature1(T.Pre2, hashString(lowerText.slice(0, 2))), feature1(T.Suf2, hashString(lowerText.slice(-2))));
    }
    if (n > 3) {
      intrinsic.push(feature1(T.Pre3, hashString(lowerText.slice(0, 3))), feature1(T.Suf3, hashString(lowerText.slice(-3))));
    }
    if (n > 4) {
      intrinsic.push(feature1(T.Pre4, hashString(lowerText.slice(0, 4))), feature1(T.Suf4, hashString(lowerText.slice(-4))));
    }
    for (let bit = 0; bit < GAZ_CATEGORIES.length; bit++) if (gaz & (1 << bit)) intrinsic.push(feature1(T.Gaz, bit));
    const phraseStart = cap && this.gazetteer.startsPhrase(lowerText);
    let factIndex = this.lowerFacts.get(lower);
    if (factIndex === undefined) this.lowerFacts.set(lower, (factIndex = this.lowerFacts.size));
    this.facts.ensure(factIndex);
    let formIndex = this.lowerForms.get(lowerText);
    if (formIndex === undefined) this.lowerForms.set(lowerText, (formIndex = this.lowerForms.size));
    this.seen.ensure(formIndex);
    const { features, starts } = wordUnit(intrinsic, lower, short, gaz, cap || allCaps);
    // The fields read for every token first (fewer cache lines on the first touch in a document).
    info = {
      vectorsFor: null, vectorBase: 0, factIndex, formIndex, id: ++wordUnits, lower, short, gaz, cap, allCaps,
      cased: lowerText !== lowerText.toUpperCase(), isLowerForm: text === lowerText, digit: isDigit(lowerText.charCodeAt(0)),
      phraseStart, opensPhrase: this.gazetteer.startsPhrase(firstWord(lowerText)), lowerText, spaced: lowerText.includes(' '), capsSuf3: feature1(T.CapsSuf3, hashString(lowerText.slice(-3))),
      features, starts, shape,
    };
    this.words.set(text, info);
    return info;
  }

  /** The unit of a POS tag (cached). */
  private posUnit(tag: string): PosUnit {
    let unit = this.tags.get(tag);
    if (!unit) {
      let id = POS_IDS.get(tag);
      if (id === undefined) POS_IDS.set(tag, (id = POS_IDS.size + 2));
      this.tags.set(tag, (unit = posUnit(hashString(tag), id)));
    }
    return unit;
  }

  /**
   * Static features of every token of a document.
   * @param tokens the document's tokens
   * @param sentences sentence token ranges (tokens outside every sentence get no features)
   * @param options `pairFeatures: false` leaves the word-pair features out of `features` (the packed
   *   decoder sums them per pair of words itself; the feature-by-feature decoder needs them);
   *   `scratch: true` makes the document's typed arrays views of a buffer that the next `prepare` with
   *   `scratch` overwrites: for a caller done with the document before it prepares another
   */
  prepare(
    tokens: readonly FeatureToken[],
    sentences: readonly FeatureSentence[],
    options: { pairFeatures?: boolean; scratch?: boolean } = {},
  ): PreparedDocument {
    const withPairs = options.pairFeatures !== false;
    // The caches are cleared between documents only: the marks of one document live on their entries.
    if (this.words.size > WORD_CACHE_LIMIT) {
      this.words.clear();
      this.lowerFacts.clear();
      this.lowerForms.clear();
    }
    const stamp = ++this.documents;
    const n = tokens.length;
    const infos: WordInfo[] = new Array(n);
    const tags: PosUnit[] = new Array(n);
    // The document's typed arrays are views of one buffer: one backing store to allocate and collect
    // instead of nine. Ints: factOf, lower, short (n each), offsets (n + 1), the features' first
    // storage; then bytes: inSentence, cap, slots (n each), capsSentence.
    const featureCapacity = Math.max(n * (withPairs ? 8 : 3), 64);
    const ints = 4 * n + 1 + featureCapacity;
    const buffer = this.documentBuffer(4 * ints + 4 * n + sentences.length, options.scratch === true);
    const factOf = new Int32Array(buffer, 0, n);
    for (let i = 0; i < n; i++) {
      const token = tokens[i]!;
      const info = (infos[i] = this.info(token.text));
      factOf[i] = info.factIndex;
      tags[i] = this.posUnit(token.pos);
    }
    const capsSentence = new Uint8Array(buffer, 4 * ints + 3 * n, sentences.length);
    const inSentence = new Uint8Array(buffer, 4 * ints, n);
    for (let index = 0; index < sentences.length; index++) {
      const { tokenStart: s, tokenEnd: e } = sentences[index]!;
      let letters = 0;
      let caps = 0;
      for (let i = s; i < e; i++) {
        inSentence[i] = 1;
        const info = infos[i]!;
        if (info.cased) {
          letters++;
          if (info.allCaps) caps++;
        }
      }
      capsSentence[index] = letters >= 2 && caps / letters > 0.8 ? 1 : 0;
    }
    const seen = this.seen;
    markDocumentForms(infos, sentences, capsSentence, seen, stamp);
    const multiGaz = this.multiWordMatches(infos, sentences);
    const facts = this.facts;
    const numbers = documentFacts(infos, sentences, capsSentence, facts, stamp);

    const features = new FeatureBuffer(new Int32Array(buffer, 4 * (4 * n + 1), featureCapacity));
    const offsets = new Uint32Array(buffer, 4 * 3 * n, n + 1);
    const lower = new Int32Array(buffer, 4 * n, n);
    const short = new Int32Array(buffer, 4 * 2 * n, n);
    const cap = new Uint8Array(buffer, 4 * ints + n, n);
    const slots = new Uint8Array(buffer, 4 * ints + 2 * n, n);
    for (let index = 0; index < sentences.length; index++) {
      const { tokenStart: s, tokenEnd: e } = sentences[index]!;
      const caps = capsSentence[index] === 1;
      // A line of results ("Chicago 5 Detroit 3"): how many of its tokens are numbers (0-2).
      let digits = 0;
      for (let i = s; i < e; i++) if (infos[i]!.digit) digits++;
      const sentenceNumbers = digits === 0 ? 0 : digits * 4 < e - s ? 1 : 2;
      for (let i = s; i < e; i++) {
        offsets[i] = features.length;
        const w = infos[i]!;
        lower[i] = w.lower;
        short[i] = w.short;
        const capitalized = w.cap || w.allCaps;
        cap[i] = capitalized ? 1 : 0;
        const f = features;
        // Single neighbours' words and POS tags are in their units (`Slot`); here only pairs.
        // POS pairs are left to the decoder (`posPairFeatures`), which caches them per POS trigram.
        // The first PAIR_FEATURE_COUNT features are the word pairs (`pairFeatures`), when asked for.
        if (withPairs) {
          const m1 = i - 1 >= s ? infos[i - 1]! : null;
          const p1 = i + 1 < e ? infos[i + 1]! : null;
          const wM1 = m1 ? m1.lower : BOUNDARY;
          const wP1 = p1 ? p1.lower : BOUNDARY_END;
          const sM1 = m1 ? m1.short : BOUNDARY;
          const sP1 = p1 ? p1.short : BOUNDARY_END;
          f.push(feature2(T.ShortBiPrev, sM1, w.short));
          f.push(feature2(T.ShortBiNext, w.short, sP1));
          f.push(feature2(T.WordBiPrev, wM1, w.lower));
          f.push(feature2(T.WordBiNext, w.lower, wP1));
          f.push(feature2(T.WordM1Short, wM1, w.short));
        }
        if (i === s) slots[i] = FIRST_SLOT;
        if (caps) {
          f.push(feature1(T.CapsSent, 1));
          f.push(feature1(T.CapsWord, w.lower));
          f.push(w.capsSuf3);
          pushGazBits(f, T.CapsGaz, w.gaz);
        }
        if (capitalized) {
          const first = i === s || caps;
          if (seen.stamps[w.formIndex] === stamp) f.push(feature1(T.SeenLower, first ? 1 : 0));
          if (seen.values[w.formIndex] === stamp) f.push(feature1(T.SeenCapMid, first ? 1 : 0));
          const fact = facts.stamps[w.factIndex] === stamp ? facts.values[w.factIndex]! : 0;
          if (fact) {
            if (fact & DOC_TITLE_BEFORE) f.push(feature1(T.DocTitleBefore, 1));
            if (fact & DOC_FIRST_NAME_BEFORE) f.push(feature1(T.DocFirstNameBefore, 1));
            if (fact & DOC_ORG_AFTER) f.push(feature1(T.DocOrgAfter, 1));
            f.push(feature1(T.DocRunPos, fact & DOC_RUN_BITS));
          }
          // Tables of results: a place name in a document full of numbers is often a team.
          if (numbers === 0 && sentenceNumbers === 0) slots[i] = slots[i]! | CAP_QUIET_SLOT;
          else {
            f.push(feature1(T.DocNumbers, numbers));
            f.push(feature2(T.DocNumbersShort, numbers, w.short));
            f.push(feature2(T.DocNumbersWord, numbers, w.lower));
            f.push(feature2(T.SentNumbersShort, sentenceNumbers, w.short));
            const place = w.gaz & DOC_PLACE_BITS;
            if (place) {
              f.push(feature2(T.DocNumbersGaz, numbers, place));
              f.push(feature2(T.SentNumbersGaz, sentenceNumbers, place));
            }
          }
        }
        const matches = multiGaz?.[i];
        if (matches) for (const m of matches) f.push(feature1(T.MultiGaz, m));
      }
    }
    offsets[n] = features.length;
    // Tokens outside every sentence keep an empty feature range.
    for (let i = n - 1; i >= 0; i--) if (inSentence[i] === 0) offsets[i] = offsets[i + 1]!;
    // A literal, not `{ ...this.edges, … }`: Node 20 builds a spread followed by more properties slowly.
    const { wordStart, wordEnd, posStart, posEnd } = this.edges;
    return {
      size: n, words: infos, facts: factOf, tags, wordStart, wordEnd, posStart, posEnd, features: features.values(),
      pairFeatures: withPairs ? PAIR_FEATURE_COUNT : 0, offsets, slots,
      lower, short, cap, capsSentence,
    };
  }

  /**
   * A zeroed buffer of `size` bytes: new, or the extractor's scratch buffer. Reusing one saves an
   * allocation (calloc and the collector's tracking of an external backing store) per document:
   * `new ArrayBuffer` was 0.33 % of a worker's CPU in a whole run, zeroing 32 bytes a token is less.
   */
  private documentBuffer(size: number, scratch: boolean): ArrayBuffer {
    if (!scratch) return new ArrayBuffer(size);
    if (this.scratchBuffer.byteLength < size) this.scratchBuffer = new ArrayBuffer(Math.max(size, 2 * this.scratchBuffer.byteLength));
    else new Uint8Array(this.scratchBuffer, 0, size).fill(0);
    return this.scratchBuffer;
  }

  /**
   * Multi-word gazetteer matches, as (category, position) codes per covered token (sparse; null when
   * none). The longest entry starting at each word wins; the words are joined into a phrase only
   * when the hash of the word sequence (`phraseHash`) says an entry or an entry's prefix may match.
   */
  private multiWordMatches(infos: readonly WordInfo[], sentences: readonly FeatureSentence[]): (number[] | undefined)[] | null {
    let matches: (number[] | undefined)[] | null = null;
    const gazetteer = this.gazetteer;
    const max = gazetteer.maxWords;
    for (const { tokenStart: s, tokenEnd: e } of sentences) {
      for (let i = s; i < e; i++) {
        const first = infos[i]!;
        if (!first.phraseStart) continue;
        let phrase: string | null = null;
        let hash = first.lower;
        let best = 0;
        let bestLength = 0;
        for (let j = i + 1; j < e && j - i < max; j++) {
          const word = infos[j]!;
          hash = phraseHash(hash, word.lower);
          // A word with a space inside is not hashed as its parts: such a sequence is always looked up.
          if (phrase === null && !word.spaced && !gazetteer.mayBePhrase(hash)) break;
          if (phrase === null) {
            phrase = first.lowerText;
            for (let k = i + 1; k < j; k++) phrase += ' ' + infos[k]!.lowerText;
          }
          phrase += ' ' + word.lowerText;
          const mask = gazetteer.phrase(phrase);
          if (mask) {
            best = mask;
            bestLength = j - i + 1;
          }
          if (!gazetteer.startsLongerPhrase(phrase)) break;
        }
        if (!best) continue;
        matches ??= new Array<number[] | undefined>(infos.length);
        for (let k = 0; k < bestLength; k++) {
          const position = k === 0 ? 0 : k === bestLength - 1 ? 2 : 1;
          let list = matches[i + k];
          if (!list) matches[i + k] = list = [];
          for (let bit = 0; bit < GAZ_CATEGORIES.length; bit++) if (best & (1 << bit)) list.push(bit * 4 + position);
        }
        i += bestLength - 1;
      }
    }
    return matches;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A growable Int32 array: cheaper than `number[]` for a document's tens of thousands of features. */
class FeatureBuffer {
  private data: Int32Array;
  length = 0;
  /** @param data the initial storage (zeroed, not empty) */
  constructor(data: Int32Array) {
    this.data = data;
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  values(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

function pushGazBits(features: FeatureBuffer, template: number, mask: number): void {
  for (let bit = 0; mask !== 0 && bit < GAZ_CATEGORIES.length; bit++) {
    if (mask & (1 << bit)) features.push(feature1(template, bit));
  }
}

// Document facts about a capitalized word form, gathered over all its occurrences (bit flags).
const DOC_RUN_ALONE = 1;
const DOC_RUN_FIRST = 2;
const DOC_RUN_MIDDLE = 4;
const DOC_RUN_LAST = 8;
const DOC_RUN_BITS = 15;
const DOC_TITLE_BEFORE = 16;
const DOC_FIRST_NAME_BEFORE = 32;
const DOC_ORG_AFTER = 64;
const TITLE_BITS = gazBit('title') | gazBit('honorific');
const ORG_AFTER_BITS = gazBit('org-suffix') | gazBit('org-head');
const DOC_PLACE_BITS = gazBit('country') | gazBit('city') | gazBit('region');
const FIRST_NAME_BIT = gazBit('first-name');
const AMPERSAND = hashString('&');

/**
 * What the whole document says about each capitalized word form: where it sits in runs of
 * capitalized words (alone, first, middle, last), whether a title or a known first name ever precedes
 * it, whether a company suffix or organization head word ever follows it; and how much of the
 * document is numbers (a bucket, 0-3), since result tables name teams by their cities.
 * The facts are marked under the words' `factIndex` (stamped with the document); returns the bucket.
 */
function documentFacts(
  infos: readonly WordInfo[],
  sentences: readonly FeatureSentence[],
  capsSentence: Uint8Array,
  facts: Marks,
  stamp: number,
): number {
  let digits = 0;
  let words = 0;
  const isCap = (w: WordInfo): boolean => w.cap && w.cased;
  const mark = (w: WordInfo, fact: number): void => {
    const k = w.factIndex;
    if (facts.stamps[k] !== stamp) {
      facts.stamps[k] = stamp;
      facts.values[k] = fact;
    } else facts.values[k]! |= fact;
  };
  for (let index = 0; index < sentences.length; index++) {
    const { tokenStart: s, tokenEnd: e } = sentences[index]!;
    for (let i = s; i < e; i++) if (infos[i]!.digit) digits++;
    words += e - s;
    if (capsSentence[index]) continue;
    for (let i = s; i < e; i++) {
      const w = infos[i]!;
      if (!isCap(w)) continue;
      // A run of capitalized words, "&" joining two of them ("Douglas & Lomason").
      let j = i;
      while (j + 1 < e && (isCap(infos[j + 1]!) || (infos[j + 1]!.lower === AMPERSAND && j + 2 < e && isCap(infos[j + 2]!)))) j++;
      const before = i > s ? infos[i - 1]! : null;
      const after = j + 1 < e ? infos[j + 1]! : null;
      for (let k = i; k <= j; k++) {
        const word = infos[k]!;
        if (!isCap(word)) continue;
        let fact = j === i ? DOC_RUN_ALONE : k === i ? DOC_RUN_FIRST : k === j ? DOC_RUN_LAST : DOC_RUN_MIDDLE;
        const previous = k > s ? infos[k - 1]! : null;
        if (previous && previous.gaz & TITLE_BITS) fact |= DOC_TITLE_BEFORE;
        if (k > i && previous && previous.gaz & FIRST_NAME_BIT && !(word.gaz & TITLE_BITS)) fact |= DOC_FIRST_NAME_BEFORE;
        if (j + 1 < e && infos[k + 1] && infos[k + 1]!.gaz & ORG_AFTER_BITS) fact |= DOC_ORG_AFTER;
        // Only the first word of a run, at a sentence start, says little about its run position.
        if (k === s && before === null && after === null) fact &= ~DOC_RUN_BITS;
        mark(word, fact);
      }
      i = j;
    }
  }
  const ratio = words ? digits / words : 0;
  return ratio < 0.05 ? 0 : ratio < 0.12 ? 1 : ratio < 0.25 ? 2 : 3;
}

/** Marks the word forms seen in lower case, and seen capitalized away from a sentence start, in the document. */
function markDocumentForms(
  infos: readonly WordInfo[],
  sentences: readonly FeatureSentence[],
  capsSentence: Uint8Array,
  seen: Marks,
  stamp: number,
): void {
  for (let index = 0; index < sentences.length; index++) {
    if (capsSentence[index]) continue;
    const { tokenStart: s, tokenEnd: e } = sentences[index]!;
    for (let i = s; i < e; i++) {
      const info = infos[i]!;
      if (info.cap) {
        if (i > s) seen.values[info.formIndex] = stamp;
      } else if (info.isLowerForm) seen.stamps[info.formIndex] = stamp;
    }
  }
}

/** Static features of one document, ready for decoding. */
export interface PreparedDocument {
  readonly size: number;
  /** Word-level facts per token; their units' features are not repeated in `features`. */
  readonly words: readonly WordInfo[];
  /** Per token, its word's `factIndex` (the decoder marks its tag history under it). */
  readonly facts: Int32Array;
  /** POS tag unit per token. */
  readonly tags: readonly PosUnit[];
  /** Units standing for the words and POS tags beyond a sentence's ends. */
  readonly wordStart: WordUnit;
  readonly wordEnd: WordUnit;
  readonly posStart: PosUnit;
  readonly posEnd: PosUnit;
  /** All tokens' other static features, concatenated; token i's are `features[offsets[i]..offsets[i+1])`. */
  readonly features: Int32Array;
  /** How many word-pair features open each sentence token's range (`PAIR_FEATURE_COUNT`, or 0 when left out). */
  readonly pairFeatures: number;
  readonly offsets: Uint32Array;
  /** Per token, `FIRST_SLOT | CAP_QUIET_SLOT`: the word unit's optional slots that count for it. */
  readonly slots: Uint8Array;
  /** Lowercase word hash per token (for history features). */
  readonly lower: Int32Array;
  readonly short: Int32Array;
  /** 1 when the token starts with a capital letter. */
  readonly cap: Uint8Array;
  /** 1 per sentence written all in capitals (a headline), where case says nothing. */
  readonly capsSentence: Uint8Array;
}

/**
 * Features that depend on earlier decisions: previous tags and the document history. When the
 * previous tag is O, the previous-tag-and-word features are the word's `Slot.AfterOutside` instead.
 * @returns how many features were written into `into` (at most 5)
 */
export function dynamicFeatures(
  into: Int32Array,
  doc: PreparedDocument,
  i: number,
  previous: number,
  previous2: number,
  history: number,
): number {
  into[0] = feature1(T.PrevTag, previous);
  into[1] = feature2(T.PrevTags, previous2, previous);
  let count = 2;
  if (previous !== OUTSIDE) {
    into[count++] = feature2(T.PrevTagWord, previous, doc.lower[i]!);
    into[count++] = feature2(T.PrevTagShort, previous, doc.short[i]!);
  }
  if (history >= 0) into[count++] = feature1(T.History, history);
  return count;
}

/** The features of the two previous tags alone (part of `dynamicFeatures`). */
export function tagPairFeatures(into: Int32Array, previous: number, previous2: number): void {
  into[0] = feature1(T.PrevTag, previous);
  into[1] = feature2(T.PrevTags, previous2, previous);
}

/** The remembered type of a capitalized word (part of `dynamicFeatures`). */
export function historyFeature(history: number): number {
  return feature1(T.History, history);
}

/** The previous tag with the word's form and short shape (part of `dynamicFeatures`, previous tag not O). */
export function tagWordFeatures(into: Int32Array, previous: number, lower: number, short: number): void {
  into[0] = feature2(T.PrevTagWord, previous, lower);
  into[1] = feature2(T.PrevTagShort, previous, short);
}

/** A POS tag's unit, with its hash (used in POS-pair features) and a small id (`POS_IDS`). */
export interface PosUnit extends ContextUnit {
  readonly hash: number;
  readonly id: number;
}

/**
 * Small ids of POS tags, shared by all extractors (so a decoder may key caches by them): 0 and 1 are
 * the pseudo-tags before and after a sentence.
 */
const POS_IDS = new Map<string, number>();
const POS_START_ID = 0;
const POS_END_ID = 1;

/** The two POS-pair features of a token: its tag with the one before, and with the one after. */
export function posPairFeatures(into: Int32Array, before: PosUnit, self: PosUnit, after: PosUnit): void {
  into[0] = feature2(T.PosBiPrev, before.hash, self.hash);
  into[1] = feature2(T.PosBiNext, self.hash, after.hash);
}

/** Build a unit from its slots' feature lists (`Slot` order); absent slots are empty. */
function unit(slots: readonly (readonly number[])[]): ContextUnit {
  const starts = new Uint8Array(SLOT_COUNT + 1);
  const features: number[] = [];
  for (let slot = 0; slot < SLOT_COUNT; slot++) {
    starts[slot] = features.length;
    features.push(...(slots[slot] ?? []));
  }
  starts[SLOT_COUNT] = features.length;
  return { features: Int32Array.from(features), starts, vectorBase: 0, vectorsFor: null };
}

/** Word units made so far (their `id`s). */
let wordUnits = 0;

/** The pseudo-word before or after a sentence. */
function edgeWord(hash: number): WordUnit {
  return { ...wordUnit([], hash, hash, 0, false), id: ++wordUnits, lower: hash, short: hash };
}

/**
 * Every sentence token's feature range in `PreparedDocument.features` starts with its word-pair
 * features, this many: the tagger may take them from `pairFeatures` instead (they depend on two words only).
 */
export const PAIR_FEATURE_COUNT = 5;

/**
 * The word-pair features of two adjacent words `x y` (`y` first in its sentence when `x` is the
 * `wordStart` unit, `x` last when `y` is `wordEnd`): `into[0..2)` are x's features, `into[2..5)` y's.
 */
export function pairFeatures(into: Int32Array, x: WordUnit, y: WordUnit): void {
  into[0] = feature2(T.ShortBiNext, x.short, y.short);
  into[1] = feature2(T.WordBiNext, x.lower, y.lower);
  into[2] = feature2(T.ShortBiPrev, x.short, y.short);
  into[3] = feature2(T.WordBiPrev, x.lower, y.lower);
  into[4] = feature2(T.WordM1Short, x.lower, y.short);
}

/** A word's unit: its intrinsic features, and what it adds to the tokens around it. */
function wordUnit(intrinsic: readonly number[], lower: number, short: number, gaz: number, capitalized: boolean): ContextUnit {
  const gazBits = (template: number): number[] => {
    const bits: number[] = [];
    for (let bit = 0; gaz !== 0 && bit < GAZ_CATEGORIES.length; bit++) if (gaz & (1 << bit)) bits.push(feature1(template, bit));
    return bits;
  };
  return unit([
    intrinsic,
    [feature1(T.WordM1, lower), feature1(T.ShortM1, short), ...gazBits(T.GazM1)],
    [feature1(T.WordM2, lower), ...gazBits(T.GazM2)],
    [feature1(T.WordM3, lower)],
    [feature1(T.WordP1, lower), feature1(T.ShortP1, short), ...gazBits(T.GazP1)],
    [feature1(T.WordP2, lower)],
    [feature2(T.PrevTagWord, OUTSIDE, lower), feature2(T.PrevTagShort, OUTSIDE, short)],
    [feature1(T.First, short), feature1(T.FirstWord, lower)],
    capitalized ? capQuiet(lower, short, gaz) : [],
  ]);
}

/** `Slot.CapQuiet`: what `prepare` adds for a capitalized word when both number buckets are 0. */
function capQuiet(lower: number, short: number, gaz: number): number[] {
  const features = [
    feature1(T.DocNumbers, 0),
    feature2(T.DocNumbersShort, 0, short),
    feature2(T.DocNumbersWord, 0, lower),
    feature2(T.SentNumbersShort, 0, short),
  ];
  const place = gaz & DOC_PLACE_BITS;
  if (place) features.push(feature2(T.DocNumbersGaz, 0, place), feature2(T.SentNumbersGaz, 0, place));
  return features;
}

/** A POS tag's unit: the tag of the token itself, of the one before, of the one after. */
function posUnit(hash: number, id: number): PosUnit {
  const slots: number[][] = [[feature1(T.Pos, hash)], [feature1(T.PosPrev, hash)], [], [], [feature1(T.PosNext, hash)]];
  return { ...unit(slots), hash, id };
}
