/**
 * The quote rules: direct quotes from paired marks, mixed and indirect quotes from reporting cues,
 * and speakers (named, pronoun, nominal, inherited by floating quotes).
 */
import type { Mention, Quote, QuoteKind, Sentence, Token } from '../model/document.js';
import { makeMessage, type Message } from '../model/message.js';
import { firstAtOrAfter, sortInPlace } from '../model/sorted.js';
import { makeSpan, type Span } from '../model/span.js';
import type { CueMatcher } from './lexicon.js';
import { findQuotedRegions, type QuotedRegion } from './marks.js';
import { isTitleWord } from './names.js';
import {
  buildTokenView,
  firstEndingAfter,
  isQuoteMark,
  lowerCase,
  isSpeakerPronoun,
  isTimePhrase,
  nameIn,
  nounPhraseAfter,
  nounPhraseBefore,
  NP_POS,
  tokenAtOrAfter,
  type Range,
  type TokenView,
} from './tokens.js';

/** Settings of the quote rules (the stage options). */
export interface QuoteSettings {
  cues: CueMatcher;
  /** Quoted text shorter than this (in words) and with no cue is a scare quote, not speech. */
  minDirectWords: number;
  /** How many paragraphs back a floating quote or a pronoun looks for its speaker. */
  speakerLookback: number;
  /** A floating quote (no cue, a quote shortly before it) shorter than this many words is left out. */
  minFloatingWords: number;
}

/** Everything the rules read from a document. */
export interface QuoteInput {
  text: string;
  paragraphs: readonly Span[];
  sentences: readonly Sentence[];
  tokens: readonly Token[];
  mentions: readonly Mention[];
}

/** A found attribution: speaker and cue token ranges, and the last token of the clause. */
interface Attribution {
  speaker: Range | null;
  cue: Range;
  end: number;
}

/** A quote before its speaker is resolved. */
interface Draft {
  start: number;
  end: number;
  kind: QuoteKind;
  attribution: Attribution | null;
  /** Paragraph of the first token: floating quotes look back from here. */
  paragraph: number;
  /** Token index of the content's first token, for ordering and pronoun look-back. */
  firstToken: number;
  /** Words in the content (letters or digits). */
  words: number;
  confidence: number;
}

const SENTENCE_END = new Set(['.', '!', '?']);
const CLAUSE_BREAK = new Set([',', ':', '—', '–', '-', ';', '―']);
/** A dash before a name after a quote: “…” ― Sonya Herridge. */
const DASHES = new Set(['—', '–', '―', '-']);
/** Cues whose following preposition phrase is a circumstance ("speaks at a press conference"), not content. */
const CIRCUMSTANCE_CUES = new Set(['speak', 'talk', 'testify', 'post', 'tweet', 'write']);
/**
 * Cues that introduce only direct quotes ("she continued", "“Go back,” he barked"): as verbs of
 * indirect speech they mislead ("Stocks snapped a losing streak", "Oil gushed from the well").
 */
const DIRECT_ONLY = new Set(['continue', 'bark', 'snap', 'gush', 'thunder']);
/** Verbs whose first object is the listener, not the content: "told reporters that …". */
const LISTENER_VERBS = new Set(['tell', 'ask', 'assure', 'inform', 'remind', 'advise', 'warn', 'urge']);

/**
 * Find the quotes of one document.
 * @param input the document layers the rules read
 * @param settings the rule settings
 */
export function extractQuotesFrom(input: QuoteInput, settings: QuoteSettings): { quotes: Quote[]; messages: Message[] } {
  const { text, paragraphs } = input;
  const { tokens: spaced, sentences, words } = withoutSpaceTokens(input.tokens, input.sentences);
  const tokens = namesAsProperNouns(spaced, input.mentions, (word) => isOneWordCue(settings.cues, word));
  const { regions, problems, dropped } = findQuotedRegions(text, paragraphs);
  const messages = problems.map((problem) =>
    problem.kind === 'unclosed'
      ? makeMessage('warning', 'extract-quotes:unclosed-quote', `Unexpected unclosed quotation mark \`${problem.mark}\`, expected a closing mark`, problem)
      : makeMessage('warning', 'extract-quotes:unopened-quote', `Unexpected closing quotation mark \`${problem.mark}\`, expected an opening mark before it`, problem),
  );
  if (dropped > 0) {
    messages.push(makeMessage('warning', 'extract-quotes:unclosed-quote', `Unexpected ${dropped} more unpaired quotation marks, expected at most ${problems.length} per document`));
  }
  const view = buildTokenView(text, tokens, regions, words);
  const cueAt = findCues(view, settings.cues);
  const usedCue = new Set<number>();
  const drafts: Draft[] = [];
  const embedded: number[] = [];
  findDirect(view, regions, cueAt, settings, usedCue, drafts, embedded, input.mentions);
  findIndirect(view, sentences, regions, embedded, cueAt, usedCue, drafts);
  findTranscript(view, drafts, input.mentions, embedded);
  // The stable sort, skipped when the drafts are in order already (no work copy).
  if (!isDraftOrder(drafts)) sortInPlace(drafts, byDraftOrder);
  const merged = mergeAfterTrailingAttribution(view, drafts);
  return { quotes: resolveSpeakers(text, view, merged, input.mentions, settings), messages };
}

/** One reused list for {@link isOneWordCue}: no array per word asked. */
const ONE_WORD: string[] = [''];

/** True when `word` alone is a reporting cue. */
function isOneWordCue(cues: CueMatcher, word: string): boolean {
  ONE_WORD[0] = lowerCase(word);
  return cues.match(ONE_WORD, 0) !== null;
}

/** The embedded regions of a document with none (no Set built). */
const NO_REGIONS: ReadonlySet<number> = new Set();

function byDraftOrder(a: Draft, b: Draft): number {
  return a.start - b.start || b.end - a.end;
}

function isDraftOrder(drafts: readonly Draft[]): boolean {
  for (let i = 1; i < drafts.length; i++) if (byDraftOrder(drafts[i - 1]!, drafts[i]!) > 0) return false;
  return true;
}

/**
 * `Exports fell, the minister said. “We expect worse.”`: a direct quote with no attribution of its own
 * right after a quote whose attribution trails it, in the same paragraph, continues that quote (the
 * news style of one statement in parts). The earlier quote then covers both; an indirect one becomes mixed.
 */
function mergeAfterTrailingAttribution(view: TokenView, drafts: readonly Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const draft of drafts) {
    const previous = out[out.length - 1];
    const cue = previous?.attribution?.cue;
    if (
      previous &&
      cue &&
      draft.kind === 'direct' &&
      !draft.attribution &&
      previous.paragraph === draft.paragraph &&
      previous.end <= draft.start &&
      view.tokens[cue.from]!.start >= previous.end &&
      isAttributionGap(view.text, previous.end, draft.start)
    ) {
      previous.end = draft.end;
      if (previous.kind === 'indirect') previous.kind = 'mixed';
      continue;
    }
    out.push(draft);
  }
  return out;
}

/** Longest speaker label of a transcript line, in tokens. */
const MAX_LABEL_TOKENS = 4;

