/**
 * Hand-built gold and predicted items for the scorer tests. Offsets come from `spanOf`, so every
 * span quotes its text exactly.
 */
import type { DateMention, Mention, MentionType, Quote, TimexType } from '../../src/model/document.js';
import type { GoldMention, GoldQuote } from '../../src/evaluate/read-gold.js';
import { spanOf } from '../helpers/make-doc.js';

/** A gold mention of `needle` (its `occurrence`-th appearance). */
export function goldMention(text: string, needle: string, type: GoldMention['type'], extra: Partial<GoldMention> = {}, occurrence = 0): GoldMention {
  return { ...spanOf(text, needle, occurrence), type, ...extra };
}

/** A predicted NAM mention. */
export function predMention(text: string, needle: string, type: MentionType, extra: Partial<Mention> = {}, occurrence = 0): Mention {
  return { ...spanOf(text, needle, occurrence), type, form: 'NAM', entity: null, ...extra };
}

/** A predicted mention over explicit offsets (for off-by-one cases). */
export function predAt(text: string, start: number, end: number, type: MentionType, extra: Partial<Mention> = {}): Mention {
  return { start, end, text: text.slice(start, end), type, form: 'NAM', entity: null, ...extra };
}

/** A predicted time expression. */
export function predDate(text: string, needle: string, type: TimexType, value: string | null): DateMention {
  return { ...spanOf(text, needle), type, value, range: null };
}

/** A gold quote with optional speaker and cue. */
export function goldQuote(text: string, content: string, kind: GoldQuote['kind'], speaker?: string, cue?: string): GoldQuote {
  return {
    ...spanOf(text, content),
    kind,
    ...(speaker ? { speaker: spanOf(text, speaker) } : {}),
    ...(cue ? { cue: spanOf(text, cue) } : {}),
  };
}

/** A predicted quote. */
export function predQuote(
  text: string,
  content: string,
  kind: Quote['kind'],
  options: { speaker?: string; speakerOccurrence?: number; speakerEntity?: string; cue?: string } = {},
): Quote {
  return {
    ...spanOf(text, content),
    kind,
    speaker: options.speaker ? spanOf(text, options.speaker, options.speakerOccurrence ?? 0) : null,
    speakerEntity: options.speakerEntity ?? null,
    cue: options.cue ? spanOf(text, options.cue) : null,
    confidence: 1,
  };
}
