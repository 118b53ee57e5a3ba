import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, resolveConfig } from '../../src/config/load-config.js';
import { tempDir } from '../helpers/temp-dir.js';

function problemsOf(raw: unknown): string[] {
  try {
    resolveConfig(raw, 'test.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('config', () => {
  it('should fill every default from an empty object', () => {
    const config = resolveConfig({});
    expect(config.pipeline).toEqual(['segment', 'recognize-names', 'recognize-dates', 'extract-quotes', 'link-entities']);
    expect(config.output.csvBom).toBe(true);
    expect(config.run.documentTimeoutMs).toBe(30_000);
  });

  it('should report every problem together, each with its path', () => {
    const problems = problemsOf({ output: { csvBom: 'yes' }, run: { concurrency: -1 }, colour: true, stages: { 'link-entities': { minScore: 3 } } });
    expect(problems.some((p) => p.startsWith('output.csvBom:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('run.concurrency:'))).toBe(true);
    expect(problems.some((p) => p.includes('colour'))).toBe(true);
    expect(problems.some((p) => p.startsWith('stages.link-entities:') && p.includes('minScore'))).toBe(true);
  });

  it('should reject a pipeline whose stage needs a layer no earlier stage assigns', () => {
    const problems = problemsOf({ pipeline: ['recognize-names', 'segment'] });
    expect(problems).toContainEqual(expect.stringContaining('pipeline.0: stage `recognize-names` requires layer `tokens`'));
    expect(problems.every((p) => p.startsWith('pipeline.0:'))).toBe(true);
  });

  it('should name the file in a JSON syntax error', () => {
    const dir = tempDir();
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"output": ');
    expect(() => loadConfig(file, true)).toThrow(/broken\.json: expected valid JSON/);
  });

  it('should resolve file paths against the config file folder, with a hash that does not depend on it', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    const raw = JSON.stringify({ stages: { 'link-entities': { knowledgeBase: 'kb.jsonl' } } });
    writeFileSync(join(dir, 'a', 'c.json'), raw);
    writeFileSync(join(dir, 'b', 'c.json'), raw);
    const a = loadConfig(join(dir, 'a', 'c.json'), true);
    const b = loadConfig(join(dir, 'b', 'c.json'), true);
    expect(a.config.stages['link-entities'].knowledgeBase).toBe(join(dir, 'a', 'kb.jsonl'));
    expect(a.hash).toBe(b.hash);
  });
});