/**
 * `WALLACE: Let's start …` / `SEN. JOHN DOE: …`: a line opening (after an optional quotation mark)
 * with a name in capitals and a colon. Returns the label's token range, or null.
 */
function transcriptLabel(view: TokenView, from: number): Range | null {
  const paragraph = view.paragraph[from];
  let k = from;
  let letters = 0;
  while (k < view.tokens.length && k - from < MAX_LABEL_TOKENS && view.paragraph[k] === paragraph) {
    const word = view.tokens[k]!.text;
    if (!/^[\p{Lu}][\p{Lu}.'’-]*$/u.test(word)) break;
    letters += word.length;
    k++;
  }
  if (k === from || letters < 2 || view.words[k] !== ':' || view.paragraph[k + 1] !== paragraph) return null;
  return { from, to: k };
}

/**
 * `Dr. Ben Carson: Clinton ‘not fit to serve’` / `Alex Seitz-Wald: She is right …`: a line opening
 * with a recognized person's name (after an optional title) and a colon, as in headlines and panels.
 * Returns the label's token range, or null.
 */
function personLabel(view: TokenView, from: number, mentions: readonly Mention[]): Range | null {
  const paragraph = view.paragraph[from];
  let k = from;
  while (k < view.tokens.length && k - from <= MAX_LABEL_TOKENS && view.paragraph[k] === paragraph && view.words[k] !== ':') k++;
  if (k === from || view.words[k] !== ':' || view.paragraph[k + 1] !== paragraph) return null;
  const start = view.tokens[from]!.start;
  const end = view.tokens[k - 1]!.end;
  for (let m = firstEndingAfter(mentions, start); m < mentions.length && mentions[m]!.start < end; m++) {
    const mention = mentions[m]!;
    if (mention.type === 'PERSON' && mention.form === 'NAM' && mention.end === end && onlyTitleWordsBefore(view, from, mention.start)) return { from, to: k };
  }
  return null;
}

/**
 * True when the quotation mark at token `mark` is followed by a person label that opens a line, mark
 * and all or after a line break (`“Ann Lee: …`): findTranscript takes that line.
 */
function opensLineWithPerson(view: TokenView, mark: number, mentions: readonly Mention[]): boolean {
  const opensLine = (k: number) => k === 0 || view.paragraph[k] !== view.paragraph[k - 1];
  return (opensLine(mark) || opensLine(mark + 1)) && personLabel(view, mark + 1, mentions) !== null;
}

/** True when tokens `[from, to)` hold a quotation other than `outer` (the one the whole line is in, if any). */
function quotesInside(view: TokenView, from: number, to: number, outer: number): boolean {
  for (let k = from; k < to; k++) if (view.region[k] !== -1 && view.region[k] !== outer) return true;
  return false;
}

/**
 * The kind of a transcript line's content `[from, last]`: direct when it is one quotation (`Trump:
 * ‘I’m the worst thing …’`, a headline), mixed when it holds one, else indirect.
 */
function transcriptKind(view: TokenView, from: number, last: number, outer: number): QuoteKind {
  const region = view.region[from]!;
  if (region !== -1 && region !== outer && view.region[last] === region && isQuoteMark(view.words[from]!) && isQuoteMark(view.words[last]!)) return 'direct';
  return quotesInside(view, from, last + 1, outer) ? 'mixed' : 'indirect';
}

/**
 * True when the tokens from `from` up to the name at `nameStart` are title words ("Dr.", "Sen. Majority
 * Leader"): a label is a person's name, not a headline that ends with one ("Carly Fiorina Endorses Ted Cruz:").
 */
function onlyTitleWordsBefore(view: TokenView, from: number, nameStart: number): boolean {
  for (let k = from; k < view.tokens.length && view.tokens[k]!.start < nameStart; k++) {
    if (view.words[k] !== '.' && !isTitleWord(view.words[k]!)) return false;
  }
  return true;
}

/**
 * Transcript lines as quotes: the label is the speaker, the colon the cue, the rest of the line the
 * content (mixed when it holds a quotation).
 */
function findTranscript(view: TokenView, drafts: Draft[], mentions: readonly Mention[], embedded: readonly number[]): void {
  // Built only for a person label inside a quotation (rare): most documents have no transcript line.
  let isEmbedded: ReadonlySet<number> | null = null;
  const found: Draft[] = [];
  for (let i = 0; i < view.tokens.length; i++) {
    if (i > 0 && view.paragraph[i] === view.paragraph[i - 1]) continue;
    const from = isQuoteMark(view.words[i]!) ? i + 1 : i;
    const capitals = transcriptLabel(view, from);
    const label = capitals ?? personLabel(view, from, mentions);
    if (!label) continue;
    // `“Ann Lee: …,” Ross tweeted`: a quotation with an attribution of its own is a direct quote.
    const outer = view.region[label.from]!;
    if (!capitals && outer !== -1 && !(isEmbedded ??= new Set(embedded)).has(outer)) continue;
    const paragraph = view.paragraph[i]!;
    let last = label.to + 1;
    while (last + 1 < view.tokens.length && view.paragraph[last + 1] === paragraph) last++;
    // `"WALLACE: …"`: the mark closing the quotation the line is in is not said; one closing a
    // quotation inside the line (`Ann Lee: Clinton ‘not fit to serve’`) is.
    const closesOuter = outer !== -1 && view.region[last] === outer && view.region[last + 1] !== outer;
    if (closesOuter && isQuoteMark(view.words[last]!) && last > label.to + 1) last--;
    if (last - label.to < 3) continue;
    found.push({
      start: view.tokens[label.to + 1]!.start,
      end: view.tokens[last]!.end,
      kind: transcriptKind(view, label.to + 1, last, outer),
      attribution: { speaker: label, cue: { from: label.to, to: label.to + 1 }, end: last },
      paragraph,
      firstToken: label.to + 1,
      words: last - label.to,
      confidence: 0.6,
    });
  }
  if (found.length === 0) return;
  // Attributions inside a transcript line are part of what was said, and so is a quotation opening in
  // one and left open past its end (`WALLACE: «We will win` with more lines after it); a sentence
  // running into the line from the one before (`The senator said` + line break + `WALLACE: …`) does
  // not report it.
  const inside = (d: Draft) => found.some((t) => d.start < t.end && d.end > t.start);
  const kept = drafts.filter((d) => !inside(d));
  drafts.length = 0;
  drafts.push(...kept, ...found);
}

/** Drop whitespace tokens (wink keeps line breaks as tokens) and re-index the sentences. */
function withoutSpaceTokens(
  all: readonly Token[],
  sentences: readonly Sentence[],
): { tokens: readonly Token[]; sentences: readonly Sentence[]; words?: string[] } {
  // The tokens' lower-cased words are taken in the same pass (one read of each token's text).
  const words: string[] = new Array(all.length);
  let spaces = 0;
  for (let k = 0; k < all.length; k++) {
    const token = all[k]!;
    if (isSpaceToken(token)) spaces++;
    else words[k] = lowerCase(token.text);
  }
  // Nothing to drop (the usual case): the layers themselves, read only.
  if (spaces === 0) return { tokens: all, sentences, words };
  const tokens: Token[] = [];
  const kept: number[] = new Array(all.length + 1);
  for (let k = 0; k < all.length; k++) {
    kept[k] = tokens.length;
    const token = all[k]!;
    if (!isSpaceToken(token)) tokens.push(token);
  }
  kept[all.length] = tokens.length;
  // Object.assign, not a spread: Node 20 builds `{ ...a, b }` on a slow path (~2 µs an object).
  const remapped = sentences.map((s) =>
    Object.assign({}, s, { tokenStart: kept[s.tokenStart] ?? tokens.length, tokenEnd: kept[s.tokenEnd] ?? tokens.length }),
  );
  return { tokens, sentences: remapped };
}

/**
 * The tokens with every word of a name mention tagged PROPN: the POS tagger calls some surnames verbs
 * ("Loretta Lynch said …": `Lynch/VERB`), and a verb inside a name hides the speaker from the rules
 * (and could even be taken for a cue). A verb that is a reporting cue keeps its tag: in a title-case
 * headline the name recognizer may take it into the name ("Ross Warns Republicans …").
 * The tokens themselves are left as they are: changed ones are copies.
 * @param tokens the tokens, in order
 * @param mentions the name mentions, in order of their start
 * @param isCue whether a word is a one-word reporting cue
 */
export function namesAsProperNouns(tokens: readonly Token[], mentions: readonly Mention[], isCue: (word: string) => boolean = () => false): readonly Token[] {
  let out: Token[] | null = null;
  let k = 0;
  for (const mention of mentions) {
    if (mention.form !== 'NAM') continue;
    while (k > 0 && tokens[k - 1]!.end > mention.start) k--;
    while (k < tokens.length && tokens[k]!.end <= mention.start) k++;
    for (let i = k; i < tokens.length && tokens[i]!.start < mention.end; i++) {
      const token = tokens[i]!;
      if (token.pos === 'PROPN' || token.pos === 'PUNCT' || !/\p{Lu}/u.test(token.text) || (token.pos === 'VERB' && isCue(token.text))) continue;
      out ??= tokens.slice();
      out[i] = Object.assign({}, token, { pos: 'PROPN' });
    }
  }
  return out ?? tokens;
}

function isSpaceToken(token: Token): boolean {
  return token.pos === 'SPACE' || token.text.charCodeAt(0) <= 32;
}

/** Cue matches by first token index: length in tokens and lemma. */
type CueMap = Map<number, { length: number; lemma: string }>;

function findCues(view: TokenView, cues: CueMatcher): CueMap {
  const found: CueMap = new Map();
  for (let i = 0; i < view.tokens.length; i++) {
    if (view.region[i] !== -1) continue;
    const pos = sayAsVerb(view, i) ? 'VERB' : view.tokens[i]!.pos;
    // Only a verb, an auxiliary (in a phrase) or "according (to)" can be kept below: skip the look-up.
    if (pos !== 'VERB' && pos !== 'AUX' && view.words[i] !== 'according') continue;
    const match = cues.match(view.words, i);
    if (!match) continue;
    // A single reporting word must be a verb ("said"), not a noun ("a report") or adjective.
    if (match.lemma !== 'according to' && pos !== 'VERB' && !(pos === 'AUX' && match.length > 1)) continue;
    found.set(i, match);
    i += match.length - 1;
  }
  return found;
}

/**
 * "Nearly nine out of 10 say they …", "26% say that …": the tagger calls "say" a noun after a number;
 * followed by a pronoun or "that" (a clause) and not after an article ("have a say"), it is the verb.
 */
function sayAsVerb(view: TokenView, i: number): boolean {
  const word = view.words[i];
  if ((word !== 'say' && word !== 'says') || view.tokens[i]!.pos !== 'NOUN') return false;
  const next = view.tokens[i + 1];
  const previous = view.words[i - 1];
  return next !== undefined && (next.pos === 'PRON' || view.words[i + 1] === 'that') && previous !== 'a' && previous !== 'the' && previous !== 'their' && previous !== 'his' && previous !== 'her';
}

/** First and last token of a region. */
function regionTokens(view: TokenView, region: QuotedRegion): Range {
  const from = tokenAtOrAfter(view.tokens, region.start);
  let to = from;
  while (to < view.tokens.length && view.tokens[to]!.end <= region.end) to++;
  return { from, to };
}

function findDirect(
  view: TokenView,
  regions: readonly QuotedRegion[],
  cueAt: CueMap,
  settings: QuoteSettings,
  usedCue: Set<number>,
  drafts: Draft[],
  embedded: number[],
  mentions: readonly Mention[],
): void {
  let previous: { draft: Draft; after: boolean } | null = null;
  for (let r = 0; r < regions.length; r++) {
    const region = regions[r]!;
    const range = regionTokens(view, region);
    if (range.to <= range.from) continue;
    if (transcriptLabel(view, range.from + 1) !== null) {
      embedded.push(r); // `"WALLACE: …`: a transcript line, found by findTranscript
      previous = null;
      continue;
    }
    const words = countWords(view, range);
    const left = leftContext(view, range.from);
    const leftEnd = left.to > left.from ? view.words[left.to - 1]! : '';
    const after =
      attributionAfter(view, range.to, cueAt) ??
      (left.to === left.from || leftEnd === ':' ? attributionLater(view, range.to, cueAt) : null);
    // `Park said, “…”` and, without the comma, `Park said “…”`.
    const cueRightBefore = left.to > left.from && cueEndsAt(view, cueAt, left.to);
    const before = left.to > left.from && (CLAUSE_BREAK.has(leftEnd) || cueRightBefore) ? attributionIn(view, left, cueAt) : null;
    if (!after && !before && opensLineWithPerson(view, range.from, mentions)) {
      embedded.push(r); // `“Ann Lee: …` with no attribution of its own: a transcript line, found by findTranscript
      previous = null;
      continue;
    }
    // `Bolton said that whatever voters choose, “they should …”`: the quote ends an indirect clause (mixed).
    const inClause = before !== null && !after && hasThatAfter(view, before.cue.to, range.from);
    const leftOk = !inClause && (left.to === left.from || leftEnd === ':' || (before !== null && (CLAUSE_BREAK.has(leftEnd) || cueRightBefore)));
    // `Park said, “…” when asked`: a cue and a comma or colon right before the quote are enough.
    const rightOk = after !== null || endsSentence(view, range.to, region) || (before !== null && (leftEnd === "," || leftEnd === ":") && cueRightBefore);
    const paragraph = view.paragraph[range.from] ?? 0;
    if (!leftOk || !rightOk) {
      embedded.push(r);
      // A title in an attribution (“…,” Flynn said on “Fox and Friends.” “…”) keeps the quote before it joinable.
      if (!previous || !inAttribution(view, previous.draft, region)) previous = null;
      continue;
    }
    const attribution = after ?? before;
    // “A,” he said. “B.” and “A,” he said, “B.” are one quote in two parts.
    const joined = previous?.after && previous.draft.attribution && previous.draft.paragraph === paragraph ? previous.draft.attribution : null;
    if (
      joined &&
      !after &&
      (before ? before.cue.from === joined.cue.from : isJoinGap(view, joined.end + 1, range.from) || isAttributionGap(view.text, previous!.draft.end, region.start))
    ) {
      previous!.draft.end = region.end;
      continue;
    }
    if (!attribution && words < settings.minDirectWords) continue; // a scare quote or a title
    if (attribution) for (let k = attribution.cue.from; k < attribution.cue.to; k++) usedCue.add(k);
    const draft: Draft = {
      start: region.start,
      end: region.end,
      kind: 'direct',
      attribution,
      paragraph,
      firstToken: range.from,
      words,
      confidence: attribution ? (region.closed ? 0.9 : 0.6) : 0.5,
    };
    drafts.push(draft);
    previous = { draft, after: after !== null };
  }
}

/** Longest text between the two parts of one quote around its attribution clause. */
const MAX_JOIN_GAP = 400;

/**
 * True when the text between two quotes is one attribution clause: on one line, short, and with no
 * sentence break inside (a period after an abbreviation or an initial — `Rep.`, `(D-N.C.)` — is none).
 */
function isAttributionGap(text: string, from: number, to: number): boolean {
  if (to - from > MAX_JOIN_GAP) return false;
  const gap = text.slice(from, to);
  if (gap.includes('\n')) return false;
  const breaks = /[.!?]["”’)]?\s+/g;
  for (let m = breaks.exec(gap); m; m = breaks.exec(gap)) {
    if (m.index + m[0].length === gap.length) continue; // the clause's own end
    if (!isAbbreviationBefore(gap, m.index)) return false;
  }
  return true;
}

/** `Rep.` `Sen.` `Jr.` `N.C.` `H.`: a short capitalized word or initials before the period at `dot`. */
function isAbbreviationBefore(text: string, dot: number): boolean {
  let k = dot;
  while (k > 0 && dot - k < 6 && /[\p{L}.]/u.test(text[k - 1]!)) k--;
  const word = text.slice(k, dot);
  return /^\p{Lu}[\p{Ll}]{0,3}$|^(?:\p{Lu}\.)*\p{Lu}$/u.test(word);
}

/** True when `region` lies in the attribution clause right after `draft` (a title named in it). */
function inAttribution(view: TokenView, draft: Draft, region: QuotedRegion): boolean {
  return draft.attribution !== null && isAttributionGap(view.text, draft.end, region.start);
}

/**
 * `“…,” Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said at …`: a quote
 * opening its paragraph whose attribution follows after a long apposition. The cue is the first one in
 * the rest of the sentence; the speaker is the phrase right after the quote, else the cue's subject.
 */
function attributionLater(view: TokenView, next: number, cueAt: CueMap): Attribution | null {
  const paragraph = view.paragraph[next - 1];
  if (view.paragraph[next] !== paragraph) return null;
  // Only a quote ending in `,` `?` `!` or `—` inside its marks expects an attribution after it.
  const inner = lastInnerWord(view, next);
  if (!/^[,?!—–-]$/.test(inner)) return null;
  for (let k = next; k < view.tokens.length && k - next < 50; k++) {
    if (view.paragraph[k] !== paragraph || isSentenceBreak(view, k)) return null;
    // A nickname or title in quotes inside the attribution (`Marcia "Cia" Price`) is passed over.
    if (view.region[k] !== -1 && view.region[k + 4] === view.region[k]) return null;
    const cue = cueAt.get(k);
    if (!cue || cue.lemma === 'according to') continue;
    const first = view.words[next] === ',' ? next + 1 : next;
    const speaker = nounPhraseAfter(view, first) ?? nounPhraseBefore(view, k);
    return { speaker, cue: { from: k, to: k + cue.length }, end: clauseEnd(view, k + cue.length - 1) };
  }
  return null;
}

/**
 * The last word inside a quotation that ends before token `next`: before its closing mark, which may be
 * two tokens (`''`, as some newspapers write it).
 */
function lastInnerWord(view: TokenView, next: number): string {
  let k = next - 1;
  while (k > 0 && isQuoteMark(view.words[k]!) && view.tokens[k - 1]!.end === view.tokens[k]!.start) k--;
  return k < next - 1 ? view.words[k]! : (view.words[next - 2] ?? '');
}

/** A `.` `!` `?` token that ends a sentence: not the period of an initial or abbreviation (`N.C.`). */
function isSentenceBreak(view: TokenView, k: number): boolean {
  if (!SENTENCE_END.has(view.words[k]!)) return false;
  const before = view.tokens[k - 1]?.text ?? '';
  return !(view.words[k] === '.' && /^\p{Lu}[\p{Ll}]{0,3}$|^(?:\p{Lu}\.)*\p{Lu}$/u.test(before));
}

/** True when the word `that` opens a clause between a cue and a quote. */
function hasThatAfter(view: TokenView, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (view.words[k] === 'that') return true;
  return false;
}

/** True when a (direct-speech) cue ends right before token `at`, or before a comma there. */
function cueEndsAt(view: TokenView, cueAt: CueMap, at: number): boolean {
  const end = view.words[at - 1] === ',' ? at - 1 : at;
  for (let k = end - 1; k >= 0 && k >= end - 3; k--) {
    const cue = cueAt.get(k);
    if (cue) return k + cue.length === end && cue.lemma !== 'according to';
  }
  return false;
}

/** Only a `.` `,` or `:` (or nothing) between an attribution clause and the next quote. */
function isJoinGap(view: TokenView, from: number, to: number): boolean {
  return from === to || (from + 1 === to && /^[.,:]$/.test(view.words[from]!));
}

function countWords(view: TokenView, range: Range): number {
  let words = 0;
  for (let k = range.from; k < range.to; k++) if (hasLetterOrDigit(view.words[k]!)) words++;
  return words;
}

/** `/[\p{L}\p{N}]/u.test(word)`, with ASCII letters and digits decided without the regex. */
function hasLetterOrDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 128) return /[\p{L}\p{N}]/u.test(word);
    const lower = code | 32;
    if ((lower >= 97 && lower <= 122) || (code >= 48 && code <= 57)) return true;
  }
  return false;
}

