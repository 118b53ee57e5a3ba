import { describe, expect, it } from 'vitest';
import { compareQuotes, quoteOverlapAllowed } from '../../src/evaluate/score-quotes.js';
import { goldQuote, predMention, predQuote } from './helpers.js';

const TEXT =
  'Park Jin said, “We want GSOMIA to be normalized soon.” He added that talks would continue. ' +
  'Later he said: “We need coordination.” The ministry said it would keep communicating.';

const direct1 = '“We want GSOMIA to be normalized soon.”';
const indirect = 'talks would continue';
const direct2 = '“We need coordination.”';

describe('score-quotes', () => {
  const gold = [
    goldQuote(TEXT, direct1, 'direct', 'Park Jin', 'said'),
    goldQuote(TEXT, indirect, 'indirect', 'He', 'added'),
    goldQuote(TEXT, direct2, 'direct', 'he', 'said:'),
  ];

  it('should give full marks for a perfect prediction', () => {
    const pred = [
      predQuote(TEXT, direct1, 'direct', { speaker: 'Park Jin', cue: 'said' }),
      predQuote(TEXT, indirect, 'indirect', { speaker: 'He', cue: 'added' }),
      predQuote(TEXT, direct2, 'direct', { speaker: 'he', cue: 'said:' }),
    ];
    const result = compareQuotes(gold, pred, []);
    expect(result.groups.direct.exact).toEqual({ tp: 2, fp: 0, fn: 0 });
    expect(result.groups.nondirect.exact).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(result.groups.all.overlap).toEqual({ tp: 3, fp: 0, fn: 0 });
    expect(result.speaker).toEqual({ correct: 3, total: 3 });
    expect(result.cue).toEqual({ correct: 3, total: 3 });
    expect(result.errors).toEqual([]);
  });

  it('should miss everything for an empty prediction and leave the accuracies empty', () => {
    const result = compareQuotes(gold, [], []);
    expect(result.groups.all).toEqual({ exact: { tp: 0, fp: 0, fn: 3 }, overlap: { tp: 0, fp: 0, fn: 3 } });
    expect(result.speaker).toEqual({ correct: 0, total: 0 });
  });

  it.each([
    // [gold length 20] shared characters: 10 → allowed (exactly half), 9 → not
    [{ start: 0, end: 20 }, { start: 10, end: 40 }, true],
    [{ start: 0, end: 20 }, { start: 11, end: 40 }, false],
    [{ start: 0, end: 20 }, { start: 1, end: 19 }, true],
    [{ start: 0, end: 20 }, { start: 20, end: 30 }, false],
  ])('should apply the 50%-of-gold overlap rule: gold %o, pred %o → %s', (g, p, expected) => {
    expect(quoteOverlapAllowed(g, p)).toBe(expected);
  });

  it('should match a quote without its quotation marks under overlap only', () => {
    const bare = predQuote(TEXT, 'We want GSOMIA to be normalized soon.', 'direct', { speaker: 'Park Jin', cue: 'said' });
    const result = compareQuotes([gold[0]!], [bare], []);
    expect(result.groups.direct).toEqual({ exact: { tp: 0, fp: 1, fn: 1 }, overlap: { tp: 1, fp: 0, fn: 0 } });
  });

  it('should score a kind mismatch in its groups but match it in `all`', () => {
    const result = compareQuotes([gold[0]!], [predQuote(TEXT, direct1, 'mixed')], []);
    expect(result.groups.direct.exact).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(result.groups.nondirect.exact).toEqual({ tp: 0, fp: 1, fn: 0 });
    expect(result.groups.all.exact).toEqual({ tp: 1, fp: 0, fn: 0 });
  });

  it('should accept a pronoun speaker whose predicted entity has a mention overlapping the gold speaker', () => {
    // Gold marks the pronoun "he"; the pipeline put its speaker span on "Park Jin" (a different place)
    // but resolved the entity `park`, and it tagged the pronoun "he" as a mention of `park`.
    const pred = [predQuote(TEXT, direct2, 'direct', { speaker: 'Park Jin', speakerEntity: 'park', cue: 'said:' })];
    const mentions = [predMention(TEXT, 'Park Jin', 'PERSON', { entity: 'park' }), predMention(TEXT, 'he', 'PERSON', { form: 'PRO', entity: 'park' })];
    expect(compareQuotes([gold[2]!], pred, mentions).speaker).toEqual({ correct: 1, total: 1 });
    // Without the pronoun assigned to `park`, the same prediction is wrong.
    const wrong = compareQuotes([gold[2]!], pred, mentions.slice(0, 1));
    expect(wrong.speaker).toEqual({ correct: 0, total: 1 });
    expect(wrong.errors.map((e) => e.error)).toEqual(['wrong-speaker']);
  });

  it('should accept a gold pronoun speaker when the predicted speaker span is the same pronoun', () => {
    const pred = [predQuote(TEXT, indirect, 'indirect', { speaker: 'He', cue: 'added' })];
    expect(compareQuotes([gold[1]!], pred, []).speaker).toEqual({ correct: 1, total: 1 });
  });

  it('should count a missing speaker and a wrong cue as wrong', () => {
    const pred = [predQuote(TEXT, direct1, 'direct', { cue: 'added' })];
    const result = compareQuotes([gold[0]!], pred, []);
    expect(result.speaker).toEqual({ correct: 0, total: 1 });
    expect(result.cue).toEqual({ correct: 0, total: 1 });
  });

  it('should match a duplicate predicted quote only once', () => {
    const pred = [predQuote(TEXT, direct1, 'direct'), predQuote(TEXT, direct1, 'direct')];
    expect(compareQuotes([gold[0]!], pred, []).groups.all.overlap).toEqual({ tp: 1, fp: 1, fn: 0 });
  });
});
