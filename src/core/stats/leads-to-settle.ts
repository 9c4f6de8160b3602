import { wilsonInterval, wilsonIntervalFromRate } from './wilson-interval.js';

/**
 * How many more leads a "promising" value needs before its close rate is settled above a
 * threshold: the smallest number of additional leads m >= 1 such that, if the observed rate
 * p̂ = wins / n held exactly over n + m leads (wins scaled to p̂·(n + m), not rounded), the
 * Wilson lower bound at n + m would reach (>=) `threshold`.
 *
 * Method: for fixed p̂ > threshold the Wilson lower bound rises monotonically with the
 * sample size, so an exponential search brackets the answer and bisection finds it, in
 * O(log m) evaluations of `wilsonIntervalFromRate`. The same answer follows in closed form
 * from the Wilson quadratic, n + m >= z²·t(1 − t) / (p̂ − t)²; the search is used instead
 * so that the result agrees exactly with the bounds this module reports.
 * References: Wilson (1927), JASA 22, 209–212; Agresti & Coull (1998).
 *
 * Assumptions: a planning heuristic, not a power calculation; it ignores that future
 * leads will not convert at exactly p̂.
 *
 * Degenerate cases: null when p̂ <= threshold (the bound never settles above it) or n = 0
 * (no rate to project); 0 when the current lower bound already reaches the threshold;
 * Infinity when n + m would exceed Number.MAX_SAFE_INTEGER (p̂ within about 1e-8 of the
 * threshold).
 *
 * @throws RangeError for invalid counts or confidence (as `wilsonInterval`) or a
 * `threshold` outside [0, 1].
 */
export function leadsToSettle(
  wins: number,
  n: number,
  threshold: number,
  confidence = 0.95,
): number | null {
  const current = wilsonInterval(wins, n, confidence);
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new RangeError(`threshold must be a rate from 0 to 1, got ${threshold}`);
  }
  if (n === 0) return null;
  const rate = wins / n;
  if (rate <= threshold) return null;
  if (current.low >= threshold) return 0;

  const settles = (extra: number): boolean =>
    wilsonIntervalFromRate(rate, n + extra, confidence).low >= threshold;
  let fails = 0;
  let passes = 1;
  while (!settles(passes)) {
    fails = passes;
    passes *= 2;
    if (n + passes > Number.MAX_SAFE_INTEGER) return Infinity;
  }
  while (passes - fails > 1) {
    const mid = fails + Math.floor((passes - fails) / 2);
    if (settles(mid)) passes = mid;
    else fails = mid;
  }
  return passes;
}