/** Tokens before a quote in its clause: back to the sentence end, a quote, or the paragraph start. */
function leftContext(view: TokenView, from: number): Range {
  let paragraph = view.paragraph[from] ?? -1;
  let i = from - 1;
  // "He said:" closing the paragraph before a quote paragraph introduces it.
  if (i >= 0 && view.paragraph[i] !== paragraph && view.words[i] === ':' && view.region[i] === -1) paragraph = view.paragraph[i]!;
  const to = i + 1;
  while (i >= 0 && to - i <= 60 && view.paragraph[i] === paragraph && view.region[i] === -1 && !SENTENCE_END.has(view.words[i]!)) i--;
  return { from: i + 1, to };
}

/** True when a quote closes its sentence: nothing, end punctuation or another quote follows. */
function endsSentence(view: TokenView, next: number, region: QuotedRegion): boolean {
  const paragraph = view.paragraph[next - 1];
  if (next >= view.tokens.length || view.paragraph[next] !== paragraph) return true;
  const word = view.words[next]!;
  if (SENTENCE_END.has(word) || view.region[next] !== -1) return true;
  // “…?” followed by a new sentence: the last character inside the marks ends the sentence.
  const inner = region.end - 2 >= region.start ? lastInnerWord(view, next) : '';
  return SENTENCE_END.has(inner) && /^\p{Lu}/u.test(view.tokens[next]!.text);
}

