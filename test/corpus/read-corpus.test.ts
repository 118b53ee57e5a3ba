import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readInputs, type DocumentInput, type ReadOptions } from '../../src/corpus/read-corpus.js';
import { tempDir } from '../helpers/temp-dir.js';

const OPTIONS: ReadOptions = { include: ['**/*.txt'], exclude: [], maxFileBytes: 1_000, skipFolders: [] };

async function readAll(inputs: string[], options: Partial<ReadOptions> = {}): Promise<DocumentInput[]> {
  const docs: DocumentInput[] = [];
  for await (const doc of readInputs(inputs, { ...OPTIONS, ...options })) docs.push(doc);
  return docs;
}

const byId = (docs: DocumentInput[], id: string) => docs.find((doc) => doc.id === id);

describe('read-corpus: JSONL', () => {
  const dir = tempDir();

  it('should read CRLF lines, drop a BOM on the first line and skip blank lines, counting lines as written', async () => {
    const path = join(dir, 'crlf.jsonl');
    writeFileSync(path, `\uFEFF${JSON.stringify({ id: 'a', text: 'One.' })}\r\n\r\n   \r\n${JSON.stringify({ id: 'b', text: 'Two.' })}\r\n`);
    const docs = await readAll([path]);
    expect(docs.map((d) => [d.id, d.text, d.line, d.source])).toEqual([
      ['a', 'One.', 1, `${path}:1`],
      ['b', 'Two.', 4, `${path}:4`],
    ]);
  });

  it('should report a line longer than corpus.maxFileBytes without keeping it, and read the next lines', async () => {
    const path = join(dir, 'long.jsonl');
    const long = JSON.stringify({ id: 'long', text: 'x'.repeat(5_000) });
    writeFileSync(path, [JSON.stringify({ id: 'a', text: 'One.' }), long, JSON.stringify({ id: 'c', text: 'Three.' })].join('\n'));
    const docs = await readAll([path]);
    expect(docs.map((d) => d.id)).toEqual(['a', 'long#L2', 'c']);
    expect(byId(docs, 'long#L2')!.messages).toEqual([
      expect.objectContaining({ severity: 'fatal', ruleId: 'read-corpus:too-large', line: 2, reason: expect.stringContaining(`${long.length} bytes`) }),
    ]);
  });

  it('should refuse a line of invalid UTF-8 with its line and byte, instead of reading U+FFFD', async () => {
    const path = join(dir, 'bytes.jsonl');
    const before = '{"id": "b", "text": "caf';
    writeFileSync(path, Buffer.concat([Buffer.from(`${JSON.stringify({ id: 'a', text: 'One.' })}\n${before}`), Buffer.from([0xe9]), Buffer.from('"}\n')]));
    const docs = await readAll([path]);
    expect(docs.map((d) => d.id)).toEqual(['a', 'bytes#L2']);
    expect(byId(docs, 'bytes#L2')!.messages[0]).toMatchObject({ severity: 'fatal', ruleId: 'read-corpus:invalid-utf8', line: 2 });
    expect(byId(docs, 'bytes#L2')!.messages[0]!.reason).toContain(`byte ${before.length} of line 2`);
  });

  it('should refuse a UTF-16 JSONL file once, not line by line', async () => {
    const path = join(dir, 'wide.jsonl');
    writeFileSync(path, iconv.encode(`${JSON.stringify({ id: 'a', text: 'One.' })}\n${JSON.stringify({ id: 'b', text: 'Two.' })}\n`, 'utf-16le', { addBOM: true }));
    const docs = await readAll([path]);
    expect(docs).toHaveLength(1);
    expect(docs[0]!.messages[0]).toMatchObject({ severity: 'fatal', ruleId: 'read-corpus:bad-jsonl', reason: expect.stringContaining('UTF-16') });
  });

  it('should keep a NUL character in JSONL text, with a warning pointing at it', async () => {
    const path = join(dir, 'nul.jsonl');
    writeFileSync(path, JSON.stringify({ id: 'a', text: 'Park\u0000 said.' }));
    const [doc] = await readAll([path]);
    expect(doc!.text).toBe('Park\u0000 said.');
    expect(doc!.messages).toEqual([expect.objectContaining({ severity: 'warning', ruleId: 'read-corpus:control-characters', start: 4, end: 5 })]);
  });

  it('should name the first source of a duplicate id, and the line of the duplicate', async () => {
    const path = join(dir, 'dup.jsonl');
    writeFileSync(path, [JSON.stringify({ id: 'a', text: 'One.' }), JSON.stringify({ id: 'a', text: 'Two.' })].join('\n'));
    const docs = await readAll([path]);
    expect(docs.map((d) => d.id)).toEqual(['a', 'a~dup2']);
    const message = docs[1]!.messages[0]!;
    expect(message).toMatchObject({ severity: 'fatal', ruleId: 'read-corpus:duplicate-id', line: 2 });
    expect(message.reason).toContain(`${path}:1`);
  });

  it('should never give a copy an id the input already uses', async () => {
    const path = join(dir, 'dup-taken.jsonl');
    const ids = ['c~dup2', 'c', 'c', 'c~dup2'];
    writeFileSync(path, ids.map((id, i) => JSON.stringify({ id, text: `Text ${i}.` })).join('\n'));
    const docs = await readAll([path]);
    expect(docs.map((d) => d.id)).toEqual(['c~dup2', 'c', 'c~dup3', 'c~dup2~dup2']);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
  });

  it('should number further copies of an id and still name where it was first used', async () => {
    const path = join(dir, 'dup3.jsonl');
    writeFileSync(path, ['One.', 'Two.', 'Three.'].map((text) => JSON.stringify({ id: 'b', text })).join('\n'));
    const docs = await readAll([path]);
    expect(docs.map((d) => d.id)).toEqual(['b', 'b~dup2', 'b~dup3']);
    expect(docs[2]!.messages[0]).toMatchObject({ ruleId: 'read-corpus:duplicate-id', line: 3 });
    expect(docs[2]!.messages[0]!.reason).toContain(`${path}:1`);
  });
});

describe('read-corpus: files', () => {
  const dir = tempDir();

  it.each([
    ['a bell and an escape sequence', 'Park\u0007 met \u001b[31mKim\u001b[0m.', 3, 4],
    ['DEL and a C1 control', 'Park\u007f met Kim\u0085.', 2, 4],
  ])('should keep %s in the text and warn once with the count', async (_, text, count, first) => {
    const path = join(dir, `control-${count}.txt`);
    writeFileSync(path, text);
    const [doc] = await readAll([path]);
    expect(doc!.text).toBe(text);
    const warnings = doc!.messages.filter((m) => m.ruleId === 'read-corpus:control-characters');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: 'warning', start: first, end: first + 1 });
    expect(warnings[0]!.reason).toContain(`${count} control characters`);
  });

  it('should not warn about tabs, line breaks, form feeds and vertical tabs', async () => {
    const path = join(dir, 'spacing.txt');
    writeFileSync(path, 'Park\tmet\r\nKim\f.\u000b');
    const [doc] = await readAll([path]);
    expect(doc!.messages).toEqual([]);
  });

  it('should never read a skipped folder (the output folder inside the corpus)', async () => {
    const corpus = join(dir, 'corpus');
    mkdirSync(join(corpus, 'output'), { recursive: true });
    writeFileSync(join(corpus, 'a.txt'), 'One.');
    writeFileSync(join(corpus, 'output', 'b.txt'), 'Two.');
    const docs = await readAll([corpus], { skipFolders: [join(corpus, 'output')] });
    expect(docs.map((d) => d.id)).toEqual(['a']);
  });
});
