import type { Random } from '../../synth/random.js';

export interface RowSplit {
  /** Row indices, ascending. */
  readonly train: Int32Array;
  readonly valid: Int32Array;
}

/**
 * A random split of rows into training and validation that keeps the share of each label:
 * round(fraction · count) rows of each label, drawn by a partial Fisher–Yates shuffle
 * (Knuth 1997, TAOCP vol. 2, algorithm P), go to validation.
 *
 * Degenerate cases: fraction 0 leaves validation empty; a label with one row keeps it in
 * training unless fraction ≥ 0.5.
 *
 * @throws RangeError when `fraction` is not in [0, 1).
 */
export function stratifiedSplit(
  labels: Uint8Array,
  fraction: number,
  random: Random,
): RowSplit {
  if (!(fraction >= 0 && fraction < 1)) {
    throw new RangeError(`validation fraction must be in [0, 1), got ${fraction}`);
  }
  const inValid = new Uint8Array(labels.length);
  for (const label of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === label) rows.push(i);
    const take = Math.round(fraction * rows.length);
    for (let k = 0; k < take; k++) {
      const j = k + random.integer(rows.length - k);
      const picked = rows[j] as number;
      rows[j] = rows[k] as number;
      rows[k] = picked;
      inValid[picked] = 1;
    }
  }
  const train: number[] = [];
  const valid: number[] = [];
  for (let i = 0; i < labels.length; i++) (inValid[i] ? valid : train).push(i);
  return { train: Int32Array.from(train), valid: Int32Array.from(valid) };
}
