import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendRecord, compactJournals, JournalReader, listJournals, loadJournalIndex, type JournalHeader, type RecordAddress } from '../../src/pipeline/cache-journal.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The header fields of a record that is only a document JSON of `bytes`. */
function noRows(bytes: Buffer): Pick<JournalHeader, 'jsonBytes' | 'applied' | 'csv' | 'speakers'> {
  return { jsonBytes: bytes.length, applied: [], csv: null, speakers: [] };
}

/** Append a record whose document is `body` (a JSON text, possibly over several lines). */
function append(out: string, file: string, at: number, body = `{\n  "id": "${file}"\n}\n`, extra: Partial<JournalHeader> = {}): void {
  const bytes = Buffer.from(body);
  appendRecord(out, { file, key: 'k1', hash: `h-${file}`, at, bytes: bytes.length, summary: { docId: file, entities: [] }, timings: {}, tokens: 3, ...noRows(bytes), ...extra }, bytes);
}

describe('cache-journal', () => {
  it('should index the latest record per file, and pass over other keys and a torn end', () => {
    const out = tempDir();
    append(out, 'a', 1);
    append(out, 'b', 2);
    append(out, 'a', 3, '{"id": "a", "v": 2}\n', { hash: 'newer' });
    append(out, 'c', 4, undefined, { key: 'other config' });
    const [journal] = listJournals(out);
    // A record cut short by a kill: its header promises more bytes than follow.
    appendFileSync(journal!, JSON.stringify({ file: 'd', key: 'k1', hash: 'x', at: 5, bytes: 999, summary: { docId: 'd', entities: [] }, timings: {}, tokens: 1 }) + '\n{"id"');
    const { records } = loadJournalIndex(out, 'k1');
    expect([...records.keys()].sort()).toEqual(['a', 'b']);
    expect(records.get('a')).toMatchObject({ hash: 'newer', tokens: 3 });
    const reader = new JournalReader();
    expect(JSON.parse(reader.body(records.get('a')!).toString())).toEqual({ id: 'a', v: 2 });
    expect(reader.header(records.get('b')!).summary.docId).toBe('b');
    reader.close();
    // The torn end is cut off, so the journal ends with its last complete record: header line, check line, document.
    const check = JSON.stringify({ jsonBytes: 16, applied: [], csv: null, speakers: [], ids: [] }) + '\n';
    const cHeader = { file: 'c', key: 'other config', hash: 'h-c', at: 4, bytes: check.length + 16, summary: { docId: 'c', entities: [] }, timings: {}, tokens: 3 };
    const cRecord = JSON.stringify(cHeader) + '\n' + check + '{\n  "id": "c"\n}\n';
    expect(readFileSync(journal!, 'utf8').endsWith('{"id": "a", "v": 2}\n' + cRecord)).toBe(true);
  });

  it('should return where each appended record is, as the index finds it, also after its journal was removed', () => {
    const out = tempDir();
    const bytes = (file: string) => Buffer.from(`{"id": "${file}", "text": "Genève"}\n`);
    const header = (file: string): JournalHeader => ({ file, key: 'k1', hash: `h-${file}`, at: 1, bytes: bytes(file).length, summary: { docId: file, entities: [] }, timings: {}, tokens: 3, ...noRows(bytes(file)) });
    const first = appendRecord(out, header('a'), bytes('a'));
    const second = appendRecord(out, header('b'), bytes('b'));
    const { records } = loadJournalIndex(out, 'k1');
    expect(first).toEqual({ journal: records.get('a')!.journal, offset: records.get('a')!.offset, headerBytes: records.get('a')!.headerBytes, bytes: records.get('a')!.bytes });
    expect(second.offset).toBe(first.offset + first.headerBytes + first.bytes);
    // A journal removed since (compacted, or the folder cleared): the next record starts a new one at 0.
    for (const journal of listJournals(out)) rmSync(journal);
    const third = appendRecord(out, header('c'), bytes('c'));
    expect(third.offset).toBe(0);
    const reader = new JournalReader();
    expect(reader.header(third).file).toBe('c');
    expect(reader.body(third).toString()).toBe(bytes('c').toString());
    reader.close();
  });

  it('should keep a record\'s CSV rows apart from its document, through indexing and compaction', () => {
    const out = tempDir();
    const json = Buffer.from('{"id": "Genève"}\n');
    const rows = [Buffer.from('a,1\n'), Buffer.from(''), Buffer.from('b,"x, y"\n')];
    const bytes = json.length + rows.reduce((sum, row) => sum + row.length, 0);
    const header: JournalHeader = { file: 'a', key: 'k1', hash: 'h', at: 1, bytes, summary: { docId: 'a', entities: [] }, timings: {}, tokens: 1, jsonBytes: json.length, applied: [['misc:x', 'location:x']], csv: rows.map((row) => row.length), speakers: [] };
    appendRecord(out, header, json, ...rows);
    append(out, 'b', 2);
    const read = (records: Map<string, RecordAddress>) => {
      const reader = new JournalReader();
      const { header: found, json: document, csv } = reader.read(records.get('a')!);
      const result = { applied: found.applied, document: document.toString(), csv: csv.toString(), body: reader.body(records.get('b')!).toString() };
      reader.close();
      return result;
    };
    const expected = { applied: [['misc:x', 'location:x']], document: json.toString(), csv: 'a,1\nb,"x, y"\n', body: '{\n  "id": "b"\n}\n' };
    const first = loadJournalIndex(out, 'k1');
    expect(read(first.records)).toEqual(expected);
    compactJournals(out, [first.records.get('a')!, first.records.get('b')!], Number.MAX_SAFE_INTEGER, join(out, 'tmp'));
    expect(listJournals(out)).toHaveLength(1);
    expect(read(loadJournalIndex(out, 'k1').records)).toEqual(expected);
  });

  it('should pass over records of the previous layout (no CSV rows) without cutting the journal there', () => {
    const out = tempDir();
    append(out, 'a', 1);
    const [journal] = listJournals(out);
    // A record as the previous version wrote it: no jsonBytes, applied, csv or speakers, another key.
    const old = '{"id": "old"}\n';
    appendFileSync(journal!, JSON.stringify({ file: 'old', key: 'k0', hash: 'h', at: 2, bytes: old.length, summary: { docId: 'old', entities: [] }, timings: {}, tokens: 1 }) + '\n' + old);
    append(out, 'b', 3);
    const before = readFileSync(journal!, 'utf8');
    const { records } = loadJournalIndex(out, 'k1');
    expect([...records.keys()].sort()).toEqual(['a', 'b']);
    expect(readFileSync(journal!, 'utf8')).toBe(before);
  });

  it('should read headers longer than its first read and documents with non-ASCII text', () => {
    const out = tempDir();
    const name = 'É'.repeat(200_000);
    append(out, 'first', 0, '{"text": "Genève"}\n');
    append(out, 'long', 1, `{"text": "${name}"}\n`, { summary: { docId: 'long', entities: [{ id: 'person:x', name, type: 'PERSON', aliases: [], mentions: 1, quotes: 0, titles: [] }] } });
    append(out, 'last', 2);
    const { records } = loadJournalIndex(out, 'k1');
    expect([...records.keys()].sort()).toEqual(['first', 'last', 'long']);
    const reader = new JournalReader();
    expect(reader.header(records.get('long')!).summary.entities[0]!.name).toBe(name);
    expect(JSON.parse(reader.body(records.get('long')!).toString()).text).toBe(name);
    expect(JSON.parse(reader.body(records.get('first')!).toString()).text).toBe('Genève');
    reader.close();
  });

  it('should read back each record, in and out of order, with records smaller and larger than one read ahead', () => {
    const out = tempDir();
    const body = (i: number) => `{"i": ${i}, "pad": "${'é'.repeat(i % 10 === 0 ? 40_000 : (i * 37) % 900)}"}\n`;
    const files = Array.from({ length: 60 }, (_, i) => `f${i}`);
    files.forEach((file, i) => append(out, file, i, body(i)));
    const { records } = loadJournalIndex(out, 'k1');
    const reader = new JournalReader();
    const order = [...files.keys(), ...[...files.keys()].reverse(), ...files.keys()].map((i) => (i * 7) % files.length);
    for (const i of [...files.keys(), ...order]) {
      expect(reader.body(records.get(files[i]!)!).toString(), files[i]).toBe(body(i));
      expect(reader.header(records.get(files[i]!)!).file).toBe(files[i]);
    }
    reader.close();
  });

  it.each([
    { case: 'stale records outweigh the live ones: one journal with the live records, in order', live: ['b'], journals: 1 },
    { case: 'most records are live: the journals stay', live: ['a', 'b'], journals: 2 },
  ])('should compact when $case', ({ live, journals }) => {
    const out = tempDir();
    append(out, 'a', 1, `{"pad": "${'x'.repeat(500)}"}\n`);
    // A second journal, as a second thread or run writes: written from another output-folder path.
    const alias = `${out}/.`;
    append(alias, 'b', 2);
    const { records, journalBytes } = loadJournalIndex(out, 'k1');
    compactJournals(out, live.map((file) => records.get(file)!), journalBytes, join(out, 'tmp'));
    expect(listJournals(out)).toHaveLength(journals);
    expect([...loadJournalIndex(out, 'k1').records.keys()].sort()).toEqual(journals === 1 ? live : ['a', 'b']);
    expect(existsSync(join(out, 'tmp')) ? readdirSync(join(out, 'tmp')) : []).toEqual([]);
  });

  it('should name the journal and the offset of a record that changed since it was indexed', () => {
    const out = tempDir();
    append(out, 'a', 1);
    const { records } = loadJournalIndex(out, 'k1');
    const [journal] = listJournals(out);
    writeFileSync(journal!, 'x'.repeat(records.get('a')!.headerBytes + records.get('a')!.bytes));
    const reader = new JournalReader();
    expect(() => reader.header(records.get('a')!)).toThrow(/\.jsonl: unreadable record at byte 0, expected a cache entry/);
    reader.close();
  });
});
