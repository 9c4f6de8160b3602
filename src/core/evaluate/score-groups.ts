/**
 * Rows grouped by distinct score, in ascending score order: the form in which ranking
 * metrics treat ties, since rows with equal scores cannot be told apart by any threshold.
 */
export interface ScoreGroups {
  /** The distinct scores, ascending. */
  readonly scores: Float64Array;
  /** Rows holding each score. */
  readonly counts: Int32Array;
  /** Rows with label 1 among them. */
  readonly positives: Int32Array;
}

/**
 * Groups rows by distinct score in O(n log n). Assumes inputs already checked by
 * `assertScoredLabels` (no NaN, labels 0 or 1). Degenerate case: no rows gives no groups.
 */
export function scoreGroups(scores: ArrayLike<number>, labels: ArrayLike<number>): ScoreGroups {
  const order = ascendingOrder(scores);
  const distinct: number[] = [];
  const counts: number[] = [];
  const positives: number[] = [];
  for (const row of order) {
    const score = scores[row] as number;
    const last = distinct.length - 1;
    if (last < 0 || distinct[last] !== score) {
      distinct.push(score);
      counts.push(0);
      positives.push(0);
    }
    const group = distinct.length - 1;
    counts[group] = (counts[group] as number) + 1;
    positives[group] = (positives[group] as number) + (labels[row] as number);
  }
  return {
    scores: Float64Array.from(distinct),
    counts: Int32Array.from(counts),
    positives: Int32Array.from(positives),
  };
}

function ascendingOrder(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i += 1) order[i] = i;
  // A three-way comparison rather than `a − b`, which is NaN for two equal infinities.
  return order.sort((a, b) => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  });
}
