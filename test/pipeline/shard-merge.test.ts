import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { shardOf } from '../../src/pipeline/run-corpus.js';
import { readOutputTree } from '../helpers/output-tree.js';
import { writeSyntheticCorpus } from '../helpers/synthetic-corpus.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('run-corpus: shards and merge', () => {
  const dir = tempDir();
  const corpus = join(dir, 'corpus');
  writeSyntheticCorpus(corpus, 12);

  it('should partition ids deterministically into shards that cover the corpus once', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `doc-${i}`);
    const counts = [0, 0, 0];
    for (const id of ids) counts[shardOf(id, 3)]!++;
    expect(counts.reduce((a, b) => a + b)).toBe(200);
    expect(Math.min(...counts)).toBeGreaterThan(40);
    expect(ids.map((id) => shardOf(id, 3))).toEqual(ids.map((id) => shardOf(id, 3)));
  });

  it('should make two shards plus a merge byte-identical to a single run', async () => {
    const single = join(dir, 'single');
    expect(await run(['annotate', corpus, '--out', single, '--quiet'])).toBe(0);
    expect(await run(['annotate', corpus, '--out', join(dir, 's0'), '--shard', '0/2', '--quiet'])).toBe(0);
    expect(await run(['annotate', corpus, '--out', join(dir, 's1'), '--shard', '1/2', '--quiet'])).toBe(0);
    const merged = join(dir, 'merged');
    expect(await run(['merge', join(dir, 's0'), join(dir, 's1'), '--out', merged, '--quiet'])).toBe(0);
    const expected = readOutputTree(single);
    const actual = readOutputTree(merged);
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [path, content] of expected) expect(actual.get(path), path).toBe(content);
  });

  it('should refuse a bad --shard with exit 2', async () => {
    expect(await run(['annotate', corpus, '--out', join(dir, 'bad'), '--shard', '2/2', '--quiet'])).toBe(2);
  });
});
