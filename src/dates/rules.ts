/**
 * Our own rules for time expressions: each is one regular expression plus a builder that turns a match
 * into a {@link Candidate}. Every pattern is a sequence of fixed word alternations with bounded or
 * disjoint repetitions, so matching is linear in the text length (no nested unbounded quantifiers).
 */
import { NUMBER_SOURCE, parseNumber } from './numbers.js';
import type { Candidate, Season, Spec, Unit } from './spec.js';

const MONTH_NAMES = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
];
const MONTH_ABBREVIATIONS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** A month name or abbreviation (capitalization is checked by the builders). */
const MONTH = `(?:${MONTH_NAMES.join('|')}|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?)(?![a-z])`;
const WEEKDAY = `(?:${WEEKDAYS.join('|')})`;
const YEAR = '(?:1[5-9]\\d\\d|20\\d\\d)(?![\\d,.]\\d|\\d)';
const UNIT = '(?:second|minute|hour|day|week|weekend|fortnight|month|quarter|year|decade|centur(?:y|ie))';
const APPROX =
  '(?:about|around|nearly|almost|roughly|approximately|more\\s+than|less\\s+than|fewer\\s+than|over|at\\s+least|up\\s+to|' +
  'no\\s+more\\s+than|only|just|within|an\\s+estimated|as\\s+many\\s+as|as\\s+long\\s+as|under|close\\s+to|upwards\\s+of|in\\s+excess\\s+of)';
const PART_OF_DAY: Record<string, string> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI' };

/** Month number (1-12) of a name or abbreviation, or null. */
export function monthNumber(word: string): number | null {
  const lower = word.toLowerCase().replace(/\.$/, '');
  const index = MONTH_NAMES.indexOf(lower);
  if (index >= 0) return index + 1;
  return MONTH_ABBREVIATIONS[lower] ?? null;
}

const isCapitalized = (word: string | undefined): boolean => !!word && word[0] !== word[0]!.toLowerCase();

/** Normalize a unit word ("centuries", "Weeks") to a {@link Unit}-like key. */
function unitOf(word: string): string {
  const lower = word.toLowerCase();
  if (lower.startsWith('centur')) return 'century';
  if (lower === 'fortnight' || lower === 'fortnights') return 'fortnight';
  return lower.replace(/s$/, '');
}

/**
 * A TIMEX3 duration for `count` `unit`s, e.g. `P2Y`, `PT5H`, `PXM`; fractional counts become the next
 * smaller unit where TimeBank does so (`2 1/2 years` → `P2Y6M`).
 * @param count a number, or `X` for an unknown count
 * @param unit the unit word
 */
export function durationValue(count: number | 'X', unit: string): string {
  const key = unitOf(unit);
  if (count === 'X') {
    const letter: Record<string, string> = {
      second: 'TXS', minute: 'TXM', hour: 'TXH', day: 'XD', week: 'XW', weekend: 'XWE', fortnight: 'XW',
      month: 'XM', quarter: 'XQ', year: 'XY', decade: 'XE', century: 'XC',
    };
    return `P${letter[key] ?? 'XX'}`;
  }
  switch (key) {
    case 'second': return `PT${count}S`;
    case 'minute': return Number.isInteger(count) ? `PT${count}M` : `PT${Math.floor(count)}M${Math.round((count % 1) * 60)}S`;
    case 'hour':
      if (count === 24) return 'P1D';
      return Number.isInteger(count) ? `PT${count}H` : `PT${Math.floor(count)}H${Math.round((count % 1) * 60)}M`;
    case 'day': return Number.isInteger(count) ? `P${count}D` : `P${Math.floor(count)}DT${Math.round((count % 1) * 24)}H`;
    case 'weekend': return `P${count * 2}D`;
    case 'week': return `P${count}W`;
    case 'fortnight': return `P${count * 2}W`;
    case 'month': return `P${count}M`;
    case 'quarter': return `P${count}Q`;
    case 'decade': return `P${count * 10}Y`;
    case 'century': return `P${count * 100}Y`;
    default: return Number.isInteger(count) ? `P${count}Y` : `P${Math.floor(count)}Y${Math.round((count % 1) * 12)}M`;
  }
}

/** A SET value for "every <unit>" / "daily". */
function setValue(count: number, unit: string): string {
  return durationValue(count, unit);
}