/** `, Park said` / `, said Park` / `Park told reporters` right after a closing mark. */
function attributionAfter(view: TokenView, next: number, cueAt: CueMap): Attribution | null {
  const paragraph = view.paragraph[next - 1];
  let i = next;
  if (view.paragraph[i] !== paragraph) return null;
  if (CLAUSE_BREAK.has(view.words[i] ?? '')) i++;
  if (DASHES.has(view.words[i - 1] ?? '') && i - 1 >= next) {
    // “…” ― Sonya Herridge: a name alone on the rest of the line after a dash.
    const speaker = nounPhraseAfter(view, i);
    const tail = speaker ? speaker.to + (view.words[speaker.to] === '.' ? 1 : 0) : -1;
    if (speaker && (tail >= view.tokens.length || view.paragraph[tail] !== paragraph)) {
      return { speaker, cue: { from: i - 1, to: i }, end: tail - 1 };
    }
  }
  const cue = cueAt.get(i);
  if (cue && cue.lemma !== 'according to') {
    const speaker = nounPhraseAfter(view, i + cue.length);
    return { speaker, cue: { from: i, to: i + cue.length }, end: clauseEnd(view, (speaker?.to ?? i + cue.length) - 1) };
  }
  const speaker = nounPhraseAfter(view, i);
  if (!speaker) return null;
  let k = speaker.to;
  // "Park, the minister, said": skip one apposition.
  if (view.words[k] === ',') {
    const apposition = nounPhraseAfter(view, k + 1);
    if (apposition && view.words[apposition.to] === ',') k = apposition.to + 1;
  }
  for (let skipped = 0; skipped < 3 && !cueAt.has(k) && /ADV|AUX|PART/.test(view.tokens[k]?.pos ?? ''); skipped++) k++;
  const verb = cueAt.get(k);
  if (!verb || verb.lemma === 'according to' || view.paragraph[k] !== paragraph) return null;
  const end = clauseEnd(view, k + verb.length - 1);
  // `“It is not true.” He said the bill …`: after a quote that ends its sentence, a cue with content
  // of its own opens the next statement; it does not attribute this one.
  if (SENTENCE_END.has(lastInnerWord(view, next)) && hasOwnContent(view, k + verb.length, end + 1, verb.lemma)) return null;
  return { speaker, cue: { from: k, to: k + verb.length }, end };
}

