/**
 * Sample quantile of already sorted data, Hyndman & Fan type 7: linear interpolation
 * between order statistics at h = (n − 1)·p. This is R's `quantile()` default, numpy's
 * `method='linear'` and Python's `statistics.quantiles(method='inclusive')`.
 * Reference: Hyndman & Fan (1996), Am. Stat. 50, 361–365.
 *
 * Assumptions: `sorted` is in ascending order and holds no NaN. Neither is checked, because
 * checking costs the O(n) pass that pre-sorting is meant to save; use `quantile` otherwise.
 *
 * Degenerate cases: empty input gives NaN (there is no sample); one value gives that value
 * for every p; p = 0 and p = 1 give the minimum and maximum.
 *
 * @throws RangeError when `p` is not in [0, 1].
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`p must be a probability from 0 to 1, got ${p}`);
  }
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const below = Math.floor(h);
  const lower = sorted[below] as number;
  const fraction = h - below;
  if (fraction === 0 || below + 1 >= n) return lower;
  const upper = sorted[below + 1] as number;
  // As in R's quantile(), equal neighbours are returned as is rather than interpolated, so
  // ties stay exact and two equal infinities give Infinity instead of `Inf - Inf = NaN`.
  if (upper === lower) return lower;
  return lower + fraction * (upper - lower);
}

/**
 * Type 7 sample quantile of unsorted data; see `quantileSorted` for the method.
 *
 * NaN values are ignored, as R's `quantile(x, na.rm = TRUE)` does, so that missing
 * numbers do not poison the result. The input is not modified: it is copied into a
 * Float64Array, whose `sort` is numeric.
 *
 * Degenerate cases: no non-NaN values gives NaN.
 *
 * @throws RangeError when `p` is not in [0, 1].
 */
export function quantile(values: ArrayLike<number>, p: number): number {
  return quantileSorted(sortedWithoutNaN(values), p);
}

/** Ascending numeric copy of `values` without NaN; shared with the banding code. */
export function sortedWithoutNaN(values: ArrayLike<number>): Float64Array {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] as number;
    if (!Number.isNaN(value)) kept.push(value);
  }
  return Float64Array.from(kept).sort();
}
