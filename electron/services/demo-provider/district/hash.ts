/**
 * Deterministic integer hashing. Records are generated on demand from their index, so every "random" choice
 * is a pure function of (seed, salt, index) instead of a position in a shared random stream.
 */
export function mix32(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** uint32 from (seed, salt, index). */
export function hash3(seed: number, salt: number, index: number): number {
  return mix32(mix32(seed, salt), index);
}

/** Integer in [0, n). */
export function pick(seed: number, salt: number, index: number, n: number): number {
  return hash3(seed, salt, index) % n;
}

/** Sequential PRNG (mulberry32) for streams whose order is fixed, e.g. fault decisions per request. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
