/**
 * `byline eval`: run the pipeline on gold documents and score it (see docs/gold-format.md and
 * docs/accuracy.md). Exit 0: done · 1: a `--fail-under` threshold was not met · 2: bad gold file,
 * config, option or output path.
 */
import { dirname, isAbsolute, join } from 'node:path';
import type { Argv } from 'yargs';
import { ConfigError, loadConfig } from '../../config/load-config.js';
import type { Config } from '../../config/schema.js';
import { emptyTally, evaluateFile, mergeTally, type FileEvaluation } from '../../evaluate/evaluate.js';
import { GoldError, readGold, type GoldFile } from '../../evaluate/read-gold.js';
import { buildReport, errorsCsv, formatReport, lookupMetric, MetricKeyError, writeAtomic, type Report } from '../../evaluate/report.js';
import { createPipeline } from '../../pipeline/run-document.js';

const FAIL_UNDER_HELP =
  'KEY=VALUE: exit 1 when a score over all gold files is below VALUE (0–1). KEY is a dot path into the --json report; it may start at a ' +
  'name type or `micro` (= names.<type>), and where it stops at a choice the default is taken: `exact` ' +
  '(matching rule), `all` (quotes), `extraction` (times), `withinDocument` (linking). Examples: PERSON.f1, ' +
  'ORGANIZATION.overlap.f1, micro.f1, times.f1, times.valueF1, quotes.direct.overlap.f1, quotes.speakerAccuracy, ' +
  'linking.crossDocument.b3.f1, linking.kbAccuracy. Repeatable. See docs/accuracy.md.';

/** Register the command's options. */
export function evalOptions(yargs: Argv): Argv {
  return yargs
    .option('gold', { type: 'string', array: true, requiresArg: true, describe: 'Gold JSONL file (repeatable; default: config `eval.gold`)' })
    .option('json', { type: 'string', requiresArg: true, describe: 'Write the scores as JSON to FILE' })
    .option('errors', { type: 'string', requiresArg: true, describe: 'Write one CSV row per error to FILE: false positive / negative (names and times: exact matching, column overlap_match yes or no; quotes: overlap matching), wrong value, speaker or cue' })
    .option('fail-under', { type: 'string', array: true, requiresArg: true, describe: FAIL_UNDER_HELP })
    .example('$0 eval --gold my-gold.jsonl --json scores.json --errors errors.csv', 'Score against your own gold')
    .example('$0 eval --fail-under PERSON.f1=0.9 --fail-under times.valueF1=0.8', 'Gate CI on accuracy');
}

/** One parsed `--fail-under KEY=VALUE`. */
interface Threshold {
  key: string;
  value: number;
}

