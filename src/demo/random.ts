/**
 * A small seeded pseudo-random generator for demo and benchmark data.
 *
 * Generated data must be reproducible from a seed (tests, screenshots, benchmarks), which
 * `Math.random` cannot give; mulberry32 is tiny, fast and good enough for synthetic data.
 */

/** Seeded random helpers; every call advances the same underlying sequence. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** An exponentially distributed value with the given mean (e.g. waiting times). */
  exponential(mean: number): number;
  /** A log-normally distributed value with the given median; `sigma` is the spread of its logarithm. */
  logNormal(median: number, sigma: number): number;
}

/** mulberry32: a 32-bit state generator returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Creates a generator whose whole sequence is determined by `seed` (any finite number). */
export function createRandom(seed: number): Random {
  const next = mulberry32(Math.trunc(seed));
  // A cached second normal deviate would make the sequence depend on call history in a subtle way;
  // drawing two uniforms per normal keeps every helper's consumption easy to reason about.
  const normal = (): number => {
    const u = 1 - next(); // in (0, 1], so the logarithm is finite
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error("pick() needs a non-empty array");
      // The index is always in range, so the element exists (it may itself be `undefined` if T allows it).
      return items[Math.floor(next() * items.length)] as T;
    },
    chance: (p) => next() < p,
    exponential: (mean) => -Math.log(1 - next()) * mean,
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
  };
}
