/**
 * The worker entry point on this thread (its `workerData` stubbed): a batch of documents, each with
 * its own time budget slot.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { FINISHED } from '../../src/pipeline/start-watch.js';
import type { WorkerSetup } from '../../src/pipeline/worker.js';
import { tempDir } from '../helpers/temp-dir.js';

const setup = vi.hoisted(() => ({}) as Partial<WorkerSetup>);
vi.mock('node:worker_threads', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:worker_threads')>()), workerData: setup }));
const { default: annotateOnWorker } = await import('../../src/pipeline/worker.js');

describe('worker', () => {
  it('should stop the time budget of a document that fails with an unexpected error, so the rest of its batch is not charged to it', () => {
    // An output folder that is a file: writing the document's JSON throws.
    const outDir = join(tempDir(), 'not-a-folder');
    writeFileSync(outDir, '');
    Object.assign(setup, {
      config: configSchema.parse({}),
      configHash: 'h',
      target: { outDir, cacheKey: 'k', prettyJson: true, csv: { bom: false, escapeFormulas: true } },
      started: new Int32Array(new SharedArrayBuffer(4 * 2)),
    } satisfies WorkerSetup);
    const input = { id: 'd1', source: 'd1.txt', text: null, published: null, bodyStart: 0, hash: 'x', messages: [] };
    const outcomes = annotateOnWorker({ batch: [{ input, slot: 1 }] });
    expect(outcomes).toEqual([{ failure: expect.any(String) }]);
    expect(setup.started![1]).toBe(FINISHED);
  });
});
