import { logit } from '../stats/logit.js';
import { binCount, type BinDefinition } from './bin-definition.js';
import type { BinnedTable } from './binning.js';
import { boostTerms, type BoostRows, type BoostSettings } from './boost-terms.js';
import { gatherCells, gatherValues } from './cell-arrays.js';
import type { RowSplit } from './stratified-split.js';

/** Training rows as the boosting stages see them. */
export interface TrainingData {
  readonly features: readonly BinDefinition[];
  readonly binned: BinnedTable;
  readonly labels: Uint8Array;
  readonly weights: Float64Array;
}

/** One outer bag's main effects. */
export interface MainBag {
  readonly split: RowSplit;
  /** Logit of the weighted base rate of the bag's training rows, where boosting started. */
  readonly intercept: number;
  readonly scores: Float64Array[];
  readonly rounds: number;
}

/**
 * Boosts one main-effect table per feature on a bag's training rows, from the bag's base
 * rate, with early stopping on its validation rows (see `boostTerms`). Numeric features are
 * stepped in runs of adjacent bins when `settings.maxLeaves` > 0 (see `boostTerms`).
 *
 * Degenerate cases: the base rate is clamped to [1e-12, 1 − 1e-12] so that a bag without
 * wins (or without losses) still starts from a finite logit.
 */
export function fitMainEffects(
  data: TrainingData,
  split: RowSplit,
  settings: BoostSettings,
): MainBag {
  const terms = data.features.map((bins, f) => {
    const cells = data.binned.indices[f]!;
    return {
      train: gatherCells(cells, split.train),
      valid: gatherCells(cells, split.valid),
      cells: binCount(bins),
      ordered: bins.kind === 'numeric',
    };
  });
  const train = rowsOf(data, split.train, 0);
  const intercept = logit(Math.min(1 - 1e-12, Math.max(1e-12, weightedRate(train))));
  train.logits.fill(intercept);
  const valid = rowsOf(data, split.valid, intercept);
  const result = boostTerms(terms, train, valid, settings);
  return { split, intercept, scores: result.scores, rounds: result.rounds };
}

/** Labels and weights of `rows`, with logits all set to `start`. */
export function rowsOf(data: TrainingData, rows: Int32Array, start: number): BoostRows {
  return {
    labels: gatherValues(data.labels, rows),
    weights: gatherValues(data.weights, rows),
    logits: new Float64Array(rows.length).fill(start),
  };
}

/** Weighted share of positive labels. */
export function weightedRate(rows: Pick<BoostRows, 'labels' | 'weights'>): number {
  let wins = 0;
  let total = 0;
  for (let i = 0; i < rows.labels.length; i++) {
    wins += rows.weights[i]! * rows.labels[i]!;
    total += rows.weights[i]!;
  }
  return wins / total;
}
