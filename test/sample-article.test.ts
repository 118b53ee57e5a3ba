/**
 * Issue 2's check on the sample article (corpus/000_6cad5f6c5dd24f7a.txt), through the whole default
 * pipeline. Everything here comes from general rules; nothing in src/ mentions this article.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../src/index.js';

const text = readFileSync('corpus/000_6cad5f6c5dd24f7a.txt', 'utf8');
const doc = annotateText(text, { id: 'sample' });
const mentions = doc.layers.mentions ?? [];
const entityOf = (name: string) => mentions.find((m) => m.text === name && m.form === 'NAM')?.entity;

describe('sample article', () => {
  it('should read the publication date from the header and annotate nothing in it', () => {
    expect(doc.published).toBe('2022-06-15');
    for (const span of [...mentions, ...(doc.layers.dates ?? [])]) expect(span.start).toBeGreaterThanOrEqual(doc.bodyStart);
  });

  it.each(['Yoon Suk-yeol', 'Fumio Kishida', 'Park Jin', 'Antony Blinken'])('should find %s as a PERSON entity', (name) => {
    expect(mentions.some((m) => m.text === name && m.type === 'PERSON')).toBe(true);
    expect(doc.layers.entities?.some((e) => e.name === name && e.type === 'PERSON')).toBe(true);
  });

  it('should link every bare "Park" to Park Jin', () => {
    const parks = mentions.filter((m) => m.text === 'Park');
    expect(parks.length).toBeGreaterThanOrEqual(2);
    for (const park of parks) expect(park.entity).toBe(entityOf('Park Jin'));
  });

  it('should attribute both direct quotes to Park Jin, with the cues "said" and "added"', () => {
    const direct = (doc.layers.quotes ?? []).filter((q) => q.kind === 'direct');
    expect(direct).toHaveLength(2);
    expect(direct.map((q) => q.speakerEntity)).toEqual([entityOf('Park Jin'), entityOf('Park Jin')]);
    expect(direct.map((q) => q.cue?.text)).toEqual(['said', 'added']);
  });

  it('should resolve "Monday" to 2022-06-13, the Monday before publication', () => {
    const mondays = (doc.layers.dates ?? []).filter((d) => d.text === 'Monday');
    expect(mondays.length).toBe(2);
    for (const monday of mondays) expect(monday.value).toBe('2022-06-13');
  });

  it('should type no country or city as a person or organization, and Park Jin never as a place', () => {
    const places = ['South Korea', 'Korea', 'Japan', 'United States', 'Seoul', 'Tokyo', 'Washington', 'North Korea'];
    for (const m of mentions) {
      if (places.includes(m.text)) expect(['PERSON', 'ORGANIZATION']).not.toContain(m.type);
      if (m.text === 'Park Jin') expect(m.type).not.toBe('LOCATION');
    }
  });
});
