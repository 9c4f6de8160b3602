/**
 * A 600-row fixture with 23 distinct scores (so many ties), scores 0 and 1 among them, and
 * labels that depend on the score but not perfectly (271 wins). Integer arithmetic and one
 * float comparison, so numpy builds exactly the same vectors for the references:
 *
 * ```python
 * i = np.arange(600)
 * s_int = ((i * 7919) % 1009) % 23
 * scores = s_int / 22
 * labels = ((((i * 104729) % 997) / 997) < 0.15 + 0.6 * scores).astype(int)
 * ```
 */
export function tiedVector(): { scores: Float64Array; labels: Uint8Array } {
  const rows = 600;
  const scores = new Float64Array(rows);
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i += 1) {
    const score = (((i * 7919) % 1009) % 23) / 22;
    scores[i] = score;
    labels[i] = ((i * 104729) % 997) / 997 < 0.15 + 0.6 * score ? 1 : 0;
  }
  return { scores, labels };
}
