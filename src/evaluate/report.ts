/**
 * Turn tallies into the evaluation report: the JSON shape of `byline eval --json`, the readable
 * stdout table, the errors CSV, and the `--fail-under` key lookup.
 */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { NAME_TYPES, type NameType } from './read-gold.js';
import { kbTally, linkItems, type LocatedError, type Tally } from './evaluate.js';
import type { Accuracy } from './score-quotes.js';
import { scoreB3, scorePairwise, type B3Score, type LinkItem } from './score-links.js';
import { addCounts, emptyCounts, prf, type RuleCounts, type Score } from './score-spans.js';

/** Scores under both matching rules. */
export interface RuleScores {
  exact: Score;
  overlap: Score;
}

/** The evaluation report (`--json`). A section is null when no document has gold for it. */
export interface Report {
  documents: number;
  failedDocuments: number;
  names: (Record<NameType, RuleScores | null> & { micro: RuleScores | null }) | null;
  times: {
    /** DATE and TIME together. */
    extraction: RuleScores | null;
    duration: RuleScores | null;
    set: RuleScores | null;
    /** Share of overlap-matched pairs with an equal value. */
    valueAccuracy: number | null;
    /** TempEval-3 value F1: a prediction counts when it matches and its value is equal. */
    valueF1: number;
    valuePrecision: number;
    valueRecall: number;
  } | null;
  quotes: {
    direct: RuleScores | null;
    nondirect: RuleScores | null;
    all: RuleScores | null;
    speakerAccuracy: number | null;
    cueAccuracy: number | null;
    /** Matched quotes that have a gold speaker / a gold cue. */
    support: { speaker: number; cue: number };
  } | null;
  linking: {
    /** Null when no gold mention with an entity was matched. */
    withinDocument: { b3: B3Score; pairwise: Score } | null;
    crossDocument: { b3: B3Score; pairwise: Score } | null;
    /** Gold mentions with an entity that were matched to a predicted mention (overlap rule). */
    mentions: number;
    kbAccuracy: number | null;
    /** Matched mentions where both the gold and the pipeline give a KB link. */
    kbSupport: number;
  } | null;
}

/** Scores of one comparison; null when there was nothing to find and nothing was predicted. */
const ruleScores = (counts: RuleCounts): RuleScores | null => {
  const { tp, fp, fn } = counts.overlap;
  return tp + fp + fn === 0 && counts.exact.fp === 0 ? null : { exact: prf(counts.exact), overlap: prf(counts.overlap) };
};
const accuracy = (a: Accuracy): number | null => (a.total === 0 ? null : a.correct / a.total);

/**
 * Build the report from a tally.
 * @param tally counts over one or more gold files
 */
export function buildReport(tally: Tally): Report {
  return {
    documents: tally.documents,
    failedDocuments: tally.failed.length,
    names: namesReport(tally),
    times: timesReport(tally),
    quotes: tally.quotes && {
      direct: ruleScores(tally.quotes.groups.direct),
      nondirect: ruleScores(tally.quotes.groups.nondirect),
      all: ruleScores(tally.quotes.groups.all),
      speakerAccuracy: accuracy(tally.quotes.speaker),
      cueAccuracy: accuracy(tally.quotes.cue),
      support: { speaker: tally.quotes.speaker.total, cue: tally.quotes.cue.total },
    },
    linking: tally.linking && {
      withinDocument: linkScores(linkItems(tally.linking.mentions, 'within')),
      crossDocument: linkScores(linkItems(tally.linking.mentions, 'across')),
      mentions: tally.linking.mentions.length,
      kbAccuracy: accuracy(kbTally(tally.linking.mentions)),
      kbSupport: kbTally(tally.linking.mentions).total,
    },
  };
}

function linkScores(items: readonly LinkItem[]): { b3: B3Score; pairwise: Score } | null {
  return items.length === 0 ? null : { b3: scoreB3(items), pairwise: scorePairwise(items) };
}

function namesReport(tally: Tally): Report['names'] {
  const present = NAME_TYPES.filter((type) => tally.names[type]);
  if (present.length === 0) return null;
  const micro = { exact: emptyCounts(), overlap: emptyCounts() };
  const byType = {} as Record<NameType, RuleScores | null>;
  for (const type of NAME_TYPES) {
    const counts = tally.names[type];
    byType[type] = counts ? ruleScores(counts) : null;
    if (counts) {
      addCounts(micro.exact, counts.exact);
      addCounts(micro.overlap, counts.overlap);
    }
  }
  return { ...byType, micro: ruleScores(micro) };
}

