/**
 * Where to close bins when grouping ordered values with the given counts into at most
 * `maxBins` bins of about equal total count: the indices j after which a bin ends (a bin
 * boundary between value j and value j + 1), ascending.
 *
 * Method: LightGBM's greedy binning (`GreedyFindBin`, Ke et al., NeurIPS 2017, as in its
 * bin.cpp): a value holding at least total / maxBins of the count is "big" and gets a bin of
 * its own; the other values fill the remaining bins, each closed once it reaches the mean
 * size still available (count left / bins left), or at half that size when a big value
 * comes next, so that no sliver is left before it.
 *
 * Degenerate cases: with at most `maxBins` values every value gets its own bin (all
 * boundaries); zero or one value, or maxBins = 1, gives no boundary.
 */
export function equalFrequencyBreaks(counts: readonly number[], maxBins: number): number[] {
  const breaks: number[] = [];
  if (counts.length <= maxBins) {
    for (let j = 0; j + 1 < counts.length; j++) breaks.push(j);
    return breaks;
  }
  if (maxBins <= 1) return breaks;
  let total = 0;
  for (const count of counts) total += count;
  const big = counts.map((count) => count >= total / maxBins);
  let restBins = maxBins;
  let restCount = total;
  counts.forEach((count, j) => {
    if (big[j]) {
      restBins -= 1;
      restCount -= count;
    }
  });
  let mean = restBins > 0 ? restCount / restBins : Infinity;
  let filled = 0;
  for (let j = 0; j + 1 < counts.length; j++) {
    const count = counts[j] as number;
    if (!big[j]) restCount -= count;
    filled += count;
    const beforeBig = big[j + 1] === true && filled >= Math.max(1, mean / 2);
    if (!(big[j] || filled >= mean || beforeBig)) continue;
    breaks.push(j);
    if (breaks.length >= maxBins - 1) break;
    filled = 0;
    if (!big[j]) {
      restBins -= 1;
      mean = restBins > 0 ? restCount / restBins : Infinity;
    }
  }
  return breaks;
}
