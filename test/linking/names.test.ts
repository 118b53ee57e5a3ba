import { describe, expect, it } from 'vitest';
import { cleanName, coreTokens, entityId, entityIdOfKey, entityIdOfName, initials, nameKey } from '../../src/linking/names.js';

describe('link-entities names', () => {
  it.each([
    ['Yoon Suk-yeol', 'yoon suk yeol'],
    ['U.S.', 'us'],
    ['Park’s', 'park'],
    ['Beatles’', 'beatles'],
    ['Procter & Gamble', 'procter & gamble'],
    ['  José  Martí ', 'jose marti'],
  ])('should key %s as %s, the same on a repeated call', (name, key) => {
    expect(nameKey(name)).toBe(key);
    expect(nameKey(name)).toBe(key);
  });

  it('should keep giving correct keys after its memo fills and is cleared', () => {
    for (let i = 0; i < 60_000; i++) expect(nameKey(`Name-${i}’s`)).toBe(`name ${i}`);
    expect(nameKey('Yoon Suk-yeol')).toBe('yoon suk yeol');
    expect(nameKey(`${'A.'.repeat(300)}`)).toBe('a'.repeat(300));
  });
});

describe('link-entities cleanName', () => {
  it.each([
    ['US Secretary of State Antony Blinken', 'PERSON', 'Antony Blinken', ['secretary', 'state']],
    ['South Korea’s Foreign Ministry', 'ORGANIZATION', 'Foreign Ministry', []],
    ['General Motors (GM', 'ORGANIZATION', 'General Motors', []],
  ] as const)('should clean %s (%s) to %s, the same on a repeated call', (text, type, display, titles) => {
    const first = cleanName(text, type);
    expect(first.display).toBe(display);
    expect(first.titles).toEqual(titles);
    expect(cleanName(text, type)).toEqual(first);
  });

  it('should clean a text per type: a person drops titles, an organization keeps its words', () => {
    expect(cleanName('Chief Executive Officer', 'ORGANIZATION').display).toBe('Chief Executive Officer');
    expect(cleanName('President Moon', 'PERSON').display).toBe('Moon');
    expect(cleanName('President Moon', 'ORGANIZATION').display).toBe('President Moon');
  });

  it('should keep giving correct names after its memo fills and is cleared', () => {
    for (let i = 0; i < 25_000; i++) expect(cleanName(`Dr. Kim${i}`, 'PERSON').display).toBe(`Kim${i}`);
    expect(cleanName('Foreign Minister Park Jin', 'PERSON').display).toBe('Park Jin');
  });
});

describe('link-entities name derivations', () => {
  const NAMES = ['General Security of Military Information Agreement', 'Ford Motor Co.', 'Park Jin', 'U.S.', 'Bank of America Corp', 'Yoon Suk-yeol', 'GM', '서울', 'José Martí Inc'];
  const TYPES = ['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC'] as const;

  it.each(NAMES)('should keep the initials and core words of %s equal to their definitions', (name) => {
    for (const type of TYPES) {
      const clean = cleanName(name, type);
      expect(clean.initials).toEqual(initials(clean.tokens));
      expect(clean.wordsCore).toEqual(coreTokens(clean.words, 'ORGANIZATION'));
    }
  });

  it.each(NAMES)('should give %s the same id from its joined core as from its core tokens', (name) => {
    for (const type of TYPES) {
      const clean = cleanName(name, type);
      expect(entityIdOfKey(type, clean.match)).toBe(entityId(type, clean.core));
      expect(entityIdOfKey(type, clean.match)).toBe(entityIdOfKey(type, clean.match));
    }
    expect(entityId('PERSON', ['park', 'jin'])).toBe('person:park-jin');
    expect(entityId('LOCATION', ['서울'])).toMatch(/^location:x-[0-9a-z]{7}$/);
  });

  it.each(NAMES)('should give %s the id of its match for whichever type is asked, in any order (the id kept on the name)', (name) => {
    // One cleaned name asked for every type in turn, twice: a kept id of another type must never come back.
    const clean = cleanName(name, 'ORGANIZATION');
    for (const type of [...TYPES, ...[...TYPES].reverse(), 'PERSON', 'PERSON'] as const) {
      expect(entityIdOfName(type, clean)).toBe(entityIdOfKey(type, clean.match));
      expect(entityIdOfName(type, clean)).toMatch(new RegExp(`^${type.toLowerCase()}:`));
    }
  });
});
