import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chronoCandidates, CLOCK_OR_NUMERIC_DATE } from '../../src/dates/chrono-adapter.js';
import { DIGIT_TRIGGER, RULES } from '../../src/dates/rules.js';
import { mayStartClockOrNumeric } from '../../src/dates/tag.js';

/** Pieces that the digit rules are made of, so that random texts hit them often. */
const PIECES = [
  '1', '2', '3', '0', '19', '20', '1998', '2021', '80', '12', '7', ':', ':30', ' ', '  ', '\n', '\u00a0', "'", '’', '-', '.', ',',
  's', 'S', 'st', 'nd', 'rd', 'th', 'TH', 'q', 'Q', 'a', 'p', 'A', 'P', 'm', 'M', 'am', 'p.m.', 'century', 'of', 'June', 'Dec.',
  'the', 'mid', 'early', 'fiscal', 'year', 'x', '%', 'percent', 'o’clock', 'in the morning', '/', '7/8/07', '2022-06-13',
];
const textArbitrary = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((parts) => parts.join(''));

/** The whole digit runs inside `[start, end)` of `text`. */
function digitRuns(text: string, start: number, end: number): [number, number][] {
  const runs: [number, number][] = [];
  const pattern = /\d+/g;
  pattern.lastIndex = start;
  for (let match = pattern.exec(text); match && match.index < end; match = pattern.exec(text)) {
    runs.push([match.index, match.index + match[0].length]);
  }
  return runs;
}

