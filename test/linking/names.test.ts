import { describe, expect, it } from 'vitest';
import { nameKey } from '../../src/linking/names.js';

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
