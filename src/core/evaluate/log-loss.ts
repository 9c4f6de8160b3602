import { assertScoredLabels } from './assert-scored-labels.js';

/** scikit-learn's default `eps` for `log_loss` (up to version 1.2). */
export const LOG_LOSS_EPSILON = 1e-15;

/**
 * Log loss (binary cross-entropy) in nats: the mean of −log p for won leads and −log(1 − p)
 * for lost ones; lower is better, and always predicting the base rate b scores the
 * outcome's entropy, −b·log b − (1 − b)·log(1 − b).
 *
 * Method: as scikit-learn's `log_loss`, probabilities are first clipped to
 * [1e-15, 1 − 1e-15], so a confident miss costs about 34.5 nats instead of infinity.
 * Reference: scikit-learn 1.2 user guide, section 3.3.2.12.
 *
 * Degenerate case: no rows gives NaN (a mean of nothing).
 *
 * @throws RangeError on inputs `assertScoredLabels` rejects, or a probability outside [0, 1].
 */
export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  assertScoredLabels(probabilities, labels, true);
  let sum = 0;
  for (let i = 0; i < labels.length; i += 1) {
    const p = clip(probabilities[i] as number);
    sum -= labels[i] === 1 ? Math.log(p) : Math.log1p(-p);
  }
  return labels.length === 0 ? Number.NaN : sum / labels.length;
}

function clip(p: number): number {
  return Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, p));
}
