import { zForConfidence } from './normal-quantile.js';

/** A two-sided confidence interval for a proportion, with 0 <= low <= high <= 1. */
export interface ProportionInterval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for a binomial proportion, without continuity correction.
 *
 * Method: the bounds are the roots in π of (n + z²)π² − (2n·p̂ + z²)π + n·p̂² = 0, i.e. the
 * proportions a two-sided score test would not reject. References: Wilson (1927), JASA 22,
 * 209–212; Agresti & Coull (1998), Am. Stat. 52, 119–126; Newcombe (1998), Stat. Med. 17,
 * 857–872 (method 3).
 *
 * Assumptions: `wins` successes in `n` independent trials sharing one success probability.
 *
 * Degenerate cases: n = 0 gives { low: 0, high: 1 } (no evidence); wins = 0 gives low
 * exactly 0 and wins = n gives high exactly 1.
 *
 * @throws RangeError when `n` is not a non-negative integer, `wins` is not an integer in
 * [0, n], or `confidence` is not strictly between 0 and 1.
 */
export function wilsonInterval(wins: number, n: number, confidence = 0.95): ProportionInterval {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${n}`);
  }
  if (!Number.isInteger(wins) || wins < 0 || wins > n) {
    throw new RangeError(`wins must be an integer from 0 to n (${n}), got ${wins}`);
  }
  return wilsonIntervalFromRate(n === 0 ? 0 : wins / n, n, confidence);
}

/**
 * Wilson score interval from an observed rate and a sample size that need not be integers,
 * for "what if this rate held over n leads" projections (see `leadsToSettle`).
 *
 * Method and references as for `wilsonInterval`. The lower root is computed as
 * n·p̂² / ((n + z²)·high), the product of the roots divided by the other root, because the
 * textbook `center − halfWidth` form cancels catastrophically when n·p̂ is far below z²
 * (a fractional win count well under 1).
 *
 * Degenerate cases: n = 0 gives { low: 0, high: 1 } whatever the rate; rate = 0 gives low
 * exactly 0 and rate = 1 gives high exactly 1. The result is clamped so that
 * low <= rate <= high holds despite rounding.
 *
 * @throws RangeError when `rate` is not in [0, 1], `n` is not a finite number >= 0, or
 * `confidence` is not strictly between 0 and 1.
 */
export function wilsonIntervalFromRate(
  rate: number,
  n: number,
  confidence = 0.95,
): ProportionInterval {
  if (!(rate >= 0 && rate <= 1)) {
    throw new RangeError(`rate must be a number from 0 to 1, got ${rate}`);
  }
  if (!(n >= 0 && Number.isFinite(n))) {
    throw new RangeError(`n must be a finite number >= 0, got ${n}`);
  }
  const z = zForConfidence(confidence);
  if (n === 0) return { low: 0, high: 1 };

  const z2 = z * z;
  const a = n + z2;
  const root = z * Math.sqrt(z2 + 4 * n * rate * (1 - rate));
  const upperRoot = (2 * n * rate + z2 + root) / (2 * a);
  const high = rate === 1 ? 1 : Math.max(rate, Math.min(1, upperRoot));
  const low = rate === 0 ? 0 : Math.min(rate, (n * rate * rate) / (a * high));
  return { low, high };
}
