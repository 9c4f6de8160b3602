/**
 * Running evidence that a term lowers validation log loss: per-row drops in loss (loss
 * without the term − loss with it), weighted, pooled over bags. `summary` gives their weighted
 * mean (nats per row) and its z-score, mean / standard error, with the effective number of
 * rows (Σw)² / Σw². A row validated in several bags counts once per bag, which makes the
 * z-score somewhat optimistic when bags share validation rows.
 */
export class GainEvidence {
  private weight = 0;
  private weightSquares = 0;
  private sum = 0;
  private sumSquares = 0;

  add(weight: number, drop: number): void {
    this.weight += weight;
    this.weightSquares += weight * weight;
    this.sum += weight * drop;
    this.sumSquares += weight * drop * drop;
  }

  /** NaN for both when no row was added; z is ±Infinity or 0 when every drop is the same. */
  summary(): { gain: number; z: number } {
    if (!(this.weight > 0)) return { gain: Number.NaN, z: Number.NaN };
    const gain = this.sum / this.weight;
    const variance = Math.max(0, this.sumSquares / this.weight - gain * gain);
    const rows = (this.weight * this.weight) / this.weightSquares;
    if (!(variance > 0)) return { gain, z: gain === 0 ? 0 : gain * Infinity };
    return { gain, z: gain / Math.sqrt(variance / rows) };
  }
}
