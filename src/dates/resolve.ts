/**
 * Resolution: a {@link Spec} plus the publication date and the tense around it → a TIMEX3 value.
 * Pure functions of their arguments; nothing here reads the wall clock.
 */
import {
  addDays, addMonths, daysInMonth, formatDay, formatMonth, formatWeek, isValidDay, quarterOf, weekday, type Day,
} from './calendar.js';
import type { Season, Spec } from './spec.js';

/** Whether the clause around an expression talks about the past or the future. */
export type Tense = 'past' | 'present' | 'future';

/** What resolution knows besides the expression itself. */
export interface ResolveContext {
  /** The publication date, or null when unknown. */
  readonly ref: Day | null;
  readonly tense: Tense;
  /** The last quarter the article named ("the third quarter"), for "the quarter" and "a year ago". */
  readonly lastQuarter: { year: number; q: number } | null;
}

/** True when a spec needs the publication date to be resolved. */
export function isRelative(spec: Spec): boolean {
  switch (spec.kind) {
    case 'fixed': return false;
    case 'date': return spec.year === undefined;
    case 'quarter': return spec.year === undefined;
    case 'season': return spec.year === undefined;
    default: return true;
  }
}

const SEASON_START: Record<Season, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

/**
 * Resolve a spec to a TIMEX3 value, or null when it needs a publication date that is missing.
 * @param spec what the expression means
 * @param context publication date, tense and discourse memory
 */
export function resolveSpec(spec: Spec, context: ResolveContext): string | null {
  const { ref } = context;
  switch (spec.kind) {
    case 'fixed':
      return spec.value;
    case 'date':
      return resolveDate(spec, ref, context.tense);
    case 'holiday':
      return resolveHoliday(spec, context);
    case 'time':
      return ref ? formatDay(ref) + spec.time : null;
    case 'relDay':
      return ref ? formatDay(addDays(ref, spec.offset)) + (spec.time ?? '') : null;
    case 'weekday':
      return ref ? formatDay(resolveWeekday(ref, spec.dow, spec.shift, context.tense)) + (spec.time ?? '') : null;
    case 'relUnit':
      if (!ref) return null;
      if (spec.unit === 'weekend') return resolveWeekend(ref, spec.offset, context.tense);
      return resolveUnit(ref, spec.unit, spec.offset);
    case 'quarter':
      return resolveQuarter(spec, context);
    case 'season':
      return resolveSeason(spec, context);
    case 'yearAgo':
      if (context.lastQuarter) return `${context.lastQuarter.year - 1}-Q${context.lastQuarter.q}`;
      return ref ? String(ref.year - 1) : null;
  }
}

function resolveDate(spec: Extract<Spec, { kind: 'date' }>, ref: Day | null, tense: Tense): string | null {
  let year = spec.year;
  if (year === undefined) {
    if (!ref) return null;
    year = yearFor(ref, spec.month, spec.day, spec.shift ?? null, tense);
  }
  if (spec.day === undefined) return formatMonth(year, spec.month) + (spec.time ?? '');
  if (!isValidDay(year, spec.month, spec.day)) return formatMonth(year, spec.month);
  return formatDay({ year, month: spec.month, day: spec.day }) + (spec.time ?? '');
}

/** Days from `ref` to `month`/`day` of `year` (negative: before). */
function distance(ref: Day, year: number, month: number, day: number): number {
  const clamped = Math.min(day, daysInMonth(year, month));
  return (Date.UTC(year, month - 1, clamped) - Date.UTC(ref.year, ref.month - 1, ref.day)) / 86_400_000;
}

/**
 * The year of a month (and day) written without one: "last"/"next" force the direction; otherwise the
 * nearest such date, except that a past-tense clause does not reach more than a month ahead and a
 * future one not more than a month back.
 */
