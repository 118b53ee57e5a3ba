/**
 * Calendar arithmetic on plain `{year, month, day}` values, in UTC only.
 * Every `Date` built here gets explicit arguments: nothing reads the wall clock.
 */

/** A calendar day; `month` is 1-12. */
export interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Parse `YYYY-MM-DD` (the `published` format); null when it is not a real day. */
export function parseDay(iso: string | null | undefined): Day | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!match) return null;
  const day = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidDay(day.year, day.month, day.day) ? day : null;
}

/** True when the day exists in the proleptic Gregorian calendar. */
export function isValidDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days of each month (1-12) outside leap years. */
const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Number of days in a month. */
export function daysInMonth(year: number, month: number): number {
  // Computed for the usual case (no Date object); Date.UTC for the rest (it reads years 0-99 as 19xx).
  if (Number.isInteger(year) && Number.isInteger(month) && year >= 100 && year <= 9999 && month >= 1 && month <= 12) {
    if (month !== 2) return MONTH_DAYS[month]!;
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  }
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fromUtc(ms: number): Day {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function toUtc(day: Day): number {
  return Date.UTC(day.year, day.month - 1, day.day);
}

/** The day `n` days after (negative: before) `day`. */
export function addDays(day: Day, n: number): Day {
  return fromUtc(toUtc(day) + n * 86_400_000);
}

/** `{year, month}` shifted by `n` months. */
export function addMonths(year: number, month: number, n: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return new Date(toUtc(day)).getUTCDay();
}

/** ISO 8601 week: its year and number (weeks start on Monday). */
export function isoWeek(day: Day): { year: number; week: number } {
  const dow = weekday(day) || 7;
  const thursday = addDays(day, 4 - dow);
  const jan1 = toUtc({ year: thursday.year, month: 1, day: 1 });
  return { year: thursday.year, week: Math.floor((toUtc(thursday) - jan1) / 604_800_000) + 1 };
}

/** The Monday of an ISO week. */
export function isoWeekMonday(year: number, week: number): Day {
  const jan4 = { year, month: 1, day: 4 };
  const monday1 = addDays(jan4, -((weekday(jan4) || 7) - 1));
  return addDays(monday1, (week - 1) * 7);
}

/** Quarter (1-4) of a month. */
export function quarterOf(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD`. */
export function formatDay(day: Day): string {
  return `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`;
}

/** `YYYY-MM`. */
export function formatMonth(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month)}`;
}

/** `YYYY-Www`. */
export function formatWeek(day: Day): string {
  const { year, week } = isoWeek(day);
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** Two-digit zero padding, for clock times. */
export function pad2(n: number): string {
  return pad(n);
}
