/**
 * Annotate a whole corpus: stream documents from disk to worker threads and on to the writers.
 *
 * Phase 1 annotates each document (skipping those unchanged since the last run) and writes its JSON
 * at once, with the entity ids its own text supports. Phase 2 runs the corpus-wide linker over the
 * small per-document summaries, rewrites the few documents whose ids it changed, and writes the CSV
 * tables, entities.json, run.json and the manifest. Memory holds summaries, never documents.
 */
import { availableParallelism } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, rm, rmdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Config } from '../config/schema.js';
import { readInputs, type DocumentInput, type ReadOptions } from '../corpus/read-corpus.js';
import { safeRelativePath } from '../corpus/document-id.js';
import { CorpusLinker, linkCorpus, type DocumentEntitySummary } from '../linking/link-corpus.js';
import { makeMessage, type Message } from '../model/message.js';
import { writeFileAtomic } from '../sinks/atomic-write.js';
import { SCHEMA_VERSION } from '../sinks/document-json.js';
import { CsvWriter, DOCUMENT_TABLES, type CsvOptions } from '../sinks/write-csv.js';
import { annotateInput, pipelineFor, type AnnotateResult, type AnnotateTask } from './annotate-input.js';
import { compactJournals, journalBytesOf, journalDirOf, JournalReader, loadJournalIndex, type IndexedRecord, type RecordAddress } from './cache-journal.js';
import { jsonFolderOf, jsonPath, persistResult, reuseRecord, tempDirOf, type DocumentOutcome, type OutputTarget } from './persist-result.js';
import { StartWatch } from './start-watch.js';
import { addQuoteCounts, slicePartPath, writeTableSlice, type SliceResult, type TableSlice } from './write-tables.js';
import type { BatchOutcome, BatchTask, CheckTask, SliceTask, WorkerSetup } from './worker.js';
import type { StageTimings } from './run-document.js';
import { libraryVersions, toolVersion } from './versions.js';

export { jsonPath } from './persist-result.js';

/** Options of one run. */
export interface RunOptions {
  inputs: readonly string[];
  outDir: string;
  config: Config;
  configHash: string;
  /** Re-annotate documents even when unchanged since the last run. */
  force?: boolean;
  /** Worker threads; 0 means one per core. */
  concurrency?: number;
  /** Run on the main thread (tests under a TypeScript loader; no per-document timeout). */
  inProcess?: boolean;
  /** Only annotate the documents of shard `index` of `count` (partitioned by a hash of the id). */
  shard?: { index: number; count: number };
  /** When aborted (SIGINT), documents in flight finish, nothing new starts, and the corpus pass is skipped. */
  signal?: AbortSignal;
  /** Called after each document is annotated or reused. */
  onProgress?: (event: ProgressEvent) => void;
}

/** One progress tick. */
export interface ProgressEvent {
  done: number;
  id: string;
  status: 'ok' | 'failed';
  reused: boolean;
  /** Where the document came from (a file, or `file.jsonl:line`). */
  source: string;
  /** Its text, to turn message offsets into lines and columns. */
  text: string;
  /** Messages of this document worth showing (warnings and fatal). */
  messages: Message[];
}

/** What a run did. */
export interface RunSummary {
  documents: number;
  ok: number;
  failed: number;
  reused: number;
  chars: number;
  tokens: number;
  elapsedMs: number;
  stageMs: StageTimings;
  /** Milliseconds from the start until the first document's JSON was written. */
  firstDocumentMs: number | null;
  /** Milliseconds of the corpus pass (linking, rewrites, CSV tables), after the last document; null when skipped. */
  corpusPassMs: number | null;
  /** Peak resident set size of the process (all worker threads included), in MB. */
  peakRssMb: number;
  /** CPU time of the process (user + system, all threads), in ms: throughput that a busy machine does not distort. */
  cpuMs?: number;
  /** True when the run was interrupted before the corpus pass. */
  interrupted: boolean;
  exitCode: 0 | 1 | 130;
}

/** The stages could not be built (a missing model or knowledge base): the run cannot proceed. */
export class PipelineSetupError extends Error {
  override name = 'PipelineSetupError';
}

