import { wilsonInterval } from './stats/wilson-interval.js';

/** How to set the MQL threshold: a close rate, what sales can take, or wins to keep. */
export type ThresholdRule =
  | { readonly by: 'rate'; readonly rate: number }
  | { readonly by: 'capacity'; readonly leadsPerWeek: number; readonly arrivalsPerWeek: number }
  | { readonly by: 'wins'; readonly share: number };

export interface TradeOff {
  /** Leads whose estimate is at or above this are passed to sales. */
  readonly threshold: number;
  readonly passed: number;
  readonly passedShare: number;
  readonly closeRate: number;
  readonly closeRateLow: number;
  readonly closeRateHigh: number;
  readonly winsCaught: number;
  readonly winsCaughtShare: number;
  /** Wins among the leads held back: deals sales would not have worked. */
  readonly winsMissed: number;
}

/**
 * The threshold a rule implies, read off past leads' estimates (out-of-fold, so the figures
 * are what the rule would have done) and outcomes.
 * - rate: the estimate threshold itself.
 * - capacity: the estimate of the last lead that fits when sales take `leadsPerWeek` of the
 *   `arrivalsPerWeek` leads arriving.
 * - wins: the highest threshold whose MQLs include at least `share` of past wins.
 */
export function chooseThreshold(estimates: Float64Array, labels: Uint8Array, rule: ThresholdRule): number {
  if (rule.by === 'rate') return rule.rate;
  if (rule.by === 'capacity') {
    const sorted = Float64Array.from(estimates).sort().reverse();
    const share = Math.min(1, rule.leadsPerWeek / rule.arrivalsPerWeek);
    const take = Math.max(1, Math.floor(share * sorted.length));
    return sorted[take - 1] ?? 1;
  }
  const order = Array.from(estimates.keys()).sort((a, b) => estimates[b]! - estimates[a]!);
  const wins = labels.reduce((sum, y) => sum + y, 0);
  let caught = 0;
  for (const i of order) {
    caught += labels[i]!;
    if (caught >= rule.share * wins) return estimates[i]!;
  }
  return 0;
}

/** What passing leads at each threshold would have meant on past leads. */
export function tradeOffTable(
  estimates: Float64Array,
  labels: Uint8Array,
  thresholds: readonly number[],
  confidence = 0.95,
): TradeOff[] {
  const wins = labels.reduce((sum, y) => sum + y, 0);
  return thresholds.map((threshold) => {
    let passed = 0;
    let caught = 0;
    for (let i = 0; i < estimates.length; i++) {
      if (estimates[i]! < threshold) continue;
      passed++;
      caught += labels[i]!;
    }
    const { low, high } = wilsonInterval(caught, passed, confidence);
    return {
      threshold,
      passed,
      passedShare: estimates.length > 0 ? passed / estimates.length : 0,
      closeRate: passed > 0 ? caught / passed : 0,
      closeRateLow: low,
      closeRateHigh: high,
      winsCaught: caught,
      winsCaughtShare: wins > 0 ? caught / wins : 0,
      winsMissed: wins - caught,
    };
  });
}

/** Candidate thresholds for the table: round close rates around the chosen one. */
export const CANDIDATE_THRESHOLDS = [
  0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5,
] as const;

/** Leads arriving per week over the span of their created dates. */
export function arrivalsPerWeek(createdAt: Float64Array): number {
  const dated = createdAt.filter((t) => !Number.isNaN(t));
  if (dated.length < 2) return dated.length;
  // A loop, not Math.max(...dated): spreading millions of arguments overflows the stack.
  let first = Infinity;
  let last = -Infinity;
  for (const t of dated) {
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  const weeks = (last - first) / (7 * 86_400_000);
  return weeks > 0 ? dated.length / weeks : dated.length;
}