/**
 * True when the tokens after a cue are content of its own ("the team was ready", "reporters that
 * …", "a long list of …"), not a tail ("on Monday", "Monday in a statement posted online", "the crowd
 * at a rally in Ohio"): after the listener of "tell" and the like, they open with "that" or a subject
 * (not a time word), and hold a verb or more than six tokens.
 */
function hasOwnContent(view: TokenView, from: number, end: number, lemma: string): boolean {
  let k = from;
  if (LISTENER_VERBS.has(lemma.split(' ')[0]!)) k = nounPhraseAfter(view, k)?.to ?? k;
  const pos = k < end ? view.tokens[k]!.pos : '';
  if (k >= end || !(view.words[k] === 'that' || pos === 'PRON' || NP_POS.has(pos)) || opensWithTime(view, k)) return false;
  if (end - k > 6) return true;
  for (let i = k; i < end; i++) if (view.tokens[i]!.pos === 'VERB' || view.tokens[i]!.pos === 'AUX') return true;
  return false;
}

/** "Monday in a statement …", "last week at …": a time word not followed by a verb ("this was …" is a clause). */
function opensWithTime(view: TokenView, k: number): boolean {
  return isTimePhrase(view, k, k + 1) && !/VERB|AUX/.test(view.tokens[k + 1]?.pos ?? '');
}

/** The last token of an attribution clause: up to the sentence end, a comma before a quote, or a quote. */
function clauseEnd(view: TokenView, last: number): number {
  const paragraph = view.paragraph[last];
  let i = last;
  while (
    i + 1 < view.tokens.length &&
    i - last < 40 &&
    view.paragraph[i + 1] === paragraph &&
    view.region[i + 1] === -1 &&
    !SENTENCE_END.has(view.words[i + 1]!) &&
    !(view.words[i + 1] === ',' && view.region[i + 2] !== -1 && view.region[i + 2] !== undefined)
  ) {
    i++;
  }
  return i;
}

/** `Park said,` / `Park added during a press conference …:` before an opening mark. */
function attributionIn(view: TokenView, left: Range, cueAt: CueMap): Attribution | null {
  for (let k = left.to - 1; k >= left.from; k--) {
    const cue = cueAt.get(k);
    if (!cue) continue;
    if (cue.lemma === 'according to') {
      const speaker = nounPhraseAfter(view, k + cue.length);
      return { speaker, cue: { from: k, to: k + cue.length }, end: left.to - 1 };
    }
    const speaker =
      nounPhraseBefore(view, k) ??
      (view.words[k - 1] === ',' ? subjectBeforeComma(view, left.from, k - 1) : null) ??
      nounPhraseAfter(view, k + cue.length) ??
      earlierSubject(view, left.from, k, cueAt);
    return { speaker, cue: { from: k, to: k + cue.length }, end: left.to - 1 };
  }
  return null;
}

/**
 * `Levine, who backs Rubio, said` / `In a statement, her adviser, Jake Sullivan, said`: the subject is
 * the first noun phrase of the clause that a comma closes, skipping an opening phrase ending in a comma.
 */
function subjectBeforeComma(view: TokenView, from: number, comma: number): Range | null {
  for (let start = from; start < comma; start++) {
    if (start > from && view.words[start - 1] !== ',') continue;
    const phrase = nounPhraseAfter(view, start);
    if (phrase && phrase.to <= comma && view.words[phrase.to] === ',') return phrase;
  }
  return null;
}

/** `he said, adding, “…”`: a participle cue takes the subject of the cue before it in the clause. */
function earlierSubject(view: TokenView, from: number, cue: number, cueAt: CueMap): Range | null {
  if (!view.words[cue]!.endsWith('ing') && view.words[cue - 1] !== 'and') return null;
  for (let k = cue - 1; k >= from; k--) {
    const earlier = cueAt.get(k);
    if (!earlier || earlier.lemma === 'according to') continue;
    return nounPhraseBefore(view, k) ?? nounPhraseAfter(view, k + earlier.length);
  }
  // `He thanked the crowd and added, “…”`: the subject of the sentence.
  return sentenceSubject(view, cue, from);
}

