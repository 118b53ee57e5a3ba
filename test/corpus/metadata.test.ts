import { describe, expect, it } from 'vitest';
import { findBodyStart, isoDay } from '../../src/corpus/metadata.js';

describe('read-corpus: metadata header', () => {
  it.each([
    { text: ' date 2022-06-15 South Korean President', published: '2022-06-15', body: 'South Korean President' },
    { text: 'date 2022-06-15\nSeoul said.', published: '2022-06-15', body: 'Seoul said.' },
    { text: '---\ndate: 2022-06-15\ntitle: Hello\n---\nBody text.', published: '2022-06-15', body: 'Body text.' },
    { text: '---\r\ntitle: "x"\r\ndate: "2021-01-02"\r\n---\r\nBody.', published: '2021-01-02', body: 'Body.' },
    { text: 'No header here.', published: null, body: 'No header here.' },
    { text: 'The date 2022-06-15 was cited.', published: null, body: 'The date 2022-06-15 was cited.' },
  ])('should read $published from $text', ({ text, published, body }) => {
    const info = findBodyStart(text);
    expect(info.published).toBe(published);
    expect(text.slice(info.bodyStart)).toBe(body);
  });

  it('should trim spaces and tabs around a front-matter value', () => {
    const info = findBodyStart('---\ntitle: \t "Spaced out"  \t\ndate:   2022-06-15   \n---\nBody.');
    expect(info.title).toBe('Spaced out');
    expect(info.published).toBe('2022-06-15');
  });

  it('should read a front-matter line of 60,000 spaces in linear time (it used to backtrack for seconds)', () => {
    const text = `---\ntitle: a${' '.repeat(60_000)}b\ndate: 2022-06-15\n---\nBody.`;
    const started = performance.now();
    const info = findBodyStart(text);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(info.published).toBe('2022-06-15');
    expect(info.title).toBe(`a${' '.repeat(60_000)}b`);
  });

  it('should flag an impossible header date instead of guessing', () => {
    const info = findBodyStart('date 2022-02-30\nText.');
    expect(info.published).toBeNull();
    expect(info.invalidDate).toBe('2022-02-30');
  });

  it.each([
    ['2022-06-15', '2022-06-15'],
    ['2022-06-15T09:30:00Z', '2022-06-15'],
    ['2022-13-01', null],
    ['15/06/2022', null],
  ])('isoDay(%s) should be %s', (value, expected) => {
    expect(isoDay(value)).toBe(expected);
  });
});
