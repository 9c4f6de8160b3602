import type { AdditiveModel } from '../src/core/model/additive-model.js';
import { predictProba } from '../src/core/model/predict.js';
import { trainAdditiveModel } from '../src/core/model/train.js';
import type { FoldModel } from './quality-cross-validate.js';

/**
 * leadsift's model as the benchmark runs it: default training options, so the figures are
 * what a user gets without tuning, and a fixed seed so that reruns print the same table.
 */
export const LEADSIFT_MODEL: FoldModel<AdditiveModel> = {
  train: (table, labels) => trainAdditiveModel(table, labels, { seed: 1 }),
  predict: (model, table) => predictProba(model, table),
};
