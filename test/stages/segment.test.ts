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

  it('should split paragraphs on blank lines that hold spaces', () => {
    expect(splitParagraphs('a\n  \nb', 0).map((p) => p.text)).toEqual(['a', 'b']);
  });
});
