import { historyCheck, type HistoryCheck } from '../core/history-check.js';
import { arrivalsPerWeek, type ThresholdRule } from '../core/threshold-choice.js';
import { predictProba } from '../core/model/predict.js';
import type { Mapping } from '../data/mapping.js';
import { openStore } from '../data/store.js';
import { InputError } from '../errors.js';
import { buildModelFile } from './model-file.js';
import { qualityOf, type Quality } from './model-report.js';
import { modelInputs } from './score.js';
import { trainModel, type TrainJobOptions } from './train.js';

export interface BacktestOptions extends TrainJobOptions {
  readonly cutoff: Date;
  readonly rule: ThresholdRule;
}

export interface Backtest {
  readonly cutoff: Date;
  readonly trainedOn: { readonly leads: number; readonly wins: number };
  readonly threshold: number;
  /** The rule at the threshold, on leads created after the cut-off. */
  readonly outcome: HistoryCheck;
  readonly quality: Quality;
}

/**
 * Replays history: a model trained only on what was known at the cut-off (leads created
 * before it, outcomes and interactions up to it) scores the leads created after it, each as
 * it stood within the model's window after first contact (or at its decision, if sooner),
 * and is judged on how those leads actually turned out.
 */
export async function backtest(mapping: Mapping, options: BacktestOptions): Promise<Backtest> {
  const trainStore = await openStore();
  let trained;
  try {
    trained = await trainModel(trainStore, mapping, { ...options, asOf: options.cutoff });
  } finally {
    trainStore.close();
  }
  if (trained.prepared.timeRules.horizonDays === null) {
    throw new InputError(
      'backtest_needs_dates',
      'A backtest needs dated leads and outcomes: without them every lead before the cut-off ' +
        'would be learned with its final outcome. Map leads.created_at and the close dates.',
    );
  }
  const rule =
    options.rule.by === 'capacity'
      ? { ...options.rule, arrivalsPerWeek: arrivalsPerWeek(trained.modelTable.createdAt) }
      : options.rule;
  const file = buildModelFile(trained, mapping.columns, rule, options.folds ?? 5);
  const threshold = file.threshold.value;

  // The evaluation reads the whole export: no as-of, and no second progress bar.
  const { asOf: _asOf, progress: _progress, ...later } = options;
  const evalStore = await openStore();
  try {
    const { modelTable, table } = await modelInputs(evalStore, mapping, file, trained.model, later);
    const estimates = predictProba(trained.model, table);
    const cutoff = options.cutoff.getTime();
    const after = Uint8Array.from(
      modelTable.eligible,
      // Strictly after: a lead created at the cut-off instant was in the training data.
      (e, i) => (e && modelTable.createdAt[i]! > cutoff ? 1 : 0),
    );
    const count = after.reduce((s, v) => s + v, 0);
    if (count === 0) {
      throw new InputError(
        'empty_backtest',
        `No lead created after ${options.cutoff.toISOString().slice(0, 10)} has a known ` +
          'outcome to test against. Choose an earlier --cutoff.',
      );
    }
    const matrix = {
      count: modelTable.table.rows,
      leadIdx: modelTable.leadIdx,
      group: modelTable.group,
      won: modelTable.labels,
      eligible: after,
      offsets: new Int32Array(modelTable.table.rows + 1),
      featureIds: new Int32Array(0),
    };
    const tested = Array.from(after.keys()).filter((i) => after[i]);
    return {
      cutoff: options.cutoff,
      trainedOn: { leads: trained.labels.length, wins: trained.labels.reduce((s, v) => s + v, 0) },
      threshold,
      outcome: historyCheck(estimates, matrix, threshold, 0.95),
      quality: qualityOf(
        Float64Array.from(tested, (i) => estimates[i]!),
        Uint8Array.from(tested, (i) => modelTable.labels[i]!),
      ),
    };
  } finally {
    evalStore.close();
  }
}
