import type { CloseRate } from './close-rates.js';
import type { Contribution } from './lead-scorer.js';

export interface Reason {
  readonly label: string;
  readonly rate: number;
  readonly low: number;
  readonly high: number;
  readonly leads: number;
  readonly logOdds: number;
}

/**
 * The features that lifted a lead's estimate, worded by their own close rates. Only
 * contributions that raise the estimate by a visible amount are reasons.
 */
export function reasonsFor(
  contributions: readonly Contribution[],
  rates: ReadonlyMap<number, CloseRate>,
  limit = 3,
): Reason[] {
  const reasons: Reason[] = [];
  for (const c of contributions) {
    if (reasons.length >= limit || c.logOdds < 0.05) break;
    const rate = rates.get(c.featureId);
    if (!rate) continue;
    reasons.push({
      label: rate.label,
      rate: rate.rate,
      low: rate.low,
      high: rate.high,
      leads: rate.leads,
      logOdds: c.logOdds,
    });
  }
  return reasons;
}

export function formatReason(r: Reason): string {
  return `${r.label}: ${percent(r.rate)} [${percent(r.low, false)}-${percent(r.high, false)}], n = ${r.leads}`;
}

export function percent(p: number, sign = true): string {
  const digits = p < 0.1 ? 1 : p < 0.995 ? 1 : 0;
  return `${(p * 100).toFixed(digits)}${sign ? ' %' : ''}`;
}
