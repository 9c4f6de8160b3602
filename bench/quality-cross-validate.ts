import type { FeatureTable } from '../src/core/model/feature-table.js';
import { takeRows } from '../src/core/take-rows.js';
import type { DatasetTable } from '../src/data/dataset-tables.js';

/** How the benchmark trains and applies a model, kept apart so training can be timed alone. */
export interface FoldModel<M> {
  train(table: FeatureTable, labels: Uint8Array): M;
  /** Estimated close rate of each row, in [0, 1]. */
  predict(model: M, table: FeatureTable): Float64Array;
}

export interface CrossValidation {
  /** Out-of-fold estimate of every row: each from the model that did not see its fold. */
  readonly predictions: Float64Array;
  /** Wall time of `train` per fold, in milliseconds. */
  readonly trainMs: readonly number[];
}

/**
 * K-fold cross-validation on given folds: for each fold, train on the other folds and
 * predict this one, then pool the predictions, as peers.py does before computing any metric.
 */
export function crossValidate<M>(
  data: DatasetTable,
  folds: Int32Array,
  model: FoldModel<M>,
): CrossValidation {
  const predictions = new Float64Array(data.table.rows).fill(Number.NaN);
  const trainMs: number[] = [];
  for (const fold of distinctFolds(folds)) {
    const held = rowsWhere(folds, (f) => f === fold);
    const kept = rowsWhere(folds, (f) => f !== fold);
    const labels = Uint8Array.from(kept, (row) => data.labels[row] as number);
    const training = takeRows(data.table, kept);
    const started = performance.now();
    const trained = model.train(training, labels);
    trainMs.push(performance.now() - started);
    const estimates = model.predict(trained, takeRows(data.table, held));
    held.forEach((row, i) => (predictions[row] = estimates[i] as number));
  }
  return { predictions, trainMs };
}

function distinctFolds(folds: Int32Array): number[] {
  return [...new Set(folds)].sort((a, b) => a - b);
}

function rowsWhere(folds: Int32Array, keep: (fold: number) => boolean): Int32Array {
  const rows: number[] = [];
  folds.forEach((fold, row) => keep(fold) && rows.push(row));
  return Int32Array.from(rows);
}