/** One document of the run, as the corpus pass needs it. */
export interface RunEntry {
  id: string;
  hash: string;
  status: 'ok' | 'failed';
  file: string;
  /** Where its cache record is, when the run knows (a merge finds them in the journals). */
  record?: RecordAddress;
  /** Its JSON file may not hold what phase 1 writes (see `DocumentOutcome.jsonStale`). */
  jsonStale?: true;
}

/** `manifest.json`: what the output folder holds, for incremental runs and merges. */
export interface Manifest {
  schemaVersion: string;
  tool: string;
  configHash: string;
  documents: { id: string; hash: string; status: 'ok' | 'failed'; file: string }[];
}

const MANIFEST = 'manifest.json';

/**
 * Annotate every document of the inputs into `outDir`.
 * @param options inputs, output folder, config and run settings
 */
export async function runCorpus(options: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  const outDir = resolve(options.outDir);
  const cacheKey = cacheKeyOf(options.configHash);
  const previous = await readManifest(outDir);
  // Temporary files of a killed run are swept here; finished files were renamed into place.
  await rm(tempDirOf(outDir), { recursive: true, force: true });
  // Cache files of versions before the journal (one file per document) are never read again.
  await rm(join(outDir, '.byline', 'cache'), { recursive: true, force: true });
  // What earlier runs cached; released once every document has been read.
  let reusable: Map<string, IndexedRecord> | null = options.force ? null : loadJournalIndex(outDir, cacheKey).records;
  const fresh = !existsSync(jsonFolderOf(outDir));
  const target: OutputTarget = { outDir, cacheKey, prettyJson: options.config.output.prettyJson, csv: csvOptionsOf(options.config), fresh };
  const executor = createExecutor(options, target);
  try {
    await executor.check();
  } catch (error) {
    await executor.close();
    throw new PipelineSetupError(`Unexpected error while building the stages: ${(error as Error)?.message ?? String(error)}`);
  }
  const { shard } = options;
  // Another shard's documents are not even read (a job of a 100-way array reads 1 % of the texts).
  const readOptions: ReadOptions = { ...options.config.corpus, skipFolders: [outDir], ...(shard ? { keep: (id: string) => shardOf(id, shard.count) === shard.index } : {}) };
  const entries: RunEntry[] = [];
  const stageMs: StageTimings = {};
  let reused = 0;
  let chars = 0;
  let tokens = 0;
  let firstDocumentMs: number | null = null;
  // Each document's entities are folded into the corpus linker as it finishes, while the workers
  // go on: only the linking itself is left for the corpus pass.
  const linker = new CorpusLinker();
  // What the run keeps per document lives until the corpus pass (a corpus may hold millions), so it
  // shares strings instead of keeping the copies each outcome arrives with.
  const journalPaths = new Map<string, string>();
  const sharedJournal = (path: string): string => {
    const known = journalPaths.get(path);
    if (known !== undefined) return known;
    journalPaths.set(path, path);
    return path;
  };

  // A document's files are written by then (by its worker, or above for a reused one).
  const finish = (input: DocumentInput, outcome: DocumentOutcome) => {
    const wasReused = outcome.reused === true;
    if (!wasReused) {
      for (const [stage, ms] of Object.entries(outcome.timings)) stageMs[stage] = (stageMs[stage] ?? 0) + ms;
    } else reused++;
    firstDocumentMs ??= performance.now() - started;
    const text = input.text ?? '';
    chars += text.length;
    tokens += outcome.tokens;
    const { journal, offset, headerBytes, bytes } = outcome.record;
    const status = outcome.status === 'failed' ? 'failed' : 'ok';
    const entry: RunEntry = { id: input.id, hash: input.hash, status, file: safeRelativePath(input.id), record: { journal: sharedJournal(journal), offset, headerBytes, bytes } };
    if (outcome.jsonStale) entry.jsonStale = true;
    entries.push(entry);
    linker.add({ docId: input.id, entities: outcome.summary.entities });
    options.onProgress?.({ done: entries.length, id: input.id, status: outcome.status, reused: wasReused, source: input.source, text, messages: outcome.messages });
  };

  let interrupted = false;
  let corpusPassMs: number | null = null;
  try {
    const pending = new Set<Promise<void>>();
    for await (const input of readInputs(options.inputs, readOptions)) {
      if (options.signal?.aborted) break;
      // A document with a record of the same content is checked where it would be annotated (a worker),
      // and annotated there if the record cannot be used.
      const cached = reusable?.get(safeRelativePath(input.id));
      const reuse = cached && cached.hash === input.hash ? cached : undefined;
      const job = executor.run({ config: options.config, configHash: options.configHash, input }, reuse).then((outcome) => finish(input, outcome));
      pending.add(job);
      void job.finally(() => pending.delete(job));
      // Back-pressure: never hold more documents in flight than the workers can chew on.
      if (pending.size >= executor.capacity) await Promise.race(pending);
    }
    await Promise.all(pending);
    reusable = null;
    interrupted = Boolean(options.signal?.aborted);
    // An interrupted run leaves every finished document in the cache and touches nothing corpus-wide:
    // the next run reuses them and writes the corpus files as a fresh run would.
    if (!interrupted) {
      const passStarted = performance.now();
      await finalizeCorpus(outDir, options.config, options.configHash, entries, true, executor.runSlice, linker);
      await removeStale(outDir, previous, new Set(entries.map((e) => e.id)));
      corpusPassMs = performance.now() - passStarted;
    }
  } finally {
    await executor.close();
  }
  const failed = entries.filter((e) => e.status === 'failed').length;
  const summary: RunSummary = {
    documents: entries.length,
    ok: entries.length - failed,
    failed,
    reused,
    chars,
    tokens,
    elapsedMs: performance.now() - started,
    stageMs,
    firstDocumentMs,
    corpusPassMs,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
    interrupted,
    exitCode: interrupted ? 130 : failed > 0 ? 1 : 0,
  };
  if (!interrupted) await writeRunJson(outDir, options.inputs, options.configHash, summary, entries);
  return summary;
}