export function yearFor(ref: Day, month: number, day: number | undefined, shift: 'last' | 'next' | 'this' | null, tense: Tense): number {
  const years = [ref.year - 1, ref.year, ref.year + 1];
  const wholeMonth = day === undefined;
  const first = (year: number) => distance(ref, year, month, 1);
  const last = (year: number) => distance(ref, year, month, 31);
  if (shift === 'last') return years.filter((year) => (wholeMonth ? last(year) < 0 : distance(ref, year, month, day) < 0)).pop()!;
  if (shift === 'next') return years.find((year) => (wholeMonth ? first(year) > 0 : distance(ref, year, month, day) > 0))!;
  if (shift === 'this') return ref.year;
  let best = ref.year;
  let bestDistance = Infinity;
  for (const year of years) {
    // A whole month that contains the reference day is at distance 0.
    const signed = wholeMonth ? (first(year) > 0 ? first(year) : last(year) < 0 ? last(year) : 0) : distance(ref, year, month, day);
    if (tense === 'past' && signed > 31) continue;
    if (tense === 'future' && signed < -31) continue;
    if (Math.abs(signed) < bestDistance) {
      best = year;
      bestDistance = Math.abs(signed);
    }
  }
  return best;
}

/** The nearest year to `ref` for a month and day (kept for callers without tense). */
export function nearestYear(ref: Day, month: number, day: number): number {
  return yearFor(ref, month, day, null, 'past');
}

/** Month and day of a holiday in a given year. */
function holidayDay(name: string, year: number): Day {
  const nth = (month: number, dow: number, n: number): Day => {
    const first = { year, month, day: 1 };
    return addDays(first, ((dow - weekday(first) + 7) % 7) + 7 * (n - 1));
  };
  if (name.startsWith('thanksgiving')) return nth(11, 4, 4);
  if (name.startsWith('labor')) return nth(9, 1, 1);
  if (name.startsWith('memorial')) {
    const lastDay = { year, month: 5, day: 31 };
    return addDays(lastDay, -((weekday(lastDay) - 1 + 7) % 7));
  }
  if (name === 'christmas eve') return { year, month: 12, day: 24 };
  if (name.startsWith('christmas')) return { year, month: 12, day: 25 };
  if (name.endsWith('eve')) return { year, month: 12, day: 31 };
  if (name.startsWith('new year')) return { year, month: 1, day: 1 };
  if (name.startsWith('independence')) return { year, month: 7, day: 4 };
  if (name.startsWith('halloween')) return { year, month: 10, day: 31 };
  return { year, month: 2, day: 14 };
}

function resolveHoliday(spec: Extract<Spec, { kind: 'holiday' }>, context: ResolveContext): string | null {
  const { ref } = context;
  if (!ref) return null;
  const options = [ref.year - 1, ref.year, ref.year + 1].map((year) => holidayDay(spec.name, year));
  const offsets = options.map((day) => distance(ref, day.year, day.month, day.day));
  let pick: number;
  if (spec.shift === 'last') pick = offsets.filter((offset) => offset < 0).length - 1;
  else if (spec.shift === 'next') pick = offsets.findIndex((offset) => offset > 0);
  else if (spec.shift === 'this') pick = 1;
  else {
    pick = 1;
    for (let i = 0; i < 3; i++) {
      const signed = offsets[i]!;
      if ((context.tense === 'past' && signed > 31) || (context.tense === 'future' && signed < -31)) continue;
      if (Math.abs(signed) < Math.abs(offsets[pick]!) || Math.abs(offsets[pick]!) > 183) pick = i;
    }
  }
  return formatDay(options[Math.max(0, pick)]!);
}

/** "the weekend", "last weekend": the Saturday on or before (past) or after (future) the reference day. */
function resolveWeekend(ref: Day, offset: number, tense: Tense): string {
  const dow = weekday(ref);
  const back = (dow - 6 + 7) % 7;
  let saturday = addDays(ref, dow === 0 ? -1 : tense === 'future' && offset === 0 ? (6 - dow) : -back);
  if (offset < 0 && (dow === 0 || dow === 6)) saturday = addDays(saturday, -7);
  if (offset > 0) saturday = addDays(ref, (6 - dow + 7) % 7 || 7);
  return `${formatWeek(saturday)}-WE`;
}

