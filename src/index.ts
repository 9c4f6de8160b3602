/**
 * leadsift as a library: the main job, the mapping, and the pure core it is built on.
 * The CLI (`leadsift analyze`, `leadsift demo`) is a thin layer over these exports.
 */
export { analyze } from './jobs/analyze.js';
export type { AnalyzeOptions, AnalyzeResult, Mql } from './jobs/analyze.js';
export { loadMapping, parseMapping, mappingSchema } from './data/mapping.js';
export type { Mapping, ColumnOptions } from './data/mapping.js';
export { guessMapping, dataFiles } from './data/guess-mapping.js';
export { openStore } from './data/store.js';
export type { Store } from './data/store.js';
export { InputError, UsageError } from './errors.js';

export type { Analysis } from './core/analysis.js';
export { closeRate, rankCloseRates, VERDICTS } from './core/close-rates.js';
export type { CloseRate, Verdict } from './core/close-rates.js';
export { fitProfile } from './core/fit-profile.js';
export type { FitAttribute, FitValue } from './core/fit-profile.js';
export { fitLeadScorer, scoreLeads, contributions } from './core/lead-scorer.js';
export type { LeadScorer } from './core/lead-scorer.js';
export { historyCheck } from './core/history-check.js';
export { decideTimeRules } from './core/time-rules.js';
export * from './core/stats/index.js';

export {
  generateFunnel,
  writeFunnelCsv,
  writeFunnelParquet,
  trueCloseRates,
  DEFAULT_FUNNEL_MODEL,
} from './synth/index.js';

export {
  trainAdditiveModel,
  predictProba,
  predictLogit,
  explain,
  globalImportance,
  toModelJson,
  fromModelJson,
  modelToSql,
} from './core/model/index.js';
export type { AdditiveModel, FeatureTable } from './core/model/index.js';
export { trainModel } from './jobs/train.js';
export { scoreExport } from './jobs/score.js';
export { backtest } from './jobs/backtest.js';
export { readModelFile, buildModelFile } from './jobs/model-file.js';
export { leakageFindings } from './core/leakage-guard.js';
export { chooseThreshold, tradeOffTable } from './core/threshold-choice.js';
export * from './core/evaluate/index.js';
