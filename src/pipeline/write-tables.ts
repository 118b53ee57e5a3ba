/**
 * The corpus pass's per-document work, in slices that worker threads can share: read each document
 * of a slice from its cached record, check the ids phase 1 guessed against the linker's, rewrite
 * the documents where they differ, and write the slice's rows of the five per-document CSV tables
 * into part files (the rows phase 1 rendered, where its ids were right). The main thread then joins
 * the parts in slice order, so the tables come out the same whatever the number of threads.
 */
import { join } from 'node:path';
import { remapFromTable, type RemapTable } from '../linking/link-corpus.js';
import { remapEntities, type DocumentJson } from '../sinks/document-json.js';
import { CsvWriter, type CsvOptions, type CsvTable } from '../sinks/write-csv.js';
import { JournalReader, type JournalCheck, type RecordAddress } from './cache-journal.js';
import { jsonPath, serializeDocumentJson, speakersOf, tempDirOf, writeJsonIfChangedSync } from './persist-result.js';

/** One slice of the corpus pass: consecutive documents in id order. Plain data, for worker threads. */
export interface TableSlice {
  outDir: string;
  /** Position of the slice: its part files are joined in this order. */
  index: number;
  /** The documents, with where their cached records are (and whether a JSON file may not hold what phase 1 writes). */
  entries: { id: string; file: string; record: RecordAddress; jsonStale?: true }[];
  remap: RemapTable;
  /**
   * True when every document's JSON file holds what phase 1 wrote from its cached record: the
   * document's own JSON with the record's guessed ids applied (a run, not a merge).
   */
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
 * Do the corpus pass's work for one slice: for each document, keep or rewrite its JSON file under the
 * linker's ids, and write its CSV rows to the slice's part files.
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
      // Only the record's check line is parsed, not its header line (~2 kB of entity summary).
      const { check, json: body, csv: rows } = journals.check(entry.record);
      const remap = (id: string) => remapIn(entry.id, id);
      // Where phase 1 guessed the linker's ids, its rows are right as rendered; so is its JSON file,
      // unless the file may have changed since (a merge, or a reused document's file).
      const right = check.csv !== null && guessedRight(check, remap);
      if (!right || !slice.jsonMatchesCache || entry.jsonStale) {
        const json = remapEntities(JSON.parse(body.toString('utf8')) as DocumentJson, remap);
        if (check.jsonFile !== false) writeJsonIfChangedSync(jsonPath(outDir, entry.file), serializeDocumentJson(json, slice.prettyJson), tempDir);
        if (!right) {
          csv.addDocument(json);
          addQuoteCounts(quoteCounts, speakersOf(json));
          continue;
        }
      }
      csv.addRenderedBytes(rows, check.csv!);
      addQuoteCounts(quoteCounts, check.speakers);
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

/** True when the linker gives every entity of the record's document the id phase 1 guessed for it. */
function guessedRight(check: JournalCheck, remap: (id: string) => string): boolean {
  const applied = check.applied.length === 0 ? null : new Map(check.applied);
  for (const id of check.ids) if (remap(id) !== (applied?.get(id) ?? id)) return false;
  return true;
}

/** Add quotes per speaker entity to a running count. */
export function addQuoteCounts(counts: Map<string, number>, speakers: readonly [string, number][]): void {
  for (const [id, quotes] of speakers) counts.set(id, (counts.get(id) ?? 0) + quotes);
}
