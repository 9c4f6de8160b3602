import { assertScoredLabels } from './assert-scored-labels.js';

/**
 * Brier score: the mean squared difference between the predicted close rate and the
 * outcome (1 won, 0 lost); lower is better, and always predicting the base rate b scores
 * b(1 − b). Same as scikit-learn's `brier_score_loss`. Reference: Brier (1950), Monthly
 * Weather Review 78, 1–3.
 *
 * Degenerate case: no rows gives NaN (a mean of nothing).
 *
 * @throws RangeError on inputs `assertScoredLabels` rejects, or a probability outside [0, 1].
 */
export function brierScore(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
): number {
  assertScoredLabels(probabilities, labels, true);
  let sum = 0;
  for (let i = 0; i < labels.length; i += 1) {
    const error = (probabilities[i] as number) - (labels[i] as number);
    sum += error * error;
  }
  return labels.length === 0 ? Number.NaN : sum / labels.length;
}
