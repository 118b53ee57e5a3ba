/**
 * The BILOU tag set of the name tagger: O, then B-, I-, L-, U- for each entity type.
 * Tag ids are small integers so scores fit in a flat array.
 */
import type { MentionType } from '../model/document.js';

/** Entity types the tagger predicts, in tag-id order. */
export const ENTITY_TYPES: readonly MentionType[] = ['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC'];
/** Number of tags: O plus four per type. */
export const TAG_COUNT = 1 + 4 * ENTITY_TYPES.length;
/** The outside tag. */
export const OUTSIDE = 0;

/** Position of a token in a mention: Begin, Inside, Last, Unit (a one-token mention). */
export type TagPosition = 'B' | 'I' | 'L' | 'U';
const POSITIONS: readonly TagPosition[] = ['B', 'I', 'L', 'U'];

/** The tag id for a type index (into ENTITY_TYPES) and a position. */
export function tagId(typeIndex: number, position: TagPosition): number {
  return 1 + 4 * typeIndex + POSITIONS.indexOf(position);
}

/** Type index of a tag (−1 for O). */
export function tagType(tag: number): number {
  return tag === OUTSIDE ? -1 : (tag - 1) >> 2;
}

/** Position of a tag; undefined for O. */
export function tagPosition(tag: number): TagPosition | undefined {
  return tag === OUTSIDE ? undefined : POSITIONS[(tag - 1) & 3];
}

/** True when a mention is open after this tag (B or I), so the next tag must continue it. */
export function isOpen(tag: number): boolean {
  const position = tagPosition(tag);
  return position === 'B' || position === 'I';
}

/**
 * May `tag` follow `previous`? BILOU: after B/I of a type only I/L of that type; otherwise O, B or U.
 * On the last token of a sentence a mention must close, so B and I are refused there.
 */
export function isAllowed(previous: number, tag: number, isLast: boolean): boolean {
  const position = tagPosition(tag);
  if (isOpen(previous)) {
    if (tagType(tag) !== tagType(previous)) return false;
    return position === 'L' || (position === 'I' && !isLast);
  }
  if (tag === OUTSIDE || position === 'U') return true;
  return position === 'B' && !isLast;
}

/** Human-readable tag, e.g. `B-PERSON`, for debugging. */
export function tagName(tag: number): string {
  return tag === OUTSIDE ? 'O' : `${tagPosition(tag)}-${ENTITY_TYPES[tagType(tag)]}`;
}

/** A run of tokens `[first, last]` (inclusive) with a type index. */
export interface TokenRun {
  readonly first: number;
  readonly last: number;
  readonly type: number;
}

/**
 * BILOU tags for gold spans over tokens. A span covers every token it overlaps; overlapping spans
 * after the first are skipped.
 * @param tokens token offsets
 * @param spans character spans with a type index
 */
export function encodeTags(
  tokens: readonly { start: number; end: number }[],
  spans: readonly { start: number; end: number; type: number }[],
): Uint8Array {
  const tags = new Uint8Array(tokens.length);
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let t = 0;
  for (const span of sorted) {
    while (t < tokens.length && tokens[t]!.end <= span.start) t++;
    let last = t;
    while (last < tokens.length && tokens[last]!.start < span.end) last++;
    last--;
    if (last < t || tags.subarray(t, last + 1).some((tag) => tag !== OUTSIDE)) continue;
    if (last === t) tags[t] = tagId(span.type, 'U');
    else {
      tags[t] = tagId(span.type, 'B');
      for (let k = t + 1; k < last; k++) tags[k] = tagId(span.type, 'I');
      tags[last] = tagId(span.type, 'L');
    }
  }
  return tags;
}

/** Read mentions back from BILOU tags (tolerant of ill-formed sequences: a B without L ends at the last I). */
export function decodeTags(tags: Uint8Array): TokenRun[] {
  const runs: TokenRun[] = [];
  let open = -1;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    // Most tokens are O outside a name: nothing to close, open or push.
    if (tag === OUTSIDE && open < 0) continue;
    const position = tagPosition(tag);
    if (open >= 0 && (position === undefined || position === 'B' || position === 'U' || tagType(tag) !== tagType(tags[open]!))) {
      runs.push({ first: open, last: i - 1, type: tagType(tags[open]!) });
      open = -1;
    }
    if (position === 'U') runs.push({ first: i, last: i, type: tagType(tag) });
    else if (position === 'B') open = i;
    else if ((position === 'I' || position === 'L') && open < 0) open = i;
    if (position === 'L' && open >= 0) {
      runs.push({ first: open, last: i, type: tagType(tag) });
      open = -1;
    }
  }
  if (open >= 0) runs.push({ first: open, last: tags.length - 1, type: tagType(tags[open]!) });
  return runs;
}
