import { averagePrecision } from '../core/evaluate/average-precision.js';
import { brierScore } from '../core/evaluate/brier.js';
import { liftTable, type LiftRow } from '../core/evaluate/lift-table.js';
import { logLoss } from '../core/evaluate/log-loss.js';
import { reliability, type Reliability } from '../core/evaluate/reliability.js';
import { rocAuc } from '../core/evaluate/roc-auc.js';

/** How well estimates matched what happened: ranking, calibration and lift. */
export interface Quality {
  readonly rows: number;
  readonly wins: number;
  readonly rocAuc: number;
  readonly prAuc: number;
  readonly brier: number;
  readonly logLoss: number;
  readonly reliability: Reliability;
  readonly lift: readonly LiftRow[];
}

/** Quality of estimates against outcomes; rows without an estimate (NaN) are skipped. */
export function qualityOf(estimates: Float64Array, labels: Uint8Array): Quality {
  const keep = Array.from(estimates.keys()).filter((i) => !Number.isNaN(estimates[i]!));
  const p = Float64Array.from(keep, (i) => estimates[i]!);
  const y = Uint8Array.from(keep, (i) => labels[i]!);
  return {
    rows: p.length,
    wins: y.reduce((sum, v) => sum + v, 0),
    rocAuc: rocAuc(p, y),
    prAuc: averagePrecision(p, y),
    brier: brierScore(p, y),
    logLoss: logLoss(p, y),
    reliability: reliability(p, y),
    lift: liftTable(p, y),
  };
}
