import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyTally, evaluateFile, mergeTally, scoreDocument } from '../../src/evaluate/evaluate.js';
import type { GoldDocument, GoldFile } from '../../src/evaluate/read-gold.js';
import { buildReport, ERROR_COLUMNS, errorsCsv, lookupMetric, MetricKeyError, writeAtomic } from '../../src/evaluate/report.js';
import type { Document, Layers } from '../../src/model/document.js';
import type { Pipeline } from '../../src/pipeline/run-document.js';
import { makeDoc } from '../helpers/make-doc.js';
import { goldMention, predDate, predMention } from './helpers.js';

const TEXT = 'Park Jin met Blinken in Washington on Monday. Park said the talks went well.';

function goldDoc(id: string, extra: Partial<GoldDocument> = {}): GoldDocument {
  return {
    id,
    text: TEXT,
    published: '2022-06-15',
    line: 1,
    layers: ['PERSON', 'ENTITY'],
    mentions: [
      goldMention(TEXT, 'Park Jin', 'PERSON', { entity: 'park', form: 'NAM' }),
      goldMention(TEXT, 'Blinken', 'PERSON', { entity: 'blinken', form: 'NAM' }),
      goldMention(TEXT, 'Park', 'PERSON', { entity: 'park', form: 'NAM' }, 1),
      goldMention(TEXT, 'Monday', 'DATE', { value: '2022-06-13' }),
    ],
    quotes: [],
    entities: { park: { name: 'Park Jin', type: 'PERSON', kb: 'http://dbpedia.org/resource/Park_Jin' }, blinken: { name: 'Antony Blinken', type: 'PERSON' } },
    ...extra,
  };
}

/** Predicted layers where both Park mentions share `parkId`. */
function predicted(parkId: string): Layers {
  return {
    mentions: [
      predMention(TEXT, 'Park Jin', 'PERSON', { entity: parkId }),
      predMention(TEXT, 'Blinken', 'PERSON', { entity: 'blinken' }),
      predMention(TEXT, 'Washington', 'LOCATION', { entity: 'washington' }),
      predMention(TEXT, 'Park', 'PERSON', { entity: parkId }, 1),
    ],
    dates: [predDate(TEXT, 'Monday', 'DATE', '2022-06-13')],
    entities: [{ id: parkId, name: 'Park Jin', type: 'PERSON', aliases: [], kb: 'https://dbpedia.org/resource/Park_Jin' }],
  };
}

const docWith = (layers: Layers): Document => makeDoc(TEXT, layers, '2022-06-15');

describe('evaluate', () => {
  it('should score only the layers the gold document lists', () => {
    const tally = emptyTally();
    scoreDocument(goldDoc('d1'), docWith(predicted('park')), tally);
    const report = buildReport(tally);
    // LOCATION and DATE are not layers: the predicted Washington and Monday are neither right nor wrong.
    expect(report.names?.PERSON?.exact).toMatchObject({ tp: 3, fp: 0, fn: 0 });
    expect(report.names?.LOCATION).toBeNull();
    expect(report.times).toBeNull();
    expect(report.quotes).toBeNull();
    expect(report.linking?.withinDocument?.b3.f1).toBe(1);
    expect(report.linking?.kbAccuracy).toBe(1);
    expect(report.linking?.kbSupport).toBe(2); // both Park mentions
  });

  it('should score time expressions when they are layers', () => {
    const tally = emptyTally();
    scoreDocument(goldDoc('d1', { layers: ['DATE'] }), docWith(predicted('park')), tally);
    const report = buildReport(tally);
    expect(report.names).toBeNull();
    expect(report.times?.extraction?.exact).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(report.times?.valueAccuracy).toBe(1);
    expect(report.times?.valueF1).toBe(1);
    expect(report.times?.duration).toBeNull();
  });

  it('should keep within-document links perfect but penalize ids that differ across documents', () => {
    const tally = emptyTally();
    scoreDocument(goldDoc('d1'), docWith(predicted('park-a')), tally);
    scoreDocument(goldDoc('d2'), docWith(predicted('park-b')), tally);
    const report = buildReport(tally);
    expect(report.linking?.withinDocument?.pairwise.f1).toBe(1);
    // Across: gold `park` has 4 mentions (6 pairs), `blinken` 2 (1 pair); predicted park-a 2, park-b 2
    // (2 pairs), blinken 2 (1 pair) → tp 3, fp 0, fn 4.
    expect(report.linking?.crossDocument?.pairwise).toMatchObject({ tp: 3, fp: 0, fn: 4 });
  });

  it('should treat a mention without a predicted entity as a cluster of its own', () => {
    const layers = predicted('park');
    layers.mentions = layers.mentions!.map((m) => ({ ...m, entity: null }));
    const tally = emptyTally();
    scoreDocument(goldDoc('d1'), docWith(layers), tally);
    expect(buildReport(tally).linking?.withinDocument?.pairwise).toMatchObject({ tp: 0, fp: 0, fn: 1 });
  });

  it('should keep the link clusters of different files apart when merging', () => {
    const a = emptyTally();
    const b = emptyTally();
    scoreDocument(goldDoc('d1'), docWith(predicted('park')), a);
    scoreDocument(goldDoc('d1'), docWith(predicted('park')), b);
    const all = emptyTally();
    mergeTally(all, a, '0');
    mergeTally(all, b, '1');
    // Same ids in two files are different entities: still a perfect clustering.
    expect(buildReport(all).linking?.crossDocument?.pairwise.f1).toBe(1);
    expect(buildReport(all).names?.PERSON?.exact.tp).toBe(6);
  });

  it('should run a pipeline on each gold document and record fatal messages', () => {
    const gold: GoldFile = { file: 'g.jsonl', documents: [goldDoc('d1'), goldDoc('d2')] };
    const seen: string[] = [];
    const pipeline: Pipeline = {
      stages: [
        {
          name: 'fake',
          runner: {
            run(doc) {
              seen.push(`${doc.id}:${doc.published}`);
              if (doc.id === 'd2') throw new Error('boom');
              return { layers: predicted('park') };
            },
          },
        },
      ],
    };
    const evaluation = evaluateFile(gold, pipeline);
    expect(seen).toEqual(['d1:2022-06-15', 'd2:2022-06-15']);
    expect(evaluation.tally.failed).toEqual([{ id: 'd2', reason: expect.stringContaining('boom') }]);
    expect(buildReport(evaluation.tally).names?.PERSON?.exact).toMatchObject({ tp: 3, fn: 3 });
    expect(evaluation.errors.filter((e) => e.document === 'd2')).toHaveLength(3);
    const first = evaluation.errors.find((e) => e.document === 'd2' && e.start === 0)!;
    expect(first).toMatchObject({ file: 'g.jsonl', text: 'Park Jin', left: '', right: TEXT.slice(8, 48), error: 'false-negative' });
  });
});

