/**
 * The worker-thread entry point (piscina): one task is a batch of documents (or one slice of the
 * corpus pass). The worker annotates each document and writes its JSON output and cache record
 * itself, then hands the main thread only a small outcome per document.
 * The config and output folder arrive once, as the pool's `workerData`, not with every document.
 */
import { threadId, workerData } from 'node:worker_threads';
import type { Config } from '../config/schema.js';
import type { DocumentInput } from '../corpus/read-corpus.js';
import { safeRelativePath } from '../corpus/document-id.js';
import { annotateInput, pipelineFor } from './annotate-input.js';
import { JournalReader, type IndexedRecord } from './cache-journal.js';
import { persistResult, reuseRecord, type DocumentOutcome, type OutputTarget } from './persist-result.js';
import { FINISHED } from './start-watch.js';
import { writeTableSlice, type SliceResult, type TableSlice } from './write-tables.js';

/** What every worker of a run is given once. */
export interface WorkerSetup {
  config: Config;
  configHash: string;
  target: OutputTarget;
  /** One flag per slot of a document in flight (see StartWatch): set to the worker's thread id when its work begins. */
  started?: Int32Array;
}

/** A document as sent to a worker: the worker writes its thread id at `slot` when the work begins, so the time budget starts then. */
export interface WorkerTask {
  input: DocumentInput;
  slot?: number;
  /** An earlier run's record of the same content: reused if it still holds, else the document is annotated. */
  reuse?: IndexedRecord;
}

/**
 * Documents sent to a worker together. Why batches: a worker's message to a main thread that sleeps
 * costs ~200 µs of the worker's time on this machine (waking the other thread), ~27 µs to one that is
 * awake; one message per batch instead of one per document saves most of it.
 */
export interface BatchTask {
  batch: WorkerTask[];
}

/** What a worker hands back per document of a batch: its outcome, or why it failed unexpectedly. */
export type BatchOutcome = DocumentOutcome | { failure: string };

/** A set-up check: build the pipeline on a worker, so a broken model or knowledge base surfaces before any document. */
export interface CheckTask {
  check: true;
}

/** A slice of the corpus pass (phase 2), run after every document is annotated. */
export interface SliceTask {
  slice: TableSlice;
}

/**
 * Annotate a batch of documents on this worker thread and write their files (or only build the
 * pipeline, for a check, or do a slice of the corpus pass).
 */
export default function annotateOnWorker(task: BatchTask | CheckTask | SliceTask): BatchOutcome[] | SliceResult | null {
  const setup = workerData as WorkerSetup;
  if ('check' in task) {
    pipelineFor(setup.config, setup.configHash);
    return null;
  }
  if ('slice' in task) return writeTableSlice(task.slice);
  try {
    return task.batch.map((one) => {
      try {
        return annotateOne(setup, one);
      } catch (error) {
        // One document's unexpected error is that document's failure, not its batch's. Its time
        // budget stops here too: the rest of the batch must not be charged to it.
        if (one.slot !== undefined && setup.started) Atomics.store(setup.started, one.slot, FINISHED);
        return { failure: (error as Error)?.message ?? String(error) };
      }
    });
  } finally {
    // Not held between batches: the corpus pass may compact the journals away at the end of the run.
    journals.close();
  }
}

/** Where this thread reads the records it reuses. */
const journals = new JournalReader();

function annotateOne(setup: WorkerSetup, { slot, input, reuse }: WorkerTask): DocumentOutcome {
  if (slot !== undefined && setup.started) Atomics.store(setup.started, slot, threadId);
  const reused = reuse ? reuseRecord(setup.target, input, reuse, journals) : null;
  const outcome = reused ?? persistResult(setup.target, safeRelativePath(input.id), input.hash, annotateInput({ config: setup.config, configHash: setup.configHash, input }));
  // Done: if this thread dies before the main thread reads the outcome, it knows to ask again.
  if (slot !== undefined && setup.started) Atomics.store(setup.started, slot, FINISHED);
  return outcome;
}
