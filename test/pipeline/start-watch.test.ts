import { describe, expect, it } from 'vitest';
import { FINISHED, StartWatch } from '../../src/pipeline/start-watch.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('start-watch', () => {
  it('should start a budget only when the worker flags the start, and abort once after it, naming its thread', async () => {
    const watch = new StartWatch(2, 40);
    let queuedAborts = 0;
    const startedAborts: number[] = [];
    const queued = watch.acquire(() => queuedAborts++)!;
    const started = watch.acquire((threadId) => startedAborts.push(threadId))!;
    await sleep(80);
    expect(startedAborts).toEqual([]);
    expect(watch.hasStarted(started)).toBe(false);
    Atomics.store(watch.flags, started, 7);
    expect(watch.hasStarted(started)).toBe(true);
    await sleep(150);
    watch.close();
    expect(startedAborts).toEqual([7]);
    expect(queuedAborts).toBe(0);
    expect(watch.hasStarted(queued)).toBe(false);
  });

  it('should hand out each slot once until it is released', () => {
    const watch = new StartWatch(2, 1000);
    const a = watch.acquire(() => {});
    const b = watch.acquire(() => {});
    expect(new Set([a, b]).size).toBe(2);
    expect(watch.acquire(() => {})).toBeNull();
    watch.release(a!);
    expect(watch.acquire(() => {})).toBe(a);
    watch.close();
  });

  it('should clear a reused slot so the next document is not taken as started', async () => {
    const watch = new StartWatch(1, 20);
    const slot = watch.acquire(() => {})!;
    Atomics.store(watch.flags, slot, 1);
    watch.release(slot);
    let aborts = 0;
    watch.acquire(() => aborts++);
    await sleep(80);
    watch.close();
    expect(aborts).toBe(0);
  });

  it('should never stop a document whose worker has finished it', async () => {
    const watch = new StartWatch(1, 20);
    let aborts = 0;
    const slot = watch.acquire(() => aborts++)!;
    Atomics.store(watch.flags, slot, 3);
    Atomics.store(watch.flags, slot, FINISHED);
    await sleep(80);
    watch.close();
    expect(aborts).toBe(0);
    expect(watch.hasStarted(slot) && watch.hasFinished(slot)).toBe(true);
  });
});
