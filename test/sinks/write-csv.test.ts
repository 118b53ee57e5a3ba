import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type DocumentJson } from '../../src/sinks/document-json.js';
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS, CsvWriter, DOCUMENT_TABLES, neutralizeFormula, renderCells, renderDocumentRows, renderRows } from '../../src/sinks/write-csv.js';
import { tempDir } from '../helpers/temp-dir.js';

function docWithText(id: string, text: string): DocumentJson {
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    source: `${id}.txt`,
    published: null,
    status: 'ok',
    text,
    mentions: [{ start: 0, end: text.length, text, type: 'PERSON', form: 'NAM', entity: 'person:x' }],
    dates: [],
    quotes: [],
    entities: [{ id: 'person:x', name: text, type: 'PERSON', aliases: [] }],
    messages: [],
  };
}

describe('write-csv', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+cmd', "'+cmd"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['Park', 'Park'],
  ])('should neutralize %j as %j', (cell, expected) => {
    expect(neutralizeFormula(cell)).toBe(expected);
  });

  it('should render rows exactly as csv-stringify does, for any cells', () => {
    const cell = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('', 'a,b', 'say "hi"', 'x\ny', 'x\r\ny', 'x\ry', ' pad ', "'=1", '\u2028'), fc.integer(), fc.double({ noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 8, maxLength: 8 }), { maxLength: 5 }), (rows) => {
        const expected = rows.length === 0 ? '' : stringify(rows, { columns: [...CSV_COLUMNS.mentions], record_delimiter: 'unix' });
        expect(renderRows('mentions', rows)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('should render raw cells as csv-stringify renders them escaped and emptied, for any cells', () => {
    const cell = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('', '=1,2', '-x', '+"a"', '@b\n', '\tc', '\rd', "'=1", null, undefined), fc.integer({ min: -9, max: 9 }), fc.double({ noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 8, maxLength: 9 }), { maxLength: 5 }), fc.boolean(), (rows, escape) => {
        const cells = rows.map((row) => row.map((c) => (typeof c === 'string' && escape ? neutralizeFormula(c) : (c ?? ''))));
        const expected = rows.length === 0 ? '' : stringify(cells, { columns: [...CSV_COLUMNS.mentions], record_delimiter: 'unix' });
        expect(renderCells('mentions', rows, escape)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('should round-trip any cell text through csv-parse (commas, quotes, newlines, astral characters)', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 5 }), async (texts) => {
        const folder = join(dir, String(Math.random()).slice(2));
        const writer = await CsvWriter.open(folder, { bom: true, escapeFormulas: false });
        for (const [i, text] of texts.entries()) await writer.addDocument(docWithText(`d${i}`, text));
        await writer.close();
        const rows = parse(readFileSync(join(folder, 'mentions.csv')), { columns: true, bom: true, relax_column_count: false }) as Record<string, string>[];
        expect(rows.map((r) => r.text)).toEqual(texts);
        expect(rows.map((r) => r.entity_name)).toEqual(texts);
      }),
      { numRuns: 40 },
    );
  });

  it('should keep embedded newlines, commas and quote marks intact', async () => {
    const folder = join(tempDir(), 'csv');
    const writer = await CsvWriter.open(folder, { bom: false, escapeFormulas: true });
    await writer.addDocument(docWithText('a', 'He said "yes",\nthen “no”'));
    await writer.close();
    const raw = readFileSync(join(folder, 'mentions.csv'), 'utf8');
    expect(raw.startsWith('doc_id,')).toBe(true);
    const rows = parse(raw, { columns: true }) as Record<string, string>[];
    expect(rows[0]?.text).toBe('He said "yes",\nthen “no”');
  });

  it('should give the same bytes when slices written as parts are joined in order as one writer does', () => {
    const dir = tempDir();
    const docs = Array.from({ length: 1200 }, (_, i) => docWithText(`d${String(i).padStart(4, '0')}`, i % 7 === 0 ? `=x "${i}",\nwith, commas` : `Name ${i}`));
    const options = { bom: true, escapeFormulas: true };
    const whole = CsvWriter.open(join(dir, 'whole'), options);
    for (const doc of docs) whole.addDocument(doc);
    whole.close();
    const slices = [docs.slice(0, 700), docs.slice(700, 701), docs.slice(701)];
    slices.forEach((slice, i) => {
      const part = CsvWriter.openPart(join(dir, 'parts', String(i)), options, join(dir, 'tmp'));
      for (const doc of slice) part.addDocument(doc);
      part.close();
    });
    const joined = CsvWriter.open(join(dir, 'joined'), options, join(dir, 'tmp'));
    for (const table of ['documents', 'mentions', 'quotes', 'dates', 'messages'] as const) {
      slices.forEach((_, i) => joined.appendPart(table, join(dir, 'parts', String(i), `${table}.csv`)));
    }
    joined.close();
    for (const table of ['documents', 'mentions', 'entities']) {
      const expected = readFileSync(join(dir, 'whole', `${table}.csv`), 'utf8');
      expect(readFileSync(join(dir, 'joined', `${table}.csv`), 'utf8'), table).toBe(expected);
    }
    expect(readFileSync(join(dir, 'joined', 'mentions.csv'), 'utf8').split('\n').length).toBeGreaterThan(1200);
  });

  it('should write rows given as bytes, between rendered documents and past its staging size, in order', () => {
    const dir = tempDir();
    // Rows of a few bytes, of tens of kB (non-ASCII: more bytes than characters) and of more than the 64 kB staged per table.
    const texts = (i: number) => (i % 50 === 0 ? 'Été '.repeat(i % 100 === 0 ? 30_000 : 9_000) : i % 7 === 0 ? `=x "${i}",\nwith, commas` : `Name ${i}`);
    const docs = Array.from({ length: 600 }, (_, i) => docWithText(`d${String(i).padStart(4, '0')}`, texts(i)));
    const options = { bom: false, escapeFormulas: true };
    const mixed = CsvWriter.openPart(join(dir, 'mixed'), options, join(dir, 'tmp'));
    docs.forEach((doc, i) => {
      if (i % 3 === 0) mixed.addDocument(doc);
      else {
        const rows = renderDocumentRows(doc, options).map((text) => Buffer.from(text));
        mixed.addRenderedBytes(Buffer.concat(rows), rows.map((row) => row.length));
      }
    });
    mixed.close();
    const rendered = docs.map((doc) => renderDocumentRows(doc, options));
    DOCUMENT_TABLES.forEach((table, t) => {
      expect(readFileSync(join(dir, 'mixed', `${table}.csv`), 'utf8'), table).toBe(rendered.map((rows) => rows[t]).join(''));
    });
    expect(readFileSync(join(dir, 'mixed', 'mentions.csv')).length).toBeGreaterThan(1_000_000);
  });
});
