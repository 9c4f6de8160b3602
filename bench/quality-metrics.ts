import {
  averagePrecision,
  brierScore,
  logLoss,
  reliability,
  rocAuc,
} from '../src/core/evaluate/index.js';

/** The benchmark's figures for one model on one dataset, pooled over all rows. */
export interface QualityFigures {
  readonly rocAuc: number;
  readonly prAuc: number;
  readonly brier: number;
  readonly logLoss: number;
  /** Expected calibration error over deciles of the estimates. */
  readonly ece: number;
}

/**
 * peers.py clips pooled predictions to [1e-6, 1 − 1e-6] before every metric; doing the same
 * keeps log loss comparable (an estimate of 1e-9 for a win would otherwise cost 20.7 nats
 * here and 13.8 there).
 */
export const PEERS_CLIP = 1e-6;

/**
 * ROC AUC, PR AUC (average precision), Brier score, log loss and ECE of pooled out-of-fold
 * estimates, computed once over all rows rather than averaged per fold, as peers.py does.
 *
 * @throws RangeError when an estimate is missing (NaN) or outside [0, 1].
 */
export function qualityFigures(predictions: Float64Array, labels: Uint8Array): QualityFigures {
  // Out-of-range values pass unclipped so that the metrics reject them instead of hiding them.
  const clipped = predictions.map((p) => (p >= 0 && p <= 1 ? clip(p) : p));
  return {
    rocAuc: rocAuc(clipped, labels),
    prAuc: averagePrecision(clipped, labels),
    brier: brierScore(clipped, labels),
    logLoss: logLoss(clipped, labels),
    ece: reliability(clipped, labels).expectedCalibrationError,
  };
}

function clip(p: number): number {
  return Math.min(1 - PEERS_CLIP, Math.max(PEERS_CLIP, p));
}
