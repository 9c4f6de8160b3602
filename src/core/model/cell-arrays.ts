import type { BinIndices } from './binning.js';

/** The entries of `cells` at `rows`, in that order, in an array of the same type. */
export function gatherCells(cells: BinIndices, rows: Int32Array): BinIndices {
  const out =
    cells instanceof Uint16Array ? new Uint16Array(rows.length) : new Uint8Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = cells[rows[k]!]!;
  return out;
}

/** The entries of `values` at `rows`, in that order. */
export function gatherValues<T extends Float64Array | Uint8Array>(
  values: T,
  rows: Int32Array,
): T {
  const out = (
    values instanceof Float64Array ? new Float64Array(rows.length) : new Uint8Array(rows.length)
  ) as T;
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]!]!;
  return out;
}

/** intercept + Σ_t scores[t][cells[t][i]] for every row, summed in term order. */
export function additiveLogits(
  intercept: number,
  scores: readonly Float64Array[],
  cells: readonly BinIndices[],
  rows: number,
): Float64Array {
  const logits = new Float64Array(rows).fill(intercept);
  scores.forEach((table, t) => {
    const column = cells[t] as BinIndices;
    for (let i = 0; i < rows; i++) logits[i]! += table[column[i]!]!;
  });
  return logits;
}

/** Sum of `weights` per cell. */
export function cellWeights(
  cells: BinIndices,
  count: number,
  weights: Float64Array,
): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < cells.length; i++) out[cells[i]!]! += weights[i]!;
  return out;
}