describe('report', () => {
  const tally = emptyTally();
  scoreDocument(goldDoc('d1', { layers: ['PERSON', 'DATE', 'ENTITY'] }), docWith(predicted('park')), tally);
  const report = buildReport(tally);

  it.each([
    ['PERSON.f1', report.names!.PERSON!.exact.f1],
    ['PERSON.overlap.recall', report.names!.PERSON!.overlap.recall],
    ['names.PERSON.exact.tp', 3],
    ['micro.f1', report.names!.micro!.exact.f1],
    ['times.f1', report.times!.extraction!.exact.f1],
    ['times.valueF1', 1],
    ['linking.b3.f1', 1],
    ['linking.crossDocument.pairwise.f1', 1],
    ['linking.kbAccuracy', 1],
  ])('should look up %s', (key, expected) => {
    expect(lookupMetric(report, key)).toBe(expected);
  });

  it.each([['ORGANIZATION.f1'], ['quotes.speakerAccuracy'], ['times.duration.f1']])('should return null for %s, which has no gold', (key) => {
    expect(lookupMetric(report, key)).toBeNull();
  });

  it.each([['PERSON.f2'], ['nonsense'], ['PERSON.f1.extra'], ['']])('should reject the key %j', (key) => {
    expect(() => lookupMetric(report, key)).toThrow(MetricKeyError);
  });

  it('should write an errors CSV that round-trips through a CSV parser', () => {
    const errors = [
      {
        file: 'g.jsonl', document: 'd1', layer: 'names' as const, error: 'false-positive' as const, type: 'PERSON',
        start: 5, end: 9, text: '=SUM(A1)', left: 'a, "quoted"\nline', right: '', detail: '', overlapMatch: null,
      },
      {
        file: 'g.jsonl', document: 'd1', layer: 'names' as const, error: 'false-negative' as const, type: 'PERSON',
        start: 0, end: 4, text: 'Park', left: '', right: ' Jin', detail: 'predicted PERSON "Park Jin" [0, 8)', overlapMatch: true,
      },
    ];
    const csv = errorsCsv(errors, { bom: true, escapeFormulas: true });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...ERROR_COLUMNS]);
    expect(rows.map((row) => row.start)).toEqual(['0', '5']); // sorted by offset
    expect(rows[1]).toMatchObject({ text: "'=SUM(A1)", left_context: 'a, "quoted"⏎line' });
    expect(rows.map((row) => row.overlap_match)).toEqual(['yes', '']);
  });

  describe('writeAtomic', () => {
    const dir = mkdtempSync(join(tmpdir(), 'byline-eval-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('should replace the file and leave no temporary file behind', () => {
      const file = join(dir, 'report.json');
      writeAtomic(file, 'one');
      writeAtomic(file, 'two');
      expect(readFileSync(file, 'utf8')).toBe('two');
      expect(readdirSync(dir)).toEqual(['report.json']);
    });

    it('should throw and leave nothing when the folder does not exist', () => {
      expect(() => writeAtomic(join(dir, 'missing', 'r.json'), 'x')).toThrow();
      expect(readdirSync(dir)).toEqual(['report.json']);
    });
  });
});
