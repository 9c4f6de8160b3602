import { quantileSorted, sortedWithoutNaN } from './quantile.js';

/**
 * Inner cut points that split a numeric attribute into `bands` quantile bands, e.g.
 * quintiles of company size for bands = 5.
 *
 * Method: type 7 sample quantiles (see `quantileSorted`; Hyndman & Fan 1996) at
 * probabilities 1/k, 2/k, …, (k − 1)/k, then duplicates removed and cut points equal to
 * the minimum dropped. Bands use the convention of `bandIndex`: [breaks[i − 1], breaks[i]).
 *
 * Assumptions: NaN values are missing data and are ignored.
 *
 * Degenerate cases: heavily tied data gives fewer than k − 1 breaks, hence fewer bands,
 * because a repeated cut point would make an empty band and a cut at the minimum would
 * leave the first band (values below it) empty. No usable values, a single distinct value
 * or bands = 1 give [] (one band holding everything). The first band (holding the
 * minimum) and the last (holding the maximum) are never empty, but a middle band can be:
 * interpolated cut points may both fall between the same two data values, e.g. for
 * [0, 1, 5, 5, 5, 5, 9, 9] in 4 bands the breaks are 4, 5, 6 and [4, 5) holds nothing.
 *
 * @throws RangeError when `bands` is not an integer >= 1.
 */
export function quantileBreaks(values: ArrayLike<number>, bands: number): number[] {
  if (!Number.isInteger(bands) || bands < 1) {
    throw new RangeError(`bands must be an integer >= 1, got ${bands}`);
  }
  const sorted = sortedWithoutNaN(values);
  if (sorted.length === 0) return [];
  const minimum = sorted[0] as number;
  const breaks: number[] = [];
  for (let i = 1; i < bands; i += 1) {
    const cut = quantileSorted(sorted, i / bands);
    const previous = breaks[breaks.length - 1];
    if (cut > minimum && cut !== previous) breaks.push(cut);
  }
  return breaks;
}

/**
 * Index of the band holding `value`, for ascending `breaks` as made by `quantileBreaks`.
 *
 * Convention (left-closed, right-open): band 0 holds value < breaks[0]; band i holds
 * breaks[i − 1] <= value < breaks[i]; the last band, index breaks.length, holds
 * value >= the last break. A value equal to a break belongs to the band above it, as in
 * R's `findInterval`.
 *
 * Method: binary search, O(log k).
 *
 * Degenerate cases: no breaks gives 0 for every value; ±Infinity land in the first or
 * last band.
 *
 * @throws RangeError when `value` is NaN, because a missing value belongs to no band and
 * silently placing it in one would bias that band's close rate.
 */
export function bandIndex(value: number, breaks: readonly number[]): number {
  if (Number.isNaN(value)) {
    throw new RangeError('value is NaN: handle missing values before banding');
  }
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((breaks[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Human label for band `index` under the `bandIndex` convention: "< 50" for the first
 * band, "50 – < 200" for a middle band (at least 50 and below 200) and "≥ 1000" for the
 * last. A single band (no breaks) is labelled "all values".
 *
 * Numbers are formatted by `format`, by default compactly: integers without decimals and
 * other values to 3 significant digits (12.345 → "12.3", 1234.5 → "1230"). Rounding can
 * make adjacent cut points print alike; pass a finer `format` when that matters.
 *
 * @throws RangeError when `index` is not an integer from 0 to breaks.length.
 */
export function bandLabel(
  index: number,
  breaks: readonly number[],
  format: (value: number) => string = formatCompact,
): string {
  if (!Number.isInteger(index) || index < 0 || index > breaks.length) {
    throw new RangeError(`index must be an integer from 0 to ${breaks.length}, got ${index}`);
  }
  if (breaks.length === 0) return 'all values';
  const from = breaks[index - 1];
  const to = breaks[index];
  if (from === undefined) return `< ${format(to as number)}`;
  if (to === undefined) return `≥ ${format(from)}`;
  return `${format(from)} – < ${format(to)}`;
}

function formatCompact(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(3)));
}
