import { describe, expect, it } from 'vitest';
import { GoldError, parseGold } from '../../src/evaluate/read-gold.js';

const line = (doc: Record<string, unknown>) => JSON.stringify({ id: 'd1', text: 'Park Jin spoke.', layers: ['PERSON'], ...doc });

function problemsOf(source: string): string[] {
  try {
    parseGold(source, 'gold.jsonl');
  } catch (error) {
    if (error instanceof GoldError) return error.problems;
    throw error;
  }
  return [];
}

describe('read-gold', () => {
  it('should read valid documents, skipping blank lines and a BOM, and keep the line number', () => {
    const source = '\uFEFF' + line({ mentions: [{ start: 0, end: 8, type: 'PERSON', text: 'Park Jin', form: 'NAM', head: 'x' }] }) + '\n\n' + line({ id: 'd2' }) + '\n';
    const gold = parseGold(source, 'gold.jsonl');
    expect(gold.documents.map((d) => [d.id, d.line])).toEqual([
      ['d1', 1],
      ['d2', 3],
    ]);
    expect(gold.documents[0]!.mentions[0]).toMatchObject({ start: 0, end: 8, type: 'PERSON' });
    expect(gold.documents[1]!.quotes).toEqual([]);
  });

  it.each([
    ['a syntax error', 'not json', /gold\.jsonl:1: expected one JSON object per line/],
    ['an unknown layer', line({ layers: ['PEOPLE'] }), /gold\.jsonl:1: layers\.0: /],
    ['a span that does not quote the text', line({ mentions: [{ start: 0, end: 4, type: 'PERSON', text: 'Jin' }] }), /mentions\.0: expected text\.slice\(0, 4\) to equal "Jin", got "Park"/],
    ['a span past the end', line({ mentions: [{ start: 10, end: 99, type: 'PERSON', text: 'x' }] }), /mentions\.0: expected 0 ≤ start ≤ end ≤ 15, got \[10, 99\)/],
    ['an unknown entity id', line({ mentions: [{ start: 0, end: 8, type: 'PERSON', text: 'Park Jin', entity: 'park' }] }), /mentions\.0\.entity: expected a key of `entities`/],
    ['a bad date', line({ published: '15/06/2022' }), /published: expected a `YYYY-MM-DD` date or null/],
    ['a bad id', line({ id: 'a b' }), /id: expected letters, digits/],
    ['a missing text', JSON.stringify({ id: 'x', layers: [] }), /gold\.jsonl:1: text: /],
    ['a bad quote speaker', line({ layers: ['QUOTE'], quotes: [{ start: 0, end: 8, text: 'Park Jin', kind: 'direct', speaker: { start: 9, end: 15, text: 'said' } }] }), /quotes\.0\.speaker: expected text\.slice/],
  ])('should reject %s with file, line and what was expected', (_label, source, pattern) => {
    const problems = problemsOf(source);
    expect(problems.some((problem) => pattern.test(problem))).toBe(true);
  });

  it('should report every problem together, with the right line numbers', () => {
    const problems = problemsOf([line({}), 'oops', line({}), line({ id: 'd3', layers: ['X'] })].join('\n'));
    expect(problems).toEqual([
      expect.stringMatching(/^gold\.jsonl:2: /),
      expect.stringMatching(/^gold\.jsonl:3: id: expected a unique id, `d1` is already used on line 1/),
      expect.stringMatching(/^gold\.jsonl:4: layers\.0: /),
    ]);
  });

  it('should reject an empty file', () => {
    expect(problemsOf('\n')).toEqual(['gold.jsonl: expected at least one document, found none']);
  });
});
