import { describe, expect, it } from 'vitest';
import { tagDates } from '../../src/dates/tag.js';

/** Paragraph spans of a text whose paragraphs are separated by blank lines. */
function paragraphsOf(text: string): { start: number; end: number; text: string }[] {
  const spans: { start: number; end: number; text: string }[] = [];
  const pattern = /[^\n]+/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    spans.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  return spans;
}

function datesIn(text: string, paragraphs = paragraphsOf(text)): string[] {
  const { dates } = tagDates({ text, bodyStart: 0, published: '2020-06-15', tokens: [], sentences: [], paragraphs });
  return dates.map((date) => `${date.text}=${date.value}`);
}

describe('recognize-dates tagger', () => {
  it.each([
    ['Sales rose in 2019.\n\nThey fell in 2020.', ['2019=2019', '2020=2020']],
    ['The plant opened on June 3, 1998, and closed in March.', ['June 3, 1998=1998-06-03', 'March=2020-03']],
    ['No digits here, only words.', []],
    ['Between 1990 and 1995 it grew 12 percent.', ['1990=1990', '1995=1995']],
    [
      'Plain words.\n\nIt rained in March 2019.\n\nMore plain words.\n\nStill none.\n\nThey met in 2018 and on Monday.\n\nThe end.',
      ['March 2019=2019-03', '2018=2018', 'Monday=2020-06-15'],
    ],
  ])('should find the dates of %j', (text, expected) => {
    expect(datesIn(text)).toEqual(expected);
  });

  it('should give the digit rules to each paragraph a run of digits reaches', () => {
    // Paragraph spans meeting inside the run "12003": the second one starts with digits of it.
    const text = 'ab 12003 x';
    const paragraphs = [
      { start: 0, end: 4, text: text.slice(0, 4) },
      { start: 4, end: text.length, text: text.slice(4) },
    ];
    expect(datesIn(text, paragraphs)).toEqual(['2003=2003']);
  });
});
