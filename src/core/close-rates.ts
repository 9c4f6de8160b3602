import { leadsToSettle } from './stats/leads-to-settle.js';
import { wilsonInterval } from './stats/wilson-interval.js';
import type { FeatureCounts } from './types.js';

/** Where an interaction or attribute value stands against the threshold close rate. */
export const VERDICTS = ['qualifies', 'promising', 'below', 'not_enough_data'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface RateOptions {
  readonly threshold: number;
  readonly confidence: number;
  /** Fewer eligible leads than this and the value is marked as not enough data. */
  readonly minLeads: number;
}

export interface CloseRate {
  readonly featureId: number;
  readonly kind: 'interaction' | 'fit';
  readonly attribute: string;
  readonly value: string;
  readonly label: string;
  readonly leads: number;
  readonly wins: number;
  readonly rate: number;
  readonly low: number;
  readonly high: number;
  /** Close rate over the base close rate. */
  readonly lift: number;
  readonly verdict: Verdict;
  /** For promising values: about how many more leads at this rate would settle it. */
  readonly leadsToSettle: number | null;
  /** The rate if time rules were ignored (all leads, interactions at any time). */
  readonly naive: { readonly leads: number; readonly wins: number; readonly rate: number };
}

export interface BaseRate {
  readonly leads: number;
  readonly wins: number;
}

/**
 * Close rate of each interaction type or attribute value with its Wilson interval, lift and
 * verdict. A value qualifies only when the lower end of its interval reaches the threshold:
 * a high rate on few leads is promising, not proven.
 */
export function closeRate(counts: FeatureCounts, base: BaseRate, options: RateOptions): CloseRate {
  const rate = counts.leads > 0 ? counts.wins / counts.leads : 0;
  const { low, high } = wilsonInterval(counts.wins, counts.leads, options.confidence);
  const baseRate = base.leads > 0 ? base.wins / base.leads : 0;
  const verdict = verdictOf(counts.leads, rate, low, options);
  return {
    featureId: counts.featureId,
    kind: counts.kind,
    attribute: counts.attribute,
    value: counts.value,
    label: featureLabel(counts),
    leads: counts.leads,
    wins: counts.wins,
    rate,
    low,
    high,
    lift: baseRate > 0 ? rate / baseRate : 0,
    verdict,
    leadsToSettle:
      verdict === 'promising'
        ? leadsToSettle(counts.wins, counts.leads, options.threshold, options.confidence)
        : null,
    naive: {
      leads: counts.naiveLeads,
      wins: counts.naiveWins,
      rate: counts.naiveLeads > 0 ? counts.naiveWins / counts.naiveLeads : 0,
    },
  };
}

function verdictOf(leads: number, rate: number, low: number, options: RateOptions): Verdict {
  if (leads < options.minLeads) return 'not_enough_data';
  if (low >= options.threshold) return 'qualifies';
  if (rate > options.threshold) return 'promising';
  return 'below';
}

/**
 * The ranked close-rate table of interactions: values with enough data by close rate, then
 * the rest, so that a 1-of-1 never tops the list.
 */
export function rankCloseRates(rates: readonly CloseRate[]): CloseRate[] {
  return [...rates].sort(
    (a, b) =>
      Number(a.verdict === 'not_enough_data') - Number(b.verdict === 'not_enough_data') ||
      b.rate - a.rate ||
      b.leads - a.leads ||
      a.label.localeCompare(b.label),
  );
}

export function featureLabel(f: Pick<FeatureCounts, 'attribute' | 'value'>): string {
  return f.attribute === 'interaction' ? f.value : `${f.attribute} = ${f.value}`;
}
