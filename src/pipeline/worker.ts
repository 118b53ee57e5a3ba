/**
 * The worker-thread entry point (piscina): one task is one document.
 */
import { annotateInput, type AnnotateResult, type AnnotateTask } from './annotate-input.js';

/** Annotate one document on this worker thread. */
export default function annotateOnWorker(task: AnnotateTask): AnnotateResult {
  return annotateInput(task);
}
