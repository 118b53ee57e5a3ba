import { describe, expect, it } from 'vitest';
import { userSetGrowing } from '../../src/cli/heap.js';

describe('heap tuning', () => {
  it.each([
    { case: 'no flags', execArgv: [], nodeOptions: undefined, expected: false },
    { case: 'an argument', execArgv: ['--heap-growing-percent=50'], nodeOptions: undefined, expected: true },
    { case: 'underscores', execArgv: ['--heap_growing_percent=50'], nodeOptions: undefined, expected: true },
    { case: 'NODE_OPTIONS', execArgv: [], nodeOptions: '--enable-source-maps --heap-growing-percent=10', expected: true },
    { case: 'another heap flag', execArgv: ['--max-old-space-size=4096'], nodeOptions: '--heap-growing-percentage', expected: false },
  ])("should leave the user's own growing factor alone: $case", ({ execArgv, nodeOptions, expected }) => {
    expect(userSetGrowing(execArgv, nodeOptions)).toBe(expected);
  });
});