/** Runs slices of the corpus pass's table work (on worker threads, or here). */
export interface SliceRunner {
  run(slice: TableSlice): Promise<SliceResult>;
  /**
   * Slices to have sent ahead of the one being joined: enough to keep every thread busy (a pool
   * queues what it cannot start yet), few enough that only a handful of slices' copies exist at once.
   */
  inFlight: number;
}

/** The slice runner of a merge or an in-process run: the main thread, one slice after another. */
const onMainThread: SliceRunner = { run: async (slice) => writeTableSlice(slice), inFlight: 1 };

/**
 * The corpus pass: link entities across all documents, then write the per-document files the
 * linker changed, the CSV tables, entities.json and the manifest. Entries may come from one run or
 * from several shard outputs merged into `outDir`.
 * @param outDir the output folder, whose cache holds every entry's result
 * @param config the resolved config
 * @param configHash its hash
 * @param entries one per document
 * @param jsonMatchesCache true when every document's JSON file was just written from its cached
 *   result (a run, not a merge): a document the linker leaves unchanged then needs no rewrite check.
 * @param runSlice where the per-document table work runs (a run's worker threads share it)
 * @param linker the corpus linker with every entry's summary already added (a run adds them as
 *   documents finish); without it the summaries are read back from the cache journals
 */
