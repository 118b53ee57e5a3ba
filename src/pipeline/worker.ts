/**
 * The worker-thread entry point (piscina): one task is one document.
 */
import type { MessagePort } from 'node:worker_threads';
import { annotateInput, type AnnotateResult, type AnnotateTask } from './annotate-input.js';

/** A task as sent to a worker: `started` hears when the work begins, so the time budget starts then. */
export interface WorkerTask extends AnnotateTask {
  started?: MessagePort;
}

/** Annotate one document on this worker thread. */
export default function annotateOnWorker(task: WorkerTask): AnnotateResult {
  const { started, ...rest } = task;
  started?.postMessage(0);
  started?.close();
  return annotateInput(rest);
}