function timesReport(tally: Tally): Report['times'] {
  if (!tally.times) return null;
  const { byClass, value } = tally.times;
  const valueScore = prf({ tp: value.equal, fp: value.pred - value.equal, fn: value.gold - value.equal });
  return {
    extraction: byClass.dateTime ? ruleScores(byClass.dateTime) : null,
    duration: byClass.duration ? ruleScores(byClass.duration) : null,
    set: byClass.set ? ruleScores(byClass.set) : null,
    valueAccuracy: value.matched === 0 ? null : value.equal / value.matched,
    valueF1: valueScore.f1,
    valuePrecision: valueScore.precision,
    valueRecall: valueScore.recall,
  };
}

// ---------------------------------------------------------------------------------------------
// The readable table

const pct = (value: number | null | undefined): string => (value === null || value === undefined ? '   –  ' : (value * 100).toFixed(1).padStart(6));

function ruleRow(label: string, scores: RuleScores | null): string {
  if (!scores) return `  ${label.padEnd(14)}   (nothing to score)`;
  const { exact, overlap } = scores;
  return (
    `  ${label.padEnd(14)} ${pct(exact.precision)} ${pct(exact.recall)} ${pct(exact.f1)}   ` +
    `${pct(overlap.precision)} ${pct(overlap.recall)} ${pct(overlap.f1)}  ${String(overlap.tp + overlap.fn).padStart(6)} ${String(overlap.tp + overlap.fp).padStart(6)}`
  );
}

const RULE_HEADER = `  ${''.padEnd(14)} ${'exact P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   ${'ovl P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}  ${'gold'.padStart(6)} ${'pred'.padStart(6)}`;

/**
 * Format a report as a readable table (percentages).
 * @param report the report
 * @param title the heading (a file name, or "all files")
 */
