/**
 * Weighted mean log loss (nats per unit weight) of logits against 0/1 labels:
 * Σ wᵢ·(softplus(sᵢ) − yᵢ·sᵢ) / Σ wᵢ, which equals −Σ wᵢ·log P(yᵢ | sᵢ) / Σ wᵢ with
 * P(1 | s) = expit(s).
 *
 * Method: softplus(s) = log(1 + eˢ) is evaluated as max(s, 0) + log1p(e^−|s|), which
 * neither overflows nor loses the small tail probabilities. Reference: the standard stable
 * form, e.g. scikit-learn's `log_loss` on the logit scale.
 *
 * Degenerate cases: zero total weight (e.g. no rows) gives NaN.
 */
export function meanLogLoss(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  weights: ArrayLike<number>,
): number {
  let loss = 0;
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const s = logits[i] as number;
    const w = weights[i] as number;
    const softplus = Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s)));
    loss += w * (softplus - (labels[i] as number) * s);
    total += w;
  }
  return total > 0 ? loss / total : Number.NaN;
}
