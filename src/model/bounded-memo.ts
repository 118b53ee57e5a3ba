/**
 * Remember a pure function of a string for the strings it has seen. Names recur within and across
 * documents, so linking computes each normalization once per thread. Bounded: when full the memo
 * starts over, which is cheaper than tracking recency; results never depend on what is remembered.
 * @param compute the function (its results are shared, so callers must not change them)
 * @param limit the most strings remembered
 */
export function boundedMemo<T>(compute: (key: string) => T, limit: number): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) {
      if (memo.size >= limit) memo.clear();
      value = compute(key);
      memo.set(key, value);
    }
    return value;
  };
}
