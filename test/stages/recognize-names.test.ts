import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../../src/index.js';
import type { Mention } from '../../src/model/document.js';

function mentions(text: string): Mention[] {
  return [...(annotateText(text).layers.mentions ?? [])];
}

function typeOf(found: Mention[], name: string): string | undefined {
  return found.find((m) => m.text === name)?.type;
}

describe('recognize-names', () => {
  it.each([
    ['honorific', 'Mr. Daniel Okafor told reporters the plan was dead.', 'Daniel Okafor', 'PERSON'],
    ['title before a name', 'Foreign Minister Maria Santos arrived in Lisbon on Tuesday.', 'Maria Santos', 'PERSON'],
    ['company suffix', 'Shares of Brightwater Holdings Inc. fell 4 percent.', 'Brightwater Holdings Inc.', 'ORGANIZATION'],
    ['city', 'Protesters gathered in Nairobi on Sunday.', 'Nairobi', 'LOCATION'],
    ['hyphenated East Asian name', 'President Moon Jae-in met the delegation in Seoul.', 'Moon Jae-in', 'PERSON'],
  ])('should find a name: %s', (_case, text, name, type) => {
    expect(typeOf(mentions(text), name)).toBe(type);
  });

  it('should find nothing in an empty text', () => {
    expect(mentions('')).toEqual([]);
  });

  it('should give every mention a checked span', () => {
    const text = 'Chancellor Olaf Scholz spoke to Reuters in Berlin.';
    for (const m of mentions(text)) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  describe('sample article', () => {
    const text = readFileSync(new URL('../../corpus/000_6cad5f6c5dd24f7a.txt', import.meta.url), 'utf8');
    const found = mentions(text);

    it.each(['Yoon Suk-yeol', 'Fumio Kishida', 'Park Jin', 'Antony Blinken'])('should find %s as a person', (name) => {
      expect(found.some((m) => m.text === name && m.type === 'PERSON')).toBe(true);
    });

    it.each(['Yonhap', 'Foreign Ministry'])('should find %s as an organization', (name) => {
      expect(found.some((m) => m.text === name && m.type === 'ORGANIZATION')).toBe(true);
    });

    it('should never type Park Jin as a place', () => {
      expect(found.filter((m) => m.text.includes('Park') && m.type === 'LOCATION')).toEqual([]);
    });
  });
});
