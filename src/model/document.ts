/**
 * The one document object that flows through every stage.
 * It keeps the original text unchanged and collects layers and messages.
 * This file imports nothing but the other model files.
 */
import type { Message } from './message.js';
import type { Span } from './span.js';

/** A token, with its part of speech from the segmenter. */
export interface Token extends Span {
  /** Universal POS tag (wink-nlp), e.g. `PROPN`, `VERB`. */
  readonly pos: string;
  /** Index of the sentence this token is in. */
  readonly sentence: number;
}

/** A sentence: a span plus the range of its tokens `[tokenStart, tokenEnd)`. */
export interface Sentence extends Span {
  readonly tokenStart: number;
  readonly tokenEnd: number;
  /** Index of the paragraph this sentence is in. */
  readonly paragraph: number;
}

/** Kinds of named things byline recognizes. MISC is produced for evaluation against CoNLL only. */
export type MentionType = 'PERSON' | 'ORGANIZATION' | 'LOCATION' | 'MISC';
/** NAM: a name; NOM: a common-noun phrase ("the minister"); PRO: a pronoun ("he"). */
export type MentionForm = 'NAM' | 'NOM' | 'PRO';

/** A mention of a person, organization or place. */
export interface Mention extends Span {
  readonly type: MentionType;
  readonly form: MentionForm;
  /** Canonical entity id (corpus-wide), or null before linking. */
  readonly entity: string | null;
  /** A role or title written next to a person's name ("Foreign Minister", "Secretary of State"). */
  readonly role?: Span;
}

/** TIMEX3 types. */
export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

/** A time expression with its TIMEX3 value. */
export interface DateMention extends Span {
  readonly type: TimexType;
  /** TIMEX3 value (`2022-06-13`, `2016`, `P1M`, `PRESENT_REF`…) or null when it cannot be resolved. */
  readonly value: string | null;
  /** The ISO days the value covers, for filtering by period; null for durations, sets and refs. */
  readonly range: { start: string; end: string } | null;
}

/** direct: all inside quotation marks; mixed: part of it is; indirect: none. */
export type QuoteKind = 'direct' | 'mixed' | 'indirect';

/** One reported-speech event. `start`/`end` cover the content. */
export interface Quote extends Span {
  readonly kind: QuoteKind;
  readonly cue: Span | null;
  /** The speaker as written, possibly a pronoun. */
  readonly speaker: Span | null;
  readonly speakerEntity: string | null;
  /**
   * The named mention the speaker refers to: the speaker itself when it is a name, or the antecedent
   * when the speaker is a pronoun ("he") or a nominal ("the minister"). link-entities reads it.
   */
  readonly speakerMention?: Span | null;
  readonly confidence: number;
}

/** An entity a document refers to. Ids are corpus-wide. */
export interface DocumentEntity {
  readonly id: string;
  readonly name: string;
  readonly type: MentionType;
  readonly aliases: readonly string[];
  readonly kb?: string;
  /** Other identifiers of the knowledge-base entry (e.g. its Wikipedia URL for a Wikidata id). */
  readonly sameAs?: readonly string[];
  /** For an ambiguous short form: the entity ids it might mean. */
  readonly candidates?: readonly string[];
}

/** All layers a document can carry; each is written by exactly one stage. */
export interface Layers {
  paragraphs?: readonly Span[];
  sentences?: readonly Sentence[];
  tokens?: readonly Token[];
  mentions?: readonly Mention[];
  dates?: readonly DateMention[];
  quotes?: readonly Quote[];
  entities?: readonly DocumentEntity[];
}

/** The name of a layer. */
export type LayerName = keyof Layers;

/** One article and everything known about it. */
export interface Document {
  readonly id: string;
  /** The input path (and `#line` for JSONL). */
  readonly source: string;
  /** Publication date `YYYY-MM-DD`, or null. */
  readonly published: string | null;
  /** The original text, never rewritten. */
  readonly text: string;
  /** Offset where the article body starts: a metadata header before it is kept but never annotated. */
  readonly bodyStart: number;
  layers: Layers;
  messages: Message[];
}

/**
 * Create a document with no layers.
 * @param init id, source, text and optional metadata
 */
export function createDocument(init: {
  id: string;
  source?: string;
  text: string;
  published?: string | null;
  bodyStart?: number;
  messages?: Message[];
}): Document {
  return {
    id: init.id,
    source: init.source ?? init.id,
    published: init.published ?? null,
    text: init.text,
    bodyStart: init.bodyStart ?? 0,
    layers: {},
    messages: init.messages ? [...init.messages] : [],
  };
}
