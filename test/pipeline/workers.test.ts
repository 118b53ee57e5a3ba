/**
 * The compiled CLI on worker threads: same output whatever the concurrency, and a run killed
 * partway completes on the next run with nothing lost or duplicated. Needs dist/ (`npm ci` builds it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOutputTree } from '../helpers/output-tree.js';
import { writeSyntheticCorpus } from '../helpers/synthetic-corpus.js';
import { tempDir } from '../helpers/temp-dir.js';

const BIN = resolve('dist/cli/bin.js');

function annotate(args: string[]): number {
  const result = spawnSync(process.execPath, [BIN, 'annotate', ...args, '--quiet'], { encoding: 'utf8' });
  return result.status ?? -1;
}

function countFiles(folder: string): number {
  if (!existsSync(folder)) return 0;
  return readdirSync(folder, { recursive: true }).filter((name) => String(name).endsWith('.json')).length;
}

describe.skipIf(!existsSync(BIN))('run-corpus: worker threads (compiled CLI)', () => {
  const dir = tempDir();
  const corpus = join(dir, 'corpus');
  writeSyntheticCorpus(corpus, 200);

  it('should write the same output at concurrency 1 and 2', () => {
    expect(annotate([corpus, '--out', join(dir, 'c1'), '-j', '1'])).toBe(0);
    expect(annotate([corpus, '--out', join(dir, 'c2'), '-j', '2'])).toBe(0);
    const one = readOutputTree(join(dir, 'c1'));
    const two = readOutputTree(join(dir, 'c2'));
    expect(one.size).toBeGreaterThan(200);
    expect([...two.keys()]).toEqual([...one.keys()]);
    for (const [path, content] of one) expect(two.get(path), path).toBe(content);
  });

  it('should reuse every unchanged document on the workers, writing no JSON file and the same output', () => {
    const out = join(dir, 'c2');
    const before = readOutputTree(out);
    const jsonTimes = () => readdirSync(join(out, 'json')).map((name) => `${name} ${statSync(join(out, 'json', name)).mtimeMs}`);
    const timesBefore = jsonTimes();
    expect(annotate([corpus, '--out', out, '-j', '2'])).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).counts).toMatchObject({ documents: 200, reused: 200 });
    expect(jsonTimes()).toEqual(timesBefore);
    const after = readOutputTree(out);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, content] of before) expect(after.get(path), path).toBe(content);
  });

  it('should give a document over run.workerHeapMb a fatal out-of-memory message, and keep the others', () => {
    const small = join(dir, 'memory');
    writeSyntheticCorpus(small, 5);
    const huge = Array.from({ length: 4000 }, (_, i) => `Maria Lopez met John Carter in Seoul on Monday, article ${i} said.`).join('\n\n');
    writeFileSync(join(small, 'huge.txt'), huge);
    const config = join(dir, 'small-heap.json');
    writeFileSync(config, JSON.stringify({ run: { workerHeapMb: 48 } }));
    const out = join(dir, 'memory-out');
    expect(annotate([small, '--out', out, '-j', '1', '--config', config])).toBe(1);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.failed).toEqual(['huge']);
    expect(run.counts.ok).toBe(5);
    const huge_ = JSON.parse(readFileSync(join(out, 'json', 'huge.json'), 'utf8'));
    expect(huge_.messages).toContainEqual(expect.objectContaining({ severity: 'fatal', ruleId: 'run:out-of-memory' }));
  });

  it('should retry a document that outgrows run.workerBaseHeapMb alone in a worker with run.workerHeapMb', () => {
    const folder = join(dir, 'retry');
    writeSyntheticCorpus(folder, 3);
    const huge = Array.from({ length: 4000 }, (_, i) => `Maria Lopez met John Carter in Seoul on Monday, article ${i} said.`).join('\n\n');
    writeFileSync(join(folder, 'huge.txt'), huge);
    const config = join(dir, 'retry-heap.json');
    writeFileSync(config, JSON.stringify({ run: { workerBaseHeapMb: 48, workerHeapMb: 512 } }));
    const out = join(dir, 'retry-out');
    expect(annotate([folder, '--out', out, '-j', '1', '--config', config])).toBe(0);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.counts).toMatchObject({ documents: 4, ok: 4, failed: 0 });
    const doc = JSON.parse(readFileSync(join(out, 'json', 'huge.json'), 'utf8'));
    expect(doc.mentions.length).toBeGreaterThan(4000);
  });

  it('should give only the documents over the time budget run:timeout, however often others wait behind them', () => {
    // Slow documents in a row: a worker stopped for one of them takes its queued batch down with
    // it, and the documents sent again can each wait behind another slow one several times.
    const folder = join(dir, 'slow');
    writeSyntheticCorpus(folder, 24);
    // ~870,000 characters: over a second to annotate, yet short of the large pool (LARGE_DOCUMENT_CHARS).
    const slow = Array.from({ length: 11000 }, (_, i) => `“We met,” Maria Lopez told John Carter in Seoul on Monday, article ${i} said.`).join('\n\n');
    const slowIds = [3, 4, 5, 6].map((k) => `article-${String(k).padStart(4, '0')}-slow`);
    for (const id of slowIds) writeFileSync(join(folder, `${id}.txt`), slow);
    const config = join(dir, 'short-budget.json');
    writeFileSync(config, JSON.stringify({ run: { documentTimeoutMs: 1000 } }));
    const out = join(dir, 'slow-out');
    expect(annotate([folder, '--out', out, '-j', '1', '--config', config])).toBe(1);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.failed).toEqual(slowIds);
    for (const id of slowIds) {
      const doc = JSON.parse(readFileSync(join(out, 'json', `${id}.json`), 'utf8'));
      expect(doc.messages, id).toContainEqual(expect.objectContaining({ severity: 'fatal', ruleId: 'run:timeout' }));
    }
  }, 60_000);

  it.each(['SIGKILL', 'SIGINT'] as const)('should complete after %s with no row lost or duplicated', async (signal) => {
    const out = join(dir, `killed-${signal}`);
    const child = spawn(process.execPath, [BIN, 'annotate', corpus, '--out', out, '-j', '1', '--quiet'], { stdio: 'ignore' });
    const written = join(out, 'json');
    // Kill once some, but not all, documents are done.
    await new Promise<void>((done, fail) => {
      const timer = setInterval(() => {
        if (countFiles(written) >= 20) {
          clearInterval(timer);
          child.kill(signal);
          done();
        }
      }, 20);
      child.on('exit', () => {
        clearInterval(timer);
        fail(new Error('the run finished before it could be killed'));
      });
    });
    const code = await new Promise<number | null>((done) => child.on('exit', (status) => done(status)));
    if (signal === 'SIGINT') expect(code).toBe(130);
    expect(countFiles(written)).toBeLessThan(200);
    expect(annotate([corpus, '--out', out, '-j', '1'])).toBe(0);
    expect(readdirSync(out, { recursive: true }).filter((name) => String(name).endsWith('.tmp'))).toEqual([]);
    const expected = readOutputTree(join(dir, 'c1'));
    const actual = readOutputTree(out);
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [path, content] of expected) expect(actual.get(path), path).toBe(content);
  });
});
