/**
 * The corpus pass's per-document work, in slices that worker threads can share: read each document
 * of a slice from its cached record, apply the linker's ids, rewrite the documents they changed, and write the slice's rows
 * of the five per-document CSV tables into part files. The main thread then joins the parts in
 * slice order, so the tables come out the same whatever the number of threads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { remapFromTable, type RemapTable } from '../linking/link-corpus.js';
import { remapEntities, type DocumentJson } from '../sinks/document-json.js';
import { CsvWriter, type CsvOptions, type CsvTable } from '../sinks/write-csv.js';
import { JournalReader, type RecordAddress } from './cache-journal.js';
import { jsonPath, serializeDocumentJson, tempDirOf, writeJsonIfChangedSync } from './persist-result.js';

/** One slice of the corpus pass: consecutive documents in id order. Plain data, for worker threads. */
export interface TableSlice {
  outDir: string;
  /** Position of the slice: its part files are joined in this order. */
  index: number;
  /** The documents, with where their cached records are. */
  entries: { id: string; file: string; record: RecordAddress }[];
  remap: RemapTable;
  /** True when every document's JSON file was just written from its cached record (a run, not a merge). */
  jsonMatchesCache: boolean;
  csv: CsvOptions;
  prettyJson: boolean;
}

/** What a slice hands back: how many quotes each speaker entity has in it. */
export interface SliceResult {
  quoteCounts: [string, number][];
}

/** The folder of a slice's part files (inside the run's temporary folder, swept by the next run). */
export function slicePartFolder(outDir: string, index: number): string {
  return join(tempDirOf(outDir), 'tables', String(index));
}

/** The part file of `table` for a slice. */
export function slicePartPath(outDir: string, index: number, table: CsvTable): string {
  return join(slicePartFolder(outDir, index), `${table}.csv`);
}

/**
 * Do the corpus pass's work for one slice: remap, rewrite changed documents, write CSV part files.
 * @param slice the documents, the linker's id changes and the output settings
 */
export function writeTableSlice(slice: TableSlice): SliceResult {
  const { outDir } = slice;
  const tempDir = tempDirOf(outDir);
  const remapIn = remapFromTable(slice.remap);
  const csv = CsvWriter.openPart(slicePartFolder(outDir, slice.index), slice.csv, tempDir);
  const quoteCounts = new Map<string, number>();
  const journals = new JournalReader();
  try {
    for (const entry of slice.entries) {
      let json = JSON.parse(journals.body(entry.record).toString('utf8')) as DocumentJson;
      const remap = (id: string) => remapIn(entry.id, id);
      // Most documents keep the ids phase 1 wrote; only the others are remapped and rewritten.
      if (!slice.jsonMatchesCache || !remapIsIdentity(json, remap)) {
        json = remapEntities(json, remap);
        writeJsonIfChangedSync(jsonPath(outDir, entry.file), serializeDocumentJson(json, slice.prettyJson), tempDir);
      }
      for (const quote of json.quotes) {
        if (quote.speakerEntity) quoteCounts.set(quote.speakerEntity, (quoteCounts.get(quote.speakerEntity) ?? 0) + 1);
      }
      csv.addDocument(json);
    }
    csv.close();
  } catch (error) {
    csv.abort();
    throw error;
  } finally {
    journals.close();
  }
  return { quoteCounts: [...quoteCounts] };
}

/**
 * True when `remapEntities(json, remap)` would return `json` unchanged: every id maps to itself and
 * the entities are already unique and sorted by id (remapEntities merges and sorts them).
 */
function remapIsIdentity(json: DocumentJson, remap: (id: string) => string): boolean {
  let previous: string | null = null;
  for (const entity of json.entities) {
    if (remap(entity.id) !== entity.id || (previous !== null && previous >= entity.id)) return false;
    previous = entity.id;
  }
  for (const mention of json.mentions) if (mention.entity !== null && remap(mention.entity) !== mention.entity) return false;
  for (const quote of json.quotes) if (quote.speakerEntity !== null && remap(quote.speakerEntity) !== quote.speakerEntity) return false;
  return true;
}
