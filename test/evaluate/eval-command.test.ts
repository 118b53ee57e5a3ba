import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runEval } from '../../src/cli/commands/eval.js';

const dir = mkdtempSync(join(tmpdir(), 'byline-eval-cmd-'));
const TEXT = 'The cat sat on the mat while the dog slept.';
// Nobody tags "cat" as a person: PERSON F1 is 0 whatever the stages do.
const hopeless = join(dir, 'hopeless.jsonl');
writeFileSync(hopeless, JSON.stringify({ id: 'cat', text: TEXT, published: '2020-01-01', layers: ['PERSON'], mentions: [{ start: 4, end: 7, type: 'PERSON', text: 'cat', form: 'NAM' }] }) + '\n');
const broken = join(dir, 'broken.jsonl');
writeFileSync(broken, '{"id": "x", "text": "ab", "layers": ["PERSON"], "mentions": [{"start": 0, "end": 1, "type": "PERSON", "text": "b"}]}\n');

let stderr = '';
let stdout = '';
beforeEach(() => {
  stderr = '';
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { config: 'pipeline.config.json' };

describe('eval command', () => {
  it('should print a table, write the JSON report and the errors CSV, and exit 0', async () => {
    const json = join(dir, 'report.json');
    const errors = join(dir, 'errors.csv');
    const code = await runEval({ ...base, gold: [hopeless], json, errors, 'fail-under': ['PERSON.f1=0'] });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/hopeless\.jsonl \([\d.]+ s\): 1 document/);
    expect(stdout).toMatch(/PERSON/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report).toMatchObject({ documents: 1, times: null, quotes: null, linking: null });
    expect(report.names.PERSON.exact).toMatchObject({ tp: 0, fn: 1 });
    expect(report.files).toHaveLength(1);
    const csv = readFileSync(errors, 'utf8');
    expect(csv).toMatch(/false-negative,PERSON,4,7,cat,The ,/);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('should exit 1 when a score is below its --fail-under threshold', async () => {
    expect(await runEval({ ...base, gold: [hopeless], 'fail-under': ['PERSON.f1=0.5'] })).toBe(1);
    expect(stderr).toMatch(/PERSON\.f1 = 0\.0000, below the threshold 0\.5/);
  });

  it.each([
    ['a broken gold file', { gold: [broken] }, /broken\.jsonl:1: mentions\.0: expected text\.slice\(0, 1\)/],
    ['a missing gold file', { gold: [join(dir, 'nope.jsonl')] }, /nope\.jsonl: cannot read the file/],
    ['an unknown key', { gold: [hopeless], 'fail-under': ['PERSON.f2=0.5'] }, /--fail-under: Unexpected `f2`/],
    ['a value above 1', { gold: [hopeless], 'fail-under': ['PERSON.f1=90'] }, /expected KEY=VALUE with VALUE between 0 and 1/],
    ['a key the gold does not score', { gold: [hopeless], 'fail-under': ['times.valueF1=0.5'] }, /the gold has no annotations for it/],
    ['a missing config file', { gold: [hopeless], config: join(dir, 'none.json') }, /none\.json: cannot read the file/],
    ['an unwritable report path', { gold: [hopeless], json: join(dir, 'no', 'such', 'dir.json') }, /cannot write the report/],
  ])('should exit 2 on %s', async (_label, argv, pattern) => {
    expect(await runEval({ ...base, ...argv })).toBe(2);
    expect(stderr).toMatch(pattern);
  });
});
