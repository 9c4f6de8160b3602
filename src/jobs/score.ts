import { topReasons, type WordedContribution } from '../core/explain-words.js';
import type { AdditiveModel } from '../core/model/additive-model.js';
import { explain, predictProba } from '../core/model/predict.js';
import type { FeatureTable } from '../core/model/feature-table.js';
import { buildModelTable, type ModelTable } from '../data/model-table.js';
import type { Mapping } from '../data/mapping.js';
import type { Store } from '../data/store.js';
import { InputError } from '../errors.js';
import { conformTable, type Unreadable } from '../core/conform-table.js';
import type { ModelFile } from './model-file.js';
import { PREPARE_STEPS, prepareStore, type PrepareOptions, type Prepared } from './prepare.js';
import { SILENT, type Progress } from './progress.js';

export interface ScoredLead {
  readonly leadId: string;
  readonly status: 'won' | 'lost' | 'open';
  readonly estimate: number;
  readonly mql: boolean;
  readonly up: readonly WordedContribution[];
  readonly down: readonly WordedContribution[];
}

export interface ScoreResult {
  readonly prepared: Prepared;
  readonly threshold: number;
  /** Highest estimate first. */
  readonly leads: readonly ScoredLead[];
  /** Model inputs the export lacks: they score as missing. */
  readonly missingInputs: readonly string[];
  /** Inputs the model reads as numbers holding text: those values score as missing. */
  readonly unreadable: readonly Unreadable[];
}

/**
 * Scores every lead of an export with a trained model, each as it stands at the as-of
 * instant within the model's window of days after first contact (or at its decision, for
 * leads already won or lost, if sooner), with its top reasons.
 */
export async function scoreExport(
  store: Store,
  mapping: Mapping,
  file: ModelFile,
  model: AdditiveModel,
  options: PrepareOptions & { readonly threshold?: number },
): Promise<ScoreResult> {
  const progress = options.progress ?? SILENT;
  progress.begin(PREPARE_STEPS + 2);
  try {
    return await score(store, mapping, file, model, options, progress);
  } finally {
    progress.end();
  }
}

async function score(
  store: Store,
  mapping: Mapping,
  file: ModelFile,
  model: AdditiveModel,
  options: PrepareOptions & { readonly threshold?: number },
  progress: Progress,
): Promise<ScoreResult> {
  const { prepared, modelTable, table, missingInputs, unreadable } = await modelInputs(
    store,
    mapping,
    file,
    model,
    options,
  );
  progress.step('scoring and explaining every lead');
  const estimates = predictProba(model, table);
  const threshold = options.threshold ?? file.threshold.value;
  const leads = Array.from(estimates, (estimate, i) => {
    const reasons = topReasons(explain(model, table, i));
    return {
      leadId: modelTable.leadIds[i]!,
      status: modelTable.statuses[i]!,
      estimate,
      mql: estimate >= threshold,
      up: reasons.up,
      down: reasons.down,
    };
  }).sort((a, b) => b.estimate - a.estimate);
  return { prepared, threshold, leads, missingInputs, unreadable };
}

/** The model's input table for an export, shaped to the model's features. */
export async function modelInputs(
  store: Store,
  mapping: Mapping,
  file: ModelFile,
  model: AdditiveModel,
  options: PrepareOptions,
): Promise<{
  prepared: Prepared;
  modelTable: ModelTable;
  table: FeatureTable;
  missingInputs: string[];
  unreadable: Unreadable[];
}> {
  const prepared = await prepareStore(store, mapping, { ...options, allowUnlearnable: true });
  options.progress?.step('building the model table');
  const modelTable = await buildModelTable(store, {
    attributes: prepared.load.attributes,
    columns: file.inputs.columns as Mapping['columns'],
    interactionTypes: file.inputs.interactionTypes,
    windowDays: file.inputs.windowDays,
  });
  const { table, missing, unreadable } = conformTable(modelTable.table, model.features);
  const attributesMissing = file.inputs.attributes.filter((a) => missing.includes(a));
  if (file.inputs.attributes.length > 0 && attributesMissing.length === file.inputs.attributes.length) {
    throw new InputError(
      'model_inputs_missing',
      `None of the model's attributes (${file.inputs.attributes.join(', ')}) is in this export. ` +
        'Score an export mapped the same way as the one the model was trained on.',
    );
  }
  // Interaction columns are always built, as zero counts when the export has no interactions:
  // that silence would read as "never happened", so it is reported like a missing input.
  const interactions = (await store.column<number>('SELECT count(*)::INTEGER FROM interactions'))[0];
  const noInteractions = file.inputs.interactionTypes.length > 0 && !interactions;
  return {
    prepared,
    modelTable,
    table,
    missingInputs: noInteractions ? [...missing, 'interactions (none in this export)'] : missing,
    unreadable,
  };
}
