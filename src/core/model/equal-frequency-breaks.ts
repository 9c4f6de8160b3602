/**
 * Where to close bins when grouping ordered values with the given counts into at most
 * `maxBins` bins of about equal total count: the indices j after which a bin ends (a bin
 * boundary between value j and value j + 1), ascending.
 *
 * Method: greedy, as in LightGBM's and EBM's quantile binning. Walking up the values, a bin
 * is closed once it holds about (count left) / (bins left), so a value carrying most of the
 * count takes a bin alone and the others share the remaining bins evenly. A bin also closes
 * just before a value that would overshoot the target by more than stopping short
 * undershoots it, but never below half the target, so no sliver is left before a heavy value.
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
  let remaining = 0;
  for (const count of counts) remaining += count;
  let binsLeft = maxBins;
  let filled = 0;
  for (let j = 0; j + 1 < counts.length && binsLeft > 1; j++) {
    filled += counts[j] as number;
    const target = remaining / binsLeft;
    const next = counts[j + 1] as number;
    const closer = filled >= target / 2 && target - filled < filled + next - target;
    if (filled >= target || closer) {
      breaks.push(j);
      remaining -= filled;
      binsLeft -= 1;
      filled = 0;
    }
  }
  return breaks;
}
