/**
 * The corpus pass's per-document work against what phase 1 wrote: whatever ids phase 1 guessed,
 * each document's JSON file and CSV rows come out as the linker's ids make them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocumentEntitySummary } from '../../src/linking/link-corpus.js';
import type { MentionType } from '../../src/model/document.js';
import { ProvisionalIds } from '../../src/linking/provisional-ids.js';
import { jsonPath, persistResult, serializeDocumentJson, speakersOf, type OutputTarget } from '../../src/pipeline/persist-result.js';
import { slicePartPath, writeTableSlice } from '../../src/pipeline/write-tables.js';
import { remapEntities, SCHEMA_VERSION, type DocumentJson } from '../../src/sinks/document-json.js';
import { DOCUMENT_TABLES, renderDocumentRows } from '../../src/sinks/write-csv.js';
import { tempDir } from '../helpers/temp-dir.js';

const text = 'Xeno met Yves. Xeno said "hi, =1".';
const local: DocumentJson = {
  schemaVersion: SCHEMA_VERSION,
  id: 'd1',
  source: 'd1.txt',
  published: null,
  status: 'ok',
  text,
  mentions: [
    { start: 0, end: 4, text: 'Xeno', type: 'MISC', form: 'NAM', entity: 'misc:xeno' },
    { start: 9, end: 13, text: 'Yves', type: 'PERSON', form: 'NAM', entity: 'person:yves' },
    { start: 15, end: 19, text: 'Xeno', type: 'MISC', form: 'NAM', entity: 'misc:xeno' },
  ],
  dates: [],
  quotes: [{ start: 25, end: 34, text: '"hi, =1"', kind: 'direct', cue: { start: 20, end: 24, text: 'said' }, speaker: { start: 15, end: 19, text: 'Xeno' }, speakerEntity: 'misc:xeno', confidence: 0.9 }],
  entities: [
    { id: 'misc:xeno', name: 'Xeno', type: 'MISC', aliases: [] },
    { id: 'person:yves', name: 'Yves', type: 'PERSON', aliases: [] },
  ],
  messages: [],
};
const summary: DocumentEntitySummary = {
  docId: 'd1',
  entities: local.entities.map((e) => ({ ...e, type: e.type as MentionType, mentions: 2, quotes: e.id === 'misc:xeno' ? 1 : 0, titles: [] })),
};
const csv = { bom: false, escapeFormulas: true };

/** Guesses that have seen "Xeno" as a location more often (so phase 1 writes location:xeno). */
function guessingLocation(): ProvisionalIds {
  const guesses = new ProvisionalIds();
  guesses.learn({ docId: 'd0', entities: [{ id: 'location:xeno', name: 'Xeno', type: 'LOCATION', aliases: [], mentions: 5, quotes: 0, titles: [] }] });
  return guesses;
}

describe('write-tables: the corpus pass against phase 1', () => {
  it.each([
    { case: 'phase 1 guessed the linker\'s ids', global: [['misc:xeno', 'location:xeno']], matches: true },
    { case: 'the linker kept the document\'s own ids', global: [], matches: true },
    { case: 'the linker changed an id phase 1 did not guess', global: [['misc:xeno', 'location:xeno'], ['person:yves', 'organization:yves']], matches: true },
    { case: 'the JSON file was changed since (a merge or a re-run)', global: [['misc:xeno', 'location:xeno']], matches: false },
    { case: 'a reused document\'s file differs from what phase 1 writes', global: [['misc:xeno', 'location:xeno']], matches: true, stale: true },
  ] as const)('should write the linker\'s ids into the JSON file and the rows: $case', ({ global, matches, ...rest }) => {
    const stale = 'stale' in rest;
    const outDir = tempDir();
    const target: OutputTarget = { outDir, cacheKey: 'k', prettyJson: true, csv };
    const outcome = persistResult(target, 'd1', 'h', { json: local, summary, timings: {}, tokens: 9 }, { guesses: guessingLocation() });
    expect(JSON.parse(readFileSync(jsonPath(outDir, 'd1'), 'utf8')).entities[0].id).toBe('location:xeno');
    if (!matches || stale) writeFileSync(jsonPath(outDir, 'd1'), '{}\n');
    const remap = new Map<string, string>(global.map(([from, to]) => [from, to]));
    const result = writeTableSlice({
      outDir,
      index: 0,
      entries: [{ id: 'd1', file: 'd1', record: outcome.record, ...(stale ? { jsonStale: true as const } : {}) }],
      remap: { global: remap, perDocument: new Map() },
      jsonMatchesCache: matches,
      csv,
      prettyJson: true,
    });
    const expected = remapEntities(local, (id) => remap.get(id) ?? id);
    expect(readFileSync(jsonPath(outDir, 'd1'), 'utf8')).toBe(serializeDocumentJson(expected, true));
    const rows = renderDocumentRows(expected, csv);
    for (const [i, table] of DOCUMENT_TABLES.entries()) {
      const part = slicePartPath(outDir, 0, table);
      expect(existsSync(part) ? readFileSync(part, 'utf8') : '', table).toBe(rows[i]);
    }
    expect(result.quoteCounts).toEqual(speakersOf(expected));
  });
});