/** The token indexes of the cues in ascending order (findCues adds them in that order: then no sort). */
function ascendingKeys(cueAt: CueMap): number[] {
  const keys = Array.from(cueAt.keys());
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return keys.sort((a, b) => a - b);
  return keys;
}


/** Mixed and indirect quotes: a cue with a subject and a clause, or `…, officials said.` */
function findIndirect(
  view: TokenView,
  sentences: readonly Sentence[],
  regions: readonly QuotedRegion[],
  embedded: readonly number[],
  cueAt: CueMap,
  usedCue: ReadonlySet<number>,
  drafts: Draft[],
): void {
  const isEmbedded: ReadonlySet<number> = embedded.length === 0 ? NO_REGIONS : new Set(embedded);
  // One array for every sentence's cues (emptied per sentence; most sentences have none).
  const cues: number[] = [];
  // The sentence's cue tokens found among the cues' indexes (a few per document), not by a look-up per token.
  const cueTokens = ascendingKeys(cueAt);
  for (const sentence of sentences) {
    cues.length = 0;
    for (let j = firstAtOrAfter(cueTokens, sentence.tokenStart); j < cueTokens.length && cueTokens[j]! < sentence.tokenEnd; j++) {
      const k = cueTokens[j]!;
      if (!usedCue.has(k) && !DIRECT_ONLY.has(cueAt.get(k)!.lemma)) cues.push(k);
    }
    if (cues.length === 0) continue;
    let end = sentence.tokenEnd;
    while (end > sentence.tokenStart && SENTENCE_END.has(view.words[end - 1]!) && view.region[end - 1] === -1) end--;
    let floor = sentence.tokenStart;
    let nestedUntil = -1;
    for (let c = 0; c < cues.length; c++) {
      const k = cues[c]!;
      if (k < nestedUntil) continue;
      const cue = cueAt.get(k)!;
      const cueRange = { from: k, to: k + cue.length };
      const found = cue.lemma === 'according to'
        ? accordingTo(view, cueRange, floor, end)
        : reported(view, cueRange, cue.lemma, floor, coordinatedClauseStart(view, cues[c + 1], cueRange.to, end), sentence.tokenStart);
      if (!found) continue;
      const { content, speaker } = found;
      if (content.to - content.from < 2) continue;
      // "speaks at a press conference": a content opening with a preposition is a circumstance, not speech.
      if (CIRCUMSTANCE_CUES.has(cue.lemma) && view.tokens[content.from]!.pos === 'ADP' && view.words[content.from] !== 'that') continue;
      // A content that is nothing but a direct quote is already reported.
      const onlyRegion = view.region[content.from];
      if (onlyRegion !== undefined && onlyRegion !== -1 && view.region[content.to - 1] === onlyRegion && !isEmbedded.has(onlyRegion)) continue;
      if (!directFree(view, content, isEmbedded)) continue;
      const kind: QuoteKind = hasRegion(view, content) ? 'mixed' : 'indirect';
      drafts.push({
        start: view.tokens[content.from]!.start,
        end: view.tokens[content.to - 1]!.end,
        kind,
        attribution: { speaker, cue: cueRange, end: content.to - 1 },
        paragraph: view.paragraph[content.from] ?? 0,
        firstToken: content.from,
        words: content.to - content.from,
        confidence: kind === 'mixed' ? 0.7 : 0.6,
      });
      floor = Math.max(floor, content.to, cueRange.to);
      // "X says a review shows …": a cue inside the content is part of what was said, not a new quote.
      if (content.from >= cueRange.to) nestedUntil = content.to;
    }
  }
  void regions;
}

/** True when a content range holds no direct quote (those are reported on their own). */
function directFree(view: TokenView, content: Range, isEmbedded: ReadonlySet<number>): boolean {
  for (let k = content.from; k < content.to; k++) {
    const r = view.region[k]!;
    if (r !== -1 && !isEmbedded.has(r)) return false;
  }
  return true;
}

function hasRegion(view: TokenView, content: Range): boolean {
  for (let k = content.from; k < content.to; k++) if (view.region[k] !== -1) return true;
  return false;
}

/**
 * Where the content of a cue ends because a later cue opens a clause of its own: `Carter said the
 * meeting went well, and Tanaka agreed` (a comma or conjunction before the later subject). A later cue
 * with no such join is part of the content (`X says a review shows …`): the content runs to `end`.
 */
function coordinatedClauseStart(view: TokenView, cue: number | undefined, floor: number, end: number): number {
  if (cue === undefined) return end;
  const subject = nounPhraseBefore(view, cue);
  let start = subject ? subject.from : cue;
  // "… and has said that …": a cue of the same subject, after its adverbs and auxiliaries.
  if (!subject) while (start > floor && /ADV|AUX|PART/.test(view.tokens[start - 1]!.pos)) start--;
  const clause = start;
  let joined = false;
  while (start > floor && /^(,|and|but|though|although|while|;)$/.test(view.words[start - 1]!)) {
    if (view.words[start - 1] !== ',') joined = true;
    start--;
  }
  return joined ? Math.min(start, end) : end;
}

/**
 * "according to exit polls" (`exit/VERB polls/NOUN`): only a noun phrase follows "according to", so a
 * word the tagger called a verb opens one when a noun phrase follows it.
 */
function mistaggedCompound(view: TokenView, start: number): Range | null {
  if (view.tokens[start]?.pos !== 'VERB') return null;
  const rest = nounPhraseAfter(view, start + 1);
  return rest && rest.from === start + 1 && view.tokens[start + 1]!.pos === 'NOUN' ? { from: start, to: rest.to } : null;
}

/** `According to the ministry, …` and `…, according to officials.` */
function accordingTo(view: TokenView, cue: Range, floor: number, end: number): { content: Range; speaker: Range | null } | null {
  const speaker = nounPhraseAfter(view, cue.to) ?? mistaggedCompound(view, cue.to);
  if (!speaker) return null;
  if (cue.from <= floor + 1) {
    let from = speaker.to;
    if (view.words[from] === ',') from++;
    return { content: { from, to: end }, speaker };
  }
  if (view.words[cue.from - 1] === ',') return { content: { from: floor, to: cue.from - 1 }, speaker };
  return null;
}

/**
 * True when the "that" at `k` is a relative pronoun after the content's own subject ("said the
 * demands that come with the job …"): a verb follows it, but not a gerund, which opens the clause
 * the content is ("said Friday that raising taxes …", "said in an interview that cutting …").
 */
function isRelativeThat(view: TokenView, k: number): boolean {
  const next = view.tokens[k + 1];
  return next !== undefined && (next.pos === 'AUX' || (next.pos === 'VERB' && !view.words[k + 1]!.endsWith('ing')));
}

/**
 * `Park said (that) …`, `…, Park said.`, `…, said Park.`
 * @param floor where the content may start (after the sentence's earlier quotes)
 * @param sentenceStart the sentence's first token, where a coordinated cue finds its subject
 */
