/**
 * V8 heap tuning for the commands that run over a whole corpus (`annotate`, `merge`).
 *
 * The main thread keeps a small record per document until the corpus pass, and every document's
 * text and outcome pass through it. V8 lets a heap grow to up to 4 × its live size before a full
 * collection when the heap limit is large (it is, on a machine with many GB), so the main thread's
 * heap grew with that garbage: on 200 MB of news at -j 2 its live heap was ~55 MB and its heap
 * ~160 MB, and the peak RSS moved by ±30 MB from run to run with the collector's timing. A fixed
 * growing factor of 1.25 keeps it near the live size (200 MB, -j 2: peak RSS 471–535 → 420 MB) for
 * no measurable CPU cost (see docs/performance.md). Worker heaps have their own limits and were flat.
 */
import { setFlagsFromString } from 'node:v8';

/** The heap may grow to (1 + this / 100) × the live size before the next full collection. */
export const HEAP_GROWING_PERCENT = 25;

/** Set the growing factor for this process, unless the user set one (`node --heap-growing-percent=…`). */
export function tuneHeapForCorpusRuns(): void {
  if (userSetGrowing(process.execArgv, process.env.NODE_OPTIONS)) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * True when node was started with its own `--heap-growing-percent` (as an argument or in NODE_OPTIONS).
 * @param execArgv node's own arguments
 * @param nodeOptions the NODE_OPTIONS variable
 */
export function userSetGrowing(execArgv: readonly string[], nodeOptions = ''): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((flag) => /^--heap[-_]growing[-_]percent(=|$)/.test(flag));
}