/** One rule: a global, case-insensitive pattern and the builder of its candidate. */
export interface Rule {
  readonly name: string;
  readonly pattern: RegExp;
  /** Build the candidate for a match, or null to reject it; `text` is the whole document text. */
  build(match: RegExpExecArray, text: string): Omit<Candidate, 'priority'> | null;
  readonly priority: number;
  /**
   * Lower-case word beginnings (or {@link DIGIT}) one of which every match contains: a paragraph
   * without any of them is skipped, which keeps the stage fast.
   */
  readonly triggers: readonly string[];
  /**
   * For a rule triggered by {@link DIGIT_TRIGGER}: a test that a run of digits `text[start, end)` (a
   * whole run: no digit before or after it) can be part of a match, looking only at characters every
   * such match contains. A paragraph whose digit runs all fail it is not scanned by the rule.
   */
  readonly digits?: ((text: string, start: number, end: number) => boolean) | undefined;
  /**
   * For a rule triggered by words: a test that the trigger word found at `start` (in the paragraph
   * `[from, to)`) can be part of a match, looking only at characters every such match contains
   * around it. A paragraph where it fails for every trigger word is not scanned by the rule.
   */
  readonly word?: ((text: string, start: number, from: number, to: number) => boolean) | undefined;
  /** A bit of its own (1, 2, 4, … in {@link RULES} order), for sets of rules held in one number. */
  readonly bit: number;
}

/** The trigger that stands for "any digit". */
export const DIGIT_TRIGGER = '0';
const DIGIT = [DIGIT_TRIGGER];
const MONTH_TRIGGERS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY_TRIGGERS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const UNIT_TRIGGERS = ['second', 'minute', 'hour', 'day', 'night', 'week', 'fortnight', 'month', 'quarter', 'year', 'decade', 'centur'];

let nextBit = 1;

const rule = (
  name: string,
  triggers: readonly string[],
  source: string,
  priority: number,
  build: Rule['build'],
  test?: { digits?: Rule['digits']; word?: Rule['word'] },
): Rule => {
  const bit = nextBit;
  nextBit *= 2;
  return { name, triggers, pattern: new RegExp(source, 'gi'), priority, build, digits: test?.digits, word: test?.word, bit };
};

/* Digit-run tests (see Rule.digits). A matched run is always whole: the patterns put `\b`, a letter or a
   quote before it and a non-digit after it. */
const charAt = (text: string, i: number): number => text.charCodeAt(i) | 32; // lower-cases ASCII letters
const isSpaceAt = (text: string, i: number): boolean => {
  const code = text.charCodeAt(i);
  return code === 32 || (code >= 9 && code <= 13) || (code >= 128 && /\s/.test(text[i]!));
};
/** "1998": four digits, 1500-2099. */
const yearRun: Rule['digits'] = (text, start, end) => {
  if (end - start !== 4) return false;
  const first = text.charCodeAt(start);
  const second = text.charCodeAt(start + 1);
  return (first === 49 && second >= 53) || (first === 50 && second === 48);
};
/** "11 December", "3rd": one or two digits. */
const dayRun: Rule['digits'] = (_text, start, end) => end - start <= 2;
/** "1990s", "'80s", "90's": two or four digits ending in 0, then `s` or a quote. */
const decadeRun: Rule['digits'] = (text, start, end) => {
  if ((end - start !== 2 && end - start !== 4) || text.charCodeAt(end - 1) !== 48) return false;
  const next = text[end];
  return next === 's' || next === 'S' || next === "'" || next === '’';
};
/** "20th century": one or two digits and an ordinal suffix. */
const ordinalRun: Rule['digits'] = (text, start, end) => {
  const next = charAt(text, end);
  return end - start <= 2 && (next === 115 || next === 110 || next === 114 || next === 116);
};
/** "10 p.m.", "7:15am": one or two digits, then `:` or an optional space and `a` / `p`. */
const hourRun: Rule['digits'] = (text, start, end) => {
  if (end - start > 2) return false;
  const next = charAt(text, end);
  if (next === 58 || next === 97 || next === 112) return true; // ':' 'a' 'p'
  const after = charAt(text, end + 1);
  return isSpaceAt(text, end) && (after === 97 || after === 112);
};
/* Trigger-word tests (see Rule.word), for the unit words ("year", "weeks"). */
const isHyphenAt = (text: string, i: number): boolean => text[i] === '-' || text[i] === '‐';
/** End of the ASCII letters from `start` (at most `to`). */
function lettersEnd(text: string, start: number, to: number): number {
  let end = start;
  while (end < to && ((text.charCodeAt(end) | 32) - 97) >>> 0 <= 25) end++;
  return end;
}
/** Last words of a count ({@link NUMBER_SOURCE}) and the adjectives a duration allows before its unit. */
const DURATION_LEADS = new Set([
  'a', 'an', 'few', 'several', 'couple', 'of', 'some', 'many', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight',
  'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
  'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'dozen', 'thousand', 'half',
  'more', 'additional', 'full', 'straight', 'consecutive', 'trading', 'business', 'long', 'calendar', 'fiscal',
]);
/** "two years", "52 weeks", "several more months": spaces before the unit, and a count or an adjective before them. */
const afterCount: Rule['word'] = (text, start, from) => {
  let k = start - 1;
  if (k < from || !isSpaceAt(text, k)) return false;
  while (k >= from && isSpaceAt(text, k)) k--;
  if (k < from) return false;
  const code = text.charCodeAt(k);
  if (code >= 48 && code <= 57) return true;
  let begin = k + 1;
  while (begin > from && ((text.charCodeAt(begin - 1) | 32) - 97) >>> 0 <= 25) begin--;
  return begin <= k && DURATION_LEADS.has(text.slice(begin, k + 1).toLowerCase());
};
/** "the past few weeks": a space before a plural unit. */
const pluralAfterSpace: Rule['word'] = (text, start, from, to) => {
  if (start - 1 < from || !isSpaceAt(text, start - 1)) return false;
  const end = lettersEnd(text, start, to);
  return end >= to || (text.charCodeAt(end - 1) | 32) === 115;
};
/** "this week": a space before the unit. */
const afterSpace: Rule['word'] = (text, start, from) => start - 1 >= from && isSpaceAt(text, start - 1);
/** "two-year", "decades-long": a hyphen before the unit. */
const afterHyphen: Rule['word'] = (text, start, from) => start - 1 >= from && isHyphenAt(text, start - 1);
/** "day-long": a hyphen right after the unit word. */
const beforeHyphen: Rule['word'] = (text, start, _from, to) => {
  const end = lettersEnd(text, start, to);
  return end >= to || isHyphenAt(text, end);
};

