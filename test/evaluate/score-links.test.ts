import { describe, expect, it } from 'vitest';
import { kbTally } from '../../src/evaluate/evaluate.js';
import { normalizeKb, scoreB3, scorePairwise, type LinkItem } from '../../src/evaluate/score-links.js';

const items = (rows: [string, string][]): LinkItem[] => rows.map(([gold, pred]) => ({ gold, pred }));

describe('score-links', () => {
  /*
   * Worked by hand. Gold clusters A = {m1, m2, m3}, B = {m4, m5}; predicted X = {m1, m2}, Y = {m3, m4, m5}.
   *
   * B³ precision per mention = |pred ∩ gold| / |pred|:
   *   m1 2/2, m2 2/2, m3 1/3, m4 2/3, m5 2/3 → sum 11/3 → P = 11/15 ≈ 0.7333
   * B³ recall per mention = |pred ∩ gold| / |gold|:
   *   m1 2/3, m2 2/3, m3 1/3, m4 2/2, m5 2/2 → sum 11/3 → R = 11/15, F1 = 11/15
   *
   * Pairwise: gold pairs A: 3 + B: 1 = 4; predicted pairs X: 1 + Y: 3 = 4;
   *   pairs together in both: (m1, m2) and (m4, m5) → tp 2, fp 2, fn 2 → P = R = F1 = 0.5
   */
  const worked = items([
    ['A', 'X'],
    ['A', 'X'],
    ['A', 'Y'],
    ['B', 'Y'],
    ['B', 'Y'],
  ]);

  it('should compute B³ for the worked example', () => {
    const b3 = scoreB3(worked);
    expect(b3.precision).toBeCloseTo(11 / 15, 12);
    expect(b3.recall).toBeCloseTo(11 / 15, 12);
    expect(b3.f1).toBeCloseTo(11 / 15, 12);
    expect(b3.mentions).toBe(5);
  });

  it('should compute pairwise P/R/F1 for the worked example', () => {
    expect(scorePairwise(worked)).toMatchObject({ tp: 2, fp: 2, fn: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it('should give B³ credit but no pairwise credit for leaving every mention on its own', () => {
    // Same gold; each mention predicted alone. B³ P = 1; R = (1/3·3 + 1/2·2) / 5 = 2/5.
    const singletons = items([
      ['A', 's1'],
      ['A', 's2'],
      ['A', 's3'],
      ['B', 's4'],
      ['B', 's5'],
    ]);
    const b3 = scoreB3(singletons);
    expect(b3.precision).toBe(1);
    expect(b3.recall).toBeCloseTo(2 / 5, 12);
    expect(scorePairwise(singletons)).toMatchObject({ tp: 0, fp: 0, fn: 4, f1: 0 });
  });

  it('should give 1.0 for a perfect clustering, whatever the predicted ids', () => {
    const perfect = items([
      ['A', 'p'],
      ['A', 'p'],
      ['B', 'q'],
    ]);
    expect(scoreB3(perfect)).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(scorePairwise(perfect)).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
  });

  it('should penalize merging everything into one cluster', () => {
    const merged = items([
      ['A', 'x'],
      ['A', 'x'],
      ['B', 'x'],
    ]);
    // B³ P = (2/3 + 2/3 + 1/3) / 3 = 5/9; R = 1.
    expect(scoreB3(merged).precision).toBeCloseTo(5 / 9, 12);
    expect(scoreB3(merged).recall).toBe(1);
    expect(scorePairwise(merged)).toMatchObject({ tp: 1, fp: 2, fn: 0 });
  });

  it.each([
    ['http://dbpedia.org/resource/Boeing', 'https://dbpedia.org/resource/Boeing/'],
    ['http://dbpedia.org/resource/Caf%C3%A9', 'http://dbpedia.org/resource/Café'],
    ['https://www.wikidata.org/wiki/Q66', 'https://wikidata.org/wiki/Q66'],
    ['http://dbpedia.org/resource/Apple_Inc.', 'https://en.wikipedia.org/wiki/Apple_Inc.'],
    ['http://dbpedia.org/resource/General_Motors', 'https://en.wikipedia.org/wiki/General Motors'],
  ])('should treat %s and %s as the same KB link', (a, b) => {
    expect(normalizeKb(a)).toBe(normalizeKb(b));
  });

  it('should keep different KB links apart', () => {
    expect(normalizeKb('http://dbpedia.org/resource/Boeing')).not.toBe(normalizeKb('http://dbpedia.org/resource/Airbus'));
    expect(normalizeKb('http://fr.dbpedia.org/resource/Boeing')).not.toBe(normalizeKb('http://dbpedia.org/resource/Boeing'));
  });

  it('should count a prediction right when its KB entry lists the gold link under sameAs', () => {
    const base = { doc: 'd', gold: 'g', pred: 'p', at: '0-1', goldKb: 'http://dbpedia.org/resource/Boeing' };
    expect(kbTally([{ ...base, predKb: 'Q66', predSameAs: ['https://en.wikipedia.org/wiki/Boeing'] }])).toEqual({ correct: 1, total: 1 });
    expect(kbTally([{ ...base, predKb: 'Q66', predSameAs: [] }])).toEqual({ correct: 0, total: 1 });
    expect(kbTally([{ ...base, predKb: null }])).toEqual({ correct: 0, total: 0 });
  });
});