export async function finalizeCorpus(
  outDir: string,
  config: Config,
  configHash: string,
  entries: RunEntry[],
  jsonMatchesCache = false,
  runSlice: SliceRunner = onMainThread,
  linker: CorpusLinker | null = null,
): Promise<void> {
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { addresses, journalBytes } = recordsOf(outDir, configHash, entries);
  let linked: ReturnType<typeof linkCorpus>;
  if (linker) linked = linker.link();
  else {
    const journals = new JournalReader();
    try {
      linked = linkCorpus(summariesFromJournal(addresses, journals));
    } finally {
      journals.close();
    }
  }
  const quoteCounts = await writeCorpusTables(outDir, config, entries, addresses, linked, jsonMatchesCache, runSlice);
  await writeFileAtomic(
    join(outDir, 'entities.json'),
    JSON.stringify(linked.entities.map((e) => ({ ...e, quotes: quoteCounts.get(e.id) ?? 0 })), null, 2) + '\n',
    tempDirOf(outDir),
  );
  const manifest: Manifest = {
    schemaVersion: SCHEMA_VERSION,
    tool: toolVersion,
    configHash,
    documents: entries.map(({ id, hash, status, file }) => ({ id, hash, status, file })),
  };
  await writeFileAtomic(join(outDir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n', tempDirOf(outDir));
  compactJournals(outDir, addresses, journalBytes, tempDirOf(outDir));
}

/**
 * Every entry's cache record: from the entries when the run noted them as documents finished,
 * otherwise (a merge) by indexing the journals.
 */
function recordsOf(outDir: string, configHash: string, entries: readonly RunEntry[]): { addresses: RecordAddress[]; journalBytes: number } {
  const known: RecordAddress[] = [];
  for (const entry of entries) if (entry.record) known.push(entry.record);
  if (known.length === entries.length) return { addresses: known, journalBytes: journalBytesOf(outDir) };
  const { records, journalBytes } = loadJournalIndex(outDir, cacheKeyOf(configHash));
  return { addresses: entries.map((entry) => recordOf(outDir, entry, records)), journalBytes };
}

/** The cached record of a run entry; a missing one is named, with the way out. */
function recordOf(outDir: string, entry: RunEntry, records: Map<string, IndexedRecord>): IndexedRecord {
  const record = records.get(entry.file);
  if (record && record.hash === entry.hash) return record;
  const found = record ? 'a cache entry for another version of its text' : 'no cache entry';
  throw new Error(`${journalDirOf(outDir)}: ${found} for document \`${entry.id}\`, expected one written by this version of byline with this config; run \`byline annotate --force\` again`);
}

/** Each record's entity summary, read back one at a time. */
function* summariesFromJournal(records: readonly RecordAddress[], journals: JournalReader): Generator<DocumentEntitySummary> {
  for (const record of records) yield journals.header(record).summary;
}

/** The shard (0-based) a document id belongs to: a stable hash of the id, so shards never overlap. */
export function shardOf(id: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % count;
}

/** The layout of a journal record (2: CSV rows and guessed ids after the document JSON; 3: a check line after the header line). */
const JOURNAL_VERSION = 'j3';

/** The cache key: results are reused only by the same tool version, output schema, journal layout and config. */
export function cacheKeyOf(configHash: string): string {
  return `${toolVersion}:${SCHEMA_VERSION}:${JOURNAL_VERSION}:${configHash}`;
}

/**
 * The corpus pass splits its documents into at most this many slices (of at least
 * `MIN_SLICE_DOCUMENTS`): enough to keep every worker busy and balanced, few enough that the
 * linker's id changes, sent with each slice, and the joining of part files stay cheap.
 */
const MAX_SLICES = 32;
const MIN_SLICE_DOCUMENTS = 100;

/**
 * Phase 2: apply the linker's ids and write the CSV tables. The per-document work runs in slices
 * (on the worker threads in a run); their part files are joined here in id order.
 */
async function writeCorpusTables(
  outDir: string,
  config: Config,
  entries: readonly RunEntry[],
  records: readonly RecordAddress[],
  linked: ReturnType<typeof linkCorpus>,
  jsonMatchesCache: boolean,
  runSlice: SliceRunner,
): Promise<Map<string, number>> {
  const csvOptions = csvOptionsOf(config);
  const size = Math.max(MIN_SLICE_DOCUMENTS, Math.ceil(entries.length / MAX_SLICES));
  const count = Math.ceil(entries.length / size);
  // A slice is built only when it is sent: its entries and id changes are copies, so building all of
  // them up front held a second copy of the run's per-document state.
  const sliceAt = (index: number): TableSlice => {
    const start = index * size;
    const list = entries.slice(start, start + size).map(({ id, file, jsonStale }, i) => ({ id, file, record: addressOf(records[start + i]!), ...(jsonStale ? { jsonStale } : {}) }));
    const remap = linked.remapTable(list.map((entry) => entry.id));
    return { outDir, index, entries: list, remap, jsonMatchesCache, csv: csvOptions, prettyJson: config.output.prettyJson };
  };
  const pending: Promise<SliceResult>[] = [];
  const send = (index: number) => {
    if (index >= count) return;
    const result = runSlice.run(sliceAt(index));
    // A slice that fails while an earlier one is awaited is reported by the loop below, not as unhandled.
    result.catch(() => {});
    pending.push(result);
  };
  for (let index = 0; index < Math.min(count, runSlice.inFlight); index++) send(index);
  const quoteCounts = new Map<string, number>();
  const csv = CsvWriter.open(join(outDir, 'csv'), csvOptions, tempDirOf(outDir));
  try {
    // Each slice's parts are joined as soon as it and the slices before it are done, while the
    // workers go on with later slices: only the last slice's parts are left to join at the end.
    for (let index = 0; index < count; index++) {
      const { quoteCounts: counts } = await pending[index]!;
      send(index + runSlice.inFlight);
      addQuoteCounts(quoteCounts, counts);
      for (const table of DOCUMENT_TABLES) csv.appendPart(table, slicePartPath(outDir, index, table));
    }
    for (const entity of linked.entities) csv.addEntity({ ...entity, quotes: quoteCounts.get(entity.id) ?? 0 });
    csv.close();
  } catch (error) {
    csv.abort();
    throw error;
  } finally {
    await rm(join(tempDirOf(outDir), 'tables'), { recursive: true, force: true });
  }
  return quoteCounts;
}

/** The CSV settings of the config's `output` block. */
export function csvOptionsOf(config: Config): CsvOptions {
  return { bom: config.output.csvBom, escapeFormulas: config.output.csvEscapeFormulas };
}

/** Only where a record is: what a slice sends to a worker. */
function addressOf({ journal, offset, headerBytes, bytes }: RecordAddress): RecordAddress {
  return { journal, offset, headerBytes, bytes };
}

interface Executor {
  capacity: number;
  /** Build the pipeline where documents will run; rejects when a stage cannot be created. */
  check(): Promise<void>;
  /** Annotate one document and write its files, or reuse `reuse`, an earlier run's record of the same content, when it still holds. */
  run(task: AnnotateTask, reuse?: IndexedRecord): Promise<DocumentOutcome>;
  /** Do one slice of the corpus pass (see write-tables.ts). */
  runSlice: SliceRunner;
  close(): Promise<void>;
}

/** Worker threads (piscina) with a per-document time budget, or the main thread. */
function createExecutor(options: RunOptions, target: OutputTarget): Executor {
  const threads = options.concurrency && options.concurrency > 0 ? options.concurrency : availableParallelism();
  const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (options.inProcess || import.meta.url.endsWith('.ts')) {
    const journals = new JournalReader();
    return {
      capacity: 1,
      check: async () => void pipelineFor(options.config, options.configHash),
      run: async (task, reuse) => (reuse ? reuseRecord(target, task.input, reuse, journals) : null) ?? persist(target, task, safely(task, () => annotateInput(task))),
      runSlice: onMainThread,
      close: async () => journals.close(),
    };
  }
  const heapMb = options.config.run.workerHeapMb;
  const budget = options.config.run.documentTimeoutMs;
  const batchesAhead = threads * QUEUED_PER_WORKER;
  const capacity = (batchesAhead + 1) * BATCH_DOCUMENTS;
  // Budgets start when a worker picks a document up. A document run again takes its new slot before
  // its batch releases the old one, and the retry pool adds one more in flight.
  const watch = new StartWatch(2 * capacity + 1, budget);
  const setup: WorkerSetup = { config: options.config, configHash: options.configHash, target, started: watch.flags };
  const makePool = (size: number, limitMb: number, queued: number) =>
    new Piscina({
      filename: workerFile,
      workerData: setup,
      minThreads: size,
      maxThreads: size,
      idleTimeout: 60_000,
      concurrentTasksPerWorker: queued,
      loadBalancer: queueBehind(queued),
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, ...(limitMb > 0 ? { maxOldGenerationSizeMb: limitMb } : {}) },
    });
  // Documents run in lean workers (run.workerBaseHeapMb), so V8 collects garbage early instead of
  // growing every heap to run.workerHeapMb; the rare document that needs more is retried alone.
  // A worker holds ~60–70 MB of live heap (models included) between documents.
  const leanMb = heapMb > 0 ? Math.min(heapMb, options.config.run.workerBaseHeapMb) : 0;
  const pool = makePool(threads, leanMb, QUEUED_PER_WORKER);
  let largePool: Piscina | null = null;
  /**
   * @param attempt how many times these documents have started (and been lost with their worker), plus one
   * @param requeued how many times they were sent again without having started
   */
  const sendBatch = async (where: Piscina, batch: readonly Waiting[], attempt: number, requeued = 0): Promise<void> => {
    // Over its budget, a document's worker thread is terminated (a synchronous stage cannot be
    // interrupted otherwise). Not through piscina's abort signal: piscina gives a task with a signal
    // only to an idle worker, so no batch could wait on a worker behind another one.
    const overrun = new Set<number>();
    const slots = batch.map((_, i) =>
      watch.acquire((threadId) => {
        overrun.add(i);
        void where.threads.find((thread) => thread.threadId === threadId)?.terminate();
      }),
    );
    // Without a slot for every document (not expected: see the watch's size), the budget starts now.
    const unwatched = slots.includes(null);
    const controller = new AbortController();
    const timer = unwatched ? setTimeout(() => controller.abort(), budget * batch.length) : undefined;
    const task: BatchTask = { batch: batch.map(({ task, reuse }, i) => ({ input: task.input, ...(slots[i] === null ? {} : { slot: slots[i]! }), ...(reuse ? { reuse } : {}) })) };
    try {
      const outcomes = (await where.run(task, unwatched ? { signal: controller.signal } : {})) as BatchOutcome[];
      for (const [i, outcome] of outcomes.entries()) {
        if ('failure' in outcome) batch[i]!.reject(new Error(outcome.failure));
        else batch[i]!.resolve(outcome);
      }
    } catch (error) {
      for (const [i, waiting] of batch.entries()) {
        const slot = slots[i] ?? null;
        if (overrun.has(i)) waiting.reject(new DocumentTimeout());
        // A document on a worker that another document brought down (its time budget or memory)
        // never started, or had finished before its outcome reached us: it runs again instead of
        // sharing the other one's fate. One that never started cannot have brought a worker down,
        // so that costs it no attempt: with batches, the documents of a lost worker's two batches
        // are sent again at once, and one can wait behind a slow document several times over.
        else if (slot !== null && watch.hasFinished(slot) && attempt < MAX_ATTEMPTS) void sendBatch(where, [waiting], attempt + 1, requeued);
        else if (slot !== null && !watch.hasStarted(slot) && requeued < MAX_REQUEUES) void sendBatch(where, [waiting], attempt, requeued + 1);
        else waiting.reject(error as Error);
      }
    } finally {
      clearTimeout(timer);
      for (const slot of slots) if (slot !== null) watch.release(slot);
    }
  };
  // Documents wait here until a batch is full, or at once while a worker has fewer than
  // QUEUED_PER_WORKER batches (so the first document, and the last ones, never wait for company).
  let open: Waiting[] = [];
  let batchesInFlight = 0;
  const flush = () => {
    if (open.length === 0) return;
    const batch = open;
    open = [];
    batchesInFlight++;
    void sendBatch(pool, batch, 1).finally(() => {
      batchesInFlight--;
      flush();
    });
  };
  const inPool = (task: AnnotateTask, reuse?: IndexedRecord) =>
    new Promise<DocumentOutcome>((resolve, reject) => {
      open.push({ task, ...(reuse ? { reuse } : {}), resolve, reject });
      if (open.length >= BATCH_DOCUMENTS || batchesInFlight < batchesAhead) flush();
    });
  const alone = (where: Piscina, task: AnnotateTask, reuse?: IndexedRecord) =>
    new Promise<DocumentOutcome>((resolve, reject) => void sendBatch(where, [{ task, ...(reuse ? { reuse } : {}), resolve, reject }], 1));
  const failed = (task: AnnotateTask, error: Error, limitMb: number): DocumentOutcome => {
    if (error instanceof DocumentTimeout || error?.name === 'AbortError') {
      const reason = `Unexpected document that took longer than ${budget} ms, expected it to finish within run.documentTimeoutMs`;
      return persist(target, task, failedResult(task, 'run:timeout', reason));
    }
    if (isOutOfMemory(error)) {
      const reason = `Unexpected document that needs more than ${limitMb} MB of memory, expected it to fit in run.workerHeapMb`;
      return persist(target, task, failedResult(task, 'run:out-of-memory', reason));
    }
    return persist(target, task, failedResult(task, 'run:crash', `Unexpected worker failure: ${error?.message ?? String(error)}`));
  };
  return {
    capacity,
    check: async () => {
      const task: CheckTask = { check: true };
      await pool.run(task);
    },
    runSlice: {
      run: async (slice) => {
        const task: SliceTask = { slice };
        return (await pool.run(task)) as SliceResult;
      },
      inFlight: 2 * threads,
    },
    run: (task, reuse) => {
      const inLarge = () => {
        largePool ??= makePool(1, heapMb, 1);
        return alone(largePool, task, reuse).catch((retryError: Error) => failed(task, retryError, heapMb));
      };
      // A very long document goes straight to a large worker: one allocation far beyond a lean
      // worker's heap can bring V8 down with the whole process instead of ending the worker.
      if (leanMb < heapMb && (task.input.text?.length ?? 0) > LARGE_DOCUMENT_CHARS) return inLarge();
      return inPool(task, reuse).catch((error: Error) => (isOutOfMemory(error) && leanMb < heapMb ? inLarge() : failed(task, error, leanMb)));
    },
    close: async () => {
      watch.close();
      await pool.destroy();
      await largePool?.destroy();
    },
  };
}

/** Documents longer than this (UTF-16 code units) are annotated in a worker with `run.workerHeapMb`. */
const LARGE_DOCUMENT_CHARS = 1_000_000;

/** A document ran past `run.documentTimeoutMs` and its worker was stopped. */
class DocumentTimeout extends Error {
  override name = 'DocumentTimeout';
}

/**
 * Batches handed to a worker at once: the one it works on and the next, so a worker never waits
 * for the main thread to send more after finishing one (workers were idle 12 % of a two-worker run).
 */
const QUEUED_PER_WORKER = 2;

/**
 * Documents per batch (see BatchTask in worker.ts). Small enough that outcomes and progress still
 * arrive every few tens of milliseconds and that a document brought down with its worker has few
 * companions to run again.
 */
const BATCH_DOCUMENTS = 8;

/** Times a document that finished but whose outcome was lost with its worker is run. */
const MAX_ATTEMPTS = 3;

/**
 * Times a document that never started is sent again after its worker was brought down. Each such
 * loss is another document's fault (over its time budget or memory), so this is only a bound against
 * workers that die on their own before running anything.
 */
const MAX_REQUEUES = 100;

/** A document handed to the executor, until its outcome is known. */
interface Waiting {
  task: AnnotateTask;
  /** An earlier run's record of the same content, to reuse if it still holds. */
  reuse?: IndexedRecord;
  resolve(outcome: DocumentOutcome): void;
  reject(error: Error): void;
}

/** Piscina's balancer types, which its package entry does not export. */
type LoadBalancer = NonNullable<NonNullable<ConstructorParameters<typeof Piscina>[0]>['loadBalancer']>;
type PiscinaWorker = Parameters<LoadBalancer>[1][number];

/**
 * Queue a document on the least busy worker, behind at most `queued - 1` others: its time budget
 * starts when the worker starts it (StartWatch), and one brought down with another is run again.
 */
function queueBehind(queued: number): LoadBalancer {
  return (_task, workers) => {
    let best: PiscinaWorker | null = null;
    for (const worker of workers) if (worker.currentUsage < queued && (!best || worker.currentUsage < best.currentUsage)) best = worker;
    return best;
  };
}

/**
 * Young-generation size of every worker, in MB. Most of a document's objects die young. 16 MB kept
 * ~40 MB less RSS on two workers than 32 MB (8,000 bench documents at -j 2: peak 353 -> 393 MB), but
 * its scavenges copied more survivors: 498 scavenges and 24 mark-compacts taking 2.3 s of the two
 * workers' time, against 263 and 14 taking 1.4 s at 32 MB (--trace-gc, two runs each). V8's
 * default (~32–48 MB) is about 32 MB.
 */
const YOUNG_GENERATION_MB = 32;

function isOutOfMemory(error: Error): boolean {
  return /memory limit|heap out of memory/i.test(error?.message ?? '');
}

/**
 * Write a result made on the main thread (in-process runs, and documents whose worker failed). A
 * document whose JSON file cannot be written (another document's output folder has its name, e.g. ids
 * `x` and `x.json/y`) fails alone, with the reason: its record still lists it in the tables, and the
 * next run tries again.
 */
function persist(target: OutputTarget, task: AnnotateTask, result: AnnotateResult): DocumentOutcome {
  try {
    return persistResult(target, safeRelativePath(task.input.id), task.input.hash, result);
  } catch (error) {
    return persistWriteFailure(target, task, error);
  }
}

/**
 * Record a document whose JSON file cannot be written as failed (`run:write`, naming the path), with
 * no JSON file: its journal record still lists it in the tables. Also used by `byline merge`.
 * @param target the output folder
 * @param task the document (its text, source and reading messages)
 * @param error what the write threw
 */
export function persistWriteFailure(target: OutputTarget, task: AnnotateTask, error: unknown): DocumentOutcome {
  const file = safeRelativePath(task.input.id);
  const reason = `Unexpected error while writing \`${jsonPath(target.outDir, file)}\`: ${(error as Error)?.message ?? String(error)}, expected a path no other output uses`;
  return persistResult(target, file, task.input.hash, failedResult(task, 'run:write', reason), { writeJson: false });
}

function safely(task: AnnotateTask, work: () => AnnotateResult): AnnotateResult {
  try {
    return work();
  } catch (error) {
    return failedResult(task, 'run:crash', `Unexpected error: ${(error as Error)?.message ?? String(error)}`);
  }
}

/** A document whose annotation failed as a whole: its input, a fatal message, no layers. */
function failedResult(task: AnnotateTask, ruleId: string, reason: string): AnnotateResult {
  const input: DocumentInput = { ...task.input, text: null, messages: [...task.input.messages, makeMessage('fatal', ruleId, reason)] };
  const result = annotateInput({ ...task, input });
  return { ...result, json: { ...result.json, text: task.input.text ?? '' } };
}

/** The manifest of an output folder, or null when there is none. */
export async function readManifest(outDir: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await readFile(join(outDir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/** Remove outputs of documents that were in the last run but are gone now (only files byline wrote). */
async function removeStale(outDir: string, previous: Manifest | null, current: Set<string>): Promise<void> {
  for (const doc of previous?.documents ?? []) {
    if (current.has(doc.id)) continue;
    const path = jsonPath(outDir, safeRelativePath(doc.id));
    try {
      await rm(path, { force: true });
    } catch (error) {
      // A file now has the name of its folder (ids `x.json/y`, then `x`): nothing of it is left.
      if ((error as NodeJS.ErrnoException)?.code === 'ENOTDIR') continue;
      throw error;
    }
    // Folders it leaves empty go too: one would keep a document named like it (`x` after `x.json/y`) failing.
    for (let dir = dirname(path); dir.startsWith(jsonFolderOf(outDir) + sep); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        break;
      }
    }
  }
}

/** `run.json`: versions, config hash, counts, timings and each document's status. */
export async function writeRunJson(
  outDir: string,
  inputs: readonly string[],
  configHash: string,
  summary: RunSummary,
  entries: readonly { id: string; status: string }[],
): Promise<void> {
  const run = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'byline', version: toolVersion },
    libraries: libraryVersions(),
    configHash,
    inputs,
    counts: { documents: summary.documents, ok: summary.ok, failed: summary.failed, reused: summary.reused, chars: summary.chars, tokens: summary.tokens },
    timings: {
      elapsedMs: Math.round(summary.elapsedMs),
      firstDocumentMs: summary.firstDocumentMs === null ? null : Math.round(summary.firstDocumentMs),
      corpusPassMs: summary.corpusPassMs === null ? null : Math.round(summary.corpusPassMs),
      peakRssMb: summary.peakRssMb,
      ...(summary.cpuMs === undefined ? {} : { cpuMs: summary.cpuMs }),
      stageMs: Object.fromEntries(Object.entries(summary.stageMs).map(([k, v]) => [k, Math.round(v)])),
    },
    documents: entries.map(({ id, status }) => ({ id, status })),
    failed: entries.filter((e) => e.status === 'failed').map(({ id }) => id),
  };
  await writeFileAtomic(join(outDir, 'run.json'), JSON.stringify(run, null, 2) + '\n', tempDirOf(outDir));
}
