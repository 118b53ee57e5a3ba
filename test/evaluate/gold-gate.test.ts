/**
 * The CI gate: run the evaluation on the bundled gold (test/gold/*.jsonl) and fail when a score drops
 * below its threshold in test/gold/thresholds.json. Thresholds are the measured score minus a small
 * margin; raise them as accuracy improves, and never lower one without a written reason in the commit.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load-config.js';
import { evaluateFile } from '../../src/evaluate/evaluate.js';
import { readGold } from '../../src/evaluate/read-gold.js';
import { buildReport, lookupMetric, type Report } from '../../src/evaluate/report.js';
import { createPipeline } from '../../src/pipeline/run-document.js';

const GOLD_DIR = join(import.meta.dirname, '..', 'gold');
// Keys starting with `$` are comments.
const thresholds = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(join(GOLD_DIR, 'thresholds.json'), 'utf8')) as Record<string, unknown>).filter(([key]) => !key.startsWith('$')),
) as Record<string, Record<string, number>>;
const goldFiles = readdirSync(GOLD_DIR).filter((name) => name.endsWith('.jsonl')).sort();

const reports = new Map<string, Report>();
function reportFor(name: string): Report {
  let report = reports.get(name);
  if (!report) {
    const pipeline = createPipeline(resolveConfig({}));
    report = buildReport(evaluateFile(readGold(join(GOLD_DIR, name)), pipeline).tally);
    reports.set(name, report);
  }
  return report;
}

describe('gold gate', () => {
  it('should have thresholds for every bundled gold file, and only for those', () => {
    expect(Object.keys(thresholds).sort()).toEqual(goldFiles);
  });

  const cases = Object.entries(thresholds).flatMap(([file, keys]) => Object.entries(keys).map(([key, min]) => ({ file, key, min })));
  it.each(cases)('should keep $file $key ≥ $min', ({ file, key, min }) => {
    const actual = lookupMetric(reportFor(file), key);
    expect(actual, `${file}: ${key} has no gold`).not.toBeNull();
    expect(actual!, `${file}: ${key}`).toBeGreaterThanOrEqual(min);
  });

  it('should run on every document without a fatal message', () => {
    for (const file of goldFiles) expect(reportFor(file).failedDocuments, file).toBe(0);
  });
});

// The research-only gold is never in the repository; CI has it beside the clone in ../shared/gold.
const SHARED_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'gold');
const sharedThresholds = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(join(GOLD_DIR, 'thresholds-shared.json'), 'utf8')) as Record<string, unknown>).filter(([key]) => !key.startsWith('$')),
) as Record<string, Record<string, number>>;

describe.skipIf(!existsSync(SHARED_DIR))('gold gate: research gold in ../shared/gold', () => {
  const sharedReports = new Map<string, Report>();
  const sharedReportFor = (name: string): Report => {
    let report = sharedReports.get(name);
    if (!report) {
      report = buildReport(evaluateFile(readGold(join(SHARED_DIR, name)), createPipeline(resolveConfig({}))).tally);
      sharedReports.set(name, report);
    }
    return report;
  };
  const cases = Object.entries(sharedThresholds)
    .filter(([file]) => existsSync(join(SHARED_DIR, file)))
    .flatMap(([file, keys]) => Object.entries(keys).map(([key, min]) => ({ file, key, min })));
  it.each(cases)('should keep $file $key ≥ $min', ({ file, key, min }) => {
    const actual = lookupMetric(sharedReportFor(file), key);
    expect(actual, `${file}: ${key} has no gold`).not.toBeNull();
    expect(actual!, `${file}: ${key}`).toBeGreaterThanOrEqual(min);
  });
});