/**
 * The day a weekday name points to: in a past-tense clause the closest one on or before the reference
 * day, in a future one the next one after it; "last"/"next" force the direction.
 */
export function resolveWeekday(ref: Day, dow: number, shift: 'last' | 'next' | 'this' | null, tense: Tense): Day {
  const today = weekday(ref);
  const back = (today - dow + 7) % 7;
  const forward = (dow - today + 7) % 7;
  if (shift === 'last') return addDays(ref, -(back === 0 ? 7 : back));
  if (shift === 'next') return addDays(ref, forward === 0 ? 7 : forward);
  if (tense === 'future') return addDays(ref, forward === 0 ? 7 : forward);
  return addDays(ref, -back);
}

function resolveUnit(ref: Day, unit: string, offset: number): string {
  switch (unit) {
    case 'day': return formatDay(addDays(ref, offset));
    case 'week': return formatWeek(addDays(ref, 7 * offset));
    case 'weekend': return `${formatWeek(addDays(ref, 7 * offset))}-WE`;
    case 'month': {
      const { year, month } = addMonths(ref.year, ref.month, offset);
      return formatMonth(year, month);
    }
    case 'quarter': {
      const { year, month } = addMonths(ref.year, ref.month, 3 * offset);
      return `${year}-Q${quarterOf(month)}`;
    }
    case 'decade': return String(Math.floor(ref.year / 10) + offset);
    case 'century': return String(Math.floor(ref.year / 100) + offset).padStart(2, '0');
    default: return String(ref.year + offset);
  }
}

function resolveQuarter(spec: Extract<Spec, { kind: 'quarter' }>, context: ResolveContext): string | null {
  const { ref, lastQuarter } = context;
  const letter = spec.half ? 'H' : 'Q';
  if (spec.same && lastQuarter && spec.year === undefined && spec.yearOffset === undefined) {
    return `${lastQuarter.year}-Q${lastQuarter.q}`;
  }
  if (typeof spec.q === 'number') {
    if (spec.year !== undefined) return `${spec.year}-${letter}${spec.q}`;
    if (!ref) return null;
    if (spec.yearOffset !== undefined) return `${ref.year + spec.yearOffset}-${letter}${spec.q}`;
    const current = spec.half ? (ref.month <= 6 ? 1 : 2) : quarterOf(ref.month);
    // A quarter not yet begun is last year's, unless the clause looks ahead.
    const year = spec.q <= current || context.tense === 'future' ? ref.year : ref.year - 1;
    return `${year}-${letter}${spec.q}`;
  }
  if (!ref) return null;
  const { year, month } = addMonths(ref.year, ref.month, spec.q === 'current' ? 0 : -3);
  return `${year + (spec.yearOffset ?? 0)}-Q${quarterOf(month)}`;
}

function resolveSeason(spec: Extract<Spec, { kind: 'season' }>, context: ResolveContext): string | null {
  if (spec.year !== undefined) return `${spec.year}-${spec.season}`;
  const { ref } = context;
  if (!ref) return null;
  const start = SEASON_START[spec.season];
  // Months since this year's season began (negative: not begun yet).
  const since = ref.month - start;
  let year = ref.year;
  if (spec.offset === -1) year = since >= 3 ? ref.year : ref.year - 1;
  else if (spec.offset === 1) year = since < 0 ? ref.year : ref.year + 1;
  else if (spec.offset === undefined && since < 0 && context.tense === 'past') year = ref.year - 1;
  // In January and February, "this winter" began last December.
  else if (spec.season === 'WI' && ref.month <= 2 && spec.offset !== 1) year = ref.year - 1;
  return `${year}-${spec.season}`;
}
