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
import { InputError } from '../errors.js';
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
  const groups = Int32Array.from(trainingRows, (r) => modelTable.group[r]!);
  const leakage = guardLeaks(
    full,
    labels,
    attributeColumns,
    seed,
    modelOptions,
    groups,
    datesAfterOutcome(full, Float64Array.from(trainingRows, (r) => modelTable.decidedAt[r]!)),
  );
  const excludedColumns = options.keepLeaky ? [] : [...new Set(leakage.map((f) => f.column))];
  const table = withoutColumns(full, excludedColumns);
  if (table.columns.length === 0) {
    throw new InputError(
      'no_inputs',
      'Nothing to learn from: the export maps no attributes and no interactions' +
        (excludedColumns.length ? ` once the leaky ${excludedColumns.join(', ')} are left out` : '') +
        '. Map fit or activity columns, or an interactions file.',
    );
  }
  assertFoldsLearnable(labels, groups, folds, seed);
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
  groups: Int32Array = Int32Array.from(labels.keys()),
  daysAfterOutcome?: ReadonlyMap<string, Float64Array>,
): LeakFinding[] {
  const attributes = {
    rows: table.rows,
    columns: table.columns.filter((c) => attributeColumns.includes(c.name)),
  };
  const findings = leakageFindings(attributes, labels, {
    nearPerfectAuc: 0.95,
    seed,
    ...(daysAfterOutcome && { daysAfterOutcome }),
  });
  const rival = strongestRival(table, labels, groups, findings, attributes.columns, seed, modelOptions);
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
  groups: Int32Array,
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
  const twoFold = crossValidate(others, labels, groups, 2, seed, {
    ...modelOptions,
    bags: 2,
    pairs: 0,
  });
  return rivalsEverything(top.name, top.auc, rocAuc(twoFold, labels));
}

/**
 * For attribute columns holding dates, how many days each row's date falls after the row's
 * own outcome: a value recorded after the outcome is a leak whatever its name.
 */
function datesAfterOutcome(table: FeatureTable, decidedAt: Float64Array): Map<string, Float64Array> {
  const found = new Map<string, Float64Array>();
  for (const column of table.columns) {
    if (column.kind !== 'categorical' || column.categories.length === 0) continue;
    const times = column.categories.map(isoTime);
    if (times.filter(Number.isFinite).length < 0.9 * times.length) continue;
    found.set(
      column.name,
      Float64Array.from(column.codes, (code, i) =>
        code < 0 ? Number.NaN : (times[code]! - decidedAt[i]!) / 86_400_000,
      ),
    );
  }
  return found;
}

/** Epoch milliseconds of an ISO date or timestamp (UTC unless it says otherwise), else NaN. */
function isoTime(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return Number.NaN;
  const iso = text.length === 10 ? `${text}T00:00:00` : text.replace(' ', 'T');
  return Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(iso) ? iso : `${iso}Z`);
}

/** Every fold must leave both outcomes to train on, or its leads get no honest estimate. */
function assertFoldsLearnable(labels: Uint8Array, groups: Int32Array, folds: number, seed: number): void {
  for (let k = 0; k < folds; k++) {
    let wins = 0;
    let losses = 0;
    for (let i = 0; i < labels.length; i++) {
      if (foldOf(groups[i]!, seed, folds) === k) continue;
      if (labels[i]) wins++;
      else losses++;
    }
    if (wins === 0 || losses === 0) {
      throw new InputError(
        'too_few_outcomes',
        `Cross-validation fold ${k + 1} of ${folds} would train on ${wins} wins and ${losses} ` +
          'other leads: too few to learn from (wins concentrated in few accounts do this). ' +
          'Use fewer --folds, or more history.',
      );
    }
  }
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
