/**
 * What a recognized time expression means before it is resolved against the publication date.
 */
import type { TimexType } from '../model/document.js';

/** Calendar units a relative expression counts in. */
export type Unit = 'day' | 'week' | 'weekend' | 'month' | 'quarter' | 'year' | 'decade' | 'century';

/** Season codes of TIMEX3. */
export type Season = 'SP' | 'SU' | 'FA' | 'WI';

/** The meaning of one expression; `time` is a TIMEX3 time suffix such as `T10:35` or `TMO`. */
export type Spec =
  /** Fully known already: `1998`, `199`, `P2Y`, `PRESENT_REF`, `XXXX-WXX-4`. */
  | { kind: 'fixed'; value: string }
  /** A calendar date; a missing year is taken from the nearest such month. */
  | { kind: 'date'; year?: number; month: number; day?: number; endDay?: number; time?: string; shift?: 'last' | 'next' | 'this' }
  /** A holiday ("Thanksgiving"), in the nearest year unless `shift` says which. */
  | { kind: 'holiday'; name: string; shift?: 'last' | 'next' | 'this' }
  /** today (0), yesterday (-1), tomorrow (1). */
  | { kind: 'relDay'; offset: number; time?: string }
  /** A weekday (0 = Sunday); `shift` is the word before it. */
  | { kind: 'weekday'; dow: number; shift: 'last' | 'next' | 'this' | null; time?: string }
  /** this/last/next <unit>, N <units> ago; `asDay` keeps day precision ("two weeks ago"). */
  | { kind: 'relUnit'; unit: Unit; offset: number; asDay?: boolean }
  /** A quarter (or half when `half`), of an explicit year or `yearOffset` from the reference year. */
  | { kind: 'quarter'; q: number | 'latest' | 'current'; year?: number; yearOffset?: number; half?: boolean; same?: boolean }
  /** A season of an explicit year, or `offset` years from the reference. */
  | { kind: 'season'; season: Season; year?: number; offset?: number }
  /** "a year ago", "year-earlier": the last quarter talked about, a year before; else last year. */
  | { kind: 'yearAgo' }
  /** A clock time or part of day, on the reference day. */
  | { kind: 'time'; time: string };

/** A candidate expression found in the text. */
export interface Candidate {
  start: number;
  end: number;
  type: TimexType;
  spec: Spec;
  /** Higher wins among overlapping candidates of the same length. */
  priority: number;
}
