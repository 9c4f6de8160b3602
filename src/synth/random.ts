/**
 * A seeded random source for the synthetic funnel. Every generator takes one of these as an
 * argument, so two runs with the same seed draw the same numbers in the same order and the
 * output files are byte-identical.
 *
 * The core generator is xoshiro128** 1.1 (Blackman and Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021; reference code
 * xoshiro128starstar.c). It is small, fast on 32-bit integer arithmetic, which is what
 * JavaScript does well, and passes BigCrush. Its 128-bit state is filled from the seed by
 * SplitMix64, as the authors recommend, so that nearby seeds give unrelated streams.
 */

/** A seeded stream of random numbers; every draw advances the one underlying generator. */
export interface Random {
  /** A uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** A uniform integer in [0, n), for a positive integer n. */
  integer(n: number): number;
  /** A standard normal deviate (mean 0, standard deviation 1). */
  normal(): number;
  /** exp(mu + sigma·Z) for standard normal Z: the median is exp(mu). */
  lognormal(mu: number, sigma: number): number;
  /** true with probability p. */
  bernoulli(p: number): boolean;
  /** The number of failures before the first success, with the given mean (≥ 0). */
  geometric(mean: number): number;
  /** An index i drawn with probability weights[i] / sum(weights); weights are ≥ 0. */
  pick(weights: readonly number[]): number;
}

/** The four 32-bit words of a xoshiro128** state; not all zero. */
export type Xoshiro128State = readonly [number, number, number, number];

const TWO_POW_32 = 4_294_967_296;
const TWO_POW_53 = 9_007_199_254_740_992;
const MASK_64 = (1n << 64n) - 1n;

/**
 * Creates the random source for a seed, which may be any safe integer (negative seeds are
 * taken modulo 2^64, like an unsigned 64-bit seed).
 */
export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be a safe integer, got ${seed}`);
  }
  const next = splitMix64(BigInt(seed));
  const a = next();
  const b = next();
  // Little-endian word order, as a byte-wise fill of the state would give.
  const state: Xoshiro128State = [
    Number(a & 0xffffffffn),
    Number(a >> 32n),
    Number(b & 0xffffffffn),
    Number(b >> 32n),
  ];
  return createRandomFromState(state);
}

/**
 * Creates a random source that starts from an explicit xoshiro128** state; mostly for
 * checking the generator against the reference implementation's published outputs.
 */
export function createRandomFromState(state: Xoshiro128State): Random {
  let [s0, s1, s2, s3] = state.map((word) => word >>> 0) as [number, number, number, number];
  if ((s0 | s1 | s2 | s3) === 0) {
    throw new RangeError('xoshiro128** state must not be all zero');
  }
  // Box–Muller yields normals in pairs; keeping the second halves the cost of normal().
  let spareNormal = 0;
  let hasSpare = false;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  const uniform = (): number => {
    const high = nextUint32() >>> 5;
    const low = nextUint32() >>> 6;
    return (high * 67_108_864 + low) / TWO_POW_53;
  };

  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spareNormal;
    }
    // 1 − u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spareNormal = radius * Math.sin(angle);
    hasSpare = true;
    return radius * Math.cos(angle);
  };

  return {
    nextUint32,
    uniform,
    integer(n: number): number {
      if (!(Number.isInteger(n) && n > 0 && n <= TWO_POW_32)) {
        throw new RangeError(`integer(n) needs an integer n in [1, 2^32], got ${n}`);
      }
      return Math.floor(uniform() * n);
    },
    normal,
    lognormal(mu: number, sigma: number): number {
      return Math.exp(mu + sigma * normal());
    },
    bernoulli(p: number): boolean {
      return uniform() < p;
    },
    geometric(mean: number): number {
      if (!(mean >= 0 && Number.isFinite(mean))) {
        throw new RangeError(`geometric(mean) needs a finite mean ≥ 0, got ${mean}`);
      }
      if (mean === 0) return 0;
      // Inversion: failures before success with p = 1 / (1 + mean) has mean (1 − p) / p.
      const logFailure = Math.log(mean / (1 + mean));
      return Math.floor(Math.log(1 - uniform()) / logFailure);
    },
    pick(weights: readonly number[]): number {
      let total = 0;
      for (const w of weights) total += w;
      if (!(total > 0 && Number.isFinite(total))) {
        throw new RangeError('pick(weights) needs non-negative weights with a positive sum');
      }
      let target = uniform() * total;
      for (let i = 0; i < weights.length; i++) {
        const w = weights[i] ?? 0;
        if (target < w) return i;
        target -= w;
      }
      // Rounding can leave target just above the last weight; the last positive one wins.
      for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return i;
      return weights.length - 1;
    },
  };
}

/**
 * SplitMix64 (Steele, Lea and Flood, OOPSLA 2014; Vigna's splitmix64.c), returning a
 * function that yields the next unsigned 64-bit output. BigInt is slow but this only seeds.
 */
export function splitMix64(seed: bigint): () => bigint {
  let x = BigInt.asUintN(64, seed);
  return () => {
    x = (x + 0x9e3779b97f4a7c15n) & MASK_64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
    return z ^ (z >> 31n);
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