function reported(view: TokenView, cue: Range, lemma: string, floor: number, end: number, sentenceStart: number): { content: Range; speaker: Range | null } | null {
  // "tweets criticizing X": a participle right after a noun modifies it; only "is saying" has a subject.
  let before = cue.from - 1;
  while (before > floor && view.tokens[before]!.pos === 'ADV') before--;
  const participle = view.words[cue.from]!.endsWith('ing') && view.tokens[before]?.pos !== 'AUX';
  const subject = participle ? sentenceSubject(view, cue.from, floor) : nounPhraseBefore(view, cue.from);
  // Inverted or trailing attribution: the content is the clause before the comma.
  const comma = subject ? subject.from - 1 : cue.from - 1;
  if (comma > floor && view.words[comma] === ',' && subject !== null) {
    if (isTrailing(view, cue.to, end)) return { content: { from: floor, to: comma }, speaker: subject };
  }
  // `Its job is “really a mix of things,” she said.`: the comma sits inside the closing mark (of one
  // token, or two: '').
  if (subject !== null && comma - 1 > floor && view.region[comma] !== -1 && lastInnerWord(view, comma + 1) === ',') {
    if (isTrailing(view, cue.to, end)) return { content: { from: floor, to: comma + 1 }, speaker: subject };
  }
  // `…, said Park.` and `… “…,” said Park.` (the comma inside the closing mark, which the content keeps).
  const contentEnd = view.words[cue.from - 1] === ',' ? cue.from - 1 : isQuoteMark(view.words[cue.from - 1] ?? '') && lastInnerWord(view, cue.from) === ',' ? cue.from : -1;
  if (!subject && contentEnd > floor + 1) {
    const speaker = nounPhraseAfter(view, cue.to);
    // Not "…, said the claims were false": a phrase before an auxiliary is the content's subject.
    if (speaker && (isTrailing(view, speaker.to, end) || isAppositionTail(view, speaker.to, end)) && view.tokens[speaker.to]?.pos !== 'AUX') {
      return { content: { from: floor, to: contentEnd }, speaker };
    }
  }
  const speaker = subject ?? appositiveSubject(view, cue.from, floor) ?? participleSubject(view, cue.from, floor) ?? coordinatedSubject(view, cue.from, floor, sentenceStart);
  if (!speaker) return null;
  let from = cue.to;
  if (LISTENER_VERBS.has(lemma.split(' ')[0]!)) {
    const listener = nounPhraseAfter(view, from);
    if (listener && view.words[listener.to] !== 'that' && view.tokens[listener.to]?.pos !== 'VERB') {
      if (listener.to < end) from = listener.to;
    } else if (listener) from = listener.to;
  }
  // "said Friday that …": the content starts at "that"; not at a relative "that" after the content's
  // own subject ("said the demands that come with the job …").
  for (let k = from; k < Math.min(end, from + 5); k++) {
    if (view.words[k] === 'that' && (k === from || !isRelativeThat(view, k))) {
      from = k;
      break;
    }
    if (CLAUSE_BREAK.has(view.words[k]!) || view.tokens[k]!.pos === 'VERB') break;
  }
  while (from < end && CLAUSE_BREAK.has(view.words[from]!)) from++;
  if (from >= end) return null;
  return { content: { from, to: end }, speaker };
}

/**
 * "Rep. Meeks (D-N.Y.), chairman of the caucus, said …": the subject sits before an apposition that
 * ends in a comma right before the verb. Returns the name up to that comma.
 */
function appositiveSubject(view: TokenView, cue: number, floor: number): Range | null {
  if (view.words[cue - 1] !== ',') return null;
  const paragraph = view.paragraph[cue];
  for (let k = cue - 2; k > floor && cue - k < 30; k--) {
    if (view.region[k] !== -1 || view.paragraph[k] !== paragraph || SENTENCE_END.has(view.words[k]!)) return null;
    if (view.words[k] !== ',') continue;
    const name = nounPhraseBefore(view, k);
    // Only a sentence-initial name: otherwise the comma likely closes a fronted clause. The name may
    // also be the apposition itself ("Trump's attorney, Alan Garten, said").
    if (name && name.from <= floor + 1 && (/PROPN/.test(view.tokens[name.to - 1]!.pos) || isProperName(view, k + 1, cue - 1))) return { from: name.from, to: cue - 1 };
  }
  return null;
}

/** True when tokens `[from, to)` are one to four proper nouns ("Alan Garten"). */
function isProperName(view: TokenView, from: number, to: number): boolean {
  if (to <= from || to - from > 4) return false;
  for (let k = from; k < to; k++) if (view.tokens[k]!.pos !== 'PROPN') return false;
  return true;
}

/** "Rubio thanked Miami and said it was great to be home": a cue after "and" or "but" takes the subject of its sentence. */
function coordinatedSubject(view: TokenView, cue: number, floor: number, sentenceStart: number): Range | null {
  let before = cue - 1;
  while (before > floor && /ADV|AUX|PART/.test(view.tokens[before]!.pos)) before--;
  const word = view.words[before];
  return word === 'and' || word === 'but' ? sentenceSubject(view, cue, sentenceStart) : null;
}

/** "…, saying that …": a participle cue takes the subject of its sentence. */
function participleSubject(view: TokenView, cue: number, floor: number): Range | null {
  if (!view.words[cue]!.endsWith('ing') || view.words[cue - 1] !== ',') return null;
  return sentenceSubject(view, cue, floor);
}

/** The noun phrase opening a sentence, when a verb follows it. */
function sentenceSubject(view: TokenView, cue: number, floor: number): Range | null {
  const subject = nounPhraseAfter(view, floor);
  if (!subject || subject.to >= cue) return null;
  const next = view.tokens[subject.to];
  // "Republicans, who hold the majority, have blocked …, saying": an apposition or relative clause may follow.
  return next && (/VERB|AUX|ADV/.test(next.pos) || (next.text === ',' && view.words[cue - 1] === ',')) ? subject : null;
}

/**
 * `…, said Jeff Smith, a professor at The New School.`: an apposition describing the speaker, to the end
 * of the sentence: a comma, then a noun phrase or a relative clause ("who …").
 */
function isAppositionTail(view: TokenView, from: number, end: number): boolean {
  if (view.words[from] !== ',' || from + 1 >= end || end - from > 40) return false;
  const next = view.tokens[from + 1]!;
  return NP_POS.has(next.pos) || view.words[from + 1] === 'who';
}

/** After a trailing attribution only a short tail may follow ("on Monday", "in a statement"). */
function isTrailing(view: TokenView, from: number, end: number): boolean {
  if (end - from > 6) return false;
  for (let k = from; k < end; k++) if (view.tokens[k]!.pos === 'VERB' || view.words[k] === 'that') return false;
  return true;
}