/** Run the command; returns the exit code. */
export async function runEval(argv: Record<string, unknown>): Promise<number> {
  const configFile = String(argv.config ?? 'pipeline.config.json');
  const thresholds = parseThresholds(argv['fail-under']);
  if (typeof thresholds === 'string') return fail(thresholds);

  let config: Config;
  try {
    config = loadConfig(configFile, configFile !== 'pipeline.config.json').config;
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }
  const goldArg = argv.gold as string[] | undefined;
  const goldPaths = goldArg && goldArg.length > 0 ? goldArg : config.eval.gold.map((file) => (isAbsolute(file) ? file : join(dirname(configFile), file)));

  const golds: GoldFile[] = [];
  const problems: string[] = [];
  for (const file of goldPaths) {
    try {
      golds.push(readGold(file));
    } catch (error) {
      if (!(error instanceof GoldError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) return fail(problems.join('\n'));

  let evaluations: FileEvaluation[];
  try {
    const pipeline = createPipeline(config);
    evaluations = golds.map((gold) => evaluateFile(gold, pipeline));
  } catch (error) {
    return fail(`cannot run the pipeline: ${(error as Error).message}`);
  }

  const combined = emptyTally();
  evaluations.forEach((evaluation, index) => mergeTally(combined, evaluation.tally, String(index)));
  const report = buildReport(combined);
  const perFile = evaluations.map((evaluation) => ({ file: evaluation.file, ...buildReport(evaluation.tally) }));

  for (const evaluation of evaluations) {
    for (const failed of evaluation.tally.failed) process.stderr.write(`${evaluation.file}: ${failed.id}  fatal  ${failed.reason}\n`);
  }
  const seconds = evaluations.reduce((sum, evaluation) => sum + evaluation.elapsedMs, 0) / 1000;
  perFile.forEach((fileReport, index) => {
    const elapsed = ((evaluations[index]?.elapsedMs ?? 0) / 1000).toFixed(1);
    process.stdout.write(formatReport(fileReport, `${fileReport.file} (${elapsed} s)`) + '\n');
  });
  if (perFile.length > 1) process.stdout.write(formatReport(report, 'All files') + '\n');
  process.stdout.write(`Evaluated ${report.documents} document${report.documents === 1 ? '' : 's'} in ${seconds.toFixed(1)} s.\n`);

  try {
    if (typeof argv.json === 'string') writeAtomic(argv.json, JSON.stringify({ ...report, files: perFile }, null, 2) + '\n');
    if (typeof argv.errors === 'string') {
      const errors = evaluations.flatMap((evaluation) => evaluation.errors);
      writeAtomic(argv.errors, errorsCsv(errors, { bom: config.output.csvBom, escapeFormulas: config.output.csvEscapeFormulas }));
    }
  } catch (error) {
    return fail(`cannot write the report: ${(error as Error).message}`);
  }
  return checkThresholds(report, thresholds);
}

/** Parse `--fail-under` values; returns an error message on a malformed one. */
function parseThresholds(raw: unknown): Threshold[] | string {
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
  const thresholds: Threshold[] = [];
  for (const spec of values) {
    const match = /^([^=\s]+)=([0-9]*\.?[0-9]+)$/.exec(spec.trim());
    const value = match ? Number(match[2]) : NaN;
    if (!match || !(value >= 0 && value <= 1)) {
      return `--fail-under: unexpected \`${spec}\`, expected KEY=VALUE with VALUE between 0 and 1, e.g. \`PERSON.f1=0.9\``;
    }
    thresholds.push({ key: match[1]!, value });
  }
  // Check the keys before the (slow) run, against a report that has every section.
  for (const { key } of thresholds) {
    try {
      lookupMetric(SKELETON, key);
    } catch (error) {
      if (error instanceof MetricKeyError) return `--fail-under: ${error.message}`;
      throw error;
    }
  }
  return thresholds;
}

/** A report with every section present, used to validate keys. */
const SKELETON: Report = (() => {
  const tally = emptyTally();
  const zero = () => ({ exact: { tp: 1, fp: 0, fn: 0 }, overlap: { tp: 1, fp: 0, fn: 0 } });
  tally.names = { PERSON: zero(), ORGANIZATION: zero(), LOCATION: zero(), MISC: zero() };
  tally.times = { byClass: { dateTime: zero(), duration: zero(), set: zero() }, value: { matched: 1, equal: 0, gold: 0, pred: 0 } };
  tally.quotes = {
    groups: { direct: zero(), nondirect: zero(), all: zero() },
    speaker: { correct: 0, total: 1 },
    cue: { correct: 0, total: 1 },
  };
  tally.linking = { mentions: [{ doc: 'd', gold: 'g', pred: 'p', at: '0-1', goldKb: 'k', predKb: 'k' }] };
  return buildReport(tally);
})();

/** Compare the scores with the thresholds; 1 when one is missed, 2 when a key has no gold. */
function checkThresholds(report: Report, thresholds: readonly Threshold[]): number {
  let code = 0;
  for (const { key, value } of thresholds) {
    let actual: number | null;
    try {
      actual = lookupMetric(report, key);
    } catch (error) {
      if (!(error instanceof MetricKeyError)) throw error;
      process.stderr.write(`byline eval: --fail-under: ${error.message}\n`);
      code = 2;
      continue;
    }
    if (actual === null) {
      process.stderr.write(`byline eval: --fail-under ${key}: the gold has no annotations for it, expected a key the gold scores\n`);
      code = 2;
    } else if (actual < value) {
      process.stderr.write(`byline eval: ${key} = ${actual.toFixed(4)}, below the threshold ${value}\n`);
      if (code === 0) code = 1;
    }
  }
  return code;
}

function fail(message: string): number {
  process.stderr.write(`byline eval: ${message}\n`);
  return 2;
}
