import { wilsonInterval } from './stats/wilson-interval.js';
import type { LeadMatrix } from './types.js';

/** What the MQL rule would have done on past leads whose outcome is known. */
export interface HistoryCheck {
  readonly leads: number;
  readonly wins: number;
  readonly baseRate: number;
  readonly mqls: number;
  readonly mqlWins: number;
  /** Share of leads sales would work instead of all of them. */
  readonly passedShare: number;
  readonly mqlRate: number;
  readonly mqlRateLow: number;
  readonly mqlRateHigh: number;
  /** Close rate of the leads the rule holds back. */
  readonly heldBackRate: number;
  /** Share of all wins that were MQLs. */
  readonly winsCaughtShare: number;
}

/**
 * Replays the rule on eligible past leads using estimates that did not see the lead itself
 * (out-of-fold), so the figures are what the rule would have done, not what it memorised.
 */
export function historyCheck(
  estimates: Float64Array,
  matrix: LeadMatrix,
  threshold: number,
  confidence: number,
): HistoryCheck {
  let leads = 0, wins = 0, mqls = 0, mqlWins = 0;
  for (let i = 0; i < matrix.count; i++) {
    if (!matrix.eligible[i] || Number.isNaN(estimates[i]!)) continue;
    const won = matrix.won[i]!;
    leads++;
    wins += won;
    if (estimates[i]! >= threshold) {
      mqls++;
      mqlWins += won;
    }
  }
  const { low, high } = wilsonInterval(mqlWins, mqls, confidence);
  return {
    leads,
    wins,
    baseRate: leads > 0 ? wins / leads : 0,
    mqls,
    mqlWins,
    passedShare: leads > 0 ? mqls / leads : 0,
    mqlRate: mqls > 0 ? mqlWins / mqls : 0,
    mqlRateLow: low,
    mqlRateHigh: high,
    heldBackRate: leads - mqls > 0 ? (wins - mqlWins) / (leads - mqls) : 0,
    winsCaughtShare: wins > 0 ? mqlWins / wins : 0,
  };
}
