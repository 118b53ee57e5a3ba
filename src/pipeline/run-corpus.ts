/**
 * Annotate a whole corpus: stream documents from disk to worker threads and on to the writers.
 *
 * Phase 1 annotates each document (skipping those unchanged since the last run) and writes its JSON
 * at once, with the entity ids its own text supports. Phase 2 runs the corpus-wide linker over the
 * small per-document summaries, rewrites the few documents whose ids it changed, and writes the CSV
 * tables, entities.json, run.json and the manifest. Memory holds summaries, never documents.
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Config } from '../config/schema.js';
import { readInputs, type DocumentInput, type ReadOptions } from '../corpus/read-corpus.js';
import { safeRelativePath } from '../corpus/document-id.js';
import { linkCorpus, type DocumentEntitySummary } from '../linking/link-corpus.js';
import { makeMessage } from '../model/message.js';
import { writeFileAtomic } from '../sinks/atomic-write.js';
import { remapEntities, SCHEMA_VERSION, type DocumentJson } from '../sinks/document-json.js';
import { CsvWriter } from '../sinks/write-csv.js';
import { annotateInput, type AnnotateResult, type AnnotateTask } from './annotate-input.js';
import type { StageTimings } from './run-document.js';
import { libraryVersions, toolVersion } from './versions.js';

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
  /** Called after each document is annotated or reused. */
  onProgress?: (event: ProgressEvent) => void;
}

/** One progress tick. */
export interface ProgressEvent {
  done: number;
  id: string;
  status: 'ok' | 'failed';
  reused: boolean;
  /** Messages of this document worth showing (warnings and fatal). */
  json: DocumentJson;
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
  exitCode: 0 | 1;
}

interface CacheEntry {
  key: string;
  hash: string;
  result: AnnotateResult;
}

interface Manifest {
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
  const cacheKey = `${toolVersion}:${SCHEMA_VERSION}:${options.configHash}`;
  const previous = await readManifest(outDir);
  const executor = createExecutor(options);
  const readOptions: ReadOptions = { ...options.config.corpus, skipFolders: [outDir] };
  const entries: { id: string; hash: string; status: 'ok' | 'failed'; file: string; summary: DocumentEntitySummary }[] = [];
  const stageMs: StageTimings = {};
  let reused = 0;
  let chars = 0;
  let tokens = 0;

  const finish = async (input: DocumentInput, result: AnnotateResult, wasReused: boolean) => {
    const file = safeRelativePath(input.id);
    if (!wasReused) {
      await writeFileAtomic(cachePath(outDir, file), JSON.stringify({ key: cacheKey, hash: input.hash, result } satisfies CacheEntry));
      for (const [stage, ms] of Object.entries(result.timings)) stageMs[stage] = (stageMs[stage] ?? 0) + ms;
    } else reused++;
    await writeJsonIfChanged(jsonPath(outDir, file), result.json, options.config.output.prettyJson);
    chars += result.json.text.length;
    tokens += result.tokens;
    entries.push({ id: input.id, hash: input.hash, status: result.json.status, file, summary: result.summary });
    options.onProgress?.({ done: entries.length, id: input.id, status: result.json.status, reused: wasReused, json: result.json });
  };

