import { foldOf } from '../core/folds.js';
import {
  leakageFindings,
  rivalsEverything,
  singleColumnAuc,
  type LeakFinding,
} from '../core/leakage-guard.js';
import type { FeatureTable } from '../core/model/feature-table.js';
import { predictProba } from '../core/model/predict.js';
import { descendingOrder } from '../core/model/sort-order.js';
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
import { SILENT } from './progress.js';

/** A lead's first 30 days: long enough for most signals, short enough to score new leads. */
export const DEFAULT_WINDOW_DAYS = 30;

/**
 * Most eligible leads training learns from; past it, a seeded sample (`sampleTrainingRows`).
 * Training fits six models (five folds and the final one) in time that grows a little
 * faster than the leads learned from, while quality flattens: on a synthetic export of 1M
 * leads, models learned from 250k, 500k and all 692k leads of an 80 % account split scored
 * ROC AUC 0.816, 0.8175 and 0.818 on the other 172k. So ten million leads train in about the
 * time of one million, at a cost in quality well within that last step.
 */
export const DEFAULT_MAX_TRAIN_LEADS = 1_000_000;

export interface TrainJobOptions extends PrepareOptions {
  readonly seed?: number;
  readonly folds?: number;
  /** Train on columns the leakage guard flags instead of leaving them out. */
  readonly keepLeaky?: boolean;
  /** Read leads as of this many days after first contact (see buildModelTable). */
  readonly windowDays?: number;
  /** Learn from at most this many eligible leads (default `DEFAULT_MAX_TRAIN_LEADS`). */
  readonly maxTrainLeads?: number;
  readonly model?: TrainOptions;
}

/** Which of the eligible leads training learned from. */
export interface TrainingSample {
  readonly eligibleLeads: number;
  /** Leads learned from: every eligible lead, or the sample. */
  readonly leads: number;
  readonly maxTrainLeads: number;
  readonly sampled: boolean;
  /** How the sample was drawn, in words; empty when every eligible lead was used. */
  readonly method: string;
}

export interface TrainedModel {
  readonly model: AdditiveModel;
  readonly prepared: Prepared;
  readonly modelTable: ModelTable;
  /** Rows of `modelTable` the model learned from (eligible leads, or a sample of them). */
  readonly trainingRows: Int32Array;
  /** `modelTable.table` at `trainingRows`. */
  readonly trainingTable: FeatureTable;
  readonly sample: TrainingSample;
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
 * (folds keep an account's leads together), then one model on every eligible lead, or on a
 * seeded sample of them past `maxTrainLeads`.
 */
export async function trainModel(
  store: Store,
  mapping: Mapping,
  options: TrainJobOptions = {},
): Promise<TrainedModel> {
  const progress = options.progress ?? SILENT;
  progress.begin(PREPARE_STEPS + 3 + (options.folds ?? 5));
  try {
    const prepared = await prepareStore(store, mapping, options);
    return await trainPrepared(store, mapping, prepared, options);
  } finally {
    progress.end();
  }
}

/**
 * `trainModel` on a store `prepareStore` has already filled: everything after loading, for
 * callers that load once (benchmarks timing training on its own). Announces its steps on
 * `options.progress` without beginning or ending it.
 */
export async function trainPrepared(
  store: Store,
  mapping: Mapping,
  prepared: Prepared,
  options: TrainJobOptions = {},
): Promise<TrainedModel> {
  const seed = options.seed ?? 1;
  const folds = options.folds ?? 5;
  const progress = options.progress ?? SILENT;
  progress.step('building the model table');
  const modelTable = await buildModelTable(store, {
    attributes: prepared.load.attributes,
    columns: mapping.columns,
    windowDays: options.windowDays ?? DEFAULT_WINDOW_DAYS,
  });
  const eligibleRows = rowsWhere(modelTable.eligible);
  const maxTrainLeads = options.maxTrainLeads ?? DEFAULT_MAX_TRAIN_LEADS;
  const trainingRows = sampleTrainingRows(eligibleRows, modelTable.labels, modelTable.group, maxTrainLeads, seed);
  const sample = describeSample(eligibleRows.length, trainingRows.length, maxTrainLeads);
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
    trainingTable: full,
    sample,
    outOfFold,
    labels,
    leakage,
    excludedColumns,
    attributeColumns,
    windowDays: options.windowDays ?? DEFAULT_WINDOW_DAYS,
  };
}

/**
 * At most `max` of the given rows (ascending), drawn so that nothing about the data decides
 * which: whole accounts (`group`), so cross-validation still keeps an account's leads
 * together, and in proportion to accounts with and without a win (`labels`), so the close
 * rate stays as it was. Accounts are taken in a seeded hash order until each stratum's
 * share of `max` is full, skipping those that would overflow it. Every row when there are
 * no more than `max`.
 *
 * @throws RangeError when `max` is not a positive integer.
 */
export function sampleTrainingRows(
  rows: Int32Array,
  labels: Uint8Array,
  group: Int32Array,
  max: number,
  seed: number,
): Int32Array {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, got ${max}`);
  if (rows.length <= max) return rows;
  let groups = 0;
  for (const r of rows) groups = Math.max(groups, group[r]! + 1);
  const size = new Int32Array(groups);
  const won = new Uint8Array(groups);
  for (const r of rows) {
    size[group[r]!]! += 1;
    if (labels[r]) won[group[r]!] = 1;
  }
  const strata = [0, 0];
  for (const r of rows) strata[won[group[r]!]!]! += 1;
  const quota = strata.map((leads) => Math.floor((max * leads) / rows.length));
  const order = Int32Array.from(size.keys()).filter((g) => size[g]! > 0);
  // A seed of its own for the hash order, so the sample does not follow the folds' hash.
  const ranked = descendingOrder(Float64Array.from(order, (g) => -foldOf(g, seed ^ 0x5eed, 2 ** 32)));
  const taken = new Uint8Array(groups);
  const filled = [0, 0];
  for (const k of ranked) {
    const g = order[k]!;
    const stratum = won[g]!;
    if (filled[stratum]! + size[g]! > quota[stratum]!) continue;
    filled[stratum]! += size[g]!;
    taken[g] = 1;
  }
  return rows.filter((r) => taken[group[r]!] === 1);
}

function describeSample(eligible: number, leads: number, max: number): TrainingSample {
  const sampled = leads < eligible;
  return {
    eligibleLeads: eligible,
    leads,
    maxTrainLeads: max,
    sampled,
    method: sampled
      ? `trained on a seeded sample of ${leads.toLocaleString('en-US')} of the ` +
        `${eligible.toLocaleString('en-US')} eligible leads (--max-train-leads ` +
        `${max.toLocaleString('en-US')}): whole accounts, in proportion to accounts with and without a win`
      : '',
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
