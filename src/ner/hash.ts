/**
 * Fast 32-bit hashing for feature strings and feature combinations. Features are never stored as
 * strings: a feature is a hash, and the hash picks a row of the weight table (by its low bits).
 * Hashes are signed int32 (`| 0`), not uint32: V8 keeps int32 values unboxed, while a uint32 at or
 * above 2^31 becomes a heap number each time it is stored or passed (half of all hashes). The bits,
 * and so the features and the model, are the same either way.
 */

/** FNV-1a over UTF-16 code units. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** murmur3's finalizer: spreads the bits of a 32-bit value. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** A feature from a template id and one value hash. */
export function feature1(template: number, a: number): number {
  return mix(Math.imul(template + 1, 0x9e3779b1) ^ a);
}

/** A feature from a template id and two value hashes (order matters). */
export function feature2(template: number, a: number, b: number): number {
  return mix(feature1(template, a) ^ Math.imul(b, 0x27d4eb2f));
}
