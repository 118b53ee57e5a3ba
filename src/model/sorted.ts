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

/** Up to this length {@link sortInPlace} sorts by insertion (at most ~1,100 comparisons). */
const INSERTION_MAX = 48;

/**
 * Sort `items` in place and return them, stably, as `items.sort(compare)` does. A short array is
 * sorted by insertion: V8's sort first copies any array into a new work array, and the sorts of a
 * document's few dozen mentions, candidates and role words were ~2 % of the bytes a worker allocates.
 * @param items the array to sort (no holes)
 * @param compare a consistent comparator
 */
export function sortInPlace<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > INSERTION_MAX) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i;
    for (; j > 0 && compare(items[j - 1]!, item) > 0; j--) items[j] = items[j - 1]!;
    items[j] = item;
  }
  return items;
}

/** `Array.prototype.sort`'s default order for strings: by UTF-16 code units. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
