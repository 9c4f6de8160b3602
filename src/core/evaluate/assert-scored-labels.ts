/**
 * Checks the shared input of every metric here: one score and one 0/1 label per row.
 *
 * Scores must not be NaN, because a NaN cannot be ranked and would silently land at one end
 * of the order. With `probabilities` set, each score must also lie in [0, 1]: Brier score,
 * log loss and the reliability table read scores as close rates, so a logit or a points
 * total passed by mistake must fail loudly rather than give a plausible-looking number.
 *
 * @throws RangeError when the lengths differ, a label is not 0 or 1, a score is NaN, or
 * (with `probabilities`) a score is outside [0, 1]; the message names the first bad row.
 */
export function assertScoredLabels(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  probabilities = false,
): void {
  if (scores.length !== labels.length) {
    throw new RangeError(
      `scores and labels must have the same length, got ${scores.length} and ${labels.length}`,
    );
  }
  for (let i = 0; i < labels.length; i += 1) {
    const label = labels[i];
    if (label !== 0 && label !== 1) {
      throw new RangeError(`labels must be 0 or 1, got ${label} at row ${i}`);
    }
    const score = scores[i] as number;
    if (Number.isNaN(score)) {
      throw new RangeError(`scores must not be NaN, got NaN at row ${i}`);
    }
    if (probabilities && !(score >= 0 && score <= 1)) {
      throw new RangeError(`probabilities must be from 0 to 1, got ${score} at row ${i}`);
    }
  }
}
