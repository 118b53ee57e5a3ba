/**
 * Per-document time budgets that start when a worker picks the document up, not when it is queued
 * (a document waiting behind a slow one must not time out without ever running).
 *
 * Each document in flight holds a slot of a shared Int32Array; its worker writes its thread id there
 * when it starts (so the main thread knows which thread to stop) and FINISHED once its files are
 * written, and the main thread looks at the slots on a timer. A MessageChannel per document did the
 * same job but leaked native memory: about 4.5 KB per document, 440 MB of RSS over a 200 MB corpus.
 */
/** The flag a worker leaves in a slot once the document's files are written. */
export const FINISHED = -1;

export class StartWatch {
  /** Shared with the workers (through `workerData`): the worker's thread id once the document in that slot has started. */
  readonly flags: Int32Array;
  private readonly free: number[];
  private readonly watched = new Map<number, { abort: (threadId: number) => void; startedAt: number | null }>();
  private readonly timer: NodeJS.Timeout;

  /**
   * @param slots the most documents in flight at once
   * @param budgetMs each document's time budget from its start
   */
  constructor(
    slots: number,
    private readonly budgetMs: number,
  ) {
    this.flags = new Int32Array(new SharedArrayBuffer(4 * slots));
    this.free = Array.from({ length: slots }, (_, slot) => slots - 1 - slot);
    // A tenth of the budget (at most 100 ms) is precise enough, and costs nothing while idle.
    this.timer = setInterval(() => this.check(), Math.max(5, Math.min(100, budgetMs / 10)));
    this.timer.unref();
  }

  /**
   * Watch a document about to be submitted.
   * @param abort called once the document has run longer than the budget, with its worker's thread id
   * @returns the slot to hand to the worker, or null when every slot is taken (the caller then
   *   starts the budget at submission)
   */
  acquire(abort: (threadId: number) => void): number | null {
    const slot = this.free.pop();
    if (slot === undefined) return null;
    Atomics.store(this.flags, slot, 0);
    this.watched.set(slot, { abort, startedAt: null });
    return slot;
  }

  /** True once the worker has started the document in `slot`. */
  hasStarted(slot: number): boolean {
    return Atomics.load(this.flags, slot) !== 0;
  }

  /** True once the worker has finished the document in `slot` (written its files). */
  hasFinished(slot: number): boolean {
    return Atomics.load(this.flags, slot) === FINISHED;
  }

  /** Stop watching a settled document and free its slot. */
  release(slot: number): void {
    if (this.watched.delete(slot)) this.free.push(slot);
  }

  close(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    const now = performance.now();
    for (const [slot, watch] of this.watched) {
      const flag = Atomics.load(this.flags, slot);
      if (flag === FINISHED) continue;
      if (watch.startedAt === null) {
        if (flag !== 0) watch.startedAt = now;
      } else if (now - watch.startedAt > this.budgetMs) {
        // Aborted once; the slot stays taken until the caller releases it.
        watch.startedAt = Number.POSITIVE_INFINITY;
        watch.abort(Atomics.load(this.flags, slot));
      }
    }
  }
}
