/**
 * TIMEX3 values → the ISO days they cover, so a researcher can filter dates by period.
 */
import { addDays, daysInMonth, formatDay, isoWeekMonday } from './calendar.js';

/** Inclusive range of ISO days. */
export interface DayRange {
  start: string;
  end: string;
}

const SEASON_MONTHS: Record<string, [number, number]> = { SP: [3, 5], SU: [6, 8], FA: [9, 11], WI: [12, 14] };

function months(year: number, first: number, last: number): DayRange {
  const endYear = year + Math.floor((last - 1) / 12);
  const endMonth = ((last - 1) % 12) + 1;
  return {
    start: formatDay({ year, month: first, day: 1 }),
    end: formatDay({ year: endYear, month: endMonth, day: daysInMonth(endYear, endMonth) }),
  };
}

/**
 * The days a TIMEX3 date value covers, or null for durations, sets, refs and unanchored values.
 * @param value a TIMEX3 value such as `2016`, `199`, `2013-Q1`, `2004-W47`, `2022-06-13T10:00`
 */
export function rangeOf(value: string | null): DayRange | null {
  if (!value) return null;
  // Every value with a range starts with a digit (not `PRESENT_REF`, `P2Y`, `XXXX-WXX-1`).
  const first = value.charCodeAt(0);
  if (first < 48 || first > 57) return null;
  let match = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(value);
  if (match) {
    const day = formatDay({ year: +match[1]!, month: +match[2]!, day: +match[3]! });
    return { start: day, end: day };
  }
  if ((match = /^(\d{4})-(\d{2})$/.exec(value))) return months(+match[1]!, +match[2]!, +match[2]!);
  if ((match = /^(\d{4})$/.exec(value))) return months(+match[1]!, 1, 12);
  if ((match = /^(\d{3})$/.exec(value))) {
    const decade = +match[1]! * 10;
    return { start: `${decade}-01-01`, end: `${decade + 9}-12-31` };
  }
  if ((match = /^(\d{2})$/.exec(value))) {
    const century = +match[1]! * 100;
    return { start: `${String(century).padStart(4, '0')}-01-01`, end: `${String(century + 99).padStart(4, '0')}-12-31` };
  }
  if ((match = /^(\d{4})-Q([1-4])$/.exec(value))) return months(+match[1]!, +match[2]! * 3 - 2, +match[2]! * 3);
  if ((match = /^(\d{4})-H([12])$/.exec(value))) return months(+match[1]!, +match[2]! * 6 - 5, +match[2]! * 6);
  if ((match = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value))) {
    const [first, last] = SEASON_MONTHS[match[2]!]!;
    return months(+match[1]!, first, last);
  }
  if ((match = /^(\d{4})-W(\d{2})(-WE)?$/.exec(value))) {
    const monday = isoWeekMonday(+match[1]!, +match[2]!);
    const first = match[3] ? addDays(monday, 5) : monday;
    return { start: formatDay(first), end: formatDay(addDays(monday, 6)) };
  }
  return null;
}
