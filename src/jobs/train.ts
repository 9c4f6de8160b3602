import { foldOf } from '../core/folds.js';
import {
  leakageFindings,
  rivalsEverything,
  singleColumnAuc,
  type LeakFinding,
} from '../core/leakage-guard.js';
import type { FeatureTable } from '../core/model/feature-table.js';
import { predictProba } from '../core/model/predict.js';
import { trainAdditiveModel } from '../core/model/train.js';
import type { TrainOptions } from '../core/model/train-options.js';
import type { AdditiveModel } from '../core/model/additive-model.js';
import { rowsWhere, takeRows } from '../core/take-rows.js';
import { rocAuc } from '../core/evaluate/roc-auc.js';
import { buildModelTable, type ModelTable } from '../data/model-table.js';
import type { Mapping } from '../data/mapping.js';
import type { Store } from '../data/store.js';
import { PREPARE_STEPS, prepareStore, type PrepareOptions, type Prepared } from './prepare.js';
import { SILENT, type Progress } from './progress.js';

/** A lead's first 30 days: long enough for most signals, short enough to score new leads. */
export const DEFAULT_WINDOW_DAYS = 30;

export interface TrainJobOptions extends PrepareOptions {
  readonly seed?: number;
  readonly folds?: number;
  /** Train on columns the leakage guard flags instead of leaving them out. */
  readonly keepLeaky?: boolean;
  /** Read leads as of this many days after first contact (see buildModelTable). */
  readonly windowDays?: number;
  readonly model?: TrainOptions;
}

export interface TrainedModel {
  readonly model: AdditiveModel;
  readonly prepared: Prepared;
  readonly modelTable: ModelTable;
  /** Rows of `modelTable` the model learned from (eligible leads). */
  readonly trainingRows: Int32Array;
  /** Out-of-fold close-rate estimates for the training rows, in their order. */
  readonly outOfFold: Float64Array;
  readonly labels: Uint8Array;
  readonly leakage: readonly LeakFinding[];
  readonly excludedColumns: readonly string[];
  readonly attributeColumns: readonly string[];
  readonly windowDays: number;
}

/**
 * Learns the additive model from an export: the same time rules as analyze, the leakage
 * guard on the lead and account attributes, out-of-fold estimates for honest quality figures
 * (folds keep an account's leads together), then one model on every eligible lead.
 */
export async function trainModel(
  store: Store,
  mapping: Mapping,
  options: TrainJobOptions = {},
): Promise<TrainedModel> {
  const seed = options.seed ?? 1;
  const folds = options.folds ?? 5;
  const progress = options.progress ?? SILENT;
  progress.begin(PREPARE_STEPS + 3 + folds);
  try {
    return await train(store, mapping, options, seed, folds, progress);
  } finally {
    progress.end();
  }
}

async function train(
  store: Store,
  mapping: Mapping,
  options: TrainJobOptions,
  seed: number,
  folds: number,
  progress: Progress,
): Promise<TrainedModel> {
  const prepared = await prepareStore(store, mapping, options);
  progress.step('building the model table');
  const modelTable = await buildModelTable(store, {
    attributes: prepared.load.attributes,
    columns: mapping.columns,
    windowDays: options.windowDays ?? DEFAULT_WINDOW_DAYS,
  });
  const trainingRows = rowsWhere(modelTable.eligible);
  const labels = Uint8Array.from(trainingRows, (r) => modelTable.labels[r]!);
  const full = takeRows(modelTable.table, trainingRows);
  const attributeColumns = prepared.load.attributes.map((a) => a.name);
  const modelOptions = { seed, ...options.model };

  progress.step('checking columns for leaks');
  const leakage = guardLeaks(full, labels, attributeColumns, seed, modelOptions);
  const excludedColumns = options.keepLeaky ? [] : [...new Set(leakage.map((f) => f.column))];
  const table = withoutColumns(full, excludedColumns);
  const groups = Int32Array.from(trainingRows, (r) => modelTable.group[r]!);
  const outOfFold = crossValidate(table, labels, groups, folds, seed, modelOptions, (k) =>
    progress.step(`cross-validation, fold ${k + 1} of ${folds}`),
  );
  progress.step('training the final model');
  const model = trainAdditiveModel(table, labels, modelOptions);
  return {
    model,
    prepared,
    modelTable,
    trainingRows,
    outOfFold,
    labels,
    leakage,
    excludedColumns,
    attributeColumns,
    windowDays: options.windowDays ?? DEFAULT_WINDOW_DAYS,
  };
}

