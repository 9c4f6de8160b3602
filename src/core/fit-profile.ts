import { closeRate, type BaseRate, type CloseRate, type RateOptions } from './close-rates.js';
import { wilsonInterval } from './stats/wilson-interval.js';
import type { FeatureCounts } from './types.js';

export interface FitValue extends CloseRate {
  /** Bands keep their numeric order; categories share 0. */
  readonly sortKey: number;
  /** Best customers with this value, and their share of all best customers. */
  readonly best: number;
  readonly shareOfBest: number;
  readonly shareOfBestLow: number;
  readonly shareOfBestHigh: number;
  /** Eligible leads with this value as a share of all eligible leads. */
  readonly shareOfLeads: number;
  /** Over-representation among best customers: share of best over share of leads. */
  readonly representation: number;
}

export interface FitAttribute {
  readonly attribute: string;
  readonly values: readonly FitValue[];
}

export interface FitTotals extends BaseRate {
  readonly best: number;
}

/**
 * Profiles the best customers: for each fit attribute value, how over-represented it is among
 * them compared with all leads, and its own close rate. Values keep their natural order
 * (bands ascending), and within categories the most over-represented come first.
 */
export function fitProfile(
  counts: readonly FeatureCounts[],
  totals: FitTotals,
  options: RateOptions,
): FitAttribute[] {
  const byAttribute = new Map<string, FitValue[]>();
  for (const c of counts) {
    if (c.kind !== 'fit') continue;
    const values = byAttribute.get(c.attribute) ?? [];
    values.push(fitValue(c, totals, options));
    byAttribute.set(c.attribute, values);
  }
  return [...byAttribute].map(([attribute, values]) => ({
    attribute,
    values: values.sort(
      (a, b) =>
        a.sortKey - b.sortKey ||
        b.representation - a.representation ||
        b.leads - a.leads,
    ),
  }));
}

function fitValue(c: FeatureCounts, totals: FitTotals, options: RateOptions): FitValue {
  const shareOfBest = totals.best > 0 ? c.best / totals.best : 0;
  const shareOfLeads = totals.leads > 0 ? c.leads / totals.leads : 0;
  const { low, high } = wilsonInterval(c.best, totals.best, options.confidence);
  return {
    ...closeRate(c, totals, options),
    sortKey: c.sortKey,
    best: c.best,
    shareOfBest,
    shareOfBestLow: low,
    shareOfBestHigh: high,
    shareOfLeads,
    representation: shareOfLeads > 0 ? shareOfBest / shareOfLeads : 0,
  };
}