/** Turn drafts into quotes: spans for content, cue and speaker, and the named mention meant. */
function resolveSpeakers(text: string, view: TokenView, drafts: readonly Draft[], mentions: readonly Mention[], settings: QuoteSettings): Quote[] {
  const quotes: Quote[] = [];
  let lastNamed: { mention: Mention; paragraph: number } | null = null;
  let last: { speaker: Span | null; mention: Span | null; paragraph: number } | null = null;
  // Built on first need (a speaker pronoun, label or nominal): many documents have none.
  let persons: Mention[] | null = null;
  let organizations: Mention[] | null = null;
  for (const draft of drafts) {
    const attribution = draft.attribution;
    const cue = attribution ? rangeSpan(text, view, attribution.cue) : null;
    let speaker: Span | null = null;
    let speakerMention: Span | null = null;
    if (attribution?.speaker) {
      const range = attribution.speaker;
      const phrase = rangeSpan(text, view, range);
      const named = nameIn(view, range, mentions);
      const firstWord = view.words[range.from]!;
      if (range.to - range.from === 1 && isSpeakerPronoun(firstWord)) {
        speaker = phrase;
        persons ??= mentions.filter((m) => m.type === 'PERSON');
        organizations ??= mentions.filter((m) => m.type === 'ORGANIZATION');
        speakerMention = resolvePronoun(firstWord, phrase.start, draft.paragraph, lastNamed, persons, organizations, settings);
      } else if (named && named.end === phrase.end) {
        speakerMention = stripMention(named);
        // "Foreign Minister Park Jin": the speaker is the name; a lower-case head keeps the whole phrase.
        speaker = onlyTitlesBefore(view, range, named.start) ? speakerMention : phrase;
        if (named.type === 'PERSON') lastNamed = { mention: named, paragraph: draft.paragraph };
      } else {
        speaker = phrase;
        persons ??= mentions.filter((m) => m.type === 'PERSON');
        organizations ??= mentions.filter((m) => m.type === 'ORGANIZATION');
        speakerMention = isCapitals(phrase.text)
          ? resolveLabel(phrase.text, phrase.start, persons)
          : resolveNominal(view, range, phrase.start, persons, organizations);
      }
    } else if (!attribution && last && draft.paragraph - last.paragraph <= settings.speakerLookback) {
      // A short quote line among quotes is more often a title or a slogan than more of the same speech.
      if (draft.words < settings.minFloatingWords) continue;
      // A floating quote paragraph keeps the speaker of the quote before it.
      speaker = last.speaker;
      speakerMention = last.mention;
    }
    // A literal with the span's keys first (as `Object.assign(span, { kind, … })` gave): all
    // properties in the object, no side array and no object for the extra keys.
    const span = makeSpan(text, draft.start, draft.end);
    quotes.push({
      start: span.start,
      end: span.end,
      text: span.text,
      kind: draft.kind,
      cue,
      speaker,
      speakerEntity: null,
      speakerMention,
      confidence: draft.confidence,
    });
    if (speaker) last = { speaker, mention: speakerMention, paragraph: draft.paragraph };
  }
  return quotes;
}

function rangeSpan(text: string, view: TokenView, range: Range): Span {
  return makeSpan(text, view.tokens[range.from]!.start, view.tokens[range.to - 1]!.end);
}

function stripMention(mention: Mention): Span {
  return { start: mention.start, end: mention.end, text: mention.text };
}

function onlyTitlesBefore(view: TokenView, range: Range, nameStart: number): boolean {
  for (let k = range.from; k < range.to && view.tokens[k]!.start < nameStart; k++) {
    if (!/^\p{Lu}/u.test(view.tokens[k]!.text)) return false;
  }
  return true;
}

/** he/she → the last named speaker nearby, else the latest person named before; they/it → an organization. */
function resolvePronoun(
  word: string,
  offset: number,
  paragraph: number,
  lastNamed: { mention: Mention; paragraph: number } | null,
  persons: readonly Mention[],
  organizations: readonly Mention[],
  settings: QuoteSettings,
): Span | null {
  if (word === 'he' || word === 'she' || word === 'i') {
    if (lastNamed && paragraph - lastNamed.paragraph <= settings.speakerLookback) return stripMention(lastNamed.mention);
    const person = latestBefore(persons, offset);
    return person ? stripMention(person) : null;
  }
  if (word === 'it' || word === 'they' || word === 'we') {
    const organization = latestBefore(organizations, offset);
    return organization && offset - organization.end < 400 ? stripMention(organization) : null;
  }
  return null;
}

/** "the ministry" → the latest organization whose name has that word; "the minister" → the latest person so titled. */
function resolveNominal(view: TokenView, range: Range, offset: number, persons: readonly Mention[], organizations: readonly Mention[]): Span | null {
  const head = view.words[range.to - 1]!;
  const determiner = view.words[range.from]!;
  if (determiner !== 'the' || range.to - range.from > 3 || head.length < 3) return null;
  const headPattern = new RegExp(`\\b${head.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
  for (let k = latestIndexBefore(organizations, offset), n = 0; k >= 0 && n < 50; k--, n++) {
    if (headPattern.test(organizations[k]!.text)) return stripMention(organizations[k]!);
  }
  // "the minister" → the latest person introduced with that title: "Foreign Minister Park Jin", "Park, the minister".
  const escaped = head.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const titled = new RegExp(`\\b(?:${escaped}|${escaped[0]!.toUpperCase()}${escaped.slice(1)})\\s+(?:\\p{Lu}[\\p{L}.'’-]*\\s+)*$`, 'u');
  const apposed = new RegExp(`^,\\s+(?:the|a|an)\\s+[^,.;]*\\b${escaped}\\b`, 'i');
  for (let k = latestIndexBefore(persons, offset), n = 0; k >= 0 && n < 50; k--, n++) {
    const person = persons[k]!;
    const before = view.text.slice(Math.max(0, person.start - TITLE_WINDOW), person.start);
    const after = view.text.slice(person.end, Math.min(person.end + TITLE_WINDOW, offset));
    if (titled.test(before) || apposed.test(after)) return stripMention(person);
  }
  return null;
}

/** How far around a person's name a title ("Foreign Minister", ", the senator from Ohio") is looked for. */
const TITLE_WINDOW = 40;

/** True for a transcript label in capitals (`WALLACE`, `SEN. DOE`). */
function isCapitals(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}

/** `TAPPER` → the person whose name ends in that word: the latest one named before, else the first after. */
function resolveLabel(label: string, offset: number, persons: readonly Mention[]): Span | null {
  const surname = label.split(/\s+/).pop()!.toLowerCase();
  const matches = (m: Mention) => m.text.toLowerCase().split(/\s+/).pop() === surname && !isCapitals(m.text);
  // Bounded look-ups keep a long transcript linear.
  for (let k = latestIndexBefore(persons, offset), n = 0; k >= 0 && n < 200; k--, n++) if (matches(persons[k]!)) return stripMention(persons[k]!);
  for (let k = latestIndexBefore(persons, offset) + 1, n = 0; k < persons.length && n < 200; k++, n++) if (matches(persons[k]!)) return stripMention(persons[k]!);
  return null;
}

/** The last index of `mentions` whose mention ends at or before `offset` (-1 if none). */
function latestIndexBefore(mentions: readonly Mention[], offset: number): number {
  return firstEndingAfter(mentions, offset) - 1;
}

function latestBefore(mentions: readonly Mention[], offset: number): Mention | null {
  const k = latestIndexBefore(mentions, offset);
  return k >= 0 ? mentions[k]! : null;
}

