import { describe, expect, it } from 'vitest';
import { FeatureExtractor, type PreparedDocument } from '../../src/ner/features.js';
import { Gazetteer } from '../../src/ner/gazetteer.js';

/** Space-separated tokens; `|` ends a sentence; tokens after `#` are outside every sentence. */
function tokens(text: string): { tokens: { text: string; pos: string }[]; sentences: { tokenStart: number; tokenEnd: number }[] } {
  const out: { text: string; pos: string }[] = [];
  const sentences: { tokenStart: number; tokenEnd: number }[] = [];
  let start = 0;
  let inside = true;
  for (const word of text.split(' ')) {
    if (word === '|' || word === '#') {
      if (inside && out.length > start) sentences.push({ tokenStart: start, tokenEnd: out.length });
      inside = word === '|';
      start = out.length;
      continue;
    }
    out.push({ text: word, pos: /^\p{Lu}/u.test(word) ? 'PROPN' : /^\d/.test(word) ? 'NUM' : 'NOUN' });
  }
  if (inside && out.length > start) sentences.push({ tokenStart: start, tokenEnd: out.length });
  return { tokens: out, sentences };
}

/** The arrays of a prepared document, copied (a scratch document's views change with the next one). */
function arrays(doc: PreparedDocument): Record<string, number[]> {
  const { facts, features, offsets, slots, lower, short, cap, capsSentence } = doc;
  return Object.fromEntries(Object.entries({ facts, features, offsets, slots, lower, short, cap, capsSentence }).map(([k, v]) => [k, [...v]]));
}

const LONG = 'GENEVA 1996-08-31 | UN Secretary Kofi Annan met Tellen Corp in Arnby on Monday , said 25 officials . | CHICAGO 5 DETROIT 3 | The Quill Bank of Arnby lost 4 % .';
const SHORT = 'Tellen Corp said Annan was in Arnby . # Photo by Quill | Marenland won';

describe('recognize-names features', () => {
  it('should prepare the same document in the scratch buffer as in a new one, after a longer document', () => {
    const extractor = new FeatureExtractor(new Gazetteer({ country: ['marenland'], city: ['arnby'], 'first-name': ['kofi'] }));
    const long = tokens(LONG);
    const short = tokens(SHORT);
    for (const pairFeatures of [true, false]) {
      const fresh = arrays(extractor.prepare(short.tokens, short.sentences, { pairFeatures }));
      extractor.prepare(long.tokens, long.sentences, { pairFeatures, scratch: true });
      expect(arrays(extractor.prepare(short.tokens, short.sentences, { pairFeatures, scratch: true }))).toEqual(fresh);
    }
  });
});

describe('recognize-names features: rule words', () => {
  it('should say a word opens a phrase by its text up to the first space, as the rules look phrases up', () => {
    const extractor = new FeatureExtractor(new Gazetteer({ city: ['new york dorvia', 'port arnby'] }));
    const doc = extractor.prepare([{ text: 'New York', pos: 'PROPN' }, { text: 'port', pos: 'NOUN' }, { text: 'Dorvia', pos: 'PROPN' }], [{ tokenStart: 0, tokenEnd: 3 }]);
    expect(doc.words.map((word) => word.opensPhrase)).toEqual([true, true, false]);
  });
});
