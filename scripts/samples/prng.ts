/**
 * Seeded pseudo-random numbers for the sample generator (no Math.random): every stream is
 * keyed by a string such as `5101:2026-03`, so a file's values depend only on its own key and
 * adding a unit or a month never shifts the others.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Whole number uniform in [min, max]. */
  int(min: number, max: number): number;
  /** Whole number ≥ 0 near `mean`, uniformly within ± `spread` (a fraction of the mean). */
  around(mean: number, spread: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
}

/** FNV-1a, 32 bits: turns the key into a seed. */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for plausible sample figures. */
export function createRng(key: string): Rng {
  let state = hashKey(key);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    around: (mean, spread) => Math.max(0, Math.round(mean * (1 - spread + 2 * spread * next()))),
    chance: (p) => next() < p,
  };
}
