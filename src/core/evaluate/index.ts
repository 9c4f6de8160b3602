export { rocAuc } from './roc-auc.js';
export { averagePrecision } from './average-precision.js';
export { brierScore } from './brier.js';
export { logLoss, LOG_LOSS_EPSILON } from './log-loss.js';
export { reliability } from './reliability.js';
export type { Reliability, ReliabilityBin, ReliabilityOptions } from './reliability.js';
export { liftTable } from './lift-table.js';
export type { LiftRow } from './lift-table.js';
