#!/usr/bin/env node
/**
 * npm run cv:names [-- --folds 5 --train ../shared/gold/conll2003-train.jsonl --epochs 14 --bits 20 --seed 1 --json FILE]
 *
 * K-fold cross-validation of the whole name recognizer (tagger + post-rules) on CoNLL-2003 train: for
 * each fold, train a model on the other folds with the same settings as `npm run train:names`, then
 * score the held-out fold with `byline eval` (exact match). The pooled F1 estimates how the shipped
 * recognizer does on text neither its weights nor its rules were tuned on, which the dev set no longer
 * tells (the post-rules were written against dev errors). Needs dist/ (`npm run build`).
 *
 * The folds and models are written to a temporary folder and removed afterwards: CoNLL-2003 is
 * research-only and never enters the repository.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    folds: { type: 'string', default: '5' },
    train: { type: 'string', default: '../shared/gold/conll2003-train.jsonl' },
    epochs: { type: 'string', default: '14' },
    bits: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    json: { type: 'string' },
  },
});
const root = resolve(import.meta.dirname, '..');
const folds = Number(values.folds);
const TYPES = ['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC'];

/** A step that failed: the folds stop, the temporary folder is removed, then the script exits 1. */
class StepFailed extends Error {}

/** Run a command; throw with its output when it fails. */
function run(command, args) {
  if (interrupted) throw new StepFailed('cv-names: interrupted');
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new StepFailed(`cv-names: \`${[command, ...args].join(' ')}\` exited ${result.status ?? result.signal}\n${result.stdout}${result.stderr}`);
  }
}

let lines;
try {
  lines = readFileSync(resolve(root, values.train), 'utf8').split('\n').filter((line) => line.trim() !== '');
} catch (error) {
  console.error(`cv-names: cannot read ${values.train} (${error.code ?? error.message}), expected CoNLL-2003 train in the gold format`);
  process.exit(2);
}
if (!(folds >= 2 && folds <= lines.length)) {
  console.error(`cv-names: --folds ${values.folds}, expected a number from 2 to ${lines.length}`);
  process.exit(2);
}

const config = JSON.parse(readFileSync(join(root, 'pipeline.config.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'byline-cv-'));
// Ctrl-C stops the step running (same process group), whose failure then removes the folder below;
// between steps, the next step does not start.
let interrupted = false;
process.on('SIGINT', () => {
  interrupted = true;
});
const totals = Object.fromEntries(TYPES.map((type) => [type, { tp: 0, fp: 0, fn: 0 }]));
const perFold = [];
try {
  for (let fold = 0; fold < folds; fold++) {
    // Every k-th document: each fold spans the whole period the training set covers.
    const held = lines.filter((_, i) => i % folds === fold);
    const rest = lines.filter((_, i) => i % folds !== fold);
    const trainFile = join(work, `train-${fold}.jsonl`);
    const testFile = join(work, `test-${fold}.jsonl`);
    const model = join(work, `model-${fold}.bin.gz`);
    const configFile = join(work, `config-${fold}.json`);
    writeFileSync(trainFile, rest.join('\n') + '\n');
    writeFileSync(testFile, held.join('\n') + '\n');
    run(join(root, 'node_modules/.bin/tsx'), ['scripts/train-ner.ts', '--train', trainFile, '--epochs', values.epochs, '--bits', values.bits, '--seed', values.seed, '--out', model]);
    const stages = { ...config.stages, 'recognize-names': { ...config.stages?.['recognize-names'], model } };
    if (stages['link-entities']?.knowledgeBase) stages['link-entities'] = { ...stages['link-entities'], knowledgeBase: resolve(root, stages['link-entities'].knowledgeBase) };
    writeFileSync(configFile, JSON.stringify({ ...config, stages }));
    const scores = join(work, `scores-${fold}.json`);
    run(process.execPath, [join(root, 'dist/cli/bin.js'), 'eval', '--config', configFile, '--gold', testFile, '--json', scores]);
    const names = JSON.parse(readFileSync(scores, 'utf8')).names;
    const row = { fold, documents: held.length };
    for (const type of TYPES) {
      const { tp, fp, fn, f1 } = names[type].exact;
      totals[type].tp += tp;
      totals[type].fp += fp;
      totals[type].fn += fn;
      row[type] = f1;
    }
    perFold.push(row);
    console.log(`fold ${fold + 1}/${folds} (${held.length} documents): ${TYPES.map((type) => `${type} ${(100 * row[type]).toFixed(1)}`).join(', ')}`);
  }
} catch (error) {
  // process.exit here would skip the finally below and leave the copies of the training set behind.
  if (!(error instanceof StepFailed)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (process.exitCode) process.exit();

const pooled = Object.fromEntries(TYPES.map((type) => {
  const { tp, fp, fn } = totals[type];
  return [type, tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)];
}));
console.log(`pooled exact F1 over ${folds} folds: ${TYPES.map((type) => `${type} ${(100 * pooled[type]).toFixed(1)}`).join(', ')}`);
if (values.json) writeFileSync(values.json, JSON.stringify({ folds, epochs: Number(values.epochs), bits: Number(values.bits), seed: Number(values.seed), perFold, pooled }, null, 2) + '\n');
