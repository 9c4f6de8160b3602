import type { BenchmarkDataset } from '../src/data/dataset-tables.js';

/** One peer model's pooled out-of-fold figures on one dataset. */
export interface PeerRow {
  readonly model: string;
  readonly rocAuc: number;
  readonly prAuc: number;
  readonly brier: number;
  readonly logLoss: number;
}

/**
 * The peers' figures, copied from the table in ../shared/docs/peers.md (scikit-learn 1.2 and
 * XGBoost 1.7 by ../shared/tools/peers.py, 5-fold stratified CV on the fold files). Copied
 * rather than recomputed because the benchmark must run where scikit-learn is not
 * installed; rerun peers.py and update these if the datasets or folds change.
 */
export const PEERS: Readonly<Record<BenchmarkDataset, readonly PeerRow[]>> = {
  olist: [
    peer('logistic regression', 0.6843, 0.1779, 0.0905, 0.3167),
    peer('hist. gradient boosting', 0.6653, 0.1717, 0.0913, 0.3217),
    peer('XGBoost', 0.6799, 0.1838, 0.0908, 0.3184),
    peer('naive Bayes', 0.6599, 0.16, 0.0974, 0.3778),
  ],
  bank: [
    peer('logistic regression', 0.7915, 0.4513, 0.0784, 0.2769),
    peer('hist. gradient boosting', 0.8041, 0.4721, 0.0764, 0.27),
    peer('XGBoost', 0.8027, 0.4731, 0.0765, 0.2705),
    peer('naive Bayes', 0.7802, 0.3972, 0.1117, 0.6359),
  ],
  bohanec: [
    peer('logistic regression', 0.8185, 0.7954, 0.1743, 0.5288),
    peer('hist. gradient boosting', 0.8378, 0.8328, 0.1646, 0.4968),
    peer('XGBoost', 0.8451, 0.8382, 0.1661, 0.5054),
    peer('naive Bayes', 0.8202, 0.7835, 0.2036, 0.9442),
  ],
  maven: [
    peer('logistic regression', 0.4991, 0.6311, 0.2351, 0.6635),
    peer('hist. gradient boosting', 0.4867, 0.6172, 0.2344, 0.6618),
    peer('XGBoost', 0.498, 0.6332, 0.24, 0.6744),
    peer('naive Bayes', 0.5091, 0.6367, 0.2545, 0.7175),
  ],
};

function peer(
  model: string,
  rocAuc: number,
  prAuc: number,
  brier: number,
  logLoss: number,
): PeerRow {
  return { model, rocAuc, prAuc, brier, logLoss };
}
