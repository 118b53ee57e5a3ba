import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
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

  it('should fail only the document whose JSON path is another shard\'s folder, and finish the merge', async () => {
    // `x` needs json/x.json and `x.json/b` needs json/x.json/b.json: on one disk only one can be written.
    const colliding = join(dir, 'colliding');
    mkdirSync(join(colliding, 'x.json'), { recursive: true });
    const text = readFileSync(join(corpus, 'article-0001.txt'), 'utf8');
    writeFileSync(join(colliding, 'x.txt'), text);
    writeFileSync(join(colliding, 'x.json', 'b.txt'), text);
    writeFileSync(join(colliding, 'z.txt'), text);
    expect(shardOf('x', 2)).not.toBe(shardOf('x.json/b', 2));
    expect(await run(['annotate', colliding, '--out', join(dir, 'c0'), '--shard', '0/2', '--quiet'])).toBe(0);
    expect(await run(['annotate', colliding, '--out', join(dir, 'c1'), '--shard', '1/2', '--quiet'])).toBe(0);
    const merged = join(dir, 'c-merged');
    expect(await run(['merge', join(dir, 'c0'), join(dir, 'c1'), '--out', merged, '--quiet'])).toBe(1);
    const runJson = JSON.parse(readFileSync(join(merged, 'run.json'), 'utf8')) as { failed: string[] };
    expect(runJson.failed).toHaveLength(1);
    const loser = runJson.failed[0]!;
    expect(['x', 'x.json/b']).toContain(loser);
    const winner = loser === 'x' ? 'x.json/b' : 'x';
    expect(JSON.parse(readFileSync(join(merged, 'json', `${winner}.json`), 'utf8')).status).toBe('ok');
    expect(JSON.parse(readFileSync(join(merged, 'json', 'z.json'), 'utf8')).status).toBe('ok');
    const rows = (table: string) => parse(readFileSync(join(merged, 'csv', `${table}.csv`), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows('messages').find((m) => m.doc_id === loser)).toMatchObject({ rule_id: 'run:write' });
    expect(rows('documents').find((d) => d.doc_id === loser)).toMatchObject({ status: 'failed' });
    expect(rows('mentions').some((m) => m.doc_id === winner)).toBe(true);
  });

  it('should merge a shard whose own run failed a document for its JSON path (no JSON file to copy)', async () => {
    // `x` and `x.json/<name>` in the same shard: the shard run writes one and fails the other with run:write.
    const name = ['b', 'c', 'd', 'e', 'f', 'g'].find((n) => shardOf(`x.json/${n}`, 2) === shardOf('x', 2))!;
    const colliding = join(dir, 'same-shard');
    mkdirSync(join(colliding, 'x.json'), { recursive: true });
    const text = readFileSync(join(corpus, 'article-0001.txt'), 'utf8');
    writeFileSync(join(colliding, 'x.txt'), text);
    writeFileSync(join(colliding, 'x.json', `${name}.txt`), text);
    writeFileSync(join(colliding, 'z.txt'), text);
    const shard = shardOf('x', 2);
    expect(await run(['annotate', colliding, '--out', join(dir, 'ss0'), '--shard', `${shard}/2`, '--quiet'])).toBe(1);
    expect(await run(['annotate', colliding, '--out', join(dir, 'ss1'), '--shard', `${1 - shard}/2`, '--quiet'])).toBe(0);
    const merged = join(dir, 'ss-merged');
    expect(await run(['merge', join(dir, 'ss0'), join(dir, 'ss1'), '--out', merged, '--quiet'])).toBe(1);
    const shardRun = JSON.parse(readFileSync(join(dir, 'ss0', 'run.json'), 'utf8')) as { failed: string[] };
    const runJson = JSON.parse(readFileSync(join(merged, 'run.json'), 'utf8')) as { failed: string[] };
    expect(runJson.failed).toEqual(shardRun.failed);
    expect(runJson.failed).toHaveLength(1);
    const rows = (table: string) => parse(readFileSync(join(merged, 'csv', `${table}.csv`), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows('messages').find((m) => m.doc_id === runJson.failed[0])).toMatchObject({ rule_id: 'run:write' });
    expect(JSON.parse(readFileSync(join(merged, 'json', 'z.json'), 'utf8')).status).toBe('ok');
  });

  it('should refuse a bad --shard with exit 2', async () => {
    expect(await run(['annotate', corpus, '--out', join(dir, 'bad'), '--shard', '2/2', '--quiet'])).toBe(2);
  });
});
