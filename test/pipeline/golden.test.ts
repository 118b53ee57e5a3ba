/**
 * Golden folders: test/fixtures/golden/<case>/input.txt (or input.bin, bytes) and expected.json, run
 * through the real reader and pipeline. UPDATE_GOLDEN=1 rewrites expected.json; review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load-config.js';
import { readInputs } from '../../src/corpus/read-corpus.js';
import { annotateInput } from '../../src/pipeline/annotate-input.js';

const ROOT = 'test/fixtures/golden';
const config = resolveConfig({});
const cases = existsSync(ROOT) ? readdirSync(ROOT).sort() : [];

async function annotateCase(name: string) {
  const folder = join(ROOT, name);
  const file = ['input.txt', 'input.bin'].map((f) => join(folder, f)).find((f) => existsSync(f))!;
  const readOptions = { ...config.corpus, include: ['input.*'], skipFolders: [] };
  for await (const input of readInputs([file], readOptions)) {
    const { json } = annotateInput({ config, configHash: 'golden', input: { ...input, source: `golden/${name}` } });
    return json;
  }
  throw new Error(`no input in ${folder}`);
}

describe('golden folders', () => {
  it('should have cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('%s', async (name) => {
    const actual = await annotateCase(name);
    const expectedFile = join(ROOT, name, 'expected.json');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
    expect(actual).toEqual(expected);
  });
});
