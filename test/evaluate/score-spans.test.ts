import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames, compareTimes, matchExact, matchOverlap, prf } from '../../src/evaluate/score-spans.js';
import { goldMention, predAt, predDate, predMention } from './helpers.js';

const TEXT = 'Park Jin met Antony Blinken at the State Department in Washington on Monday.';
const ALL_NAMES = new Set(['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC']);
const gold = [
  goldMention(TEXT, 'Park Jin', 'PERSON'),
  goldMention(TEXT, 'Antony Blinken', 'PERSON'),
  goldMention(TEXT, 'State Department', 'ORGANIZATION'),
  goldMention(TEXT, 'Washington', 'LOCATION'),
];

describe('score-spans', () => {
  describe('prf', () => {
    it.each([
      [{ tp: 3, fp: 1, fn: 2 }, 0.75, 0.6, (2 * 0.75 * 0.6) / 1.35],
      [{ tp: 0, fp: 0, fn: 4 }, 0, 0, 0],
      [{ tp: 0, fp: 2, fn: 0 }, 0, 0, 0],
      [{ tp: 0, fp: 0, fn: 0 }, 1, 1, 1],
    ])('should score %o', (counts, precision, recall, f1) => {
      const score = prf(counts);
      expect(score.precision).toBeCloseTo(precision, 10);
      expect(score.recall).toBeCloseTo(recall, 10);
      expect(score.f1).toBeCloseTo(f1, 10);
    });
  });

  describe('compareNames', () => {
    it('should give 1.0 everywhere for a perfect prediction', () => {
      const pred = gold.map((g) => predMention(TEXT, g.text, g.type as 'PERSON'));
      const result = compareNames(gold, pred, ALL_NAMES);
      expect(result.byType.PERSON).toEqual({ exact: { tp: 2, fp: 0, fn: 0 }, overlap: { tp: 2, fp: 0, fn: 0 } });
      expect(result.byType.ORGANIZATION?.exact).toEqual({ tp: 1, fp: 0, fn: 0 });
      expect(result.byType.LOCATION?.exact).toEqual({ tp: 1, fp: 0, fn: 0 });
      expect(result.byType.MISC?.exact).toEqual({ tp: 0, fp: 0, fn: 0 });
      expect(result.errors).toEqual([]);
    });

    it('should count every gold mention as missed for an empty prediction', () => {
      const result = compareNames(gold, [], ALL_NAMES);
      expect(result.byType.PERSON).toEqual({ exact: { tp: 0, fp: 0, fn: 2 }, overlap: { tp: 0, fp: 0, fn: 2 } });
      expect(prf(result.byType.PERSON!.exact).f1).toBe(0);
      expect(result.errors.map((e) => e.error)).toEqual(Array(4).fill('false-negative'));
    });

    it.each([
      ['one character short', 0, 7],
      ['one character long', 0, 9],
      ['shifted right by one', 1, 9],
    ])('should miss an off-by-one span (%s) under exact and match it under overlap', (_label, start, end) => {
      const result = compareNames([gold[0]!], [predAt(TEXT, start, end, 'PERSON')], ALL_NAMES);
      expect(result.byType.PERSON).toEqual({ exact: { tp: 0, fp: 1, fn: 1 }, overlap: { tp: 1, fp: 0, fn: 0 } });
      expect(result.errors.find((e) => e.error === 'false-positive')?.detail).toMatch(/gold PERSON "Park Jin"/);
      // Both error rows say that overlap scores count the pair right.
      expect(result.errors.map((e) => e.overlapMatch)).toEqual([true, true]);
    });

    it('should count a type mismatch as one false positive and one false negative under both rules', () => {
      const result = compareNames([gold[3]!], [predMention(TEXT, 'Washington', 'ORGANIZATION')], ALL_NAMES);
      expect(result.byType.LOCATION).toEqual({ exact: { tp: 0, fp: 0, fn: 1 }, overlap: { tp: 0, fp: 0, fn: 1 } });
      expect(result.byType.ORGANIZATION).toEqual({ exact: { tp: 0, fp: 1, fn: 0 }, overlap: { tp: 0, fp: 1, fn: 0 } });
      expect(result.errors.map((e) => e.overlapMatch)).toEqual([false, false]);
    });

    it('should match a duplicate prediction only once', () => {
      const pred = [predMention(TEXT, 'Park Jin', 'PERSON'), predMention(TEXT, 'Park Jin', 'PERSON')];
      const result = compareNames([gold[0]!], pred, ALL_NAMES);
      expect(result.byType.PERSON).toEqual({ exact: { tp: 1, fp: 1, fn: 0 }, overlap: { tp: 1, fp: 1, fn: 0 } });
    });

    it('should let one long prediction match only one of two gold names under overlap', () => {
      const long = predAt(TEXT, 0, 27, 'PERSON'); // "Park Jin met Antony Blinken"
      const result = compareNames(gold.slice(0, 2), [long], ALL_NAMES);
      expect(result.byType.PERSON?.overlap).toEqual({ tp: 1, fp: 0, fn: 1 });
    });

    it('should find the maximum matching when a greedy choice would block a pair', () => {
      // Gold A = [0,8) and B = [13,27); prediction P1 = [0,27) overlaps both, P2 = [4,9) overlaps only A.
      const pred = [predAt(TEXT, 0, 27, 'PERSON'), predAt(TEXT, 4, 9, 'PERSON')];
      const matching = matchOverlap(gold.slice(0, 2), pred, () => true);
      expect(matching.pairs).toHaveLength(2);
    });

    it('should score only the layers the document lists', () => {
      const pred = [
        predMention(TEXT, 'Park Jin', 'PERSON'),
        predMention(TEXT, 'Monday', 'MISC'), // MISC is not a layer: neither right nor wrong
        predMention(TEXT, 'Washington', 'LOCATION'), // LOCATION is not a layer either
      ];
      const result = compareNames(gold, pred, new Set(['PERSON', 'ORGANIZATION']));
      expect(Object.keys(result.byType).sort()).toEqual(['ORGANIZATION', 'PERSON']);
      expect(result.byType.PERSON?.exact).toEqual({ tp: 1, fp: 0, fn: 1 });
      expect(result.byType.ORGANIZATION?.exact).toEqual({ tp: 0, fp: 0, fn: 1 });
    });

    it('should ignore gold NOM/PRO mentions and predicted NOM/PRO mentions', () => {
      const text = 'The minister said he would go.';
      const goldMentions = [goldMention(text, 'The minister', 'PERSON', { form: 'NOM' }), goldMention(text, 'he', 'PERSON', { form: 'PRO' })];
      const pred = [predMention(text, 'he', 'PERSON', { form: 'PRO' })];
      const result = compareNames(goldMentions, pred, ALL_NAMES);
      expect(result.byType.PERSON).toEqual({ exact: { tp: 0, fp: 0, fn: 0 }, overlap: { tp: 0, fp: 0, fn: 0 } });
    });
  });

  describe('compareTimes', () => {
    const text = 'On Monday, June 13, 2022, he spoke for two hours, as he does every week.';
    const layers = new Set(['DATE', 'TIME', 'DURATION', 'SET']);
    const goldTimes = [
      goldMention(text, 'Monday, June 13, 2022', 'DATE', { value: '2022-06-13' }),
      goldMention(text, 'two hours', 'DURATION', { value: 'PT2H' }),
      goldMention(text, 'every week', 'SET', { value: 'P1W' }),
    ];

    it('should score DATE and TIME together and DURATION and SET on their own', () => {
      const pred = [
        predDate(text, 'June 13, 2022', 'TIME', '2022-06-13'), // overlap match despite TIME vs DATE
        predDate(text, 'two hours', 'DURATION', 'PT2H'),
        predDate(text, 'every week', 'DURATION', 'P1W'), // wrong class: SET is missed
      ];
      const result = compareTimes(goldTimes, pred, layers);
      expect(result.byClass.dateTime).toEqual({ exact: { tp: 0, fp: 1, fn: 1 }, overlap: { tp: 1, fp: 0, fn: 0 } });
      expect(result.byClass.duration).toEqual({ exact: { tp: 1, fp: 1, fn: 0 }, overlap: { tp: 1, fp: 1, fn: 0 } });
      expect(result.byClass.set).toEqual({ exact: { tp: 0, fp: 0, fn: 1 }, overlap: { tp: 0, fp: 0, fn: 1 } });
    });

    it('should count value accuracy over matched pairs and value F1 over all (TempEval-3)', () => {
      const pred = [
        predDate(text, 'Monday, June 13, 2022', 'DATE', '2022-06-13'),
        predDate(text, 'two hours', 'DURATION', 'P2H'), // matched, wrong value
        predDate(text, 'he', 'DATE', '2022'), // spurious
      ];
      const result = compareTimes(goldTimes, pred, layers);
      // matched: 2 pairs, 1 with the right value; gold 3, predicted 3.
      expect(result.value).toEqual({ matched: 2, equal: 1, gold: 3, pred: 3 });
      expect(result.errors.some((e) => e.error === 'wrong-value' && e.detail.includes('"PT2H"'))).toBe(true);
    });

    it('should ignore predicted time types that are not layers', () => {
      const pred = [predDate(text, 'two hours', 'DURATION', 'PT2H')];
      const result = compareTimes(goldTimes, pred, new Set(['DATE']));
      expect(result.byClass).toEqual({ dateTime: { exact: { tp: 0, fp: 0, fn: 1 }, overlap: { tp: 0, fp: 0, fn: 1 } } });
      expect(result.value).toEqual({ matched: 0, equal: 0, gold: 1, pred: 0 });
    });
  });
});

