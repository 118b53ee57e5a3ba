import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';

// Every file whose text is read, to check that another shard's files are not.
const readPaths: string[] = [];
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return {
    ...actual,
    openSync: ((path: Parameters<typeof actual.openSync>[0], ...rest: unknown[]) => {
      readPaths.push(String(path));
      return (actual.openSync as (...args: unknown[]) => number)(path, ...rest);
    }) as typeof actual.openSync,
  };
});

const { readInputs } = await import('../../src/corpus/read-corpus.js');
type ReadOptions = import('../../src/corpus/read-corpus.js').ReadOptions;
type DocumentInput = import('../../src/corpus/read-corpus.js').DocumentInput;

const OPTIONS: ReadOptions = { include: ['**/*.txt'], exclude: [], maxFileBytes: 10_000, skipFolders: [] };

async function readAll(inputs: string[], keep?: (id: string) => boolean): Promise<DocumentInput[]> {
  const docs: DocumentInput[] = [];
  for await (const doc of readInputs(inputs, keep ? { ...OPTIONS, keep } : OPTIONS)) docs.push(doc);
  return docs;
}

describe('read-corpus: keep (shards)', () => {
  beforeEach(() => void (readPaths.length = 0));

  it('should not read the text of a file whose id is not kept', async () => {
    const dir = tempDir();
    for (const name of ['a', 'b', 'c']) writeFileSync(join(dir, `${name}.txt`), `Text of ${name}.`);
    const docs = await readAll([dir], (id) => id === 'b');
    expect(docs.map((d) => [d.id, d.text])).toEqual([['b', 'Text of b.']]);
    expect(readPaths.filter((path) => path.endsWith('.txt'))).toEqual([join(dir, 'b.txt')]);
  });

  it('should yield, over any partition of ids, exactly the documents of a full read, once each', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    for (const name of ['a', 'b', 'sub/c', 'sub/d']) writeFileSync(join(dir, `${name}.txt`), `Text of ${name}.`);
    const lines = [{ id: 'x', text: 'One.' }, { id: 'y', text: 'Two.', published: '2022-06-15' }, 'not json', { id: 'z', text: 3 }];
    writeFileSync(join(dir, 'more.jsonl'), lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'));
    const full = await readAll([dir, join(dir, 'more.jsonl')]);
    const parts = await Promise.all([0, 1, 2].map((k) => readAll([dir, join(dir, 'more.jsonl')], (id) => id.length % 3 === k)));
    const merged = parts.flat().sort((p, q) => full.indexOf(full.find((d) => d.id === p.id)!) - full.indexOf(full.find((d) => d.id === q.id)!));
    expect(merged).toEqual(full);
    expect(full.map((d) => d.id)).toEqual(['a', 'b', 'sub/c', 'sub/d', 'x', 'y', 'more#L3', 'z']);
  });

  it('should number duplicate ids as a full read does, also when the first copy is not kept', async () => {
    const dir = tempDir();
    const path = join(dir, 'dups.jsonl');
    writeFileSync(path, ['a', 'a', 'b', 'a'].map((id, i) => JSON.stringify({ id, text: `Copy ${i + 1}.` })).join('\n'));
    const full = await readAll([path]);
    expect(full.map((d) => d.id)).toEqual(['a', 'a~dup2', 'b', 'a~dup3']);
    const third = await readAll([path], (id) => id === 'a~dup3');
    expect(third).toEqual([full[3]]);
    expect(third[0]!.messages[0]).toMatchObject({ ruleId: 'read-corpus:duplicate-id', line: 4, reason: expect.stringContaining(`first used by \`${path}:1\``) });
  });
});