describe('recognize-dates prescans', () => {
  const digitRules = RULES.filter((rule) => rule.triggers.includes(DIGIT_TRIGGER));

  it('should give every digit rule a digit-run test', () => {
    expect(digitRules.map((rule) => rule.name).sort()).toEqual(['century', 'clock', 'day-month', 'decade', 'q-number', 'year']);
    for (const rule of digitRules) expect(rule.digits).toBeTypeOf('function');
  });

  it.each(digitRules.map((rule) => [rule.name, rule] as const))('should pass a digit run of every %s match', (_name, rule) => {
    fc.assert(
      fc.property(textArbitrary, (text) => {
        const pattern = new RegExp(rule.pattern.source, rule.pattern.flags);
        for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
          if (match[0].length === 0) {
            pattern.lastIndex++;
            continue;
          }
          const runs = digitRuns(text, match.index, match.index + match[0].length);
          expect(runs.some(([start, end]) => rule.digits!(text, start, end))).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['day-month', '11 December', true],
    ['day-month', '112 December', false],
    ['year', 'in 1998', true],
    ['year', 'in 1234', false],
    ['decade', 'the 1990s', true],
    ['decade', 'the 1995s', false],
    ['clock', 'at 10 p.m.', true],
    ['clock', 'at 10 units', false],
    ['q-number', 'Q3 results', true],
    ['q-number', '3 results', false],
    ['century', 'the 20th century', true],
    ['century', 'the 20 centuries', false],
  ])('should test the run of %s in %j as %s', (name, text, expected) => {
    const rule = RULES.find((r) => r.name === name)!;
    const runs = digitRuns(text, 0, text.length);
    expect(runs.some(([start, end]) => rule.digits!(text, start, end))).toBe(expected);
  });

  const wordRules = RULES.filter((rule) => rule.word !== undefined);
  const UNIT_PIECES = [
    ' ', '  ', '\u00a0', '-', '‐', '2', '52', '1,000', '2 1/2', 'a', 'an', 'two', 'twenty', 'five', 'few', 'several', 'couple', 'of',
    'hundreds', 'and a half', 'more', 'full', 'the', 'past', 'last', 'this', 'next', 'for', 'recent', 'these', 'year', 'years', 'Year',
    'week', 'weekend', 'weeks', 'day', 'days', 'month', 'months', 'hour', 'decade', 'decades', 'century', 'centuries', 'quarter',
    'long', 'old', 'ago', 'x', 's', '.', ',',
  ];
  const unitText = fc.array(fc.constantFrom(...UNIT_PIECES), { maxLength: 16 }).map((parts) => parts.join(''));

  /** Where the scan finds a trigger word of `rule`: a word start (no `\w` before) whose letters begin with one. */
  function triggerStarts(text: string, rule: (typeof RULES)[number]): number[] {
    const starts: number[] = [];
    for (let i = 0; i < text.length; i++) {
      if (!/[A-Za-z]/.test(text[i]!) || (i > 0 && /\w/.test(text[i - 1]!))) continue;
      if (rule.triggers.some((trigger) => text.slice(i, i + trigger.length).toLowerCase() === trigger)) starts.push(i);
    }
    return starts;
  }

  it('should give the unit rules a trigger-word test', () => {
    expect(wordRules.map((rule) => rule.name).sort()).toEqual(['duration', 'duration-adjective', 'relative-unit', 'unit-long', 'vague-duration']);
  });

  it.each(wordRules.map((rule) => [rule.name, rule] as const))('should pass a trigger word of every %s match', (_name, rule) => {
    fc.assert(
      fc.property(unitText, (text) => {
        const pattern = new RegExp(rule.pattern.source, rule.pattern.flags);
        const starts = triggerStarts(text, rule);
        for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
          if (match[0].length === 0) {
            pattern.lastIndex++;
            continue;
          }
          const end = match.index + match[0].length;
          const inside = starts.filter((start) => start >= match!.index && start < end);
          expect(inside.some((start) => rule.word!(text, start, 0, text.length))).toBe(true);
        }
      }),
      { numRuns: 4000 },
    );
  });

  it.each([
    ['duration', 'for two years', 'years', true],
    ['duration', 'last year', 'year', false],
    ['duration-adjective', 'a two-year deal', 'year', true],
    ['duration-adjective', 'a year ago', 'year', false],
    ['unit-long', 'a day-long strike', 'day', true],
    ['vague-duration', 'for years', 'years', true],
    ['vague-duration', 'for a year now', 'year', false],
    ['relative-unit', 'this week', 'week', true],
    ['relative-unit', 'mid-week', 'week', false],
  ])('should test the trigger word of %s in %j (%s) as %s', (name, text, word, expected) => {
    const rule = RULES.find((r) => r.name === name)!;
    expect(rule.word!(text, text.indexOf(word), 0, text.length)).toBe(expected);
  });

  it('should find a clock-or-numeric-date match wherever chrono finds a candidate', () => {
    fc.assert(
      fc.property(textArbitrary, (text) => {
        const scan = new RegExp(CLOCK_OR_NUMERIC_DATE.source, CLOCK_OR_NUMERIC_DATE.flags);
        if (chronoCandidates(text, 0).length > 0) expect(scan.test(text)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('should pass every digit where a clock time or numeric date starts', () => {
    const pieces = [...PIECES, ' pm', ' P.M.', ' o’clock', "  o'clock", ' In the evening', '\u2009am', '\u00a0p.m.', '.5', '-07-01', 'x1'];
    const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 24 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(texts, (text) => {
        const sticky = new RegExp(CLOCK_OR_NUMERIC_DATE.source, 'iy');
        for (let i = 0; i < text.length; i++) {
          sticky.lastIndex = i;
          if (sticky.test(text)) expect(mayStartClockOrNumeric(text, i)).toBe(true);
        }
      }),
      { numRuns: 4000 },
    );
  });

  it.each([
    ['at 10:35', 4, true],
    ['at 10 am', 4, true],
    ['at 10\u00a0P.M.', 4, true],
    ['7/8/07', 0, true],
    ['5 o’clock', 0, true],
    ['in 2019 the', 6, false],
    ['10 units', 1, false],
    ['3.x', 0, false],
  ])('should pre-check the digit of %j at %i as %s', (text, i, expected) => {
    expect(mayStartClockOrNumeric(text, i)).toBe(expected);
  });
});