  try {
    const pending = new Set<Promise<void>>();
    for await (const input of readInputs(options.inputs, readOptions)) {
      const cached = options.force ? null : await readCache(outDir, safeRelativePath(input.id), cacheKey, input.hash);
      if (cached) {
        await finish(input, cached.result, true);
        continue;
      }
      const job = executor
        .run({ config: options.config, configHash: options.configHash, input })
        .then((result) => finish(input, result, false));
      pending.add(job);
      void job.finally(() => pending.delete(job));
      // Back-pressure: never hold more documents in flight than the workers can chew on.
      if (pending.size >= executor.capacity) await Promise.race(pending);
    }
    await Promise.all(pending);
  } finally {
    await executor.close();
  }

  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const linked = linkCorpus(entries.map((entry) => entry.summary));
  const quoteCounts = await writeCorpusTables(outDir, options.config, entries, linked);
  await writeFileAtomic(join(outDir, 'entities.json'), JSON.stringify(linked.entities.map((e) => ({ ...e, quotes: quoteCounts.get(e.id) ?? 0 })), null, 2) + '\n');
  await removeStale(outDir, previous, new Set(entries.map((e) => e.id)));
  const manifest: Manifest = {
    schemaVersion: SCHEMA_VERSION,
    tool: toolVersion,
    configHash: options.configHash,
    documents: entries.map(({ id, hash, status, file }) => ({ id, hash, status, file })),
  };
  await writeFileAtomic(join(outDir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');

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
    exitCode: failed > 0 ? 1 : 0,
  };
  await writeRunJson(outDir, options, summary, entries);
  return summary;
}

/** Phase 2: apply the linker's ids and stream every document's rows into the CSV tables. */
async function writeCorpusTables(
  outDir: string,
  config: Config,
  entries: { id: string; file: string }[],
  linked: ReturnType<typeof linkCorpus>,
): Promise<Map<string, number>> {
  const csv = await CsvWriter.open(join(outDir, 'csv'), { bom: config.output.csvBom, escapeFormulas: config.output.csvEscapeFormulas });
  const quoteCounts = new Map<string, number>();
  try {
    for (const entry of entries) {
      const cached = JSON.parse(await readFile(cachePath(outDir, entry.file), 'utf8')) as CacheEntry;
      const json = remapEntities(cached.result.json, (id) => linked.remap(entry.id, id));
      await writeJsonIfChanged(jsonPath(outDir, entry.file), json, config.output.prettyJson);
      for (const quote of json.quotes) {
        if (quote.speakerEntity) quoteCounts.set(quote.speakerEntity, (quoteCounts.get(quote.speakerEntity) ?? 0) + 1);
      }
      await csv.addDocument(json);
    }
    for (const entity of linked.entities) await csv.addEntity({ ...entity, quotes: quoteCounts.get(entity.id) ?? 0 });
    await csv.close();
  } catch (error) {
    await csv.abort();
    throw error;
  }
  return quoteCounts;
}

interface Executor {
  capacity: number;
  run(task: AnnotateTask): Promise<AnnotateResult>;
  close(): Promise<void>;
}

/** Worker threads (piscina) with a per-document time budget, or the main thread. */
function createExecutor(options: RunOptions): Executor {
  const threads = options.concurrency && options.concurrency > 0 ? options.concurrency : availableParallelism();
  const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (options.inProcess || import.meta.url.endsWith('.ts')) {
    return { capacity: 1, run: async (task) => safely(task, () => annotateInput(task)), close: async () => {} };
  }
  const pool = new Piscina({ filename: workerFile, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  const budget = options.config.run.documentTimeoutMs;
  return {
    capacity: threads * 4,
    run: (task) =>
      pool.run(task, { signal: AbortSignal.timeout(budget) }).catch((error: Error) => {
        const timedOut = error?.name === 'AbortError' || error?.name === 'TimeoutError';
        const reason = timedOut
          ? `Unexpected document that took longer than ${budget} ms, expected it to finish within run.documentTimeoutMs`
          : `Unexpected worker failure: ${error?.message ?? String(error)}`;
        return failedResult(task, timedOut ? 'run:timeout' : 'run:crash', reason);
      }),
    close: () => pool.destroy(),
  };
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

function jsonPath(outDir: string, file: string): string {
  return join(outDir, 'json', `${file}.json`);
}

function cachePath(outDir: string, file: string): string {
  return join(outDir, '.byline', 'cache', `${file}.json`);
}

async function readCache(outDir: string, file: string, key: string, hash: string): Promise<CacheEntry | null> {
  try {
    const entry = JSON.parse(await readFile(cachePath(outDir, file), 'utf8')) as CacheEntry;
    return entry.key === key && entry.hash === hash ? entry : null;
  } catch {
    return null;
  }
}

async function writeJsonIfChanged(path: string, json: DocumentJson, pretty: boolean): Promise<void> {
  const content = JSON.stringify(json, null, pretty ? 2 : undefined) + '\n';
  const existing = await readFile(path, 'utf8').catch(() => null);
  if (existing !== content) await writeFileAtomic(path, content);
}

async function readManifest(outDir: string): Promise<Manifest | null> {
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
    const file = safeRelativePath(doc.id);
    await rm(jsonPath(outDir, file), { force: true });
    await rm(cachePath(outDir, file), { force: true });
  }
}

async function writeRunJson(
  outDir: string,
  options: RunOptions,
  summary: RunSummary,
  entries: { id: string; status: string }[],
): Promise<void> {
  const run = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'byline', version: toolVersion },
    libraries: libraryVersions(),
    configHash: options.configHash,
    inputs: options.inputs,
    counts: { documents: summary.documents, ok: summary.ok, failed: summary.failed, reused: summary.reused, chars: summary.chars, tokens: summary.tokens },
    timings: { elapsedMs: Math.round(summary.elapsedMs), stageMs: Object.fromEntries(Object.entries(summary.stageMs).map(([k, v]) => [k, Math.round(v)])) },
    documents: entries.map(({ id, status }) => ({ id, status })),
    failed: entries.filter((e) => e.status === 'failed').map(({ id }) => id),
  };
  await writeFileAtomic(join(outDir, 'run.json'), JSON.stringify(run, null, 2) + '\n');
}

