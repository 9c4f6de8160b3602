import stdlibNormalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * Quantile function (inverse CDF) of the standard normal distribution (mean 0, sd 1).
 *
 * Method: delegates to `@stdlib/stats-base-dists-normal-quantile`, which evaluates
 * `sqrt(2) * erfinv(2p - 1)`. Reference: Abramowitz & Stegun (1964), section 26.2.
 *
 * Assumptions: `p` is a probability. Relative error is below 1e-11 for p >= 1e-6 (checked
 * against scipy); further into the lower tail it grows because `2p - 1` rounds towards -1
 * (about 2e-9 at p = 1e-10), and p at or below 2^-55 (about 2.8e-17) gives -Infinity.
 *
 * Degenerate cases: like `Math.log`, it returns NaN rather than throwing for p outside
 * [0, 1] or NaN, so it composes inside numeric code; p = 0 gives -Infinity and p = 1
 * gives +Infinity.
 */
export function normalQuantile(p: number): number {
  return stdlibNormalQuantile(p, 0, 1);
}

/**
 * Two-sided critical value z such that P(-z < Z < z) = confidence for a standard normal Z,
 * e.g. 0.95 gives 1.959963984540054.
 *
 * Method: `normalQuantile((1 + confidence) / 2)`. The upper tail is used on purpose: there
 * `2p - 1` gives back `confidence`, so the lower-tail precision loss described for
 * `normalQuantile` does not apply.
 * Reference: Abramowitz & Stegun (1964), section 26.2 (normal probability function).
 *
 * @throws RangeError when `confidence` is not a number strictly between 0 and 1, since a
 * 0% or 100% interval is never what a caller meant.
 */
export function zForConfidence(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(
      `confidence must be a number strictly between 0 and 1 (e.g. 0.95), got ${confidence}`,
    );
  }
  return normalQuantile((1 + confidence) / 2);
}