describe('score-spans matching (properties)', () => {
  const span = fc.tuple(fc.nat(60), fc.integer({ min: 1, max: 15 }), fc.constantFrom('PERSON', 'ORGANIZATION')).map(([start, length, type]) => ({ start, end: start + length, type }));
  const sameType = (g: { type: string }, p: { type: string }) => g.type === p.type;

  it('should account for every item once, and never match fewer pairs under overlap than under exact', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 12 }), fc.array(span, { maxLength: 12 }), (gold, pred) => {
        const exact = matchExact(gold, pred, sameType);
        const overlap = matchOverlap(gold, pred, sameType);
        for (const m of [exact, overlap]) {
          expect(m.pairs.length + m.unmatchedGold.length).toBe(gold.length);
          expect(m.pairs.length + m.unmatchedPred.length).toBe(pred.length);
          expect(new Set(m.pairs.map(([, p]) => p)).size).toBe(m.pairs.length);
        }
        expect(overlap.pairs.length).toBeGreaterThanOrEqual(exact.pairs.length);
        for (const [g, p] of overlap.pairs) expect(gold[g]!.start < pred[p]!.end && pred[p]!.start < gold[g]!.end).toBe(true);
      }),
    );
  });

  it('should give perfect scores when the prediction is the gold in any order', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 12 }), (gold) => {
        const pred = [...gold].reverse();
        expect(matchExact(gold, pred, sameType).pairs).toHaveLength(gold.length);
        expect(matchOverlap(gold, pred, sameType).pairs).toHaveLength(gold.length);
      }),
    );
  });
});
