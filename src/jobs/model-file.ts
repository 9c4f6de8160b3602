import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LeakFinding } from '../core/leakage-guard.js';
import type { AdditiveModel } from '../core/model/additive-model.js';
import type { FeatureTable } from '../core/model/feature-table.js';
import { globalImportance } from '../core/model/global-importance.js';
import { fromModelJson, toModelJson } from '../core/model/model-json.js';
import {
  CANDIDATE_THRESHOLDS,
  chooseThreshold,
  tradeOffTable,
  type ThresholdRule,
  type TradeOff,
} from '../core/threshold-choice.js';
import type { TimeRules } from '../core/time-rules.js';
import { interactionDecay, type InteractionDecay } from '../core/interaction-decay.js';
import type { ColumnOptions } from '../data/mapping.js';
import { InputError } from '../errors.js';
import { qualityOf, type Quality } from './model-report.js';
import type { TrainedModel, TrainingSample } from './train.js';

export const MODEL_FILE_FORMAT = 'leadsift-model-file';

/**
 * Everything `score`, `explain` and a reader need besides the model itself: which inputs it
 * reads, the time rules it learned under, what the leakage guard left out, how it did
 * out-of-fold, and the threshold with its trade-offs.
 */
export interface ModelFile {
  readonly format: typeof MODEL_FILE_FORMAT;
  readonly version: 1;
  readonly inputs: {
    readonly attributes: readonly string[];
    readonly interactionTypes: readonly string[];
    /** Leads are read as of this many days after first contact (or their decision). */
    readonly windowDays: number;
    readonly columns: Readonly<Record<string, ColumnOptions>>;
  };
  readonly timeRules: TimeRules;
  /** Which eligible leads the model learned from: all, or a seeded sample of them. */
  readonly training?: TrainingSample;
  readonly leakage: { readonly findings: readonly LeakFinding[]; readonly excluded: readonly string[] };
  readonly quality: Omit<Quality, 'lift'> & { readonly method: string; readonly lift: Quality['lift'] };
  readonly threshold: {
    readonly rule: ThresholdRule;
    readonly value: number;
    readonly tradeOffs: readonly TradeOff[];
  };
  readonly importance: readonly { readonly term: string; readonly meanAbsContribution: number }[];
  /** Per interaction type, the learned effect of days since it last happened. */
  readonly decay: readonly InteractionDecay[];
  readonly model: unknown;
}

export function buildModelFile(
  trained: TrainedModel,
  columns: Readonly<Record<string, ColumnOptions>>,
  rule: ThresholdRule,
  folds: number,
): ModelFile {
  const value = chooseThreshold(trained.outOfFold, trained.labels, rule);
  const trainingTable = trained.trainingTable;
  const candidates = [...new Set([...CANDIDATE_THRESHOLDS, value])].sort((a, b) => a - b);
  return {
    format: MODEL_FILE_FORMAT,
    version: 1,
    inputs: {
      attributes: trained.attributeColumns.filter((c) => !trained.excludedColumns.includes(c)),
      interactionTypes: trained.modelTable.interactionTypes,
      windowDays: trained.windowDays,
      columns,
    },
    timeRules: trained.prepared.timeRules,
    leakage: { findings: trained.leakage, excluded: trained.excludedColumns },
    training: trained.sample,
    quality: {
      method:
        `${folds}-fold cross-validation, leads of one account kept in one fold` +
        (trained.sample.sampled ? `; ${trained.sample.method}` : ''),
      ...qualityOf(trained.outOfFold, trained.labels),
    },
    threshold: { rule, value, tradeOffs: tradeOffTable(trained.outOfFold, trained.labels, candidates) },
    importance: importanceOf(trained.model, trainingTable),
    decay: trained.modelTable.interactionTypes
      .map((type) => interactionDecay(trained.model, type, trainingTable))
      .filter((d): d is InteractionDecay => d !== undefined),
    model: toModelJson(trained.model),
  };
}

function importanceOf(model: AdditiveModel, table: FeatureTable): ModelFile['importance'] {
  return globalImportance(model, table).map((g) => ({ term: g.term, meanAbsContribution: g.importance }));
}

const modelFileSchema = z.looseObject({
  format: z.literal(MODEL_FILE_FORMAT),
  version: z.literal(1),
  inputs: z.looseObject({
    attributes: z.array(z.string()),
    interactionTypes: z.array(z.string()),
    windowDays: z.number().nonnegative(),
    columns: z.record(z.string(), z.unknown()),
  }),
  threshold: z.looseObject({ value: z.number().gt(0).lt(1) }),
  model: z.unknown(),
});

/** Reads a model file written by `leadsift train`, checking its format and version. */
export function readModelFile(path: string): { file: ModelFile; model: AdditiveModel } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(
      'bad_model',
      `${path} could not be read as a model file: ${(error as Error).message}. ` +
        'Pass the JSON file written by leadsift train.',
      { file: path },
    );
  }
  const parsed = modelFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      'bad_model',
      `${path} is not a leadsift model file (${parsed.error.issues[0]?.path.join('.')}: ` +
        `${parsed.error.issues[0]?.message}). Train one with leadsift train.`,
      { file: path },
    );
  }
  const file = raw as ModelFile;
  return { file, model: fromModelJson(file.model) };
}
