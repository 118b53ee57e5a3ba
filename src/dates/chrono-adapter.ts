/**
 * The chrono-node adapter: clock times ("10:35 a.m.", "5 p.m. EST, Nov. 6", "18:00 UTC") and numeric
 * dates ("7/8/07", "2022-06-13"), parsed with chrono's strict English parser. We keep only what chrono
 * read from the text (`knownValues`); resolution of anything implied is ours. chrono always gets an
 * explicit reference instant, so it never reads the wall clock.
 */
import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';
import type { Candidate, Spec } from './spec.js';
import { pad2 } from './calendar.js';

/** Cheap test for a sentence worth handing to chrono: a clock time or a numeric date. */
const PREFILTER = /\d(?::\d\d|\s?[ap]\.?m\b)|\d[/.-]\d{1,2}[/.-]\d{2}|\d\s+o['’]clock|\d\s+in\s+the\s+(?:morning|afternoon|evening)/i;

/**
 * {@link PREFILTER} without its `\b` (global): every text PREFILTER accepts holds a match of this one at
 * the same place, so a document scan with it finds every sentence worth testing.
 */
export const CLOCK_OR_NUMERIC_DATE = /\d(?::\d\d|\s?[ap]\.?m)|\d[/.-]\d{1,2}[/.-]\d{2}|\d\s+o['’]clock|\d\s+in\s+the\s+(?:morning|afternoon|evening)/gi;

/** A fixed instant: chrono needs one, and only `knownValues` are used, so its choice does not matter. */
const FIXED_INSTANT = new Date(Date.UTC(2000, 0, 1, 12));

/** Leading words chrono includes that TIMEX3 extents leave out. */
const LEADING = /^(?:at|on|in|from|by|since|until|till|before|after)\s+/i;

/**
 * Time and numeric-date candidates in one piece of text.
 * @param text the sentence text
 * @param offset where the sentence starts in the document
 */
export function chronoCandidates(text: string, offset: number): Candidate[] {
  if (!PREFILTER.test(text)) return [];
  const candidates: Candidate[] = [];
  for (const result of chrono().en.strict.parse(text, { instant: FIXED_INSTANT, timezone: 0 }, { forwardDate: false })) {
    const known = certainValues(result.start);
    const lead = LEADING.exec(result.text)?.[0].length ?? 0;
    const body = result.text.slice(lead);
    const hasClock = known.hour !== undefined;
    const numericDate = /^\d/.test(body) && known.day !== undefined && known.month !== undefined && !/[a-z]{3}/i.test(body.replace(/\b[ap]\.?m\.?|\b(?:UTC|GMT|EST|EDT|PST|PDT|CET)\b/gi, ''));
    if (!hasClock && !numericDate) continue;
    const spec = toSpec(known);
    if (!spec) continue;
    candidates.push({
      start: offset + result.index + lead,
      end: offset + result.index + result.text.length,
      type: hasClock ? 'TIME' : 'DATE',
      spec,
      priority: 6,
    });
  }
  return candidates;
}

const COMPONENTS = ['year', 'month', 'day', 'weekday', 'hour', 'minute', 'timezoneOffset'] as const;

/** The components chrono read from the text, not the ones it implied from the reference instant. */
function certainValues(components: Chrono.ParsedComponents): Record<string, number | undefined> {
  const known: Record<string, number | undefined> = {};
  for (const name of COMPONENTS) {
    if (components.isCertain(name)) known[name] = components.get(name) ?? undefined;
  }
  return known;
}

function toSpec(known: Record<string, number | undefined>): Spec | null {
  let time: string | undefined;
  if (known.hour !== undefined) {
    time = `T${pad2(known.hour)}:${pad2(known.minute ?? 0)}${known.timezoneOffset === 0 ? 'Z' : ''}`;
  }
  if (known.month !== undefined && known.day !== undefined) {
    const spec: Spec = { kind: 'date', month: known.month, day: known.day };
    if (known.year !== undefined) spec.year = known.year;
    if (time) spec.time = time;
    return spec;
  }
  if (known.weekday !== undefined && time) return { kind: 'weekday', dow: known.weekday, shift: null, time };
  // A month name alone is left to our own rules.
  return time ? { kind: 'time', time } : null;
}

let loadedChrono: typeof Chrono | null = null;

/**
 * chrono-node, loaded on first use rather than on import (~150 ms of CPU): the main thread validates
 * the config with the stage modules but never parses a date.
 */
function chrono(): typeof Chrono {
  return (loadedChrono ??= createRequire(import.meta.url)('chrono-node') as typeof Chrono);
}
