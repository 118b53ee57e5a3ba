import { describe, expect, it } from 'vitest';
import { segment, splitParagraphs } from '../../src/stages/segment.js';
import { makeDoc } from '../helpers/make-doc.js';

const run = (text: string, bodyStart = 0) => {
  const doc = { ...makeDoc(text), bodyStart };
  return segment.create(segment.options.parse(undefined)).run(doc).layers;
};

describe('segment', () => {
  it('should give tokens whose offsets slice the original text', () => {
    const text = 'He said, “It’s fine.” 😀 Mr. Smith can’t go.\r\n\r\nPark added.';
    const layers = run(text);
    for (const token of layers.tokens ?? []) expect(text.slice(token.start, token.end)).toBe(token.text);
    expect(layers.tokens?.map((t) => t.text)).toContain('Smith');
  });

  it('should never let a sentence cross a blank line', () => {
    const text = 'U.S. officials\r\n\r\nsaid it was fine.';
    const layers = run(text);
    expect(layers.paragraphs?.map((p) => p.text)).toEqual(['U.S. officials', 'said it was fine.']);
    expect(layers.sentences?.map((s) => s.text)).toEqual(['U.S. officials', 'said it was fine.']);
  });

  it('should skip the metadata header before bodyStart', () => {
    const text = 'date 2022-06-15\nSeoul is busy.';
    const layers = run(text, 16);
    expect(layers.tokens?.[0]?.text).toBe('Seoul');
  });

  it('should tokenize a text the same whatever was read before', () => {
    // wink-nlp learns every unknown word it meets; left alone, "nation's" stays whole once an
    // earlier text contained it, so output would depend on document order and worker assignment.
    const probe = "The nation's central bank raised rates.";
    const before = run(probe).tokens?.map((t) => t.text);
    run('It was the nation\'s, and the nation’s (nation\'s) "nation\'s" best. nation\'s.');
    expect(run(probe).tokens?.map((t) => t.text)).toEqual(before);
    expect(before).toContain("'s");
  });

  it.each([
    ['a short text', 'Mr. Smith left. He said so.\n\nThen he came back.'],
    ['more tokens than the array made at its final size', 'Mr. Smith left. '.repeat(4500) + '\n\nHe came back.'],
  ])('should give one token per slot, in text order, without holes (%s)', (_name, text) => {
    const tokens = run(text).tokens!;
    expect(tokens.length).toBeGreaterThan(0);
    expect(Object.keys(tokens)).toHaveLength(tokens.length);
    for (let i = 1; i < tokens.length; i++) expect(tokens[i]!.start).toBeGreaterThanOrEqual(tokens[i - 1]!.end);
  });

  it('should split paragraphs on blank lines that hold spaces', () => {
    expect(splitParagraphs('a\n  \nb', 0).map((p) => p.text)).toEqual(['a', 'b']);
  });

  /** The regex the scan implements, as a reference. */
  function paragraphsByRegex(text: string, from: number): string[] {
    const out: string[] = [];
    const blankLine = /\n[ \t\r\f\v\u00a0]*\n\s*/g;
    blankLine.lastIndex = from;
    let start = from;
    const push = (s: number, e: number): void => {
      const t = text.slice(s, e).replace(/^[\t-\r \u00a0\ufeff\u2028\u2029]+|[\t-\r \u00a0\ufeff\u2028\u2029]+$/g, '');
      if (t) out.push(t);
    };
    for (let match = blankLine.exec(text); match; match = blankLine.exec(text)) {
      push(start, match.index);
      start = match.index + match[0].length;
    }
    push(start, text.length);
    return out;
  }

  it.each([
    ['a\n\nb', 0],
    ['a\r\n\r\nb\n \t\u00a0\n\u2003\n c', 0],
    ['\n\n\nx\n\n', 0],
    ['a\n\u2003\nb\n\nc', 0],
    ['head\n\nbody one\n\n\n  body two\n', 4],
    ['x\n\x0b\x0c\n\u3000y\n', 0],
    ['', 0],
  ])('should split paragraphs exactly as the blank-line regex does (%j from %i)', (text, from) => {
    expect(splitParagraphs(text, from).map((p) => p.text)).toEqual(paragraphsByRegex(text, from));
  });
});
