import { describe, expect, it } from 'vitest';
import { createCueMatcher, DEFAULT_CUES, inflections } from '../../src/quotes/lexicon.js';

describe('extract-quotes lexicon', () => {
  it.each([
    ['say', ['say', 'says', 'said', 'saying'], ['sayed']],
    ['show', ['shows', 'showed', 'shown', 'showing'], []],
    ['admit', ['admits', 'admitted', 'admitting'], ['admited']],
    ['quip', ['quipped', 'quipping'], ['quiped']],
    ['read', ['reads', 'reading'], ['readed']],
    ['make', ['makes', 'made', 'making'], ['maked']],
    ['put', ['puts', 'putting'], ['putted', 'puting']],
    ['deny', ['denies', 'denied', 'denying'], []],
    ['stress', ['stresses', 'stressed', 'stressing'], []],
  ])('should inflect %s', (lemma, present, absent) => {
    const forms = inflections(lemma);
    for (const form of present) expect(forms).toContain(form);
    for (const form of absent) expect(forms).not.toContain(form);
  });

  it.each([
    ['the agency showed no sign', 2, 'show'],
    ['he pointed to the data', 1, 'point to'],
    ['as she put it', 2, 'put it'],
    ['she made it clear that', 1, 'make it clear'],
    ['he decried the plan', 1, 'decry'],
  ])('should match the default cue in "%s"', (sentence, at, lemma) => {
    const words = sentence.split(' ');
    expect(createCueMatcher(DEFAULT_CUES).match(words, at)?.lemma).toBe(lemma);
  });

  it('should give the length of the longest phrase that matches, and nothing past the last word', () => {
    const cues = createCueMatcher(['say', 'say in a statement', 'point out']);
    expect(cues.match(['said', 'in', 'a', 'statement', 'that'], 0)).toEqual({ length: 4, lemma: 'say in a statement' });
    expect(cues.match(['said', 'in', 'a'], 0)).toEqual({ length: 1, lemma: 'say' });
    expect(cues.match(['pointed', 'out'], 0)).toEqual({ length: 2, lemma: 'point out' });
    expect(cues.match(['pointed'], 0)).toBeNull();
    expect(cues.match(['said'], 0)).toBe(cues.match(['says', 'so'], 0));
  });
});
