/**
 * Binary search over ascending numbers: cue offsets (extract-quotes) and the corpus linker's
 * hash sketches both keep sorted plain arrays.
 */

/**
 * The first index of `sorted` (ascending) whose value is ≥ `value`; `sorted.length` when none is.
 * @param sorted numbers in ascending order
 * @param value the value to place
 */
export function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