/**
 * The leakage guard on the attribute columns (interaction columns are already cut at the
 * decision): the pure checks, then the strongest single column against all the others.
 */
export function guardLeaks(
  table: FeatureTable,
  labels: Uint8Array,
  attributeColumns: readonly string[],
  seed: number,
  modelOptions: TrainOptions,
): LeakFinding[] {
  const attributes = {
    rows: table.rows,
    columns: table.columns.filter((c) => attributeColumns.includes(c.name)),
  };
  const findings = leakageFindings(attributes, labels, { nearPerfectAuc: 0.95, seed });
  const rival = strongestRival(table, labels, findings, attributes.columns, seed, modelOptions);
  return rival ? [...findings, rival] : findings;
}

/**
 * The column that alone predicts best is compared with a model of every other column
 * (two-fold, so neither side sees its own rows): a value known only after the outcome, like
 * the length of the sales call, rivals all the rest together.
 */
function strongestRival(
  table: FeatureTable,
  labels: Uint8Array,
  already: readonly LeakFinding[],
  candidates: FeatureTable['columns'],
  seed: number,
  modelOptions: TrainOptions,
): LeakFinding | undefined {
  const flagged = new Set(already.map((f) => f.column));
  const scored = candidates
    .filter((c) => !flagged.has(c.name))
    .map((c) => ({ name: c.name, auc: singleColumnAuc(c, labels, seed) }))
    .sort((a, b) => b.auc - a.auc);
  const top = scored[0];
  if (!top || !(top.auc >= 0.7) || table.columns.length < 2) return undefined;
  const others = withoutColumns(table, [...flagged, top.name]);
  const twoFold = crossValidate(others, labels, Int32Array.from(labels.keys()), 2, seed, {
    ...modelOptions,
    bags: 2,
    pairs: 0,
  });
  return rivalsEverything(top.name, top.auc, rocAuc(twoFold, labels));
}

function withoutColumns(table: FeatureTable, names: readonly string[]): FeatureTable {
  return { rows: table.rows, columns: table.columns.filter((c) => !names.includes(c.name)) };
}

/** Out-of-fold estimates: each fold is predicted by a model trained on the others. */
export function crossValidate(
  table: FeatureTable,
  labels: Uint8Array,
  groups: Int32Array,
  folds: number,
  seed: number,
  modelOptions: TrainOptions,
  onFold: (k: number) => void = () => {},
): Float64Array {
  const fold = Int32Array.from(groups, (g) => foldOf(g, seed, folds));
  const estimates = new Float64Array(labels.length).fill(Number.NaN);
  for (let k = 0; k < folds; k++) {
    onFold(k);
    const train = rowsWhere(Uint8Array.from(fold, (f) => (f === k ? 0 : 1)));
    const test = rowsWhere(Uint8Array.from(fold, (f) => (f === k ? 1 : 0)));
    const trainLabels = Uint8Array.from(train, (r) => labels[r]!);
    if (test.length === 0 || !trainLabels.includes(0) || !trainLabels.includes(1)) continue;
    const model = trainAdditiveModel(takeRows(table, train), trainLabels, modelOptions);
    const predicted = predictProba(model, takeRows(table, test));
    test.forEach((row, j) => (estimates[row] = predicted[j]!));
  }
  return estimates;
}
