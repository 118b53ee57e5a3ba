/**
 * The worker-thread entry point (piscina): one task is one document.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Config } from '../config/schema.js';
import { annotateInput, pipelineFor, type AnnotateResult, type AnnotateTask } from './annotate-input.js';

/** A task as sent to a worker: `started` hears when the work begins, so the time budget starts then. */
export interface WorkerTask extends AnnotateTask {
  started?: MessagePort;
}

/** A set-up check: build the pipeline on a worker, so a broken model or knowledge base surfaces before any document. */
export interface CheckTask {
  check: true;
  config: Config;
  configHash: string;
}

/** Annotate one document on this worker thread (or only build the pipeline, for a check). */
export default function annotateOnWorker(task: WorkerTask | CheckTask): AnnotateResult | null {
  if ('check' in task) {
    pipelineFor(task.config, task.configHash);
    return null;
  }
  const { started, ...rest } = task;
  started?.postMessage(0);
  started?.close();
  return annotateInput(rest);
}
