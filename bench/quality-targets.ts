import type { QualityFigures } from './quality-metrics.js';
import type { PeerRow } from './quality-peers.js';

/** leadsift's targets: ROC AUC at most this far below the best peer's… */
export const AUC_MARGIN = 0.005;
/** …and a Brier score at most this far above the best peer's. */
export const BRIER_MARGIN = 0.002;

export interface PeerComparison {
  /** The peer with the highest ROC AUC, and leadsift's AUC minus its AUC. */
  readonly bestAuc: PeerRow;
  readonly aucDifference: number;
  readonly aucHolds: boolean;
  /** The peer with the lowest Brier score, and leadsift's Brier minus its Brier. */
  readonly bestBrier: PeerRow;
  readonly brierDifference: number;
  readonly brierHolds: boolean;
}

/**
 * leadsift against the best peer on each metric separately (the best AUC and the best Brier
 * may come from different models). peers.md gives 4 decimals, so leadsift's figures are
 * rounded to 4 decimals too before subtracting: the printed difference is the one judged.
 *
 * @throws RangeError when `peers` is empty.
 */
export function compareWithPeers(
  leadsift: QualityFigures,
  peers: readonly PeerRow[],
): PeerComparison {
  const [first] = peers;
  if (!first) throw new RangeError('peers must list at least one model');
  const bestAuc = peers.reduce((best, p) => (p.rocAuc > best.rocAuc ? p : best), first);
  const bestBrier = peers.reduce((best, p) => (p.brier < best.brier ? p : best), first);
  const aucDifference = round4(round4(leadsift.rocAuc) - bestAuc.rocAuc);
  const brierDifference = round4(round4(leadsift.brier) - bestBrier.brier);
  return {
    bestAuc,
    aucDifference,
    aucHolds: aucDifference >= -AUC_MARGIN,
    bestBrier,
    brierDifference,
    brierHolds: brierDifference <= BRIER_MARGIN,
  };
}

/** Rounds to 4 decimals, also clearing the float noise of subtracting two such numbers. */
function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
