export type {
  CategoricalColumn,
  FeatureColumn,
  FeatureTable,
  NumericColumn,
} from './feature-table.js';
export {
  binCount,
  binLabel,
  MISSING_BIN,
  OTHER_BIN,
  type BinDefinition,
  type CategoricalBins,
  type NumericBins,
} from './bin-definition.js';
export {
  applyBins,
  DEFAULT_BINNING,
  fitBins,
  type BinIndices,
  type BinnedTable,
  type BinningOptions,
} from './binning.js';
export {
  termName,
  type AdditiveModel,
  type MainTerm,
  type ModelTerm,
  type PairCandidateSummary,
  type PairTerm,
  type TrainingSummary,
} from './additive-model.js';
export { trainAdditiveModel } from './train.js';
export {
  DEFAULT_TRAINING,
  type ResolvedTrainOptions,
  type TrainOptions,
} from './train-options.js';
export {
  binnedFor,
  explain,
  predictLogit,
  predictProba,
  termScore,
  type Contribution,
  type Explanation,
  type ScoringInput,
} from './predict.js';
export { globalImportance, type TermImportance } from './global-importance.js';
export {
  fromModelJson,
  MODEL_FORMAT,
  MODEL_VERSION,
  ModelFormatError,
  toModelJson,
  type ModelJson,
} from './model-json.js';
export { modelToSql, type SqlDialect, type SqlOptions } from './to-sql.js';
