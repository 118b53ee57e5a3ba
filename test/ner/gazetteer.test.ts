import { describe, expect, it } from 'vitest';
import { Gazetteer, phraseHash } from '../../src/ner/gazetteer.js';
import { hashString } from '../../src/ner/hash.js';

/** `phraseHash` of space-separated words, as the feature extractor chains it word by word. */
function hashOf(phrase: string): number {
  const [first, ...rest] = phrase.split(' ');
  return rest.reduce((hash, word) => phraseHash(hash, hashString(word)), hashString(first!));
}

describe('recognize-names gazetteer', () => {
  const gazetteer = new Gazetteer({ organization: ['bank of new england', 'red cross'], city: ['new york'] });

  it.each(['bank of', 'bank of new', 'bank of new england', 'red cross', 'new york'])(
    'should say that %s may be an entry or the start of one',
    (phrase) => {
      expect(gazetteer.mayBePhrase(hashOf(phrase))).toBe(true);
    },
  );

  it.each(['bank of york', 'cross red', 'new england', 'york new'])('should rule out %s by its hash', (phrase) => {
    expect(gazetteer.phrase(phrase)).toBe(0);
    expect(gazetteer.startsLongerPhrase(phrase)).toBe(false);
    expect(gazetteer.mayBePhrase(hashOf(phrase))).toBe(false);
  });
});
