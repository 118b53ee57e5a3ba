import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

describe('progress lines', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const linesAfter = (total: number, approximate: boolean): string => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    const progress = createProgress(total, 'lines', approximate);
    vi.advanceTimersByTime(6_000);
    progress.tick(10);
    return written.join('');
  };

  it('should print documents done over the total, with its rate and ETA, every 5 s', () => {
    expect(linesAfter(50, false)).toBe('byline: 10/50 documents · 1.7 docs/s · ETA 24 s\n');
  });

  it('should mark an estimated total (a shard\'s share of the corpus) with ~', () => {
    expect(linesAfter(50, true)).toMatch(/^byline: 10\/~50 documents/);
  });
});
