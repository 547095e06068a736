/**
 * A small deterministic pseudo-random source for seed and benchmark data:
 * the same seed gives the same sequence on every machine and every run.
 * Not for anything secret (codes, tokens, keys use node:crypto).
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit
 * state, passes PractRand), seeded through splitmix32 so that nearby seeds
 * (1, 2, 3…) give unrelated streams.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(array: readonly T[]): T;
  /** One value, with probability proportional to its weight (weights ≥ 0, not all 0). */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A string of n decimal digits (leading zeros allowed). */
  digits(n: number): string;
  /** A calendar date `YYYY-MM-DD` between two dates `YYYY-MM-DD` (or ISO instants), both included. */
  date(fromIso: string, toIso: string): string;
  /** An instant uniformly in [from, to). */
  instant(from: Date, to: Date): Date;
  /** Fisher–Yates shuffle of a copy. */
  shuffle<T>(array: readonly T[]): T[];
  /**
   * An independent stream derived from this one's seed and a label, unaffected by
   * how much of this stream has been used: `rng.fork('documents')` gives the same
   * documents whether 10 or 10 million individuals were drawn before.
   */
  fork(label: string | number): Random;
}

const DAY_MS = 86_400_000;

/** splitmix32: spreads a 32-bit seed over the full state. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over a string's UTF-16 code units, for fork labels. */
function hashLabel(label: string | number): number {
  const text = String(label);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

function toEpochDay(iso: string): number {
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${iso}`);
  return Math.floor(ms / DAY_MS);
}

/** A deterministic random source for this seed (any 32-bit integer). */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const seed32 = Math.trunc(seed) >>> 0;
  const mix = splitmix32(seed32);
  const raw = sfc32(mix(), mix(), mix(), mix());
  // Discard the first outputs: sfc32 mixes its state in within a few rounds.
  for (let i = 0; i < 12; i++) raw();

  const rng: Random = {
    next: raw,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`int(${min}, ${max}): bounds must be integers with min ≤ max`);
      }
      return min + Math.floor(raw() * (max - min + 1));
    },
    float(min, max) {
      return min + raw() * (max - min);
    },
    pick(array) {
      if (array.length === 0) throw new RangeError('pick() from an empty array');
      return array[Math.floor(raw() * array.length)]!;
    },
    weighted(entries) {
      let total = 0;
      for (const [, w] of entries) {
        if (!(w >= 0)) throw new RangeError(`weight ${w} must be ≥ 0`);
        total += w;
      }
      if (!(total > 0)) throw new RangeError('weighted() needs at least one positive weight');
      let r = raw() * total;
      for (const [value, w] of entries) {
        if (r < w) return value;
        r -= w;
      }
      // Floating-point remainder: the last entry with a positive weight.
      for (let i = entries.length - 1; i >= 0; i--) if (entries[i]![1] > 0) return entries[i]![0];
      throw new RangeError('unreachable');
    },
    chance(p) {
      return raw() < p;
    },
    digits(n) {
      let out = '';
      for (let i = 0; i < n; i++) out += String(Math.floor(raw() * 10));
      return out;
    },
    date(fromIso, toIso) {
      const from = toEpochDay(fromIso);
      const to = toEpochDay(toIso);
      if (to < from) throw new RangeError(`date(${fromIso}, ${toIso}): the range is empty`);
      const day = from + Math.floor(raw() * (to - from + 1));
      return new Date(day * DAY_MS).toISOString().slice(0, 10);
    },
    instant(from, to) {
      const a = from.getTime();
      const b = to.getTime();
      if (!(b >= a)) throw new RangeError('instant(): the range is empty');
      return new Date(a + Math.floor(raw() * (b - a)));
    },
    shuffle(array) {
      const out = array.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(raw() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    fork(label) {
      return createRandom((Math.imul(seed32 ^ 0x5bd1e995, 0x27d4eb2d) ^ hashLabel(label)) >>> 0);
    },
  };
  return rng;
}