export function formatReport(report: Report, title: string): string {
  const lines: string[] = [`${title}: ${report.documents} document${report.documents === 1 ? '' : 's'}` + (report.failedDocuments ? `, ${report.failedDocuments} failed` : '')];
  if (report.names) {
    lines.push('Names', RULE_HEADER);
    for (const type of NAME_TYPES) if (report.names[type]) lines.push(ruleRow(type, report.names[type]));
    lines.push(ruleRow('micro', report.names.micro));
  }
  if (report.times) {
    const t = report.times;
    lines.push('Time expressions', RULE_HEADER);
    lines.push(ruleRow('DATE+TIME', t.extraction));
    if (t.duration) lines.push(ruleRow('DURATION', t.duration));
    if (t.set) lines.push(ruleRow('SET', t.set));
    lines.push(`  value accuracy ${pct(t.valueAccuracy)}   value P ${pct(t.valuePrecision)}  R ${pct(t.valueRecall)}  F1 ${pct(t.valueF1)}`);
  }
  if (report.quotes) {
    const q = report.quotes;
    lines.push('Quotes (overlap: ≥ 50% of the gold span)', RULE_HEADER);
    lines.push(ruleRow('direct', q.direct), ruleRow('indirect+mixed', q.nondirect), ruleRow('all', q.all));
    lines.push(`  speaker accuracy ${pct(q.speakerAccuracy)} (n=${q.support.speaker})   cue accuracy ${pct(q.cueAccuracy)} (n=${q.support.cue})`);
  }
  if (report.linking) {
    const l = report.linking;
    lines.push(`Linking (${l.mentions} matched mentions)`, `  ${''.padEnd(14)} ${'B³ P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   ${'pair P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}`);
    for (const [label, scores] of [['within doc', l.withinDocument], ['cross doc', l.crossDocument]] as const) {
      if (!scores) {
        lines.push(`  ${label.padEnd(14)}   (nothing to score)`);
        continue;
      }
      lines.push(
        `  ${label.padEnd(14)} ${pct(scores.b3.precision)} ${pct(scores.b3.recall)} ${pct(scores.b3.f1)}   ${pct(scores.pairwise.precision)} ${pct(scores.pairwise.recall)} ${pct(scores.pairwise.f1)}`,
      );
    }
    lines.push(`  KB accuracy ${pct(l.kbAccuracy)} (n=${l.kbSupport})`);
  }
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// --fail-under keys

/** Steps taken when a key stops short of a number: the default child of each kind of section. */
const DEFAULT_CHILD = ['exact', 'all', 'extraction', 'withinDocument', 'micro'];

/** A `--fail-under` key that does not name a number in the report. */
export class MetricKeyError extends Error {
  override name = 'MetricKeyError';
}

/**
 * Look up a `--fail-under` key in a report.
 *
 * Grammar: a dot path into the JSON report (`names.PERSON.overlap.f1`, `times.valueF1`). Shorthands:
 * a path may start at a name type or `micro` (meaning `names.<type>`); where the path stops at a
 * section with a choice, the default is taken: `exact` (matching rule), `all` (quotes), `extraction`
 * (times), `withinDocument` (linking). So `PERSON.f1` = `names.PERSON.exact.f1`, `quotes.f1` =
 * `quotes.all.exact.f1`, `linking.b3.f1` = `linking.withinDocument.b3.f1`.
 * @param report the report
 * @param key the key
 * @returns the number, or null when the section has no gold
 * @throws MetricKeyError when the key names nothing
 */
export function lookupMetric(report: Report, key: string): number | null {
  const parts = key.split('.').filter((part) => part !== '');
  if (parts.length === 0) throw new MetricKeyError(`Unexpected empty key, expected e.g. \`PERSON.f1\``);
  const first = parts[0]!;
  if ((NAME_TYPES as readonly string[]).includes(first) || first === 'micro') parts.unshift('names');
  let node: unknown = report;
  const path: string[] = [];
  for (const part of parts) {
    const level = node;
    for (;;) {
      if (node === null) return null;
      if (typeof node !== 'object') throw new MetricKeyError(`Unexpected \`${part}\` after \`${path.join('.')}\` in \`${key}\`, it is already a number`);
      const record = node as Record<string, unknown>;
      if (Object.hasOwn(record, part)) {
        node = record[part];
        path.push(part);
        break;
      }
      const fallback = DEFAULT_CHILD.find((child) => Object.hasOwn(record, child));
      if (!fallback) {
        const choices = Object.keys(level as Record<string, unknown>).map((k) => `\`${k}\``).join(', ');
        throw new MetricKeyError(`Unexpected \`${part}\` in \`${key}\`, expected one of ${choices}`);
      }
      node = record[fallback];
      path.push(fallback);
    }
  }
  while (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    const fallback = DEFAULT_CHILD.find((child) => Object.hasOwn(record, child)) ?? (Object.hasOwn(record, 'f1') ? 'f1' : undefined);
    if (!fallback) throw new MetricKeyError(`Unexpected \`${key}\`: it names a section, expected a number such as \`${key}.f1\``);
    node = record[fallback];
  }
  if (node === null) return null;
  if (typeof node !== 'number') throw new MetricKeyError(`Unexpected \`${key}\`, expected a key that names a number`);
  return node;
}

// ---------------------------------------------------------------------------------------------
// Files

/**
 * Write a file atomically: a temporary file in the same folder, then a rename.
 * @param file destination
 * @param content text to write
 */
export function writeAtomic(file: string, content: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, content, 'utf8');
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file was never created.
    }
    throw error;
  }
}

/** Columns of the errors CSV, in order. */
export const ERROR_COLUMNS = ['file', 'document', 'layer', 'error', 'type', 'start', 'end', 'text', 'left_context', 'right_context', 'detail', 'overlap_match'] as const;

/**
 * Render error rows as CSV (sorted by file, document, offset).
 * @param errors the rows
 * @param options `bom` starts the file with a UTF-8 byte-order mark; `escapeFormulas` neutralizes
 * cells that a spreadsheet would run as a formula
 */
export function errorsCsv(errors: readonly LocatedError[], options: { bom: boolean; escapeFormulas: boolean }): string {
  const sorted = [...errors].sort(
    (a, b) =>
      cmp(a.file, b.file) || cmp(a.document, b.document) || a.start - b.start || a.end - b.end || cmp(a.layer, b.layer) || cmp(a.error, b.error),
  );
  // One row per line, so the file stays greppable: line breaks inside a cell become `⏎`.
  const cell = (raw: string) => {
    const value = raw.replace(/\r\n|[\r\n\u2028\u2029]/g, '⏎');
    return options.escapeFormulas && /^[=+\-@\t]/.test(value) ? `'${value}` : value;
  };
  const rows = sorted.map((e) => [
    e.file,
    e.document,
    e.layer,
    e.error,
    e.type,
    String(e.start),
    String(e.end),
    cell(e.text),
    cell(e.left),
    cell(e.right),
    cell(e.detail),
    e.overlapMatch === null ? '' : e.overlapMatch ? 'yes' : 'no',
  ]);
  return (options.bom ? '\uFEFF' : '') + stringify([[...ERROR_COLUMNS], ...rows]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
