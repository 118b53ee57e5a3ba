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

  it.each([
    ['dateline', 'SEOUL — Officials met on Monday.', 'SEOUL', 'LOCATION'],
    ['possessive', "Japan's government said it would act.", 'Japan', 'LOCATION'],
    ['initials', 'J.P. Morgan Chase & Co. hired Anna Lee.', 'J.P. Morgan Chase & Co.', 'ORGANIZATION'],
    ['name at sentence start', 'Fumio Kishida arrived late.\n\nKishida said the talks went well.', 'Kishida', 'PERSON'],
    ['agency credit line', 'Officials met in Geneva on Monday. (Xinhua)', 'Xinhua', 'ORGANIZATION'],
    ['all-caps headline', 'TOKYO STOCKS CLOSE HIGHER\n\nShares rose in Tokyo on Friday.', 'TOKYO', 'LOCATION'],
  ])('should handle %s', (_case, text, name, type) => {
    expect(typeOf(mentions(text), name)).toBe(type);
  });

  it.each([
    ['Japanese Prime Minister Fumio Kishida spoke.', 'Fumio Kishida', 'Prime Minister'],
    ['He met US Secretary of State Antony Blinken in Washington.', 'Antony Blinken', 'Secretary of State'],
    ['Airbus spokesman Stefan Berger said the plane was safe.', 'Stefan Berger', 'spokesman'],
  ])('should keep the title as the role: %s', (text, name, role) => {
    expect(mentions(text).find((m) => m.text === name)?.role?.text).toBe(role);
  });

  it('issue 4: a hyphenated given name is not cut at the hyphen', () => {
    expect(typeOf(mentions('President Moon Jae-in met the delegation in Seoul.'), 'Moon Jae-in')).toBe('PERSON');
  });

  it('issue 4: a surname used alone after the full name is the same person', () => {
    const found = mentions('Foreign Minister Park Jin arrived on Monday. Park added that talks would continue.');
    expect(found.filter((m) => m.text === 'Park').map((m) => m.type)).toEqual(['PERSON']);
  });

  it.each([
    ['a company suffix after "of" and a place', 'Shares of Northwind Mining of South Africa Ltd rose on Monday.', 'Northwind Mining of South Africa Ltd'],
    ['a company suffix after a possessive', "Kellerman's Bancshares Inc. fell 3 percent.", "Kellerman's Bancshares Inc."],
    ['"&" before a company suffix', 'Halvorsen & Co. said profits rose.', 'Halvorsen & Co.'],
    ['the same name used alone after "X & Co."', 'Halvorsen & Co. said profits rose. Halvorsen will pay a dividend.', 'Halvorsen'],
    ['a possessive company context', "Analysts cut forecasts for Kestrel. Kestrel's chief executive resigned.", 'Kestrel'],
  ])('issue 4: company names are organizations: %s', (_case, text, name) => {
    expect(mentions(text).filter((m) => m.text === name).map((m) => m.type)).toContain('ORGANIZATION');
    expect(mentions(text).filter((m) => m.text === name && m.type === 'PERSON')).toEqual([]);
  });

  it.each([
    ['ends its line', 'The order went to Brightwater Holdings Inc.\n\nIts shares rose.', 'Brightwater Holdings Inc'],
    ['ends the text before a quote mark', 'Most clients, he said, "would stay with Halvorsen & Co."', 'Halvorsen & Co'],
    ['is inside the sentence', 'Brightwater Holdings Inc. said profits rose.', 'Brightwater Holdings Inc.'],
  ])('should end a company name before the sentence period only: the period %s', (_case, text, name) => {
    expect(typeOf(mentions(text), name)).toBe('ORGANIZATION');
  });

  it('issue 4: a country before a title, and the same country elsewhere, is a place', () => {
    const found = mentions('He met US Secretary of State Antony Blinken in Washington. The files were shared through US authorities.');
    expect(found.filter((m) => m.text === 'US').map((m) => m.type)).toEqual(['LOCATION']);
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

    it('should never type a country or city as a person or organization', () => {
      const places = ['South Korea', 'Korea', 'Japan', 'United States', 'US', 'Seoul', 'Tokyo', 'Washington', 'North Korea'];
      expect(found.filter((m) => places.includes(m.text) && (m.type === 'PERSON' || m.type === 'ORGANIZATION'))).toEqual([]);
    });

    it('should never type Park Jin as a place', () => {
      expect(found.filter((m) => m.text.includes('Park') && m.type === 'LOCATION')).toEqual([]);
    });
  });
});