/** "Q3", "3Q": one digit 1-4 next to a `Q`. */
const quarterRun: Rule['digits'] = (text, start, end) => {
  const digit = text.charCodeAt(start);
  return end - start === 1 && digit >= 49 && digit <= 52 && (charAt(text, start - 1) === 113 || charAt(text, end) === 113);
};

const at = (match: RegExpExecArray, type: Candidate['type'], spec: Spec, skip = 0) => ({
  start: match.index + skip,
  end: match.index + match[0].length,
  type,
  spec,
});

/** The characters just before an offset (at most `width`), for cheap look-behind checks. */
const before = (text: string, offset: number, width = 24): string => text.slice(Math.max(0, offset - width), offset);

const SEASONS: Record<string, Season> = { spring: 'SP', summer: 'SU', fall: 'FA', autumn: 'FA', winter: 'WI' };
const SHIFT: Record<string, number> = {
  this: 0, current: 0, present: 0, last: -1, previous: -1, past: -1, next: 1, coming: 1, following: 1,
};
const ORDINALS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 };

/** The built-in rules, in no particular order (overlaps are settled by length, then priority). */
export const RULES: readonly Rule[] = [
  // "June 3", "Aug. 7, 1998", "June 3-5", "September 2006", "July of 1997"
  rule('month-date', MONTH_TRIGGERS, `\\b(?:(last|next|this|past|coming)\\s+)?(${MONTH})(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*[-–]\\s*(\\d{1,2}))?(?![\\d]|:\\d|,\\d))?(?:,?\\s+(?:of\\s+)?(${YEAR}))?`, 5, (m, text) => {
    const name = m[2]!;
    if (!isCapitalized(name)) return null;
    const month = monthNumber(name)!;
    const day = m[3] ? Number(m[3]) : undefined;
    const year = m[5] ? Number(m[5]) : undefined;
    if (day !== undefined && (day < 1 || day > 31)) return null;
    if (day === undefined && year === undefined && !m[1]) {
      // "Jan Kavan": an abbreviation needs its period, a day or a year.
      if (name.length <= 4 && !name.endsWith('.') && !/^june|july$/i.test(name)) return null;
      // "May" and "March" alone are usually a verb or a name, unless a preposition governs them.
      if (/^(?:may|march)$/i.test(name) && !/\b(?:in|since|until|by|of|from|through|early|late|mid|before|after)[\s-]+$/i.test(before(text, m.index, 10))) return null;
    }
    if (year !== undefined && day === undefined) return at(m, 'DATE', { kind: 'fixed', value: `${year}-${String(month).padStart(2, '0')}` });
    const spec: Spec = { kind: 'date', month };
    if (year !== undefined) spec.year = year;
    if (day !== undefined) spec.day = day;
    if (m[4]) spec.endDay = Number(m[4]);
    const shift = m[1]?.toLowerCase();
    if (shift) spec.shift = shift === 'next' || shift === 'coming' ? 'next' : shift === 'this' ? 'this' : 'last';
    return at(m, 'DATE', spec);
  }),
  // "Thanksgiving", "Christmas Day", "last New Year's Eve"
  rule('holiday', ['thanksgiving', 'christmas', 'year', 'independence', 'labor', 'memorial', 'halloween', 'valentine'], `\\b(?:(last|next|this)\\s+)?(Thanksgiving(?:\\s+Day)?|Christmas(?:\\s+Day|\\s+Eve)?|New\\s+Year['’]s(?:\\s+Day|\\s+Eve)?|Independence\\s+Day|Labor\\s+Day|Memorial\\s+Day|Halloween|Valentine['’]s\\s+Day)\\b`, 5, (m) => {
    if (!isCapitalized(m[2])) return null;
    const shift = m[1]?.toLowerCase();
    const spec: Spec = { kind: 'holiday', name: m[2]!.toLowerCase().replace(/\s+/g, ' ').replace('’', "'") };
    if (shift) spec.shift = shift === 'next' ? 'next' : shift === 'this' ? 'this' : 'last';
    return at(m, 'DATE', spec);
  }),
  // "nineteen ninety-six", "the year two thousand"
  rule('spelled-year', ['nineteen', 'thousand'], `\\b(?:the\\s+year\\s+)?(?:nineteen[-\\s](ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\\s](one|two|three|four|five|six|seven|eight|nine))?|(two\\s+thousand)(?:\\s+and\\s+(one|two|three|four|five|six|seven|eight|nine))?)\\b`, 4, (m) => {
    const tens = m[1] ? (parseNumber(m[1]) as number) : 0;
    const ones = m[2] ?? m[4];
    const year = (m[3] ? 2000 : 1900 + tens) + (ones ? (parseNumber(ones) as number) : 0);
    const theYear = m[0].toLowerCase().startsWith('the year');
    if (m[3] ? !theYear : !theYear && tens < 20 && !ones) return null;
    return at(m, 'DATE', { kind: 'fixed', value: String(year) });
  }),
  // "the nineties"
  rule('spelled-decade', ['twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'], `\\b(?:the\\s+)?(?:nineteen[-\\s])?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\\b`, 4, (m) => {
    const digit = ['twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'].indexOf(m[1]!.toLowerCase()) + 2;
    return at(m, 'DATE', { kind: 'fixed', value: `19${digit}` });
  }),
  // "the end of the year", "the beginning of the month"
  rule('end-of-unit', ['end', 'beginning', 'start', 'middle', 'rest'], `\\b(?:the\\s+)?(?:end|beginning|start|middle|rest)\\s+of\\s+the\\s+(year|month|week|quarter)\\b`, 6, (m) => {
    const unit = m[1]!.toLowerCase() as Unit;
    if (unit === 'quarter') return at(m, 'DATE', { kind: 'quarter', q: 'current' });
    return at(m, 'DATE', { kind: 'relUnit', unit, offset: 0 });
  }),
  // "year-end", "year's end"
  rule('year-end', ['year'], `\\b(?:year[-‐\\s]end|year['’]s\\s+end)\\b`, 5, (m) => at(m, 'DATE', { kind: 'relUnit', unit: 'year', offset: 0 })),
  // "the weekend"
  rule('the-weekend', ['weekend'], `\\bthe\\s+weekend\\b`, 4, (m) => at(m, 'DATE', { kind: 'relUnit', unit: 'weekend', offset: 0 })),
  // "11 December", "5 May 2021"
  rule('day-month', DIGIT, `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH})(?:,?\\s+(${YEAR}))?`, 5, (m) => {
    if (!isCapitalized(m[2])) return null;
    const day = Number(m[1]);
    if (day < 1 || day > 31) return null;
    const spec: Spec = { kind: 'date', month: monthNumber(m[2]!)!, day };
    if (m[3]) spec.year = Number(m[3]);
    return at(m, 'DATE', spec);
  }, { digits: dayRun }),
  // "1998", "fiscal 1989", "mid-2011"
  rule('year', DIGIT, `(?:\\bfiscal\\s+(?:year\\s+)?)?\\b(${YEAR})\\b(?!['’]?s\\b|\\s*%|\\s+percent)`, 3, (m, text) => {
    const lookBehind = before(text, m.index, 3);
    if (/[$€£¥#]\s?$|\d[,.]$|No\.\s?$/.test(lookBehind)) return null;
    return at(m, 'DATE', { kind: 'fixed', value: m[1]! });
  }, { digits: yearRun }),
  // "the 1990s", "the '80s", "the early 2000s"
  rule('decade', DIGIT, `(?:\\bthe\\s+)?(?:\\b(?:early|mid|late)[-\\s]+)?(?:\\b(1[5-9]\\d|20\\d)0|['’](\\d)0|\\b([2-9])0)['’]?s\\b`, 4, (m) => {
    const prefix = m[1] ?? (m[2] ? (Number(m[2]) >= 2 ? `19${m[2]}` : `20${m[2]}`) : `19${m[3]}`);
    return at(m, 'DATE', { kind: 'fixed', value: prefix });
  }, { digits: decadeRun }),
  // "the 20th century"
  rule('century', DIGIT, `\\b(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)[-\\s]century\\b`, 4, (m) =>
    at(m, 'DATE', { kind: 'fixed', value: String(Number(m[1]) - 1).padStart(2, '0') }), { digits: ordinalRun }),
  // "Monday", "last Friday", "Thursday evening", "Mondays"
  rule('weekday', WEEKDAY_TRIGGERS, `\\b(?:(last|next|this|coming|past|previous)\\s+)?(${WEEKDAY})(s)?\\b(?:\\s+(morning|afternoon|evening|night)(s)?\\b)?`, 5, (m) => {
    if (!isCapitalized(m[2])) return null;
    const dow = WEEKDAYS.indexOf(m[2]!.toLowerCase());
    const part = m[4] ? `T${PART_OF_DAY[m[4].toLowerCase()]}` : undefined;
    if (m[3] || m[5]) return at(m, 'SET', { kind: 'fixed', value: `XXXX-WXX-${dow === 0 ? 7 : dow}${part ?? ''}` });
    const word = m[1]?.toLowerCase();
    const shift = word === undefined ? null : word === 'next' || word === 'coming' ? 'next' : word === 'this' ? 'this' : 'last';
    const spec: Spec = { kind: 'weekday', dow, shift };
    if (part) spec.time = part;
    return at(m, part ? 'TIME' : 'DATE', spec);
  }),
  // "every Thursday", "each July"
  rule('each-named', ['every', 'each'], `\\b(?:every|each)\\s+(${WEEKDAY}|${MONTH})`, 6, (m) => {
    const lower = m[1]!.toLowerCase();
    const dow = WEEKDAYS.indexOf(lower);
    if (dow >= 0) return at(m, 'SET', { kind: 'fixed', value: `XXXX-WXX-${dow === 0 ? 7 : dow}` });
    const month = monthNumber(lower);
    return month ? at(m, 'SET', { kind: 'fixed', value: `XXXX-${String(month).padStart(2, '0')}` }) : null;
  }),
  // "today", "yesterday", "tomorrow", "tonight"
  rule('relative-day', ['today', 'tonight', 'yesterday', 'tomorrow'], `\\b(today|yesterday|tomorrow|tonight)\\b(?!['’]s\\s+(?:morning|afternoon|evening|night))`, 4, (m) => {
    const offset = { today: 0, tonight: 0, yesterday: -1, tomorrow: 1 }[m[1]!.toLowerCase() as 'today'];
    return at(m, 'DATE', { kind: 'relDay', offset });
  }),
  // "this morning", "yesterday afternoon", "last night", "tomorrow evening"
  rule('part-of-day', ['morning', 'afternoon', 'evening', 'night'], `\\b(this|yesterday|tomorrow|last|tonight)\\s+(morning|afternoon|evening|night)\\b`, 6, (m) => {
    const word = m[1]!.toLowerCase();
    const offset = word === 'yesterday' || word === 'last' ? -1 : word === 'tomorrow' ? 1 : 0;
    return at(m, 'TIME', { kind: 'relDay', offset, time: `T${PART_OF_DAY[m[2]!.toLowerCase()]}` });
  }),
  // "10 p.m.", "7:15 a.m." (chrono's strict parser skips an hour without minutes)
  rule('clock', DIGIT, `\\b(\\d{1,2})(?::(\\d\\d))?\\s?([ap])\\.?m\\b\\.?`, 5, (m) => {
    let hour = Number(m[1]);
    if (hour < 1 || hour > 12) return null;
    const pm = m[3]!.toLowerCase() === 'p';
    if (pm && hour < 12) hour += 12;
    if (!pm && hour === 12) hour = 0;
    return at(m, 'TIME', { kind: 'time', time: `T${String(hour).padStart(2, '0')}:${m[2] ?? '00'}` });
  }, { digits: hourRun }),
  // "noon", "midnight", "midday", "mid-afternoon"
  rule('clock-word', ['noon', 'midnight', 'midday', 'mid'], `\\b(noon|midnight|midday|mid-?\\s?afternoon|mid-?\\s?morning)\\b`, 3, (m) => {
    const word = m[1]!.toLowerCase();
    const time = word === 'midnight' ? 'T24:00' : word.endsWith('afternoon') ? 'TAF' : word.endsWith('morning') ? 'TMO' : 'T12:00';
    return at(m, 'TIME', { kind: 'time', time });
  }),
  // "this week", "last month", "next year", "the past decade", "this weekend"
  rule('relative-unit', UNIT_TRIGGERS, `\\b(this|last|next|past|coming|current|previous|the\\s+past|the\\s+last|the\\s+previous|the\\s+next|the\\s+coming|the\\s+following|the\\s+current)\\s+(week|weekend|month|year|decade|century|quarter)\\b(?![-‐]\\w)`, 5, (m) => {
    const word = m[1]!.toLowerCase().replace(/^the\s+/, '');
    const unit = m[2]!.toLowerCase() as Unit;
    // "the past year" is a stretch of time; "last year" a calendar year.
    if (word === 'past' && unit !== 'weekend' && unit !== 'year') return at(m, 'DURATION', { kind: 'fixed', value: durationValue(1, unit) });
    const offset = SHIFT[word] ?? 0;
    if (unit === 'quarter') return at(m, 'DATE', { kind: 'quarter', q: offset === 0 ? 'current' : 'latest' });
    return at(m, 'DATE', { kind: 'relUnit', unit, offset });
  }, { word: afterSpace }),
  // "a year ago", "the year-earlier period", "year-ago", "the same period last year"
  rule('year-ago', ['year'], `\\b(?:(?:the|a)\\s+)?(?:year[-‐](?:ago|earlier)(?:\\s+(?:period|quarter|nine\\s+months))?|year\\s+(?:ago|earlier)|same\\s+(?:period|quarter)\\s+(?:a\\s+year\\s+(?:ago|earlier)|last\\s+year))\\b`, 7, (m) => {
    if (/^the\s+year\s/i.test(m[0])) return null;
    return at(m, 'DATE', { kind: 'yearAgo' });
  }),
  // "the third quarter", "third-quarter", "the first half of 2009", "this year's third quarter", "Q3 2009"
  rule('quarter', ['quarter', 'half'], `\\b(?:(this|last|next)\\s+year['’]s\\s+|(the|fiscal)\\s+)?(?:fiscal\\s+)?(?:(${YEAR})\\s+)?(?:(first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|past|previous|recent|same)[-‐\\s]+)?(?:fiscal[-‐\\s]+)?(quarter|half)\\b(?![-‐]\\w)(?:\\s+of\\s+(?:(${YEAR})|(this|last|next)\\s+year|fiscal\\s+(${YEAR})))?`, 6, (m) => {
    const ordinalWord = m[4]?.toLowerCase();
    const half = m[5]!.toLowerCase() === 'half';
    const ordinal = ordinalWord ? ORDINALS[ordinalWord] : undefined;
    if (!ordinalWord && !m[1] && m[2]?.toLowerCase() !== 'the') return null;
    if (half && (ordinal === undefined || ordinal > 2)) return null;
    const q: number | 'latest' | 'current' =
      ordinal ?? (ordinalWord === 'current' ? 'current' : ordinalWord === 'same' || !ordinalWord ? 'latest' : 'latest');
    const spec: Spec = { kind: 'quarter', q };
    if (half) spec.half = true;
    const year = m[3] ?? m[6] ?? m[8];
    const relativeYear = m[1] ?? m[7];
    if (year) spec.year = Number(year);
    else if (relativeYear) spec.yearOffset = SHIFT[relativeYear.toLowerCase()] ?? 0;
    // "the quarter" alone means the quarter the article is about: remembered while resolving.
    if (!ordinalWord || ordinalWord === 'same') spec.same = true;
    return at(m, 'DATE', spec);
  }),
  rule('q-number', DIGIT, `\\b(?:Q([1-4])|([1-4])Q)(?:\\s+(${YEAR}))?\\b`, 5, (m) => {
    const spec: Spec = { kind: 'quarter', q: Number(m[1] ?? m[2]) };
    if (m[3]) spec.year = Number(m[3]);
    return at(m, 'DATE', spec);
  }, { digits: quarterRun }),
  // "last fall", "this summer", "spring 2009", "the winter of 1998"
  rule('season', ['spring', 'summer', 'autumn', 'fall', 'winter'], `\\b(?:(this|last|next|past|coming|early|late|mid|the)[-\\s]+)?(spring|summer|autumn|fall|winter)\\b(?:\\s+(?:of\\s+)?(${YEAR}))?`, 4, (m, text) => {
    const word = m[1]?.toLowerCase();
    const name = m[2]!.toLowerCase();
    if (name === 'fall' && (!word || word === 'the') && !m[3]) return null;
    if (word === 'the' && !m[3] && /^\s+of\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4))) return null;
    const spec: Spec = { kind: 'season', season: SEASONS[name]! };
    if (m[3]) spec.year = Number(m[3]);
    else if (word && word in SHIFT) spec.offset = SHIFT[word]!;
    const skip = word === 'the' ? m[0].indexOf(m[2]!) : 0;
    return at(m, 'DATE', spec, skip);
  }),
  // "two years", "the past 20 months", "nearly an hour", "three days ago", "the first nine months"
  rule('duration', UNIT_TRIGGERS, `\\b(?:(${APPROX})\\s+)?(?:(the|these|those)\\s+)?(?:(past|last|next|first|final|coming|previous|following|latest|initial|remaining|additional|same|other)\\s+)?(${NUMBER_SOURCE})\\s+(?:(?:more|additional|full|straight|consecutive|trading|business|long|calendar|fiscal)\\s+)?(${UNIT})s?\\b(?![-‐]\\w)(?:\\s+(ago|earlier|later|from\\s+now))?`, 4, (m, text) => {
    const count = parseNumber(m[4]!);
    if (count === null) return null;
    const unit = m[5]!;
    const suffix = m[6]?.toLowerCase();
    const article = /^an?$/i.test(m[4]!);
    // "twice a year", "$5 a day": a frequency.
    if (article && !m[1] && !m[2] && !m[3] && !suffix) {
      const left = before(text, m.index);
      if (/(?:twice|once|times)\s+$/i.test(left)) return at(m, 'SET', { kind: 'fixed', value: setValue(1, unit) });
      // "$1.76 a year", "358,000 a month": a rate, which TimeBank leaves unmarked.
      if (/(?:\d|percent|%|cents?|dollars?|billion|million)\s+$/i.test(left)) return null;
    }
    // "the 1988 second quarter": a year, not a count; "52 years old": an age.
    if (typeof count === 'number' && /^(?:1[5-9]|20)\d\d$/.test(m[4]!)) return null;
    if (/^\s+old\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 5))) return null;
    if (suffix === 'ago' && count === 'X') return at(m, 'DATE', { kind: 'fixed', value: 'PAST_REF' });
    if (suffix === 'ago' && !m[1] && count !== 'X') {
      const key = unitOf(unit);
      if (key === 'second' || key === 'minute' || key === 'hour') return at(m, 'DURATION', { kind: 'fixed', value: durationValue(count, unit) });
      const days = key === 'fortnight' ? 14 * count : key === 'day' ? count : key === 'week' || key === 'weekend' ? 7 * count : 0;
      if (days > 0) return at(m, 'DATE', { kind: 'relDay', offset: -Math.round(days) });
      const relUnit = (key === 'decade' || key === 'century' || key === 'quarter' || key === 'month' ? key : 'year') as Unit;
      return at(m, 'DATE', { kind: 'relUnit', unit: relUnit, offset: -Math.round(count) });
    }
    return at(m, 'DURATION', { kind: 'fixed', value: durationValue(count, unit) });
  }, { word: afterCount }),
  // "two-year", "30-day", "decades-long", "day-long"
  rule('duration-adjective', UNIT_TRIGGERS, `\\b(\\d+|${NUMBER_SOURCE.replace(/\\s\+/g, '-')}|decades|years|months|weeks|days|hours)[-‐](${UNIT})(?:[-‐](long))?\\b(?![-‐]old)`, 4, (m) => {
    const head = m[1]!.toLowerCase();
    if (/^(?:decades|years|months|weeks|days|hours)$/.test(head)) {
      return m[3] || unitOf(head) === unitOf(m[2]!) ? at(m, 'DURATION', { kind: 'fixed', value: durationValue('X', head) }) : null;
    }
    const count = parseNumber(head.replace(/-/g, ' '));
    if (count === null) return null;
    return at(m, 'DURATION', { kind: 'fixed', value: durationValue(count, m[2]!) });
  }, { word: afterHyphen }),
  rule('unit-long', UNIT_TRIGGERS, `\\b(day|week|month|year|hour|decade)[-‐]long\\b`, 4, (m) =>
    at(m, 'DURATION', { kind: 'fixed', value: durationValue(1, m[1]!) }), { word: beforeHyphen }),
  // "recent years", "for months", "the coming weeks", "several years"
  rule('vague-duration', UNIT_TRIGGERS, `\\b(recent|coming|past|the\\s+past|the\\s+last|the\\s+next|the\\s+coming|over\\s+the|for|in|within|the|these|the\\s+past\\s+few|the\\s+next\\s+few|the\\s+last\\s+few)\\s+(seconds|minutes|hours|days|weeks|months|years|decades|centuries)\\b(?!\\s+(?:of|old|ago)\\b)`, 2, (m) => {
    const word = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    if (word === 'recent' || word === 'past') return at(m, 'DATE', { kind: 'fixed', value: 'PAST_REF' });
    const skip = word === 'for' || word === 'in' || word === 'within' || word === 'the' || word === 'these' ? m[0].length - m[2]!.length : 0;
    return at(m, 'DURATION', { kind: 'fixed', value: durationValue('X', m[2]!) }, skip);
  }, { word: pluralAfterSpace }),
  // "daily", "every day", "each year", "per month"
  rule('set', ['daily', 'weekly', 'monthly', 'annually', 'yearly', 'hourly', 'nightly', 'every', 'each', 'per'], `\\b(?:(daily|weekly|monthly|annually|yearly|hourly|nightly)|(?:every|each|per)\\s+(?:(${NUMBER_SOURCE})\\s+)?(second|minute|hour|day|night|week|month|quarter|year)s?)\\b`, 5, (m, text) => {
    const adverb = m[1]?.toLowerCase();
    if (adverb) {
      // "daily flights", "the average daily volume": an adjective, not a frequency.
      const next = /^\s*([A-Za-z]+)/.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 20))?.[1];
      if (next && !/^(?:and|or|in|on|at|for|to|since|through|from|by|until|during|over|basis|than)$/i.test(next)) return null;
      const unit = { daily: 'day', nightly: 'day', weekly: 'week', monthly: 'month', annually: 'year', yearly: 'year', hourly: 'hour' }[adverb]!;
      return at(m, 'SET', { kind: 'fixed', value: setValue(1, unit) });
    }
    const count = m[2] ? parseNumber(m[2]) : 1;
    if (count === null || count === 'X') return null;
    return at(m, 'SET', { kind: 'fixed', value: setValue(count, m[3]!.toLowerCase() === 'night' ? 'day' : m[3]!) });
  }),
  // PRESENT_REF, PAST_REF, FUTURE_REF
  rule('ref', ['now', 'current', 'present', 'recent', 'lately', 'past', 'future', 'long', 'these'], `\\b(now|currently|current|presently|nowadays|recently|recent|lately|the\\s+past|the\\s+(?:near\\s+|distant\\s+|foreseeable\\s+)?future|the\\s+long\\s+term|these\\s+days|at\\s+present)\\b(?![-‐]\\w)`, 1, (m) => {
    const word = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    const value = /future|long term/.test(word) ? 'FUTURE_REF' : /recent|past|lately/.test(word) ? 'PAST_REF' : 'PRESENT_REF';
    return at(m, 'DATE', { kind: 'fixed', value });
  }),
];

if (nextBit > 2 ** 31) throw new Error(`Unexpected ${RULES.length} date rules, expected at most 31 (one bit each)`);
