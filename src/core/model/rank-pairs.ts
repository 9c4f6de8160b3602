import type { BinIndices } from './binning.js';

export interface PairRanking {
  readonly a: number;
  readonly b: number;
  /** Interaction statistic less its degrees of freedom; above 0 hints at an interaction. */
  readonly strength: number;
}

/**
 * Ranks every pair of features by how much a 2-D lookup table on their coarse bins would
 * still explain of the current model's errors, strongest first (FAST-style: Lou, Caruana,
 * Gehrke & Hooker, "Accurate intelligible models with pairwise interactions", KDD 2013, which
 * scores candidate pairs on the residuals of the main effects instead of fitting each).
 *
 * Method: with gᵢ = wᵢ(pᵢ − yᵢ) and hᵢ = wᵢpᵢ(1 − pᵢ) at the current logits, a partition P of
 * the rows has the Newton gain S(P) = Σ_cells G²/(H + l2), twice the log-likelihood a one-step
 * fit of one score per cell would add. The interaction statistic of a pair is
 * S(cells) − S(rows) − S(columns) + S(all), which removes what the two features would still
 * explain alone, and its strength subtracts the degrees of freedom (non-empty cells − non-empty
 * rows − non-empty columns + 1): the statistic's expected value, as a score test's χ², when
 * there is no interaction. This keeps pairs with many cells from winning on noise.
 *
 * `axes[f]` holds the coarse bin of every row for feature f, `sizes[f]` its number of bins.
 * Ties are broken by feature order, so the ranking is deterministic.
 */
export function rankPairs(
  axes: readonly BinIndices[],
  sizes: readonly number[],
  logits: Float64Array,
  labels: Uint8Array,
  weights: Float64Array,
  l2: number,
): PairRanking[] {
  const g = new Float64Array(logits.length);
  const h = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) {
    const p = 1 / (1 + Math.exp(-logits[i]!));
    g[i] = weights[i]! * (p - labels[i]!);
    h[i] = weights[i]! * p * (1 - p);
  }
  const ranking: PairRanking[] = [];
  for (let a = 0; a < axes.length; a++) {
    for (let b = a + 1; b < axes.length; b++) {
      const strength = pairStrength(
        axes[a] as BinIndices,
        axes[b] as BinIndices,
        sizes[a] as number,
        sizes[b] as number,
        g,
        h,
        l2,
      );
      ranking.push({ a, b, strength });
    }
  }
  return ranking.sort((x, y) => y.strength - x.strength || x.a - y.a || x.b - y.b);
}

function pairStrength(
  rowsOf: BinIndices,
  colsOf: BinIndices,
  nRows: number,
  nCols: number,
  g: Float64Array,
  h: Float64Array,
  l2: number,
): number {
  const cellG = new Float64Array(nRows * nCols);
  const cellH = new Float64Array(nRows * nCols);
  for (let i = 0; i < g.length; i++) {
    const c = rowsOf[i]! * nCols + colsOf[i]!;
    cellG[c]! += g[i]!;
    cellH[c]! += h[i]!;
  }
  const rowG = new Float64Array(nRows);
  const rowH = new Float64Array(nRows);
  const colG = new Float64Array(nCols);
  const colH = new Float64Array(nCols);
  let filled = 0;
  for (let r = 0; r < nRows; r++) {
    for (let k = 0; k < nCols; k++) {
      const c = r * nCols + k;
      rowG[r]! += cellG[c]!;
      rowH[r]! += cellH[c]!;
      colG[k]! += cellG[c]!;
      colH[k]! += cellH[c]!;
      if (cellH[c]! > 0) filled += 1;
    }
  }
  const total = newtonGain([sum(rowG)], [sum(rowH)], l2);
  const alone = newtonGain(rowG, rowH, l2) + newtonGain(colG, colH, l2);
  const statistic = newtonGain(cellG, cellH, l2) - alone + total;
  const df = filled - nonEmpty(rowH) - nonEmpty(colH) + 1;
  return statistic - Math.max(0, df);
}

function newtonGain(gs: ArrayLike<number>, hs: ArrayLike<number>, l2: number): number {
  let gain = 0;
  for (let c = 0; c < gs.length; c++) {
    const hc = hs[c] as number;
    if (hc > 0) gain += (gs[c] as number) ** 2 / (hc + l2);
  }
  return gain;
}

function nonEmpty(hs: Float64Array): number {
  let count = 0;
  for (const value of hs) if (value > 0) count += 1;
  return count;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
