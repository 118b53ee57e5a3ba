/**
 * recognize-dates: hand-written sentences with explicit publication dates (no gold text is copied).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDocument, type DateMention, type Document } from '../../src/model/document.js';
import { recognizeDates } from '../../src/stages/recognize-dates.js';
import { segment } from '../../src/stages/segment.js';

const segmenter = segment.create({});
const tagger = recognizeDates.create({});

/** Segment a hand-written text and run the date stage on it. */
function run(text: string, published: string | null, bodyStart = 0): { doc: Document; dates: readonly DateMention[] } {
  const doc = createDocument({ id: 'test', text, published, bodyStart });
  Object.assign(doc.layers, segmenter.run(doc).layers);
  const output = tagger.run(doc);
  Object.assign(doc.layers, output.layers);
  doc.messages.push(...(output.messages ?? []));
  return { doc, dates: doc.layers.dates ?? [] };
}

/** The value given to the mention whose text is `needle`. */
function valueOf(dates: readonly DateMention[], needle: string): string | null | undefined {
  return dates.find((date) => date.text === needle)?.value;
}

describe('recognize-dates', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // Wednesday 2022-06-15 is the reference for the weekday cases.
  it.each([
    ['past tense: the closest previous weekday', 'The ministers met on Monday in Seoul.', 'Monday', '2022-06-13'],
    ['past tense: the same weekday is today', 'The ministers met on Wednesday.', 'Wednesday', '2022-06-15'],
    ['future tense: the next weekday', 'The ministers will meet on Friday in Tokyo.', 'Friday', '2022-06-17'],
    ['future with a contraction', "They'll vote Monday.", 'Monday', '2022-06-20'],
    ['scheduled event', 'The summit is scheduled for Friday.', 'Friday', '2022-06-17'],
    ['a capitalized future word (a remembered lowercase form)', 'THE SUMMIT WILL OPEN FRIDAY.', 'FRIDAY', '2022-06-17'],
    ['the same capitalized word again', 'Ministers WILL Meet Friday.', 'Friday', '2022-06-17'],
    ['a capitalized past word', 'The Summit Was Held Friday.', 'Friday', '2022-06-10'],
    ['"last" forces the past', 'Prices fell last Tuesday.', 'last Tuesday', '2022-06-14'],
    ['"next" forces the future', 'Talks resume next Monday.', 'next Monday', '2022-06-20'],
    ['a weekday opening its clause takes the verb after it', 'On Friday, the ministers will meet in Tokyo.', 'Friday', '2022-06-17'],
    ['a weekday opening a past clause', 'On Monday, the ministers met in Seoul.', 'Monday', '2022-06-13'],
    ['a verb before the weekday decides, not one after it', 'Prices fell Friday and will recover soon.', 'Friday', '2022-06-10'],
  ])('should resolve weekdays by tense (%s)', (_case, text, needle, value) => {
    expect(valueOf(run(text, '2022-06-15').dates, needle)).toBe(value);
  });

  it.each([
    ['a month without a year takes the nearest such month', 'Sales rose in April.', '2022-06-15', 'April', '2022-04'],
    ['December seen from January is last year', 'Sales rose in December.', '2023-01-10', 'December', '2022-12'],
    ['January seen from December, future tense', 'The law will take effect in January.', '2022-12-20', 'January', '2023-01'],
    ['a month and day without a year', 'The deal closed on June 3.', '2022-06-15', 'June 3', '2022-06-03'],
    // A date a payment, rule or deadline falls on looks ahead even in a past-tense report: the nearest one.
    ['"payable" in a past-tense clause', 'The board declared a dividend payable Dec. 15 to holders of record.', '2022-11-02', 'Dec. 15', '2022-12-15'],
    ['"effective" in a past-tense clause', 'He was named chairman, effective Feb. 1.', '2022-11-20', 'Feb. 1', '2023-02-01'],
    ['"until" in a past-tense clause', 'A judge ruled that the boy remain in Miami until March 6.', '2022-01-10', 'March 6', '2022-03-06'],
    ['"until" opening a past sentence', 'Until March 6 he lived in Rome.', '2022-01-10', 'March 6', '2021-03-06'],
    ['"effective" still reaches back to the nearest', 'The rule took effect, effective Oct. 1.', '2022-11-02', 'Oct. 1', '2022-10-01'],
    // "until" bounds a span: a past verb before it ends the span in the past, a future one ahead.
    ['"until" after a past verb stays past', 'He served as mayor until March 6.', '2022-01-10', 'March 6', '2021-03-06'],
    ['"until" after a future marker looks ahead', 'The talks will go on until March 6.', '2022-06-15', 'March 6', '2023-03-06'],
    ['a full date', 'It was signed on Aug. 7, 1998, in Nairobi.', '2022-06-15', 'Aug. 7, 1998', '1998-08-07'],
    ['a day-month date does not swallow the full stop', 'It opened on 5 May 2021.', '2022-06-15', '5 May 2021', '2021-05-05'],
    ['a month and year', 'Inflation peaked in September 2006.', '2022-06-15', 'September 2006', '2006-09'],
    ['a year', 'The treaty dates from 2016.', '2022-06-15', '2016', '2016'],
    ['a decade', 'Growth was fast in the 1990s.', '2022-06-15', 'the 1990s', '199'],
    ['a quarter with its year', 'Profit fell in the first quarter of 2013.', '2022-06-15', 'the first quarter of 2013', '2013-Q1'],
    ['an adjectival quarter of this year', 'Third-quarter profit fell.', '2022-11-02', 'Third-quarter', '2022-Q3'],
    ['a quarter not begun yet is last year’s', 'Fourth-quarter sales were weak.', '2023-02-01', 'Fourth-quarter', '2022-Q4'],
    ['this week', 'Officials met this week.', '2022-06-15', 'this week', '2022-W24'],
    ['last week', 'Officials met last week.', '2022-06-15', 'last week', '2022-W23'],
    ['a season', 'The plant closed last fall.', '2022-06-15', 'last fall', '2021-FA'],
    ['years ago', 'He left two years ago.', '2022-06-15', 'two years ago', '2020'],
    ['earlier this year', 'Prices rose earlier this year.', '2022-06-15', 'earlier this year', '2022'],
    ['yesterday', 'Markets fell yesterday.', '2022-06-15', 'yesterday', '2022-06-14'],
    ['part of the day', 'He spoke this morning.', '2022-06-15', 'this morning', '2022-06-15TMO'],
    ['a clock time joined to its weekday', 'The vote closes at 10 p.m. Wednesday.', '2022-06-15', '10 p.m. Wednesday', '2022-06-15T22:00'],
    ['present reference', 'The company is now profitable.', '2022-06-15', 'now', 'PRESENT_REF'],
    ['past reference', 'He recently resigned.', '2022-06-15', 'recently', 'PAST_REF'],
    ['future reference', 'Rates may rise in the future.', '2022-06-15', 'the future', 'FUTURE_REF'],
    ['a holiday', 'Stores closed on Thanksgiving.', '2021-12-01', 'Thanksgiving', '2021-11-25'],
  ])('should normalize dates (%s)', (_case, text, published, needle, value) => {
    expect(valueOf(run(text, published).dates, needle)).toBe(value);
  });

  it.each([
    ['a count of years', 'The strike lasted three years.', 'three years', 'DURATION', 'P3Y'],
    ['an adjectival duration', 'They signed a five-year deal.', 'five-year', 'DURATION', 'P5Y'],
    ['a duration of months', 'Talks took the past two months.', 'the past two months', 'DURATION', 'P2M'],
    ['a fraction', 'The flight took 5 1/2 hours.', '5 1/2 hours', 'DURATION', 'PT5H30M'],
    ['a vague duration', 'The dispute has gone on for years.', 'years', 'DURATION', 'PXY'],
    ['a set adverb', 'The paper is published daily.', 'daily', 'SET', 'P1D'],
    ['every unit', 'The board meets every month.', 'every month', 'SET', 'P1M'],
    ['every weekday', 'The club meets every Thursday.', 'every Thursday', 'SET', 'XXXX-WXX-4'],
  ])('should type and value durations and sets (%s)', (_case, text, needle, type, value) => {
    const date = run(text, '2022-06-15').dates.find((d) => d.text === needle);
    expect(date).toMatchObject({ type, value, range: null });
  });

  it.each([
    ['a count followed by a noun', 'The party won 2016 votes in the district.'],
    ['money', 'The ticket cost $2,019 last night.'],
    ['a name abbreviation', 'Foreign Minister Jan Kavan spoke.'],
    ['the modal "may"', 'The bank may raise rates.'],
  ])('should not take numbers or words that are not dates (%s)', (_case, text) => {
    const texts = run(text, '2022-06-15').dates.map((d) => d.text);
    expect(texts).not.toContain('2016');
    expect(texts).not.toContain('2,019');
    expect(texts).not.toContain('Jan');
    expect(texts).not.toContain('may');
  });

  it('should find both ends of a year range as separate dates', () => {
    const { dates } = run('Exports grew from 2016 to 2019.', '2022-06-15');
    expect(dates.map((d) => [d.text, d.value])).toEqual([
      ['2016', '2016'],
      ['2019', '2019'],
    ]);
  });

  it('should give a day range its span of days ("June 3-5")', () => {
    const date = run('The fair runs June 3-5 in Busan.', '2022-05-01').dates[0];
    expect(date).toMatchObject({ text: 'June 3-5', value: '2022-06-03', range: { start: '2022-06-03', end: '2022-06-05' } });
  });

  it('should give the same ranges when a value comes again (remembered ranges are shared, never changed)', () => {
    const text = 'The fair runs June 3-5 in Busan and opens again on June 3.';
    const first = run(text, '2022-05-01').dates;
    const again = run(text, '2022-05-01').dates;
    expect(again.map((d) => d.range)).toEqual(first.map((d) => d.range));
    expect(first.map((d) => d.range)).toEqual([
      { start: '2022-06-03', end: '2022-06-05' },
      { start: '2022-06-03', end: '2022-06-03' },
    ]);
  });

  it('should give ranges of ISO days for filtering', () => {
    const { dates } = run('Sales rose in the first quarter of 2013 and in the 1990s.', '2022-06-15');
    expect(dates.map((d) => d.range)).toEqual([
      { start: '2013-01-01', end: '2013-03-31' },
      { start: '1990-01-01', end: '1999-12-31' },
    ]);
  });

  it('should resolve relative dates to null and warn once without a publication date', () => {
    const { doc, dates } = run('They met on Monday and again last week, after the vote of 12 March 2019.', null);
    expect(valueOf(dates, 'Monday')).toBeNull();
    expect(valueOf(dates, 'last week')).toBeNull();
    expect(valueOf(dates, '12 March 2019')).toBe('2019-03-12');
    const warnings = doc.messages.filter((m) => m.ruleId === 'recognize-dates:no-publication-date');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.severity).toBe('warning');
  });

  it('should not warn when every expression is absolute', () => {
    const { doc } = run('The treaty was signed in 1998.', null);
    expect(doc.messages).toEqual([]);
  });

  it('should find nothing before the body start', () => {
    const text = 'date 2022-06-15 Monday\n\nThe ministers met on Monday.';
    const bodyStart = text.indexOf('The');
    const { dates } = run(text, '2022-06-15', bodyStart);
    expect(dates.map((d) => d.text)).toEqual(['Monday']);
    expect(dates[0]!.start).toBeGreaterThanOrEqual(bodyStart);
  });

  it('should keep spans consistent with the text', () => {
    const text = 'On Monday, June 13, 2022, at 9 a.m., officials said sales rose 5% in 2021 and would rise next year.';
    const { dates } = run(text, '2022-06-15');
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(text.slice(date.start, date.end)).toBe(date.text);
  });

  it('should never read the wall clock', () => {
    const text = 'The ministers met on Monday and will meet again next month; talks began two years ago and now continue.';
    const before = run(text, '2022-06-15').dates;
    vi.useFakeTimers();
    vi.setSystemTime(new Date(Date.UTC(2091, 2, 4, 5, 6, 7)));
    const after = run(text, '2022-06-15').dates;
    expect(after).toEqual(before);
    expect(valueOf(after, 'Monday')).toBe('2022-06-13');
    expect(valueOf(after, 'next month')).toBe('2022-07');
  });
});
