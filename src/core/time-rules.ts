import { quantileSorted } from './stats/quantile.js';

export interface TimeRulesInput {
  readonly asOf: Date | null;
  /** Sorted days from first contact to win. */
  readonly wonCycleDays: Float64Array;
  /** Sorted days from first contact to win or loss. */
  readonly closedCycleDays: Float64Array;
  readonly firstOutcomeAt: Date | null;
  readonly createdBeforeFirstOutcome: readonly { daysBefore: number; leads: number }[];
  readonly decidedShareAfterFirstOutcome: number;
}

export interface TimeRulesOptions {
  /** Fixed horizon in days; by default the `horizonQuantile` of observed time-to-win. */
  readonly horizonDays?: number;
  readonly horizonQuantile?: number;
  /** Fixed start of the period in which outcomes were recorded; detected by default. */
  readonly outcomesFrom?: Date;
  /** Expected count of unseen early outcomes above which recording is judged to start late. */
  readonly lateStartEvidence?: number;
}

export interface TimeRules {
  readonly asOf: Date | null;
  readonly horizonDays: number | null;
  readonly horizonSource: string;
  /** Leads created before this had part of their chance to close go unrecorded. */
  readonly outcomesFrom: Date | null;
  readonly outcomesFromSource: string;
  /**
   * How many won or lost outcomes we would expect to see dated before the first recorded one,
   * had recording started with the first lead. None are seen, by definition; a large number
   * means early outcomes were not recorded.
   */
  readonly expectedEarlyOutcomes: number;
}

/**
 * Decides the time rules: the "as of" instant, the horizon after which an undecided lead is
 * taken as not closing, and whether outcomes were recorded only from some date on.
 *
 * Late recording is detected by comparing what we see before the first outcome (nothing, by
 * definition) with what the later data predicts: each lead created d days before it would have
 * been decided by then with probability q·F(d), q the decided share and F the empirical
 * distribution of decision times. With λ the sum, P(seeing none) = exp(-λ); λ ≥ 5 (p < 0.7 %)
 * is the default bar.
 */
export function decideTimeRules(input: TimeRulesInput, options: TimeRulesOptions = {}): TimeRules {
  const quantile = options.horizonQuantile ?? 0.9;
  const horizon = horizonOf(input.wonCycleDays, quantile, options.horizonDays);
  const expected = expectedEarlyOutcomes(input);
  const bar = options.lateStartEvidence ?? 5;
  let outcomesFrom: Date | null = null;
  let outcomesFromSource = 'outcomes look recorded from the first lead on';
  if (options.outcomesFrom) {
    outcomesFrom = options.outcomesFrom;
    outcomesFromSource = 'given';
  } else if (input.firstOutcomeAt && expected >= bar) {
    outcomesFrom = input.firstOutcomeAt;
    outcomesFromSource =
      `detected: no outcome is dated before ${isoDay(input.firstOutcomeAt)}, where the ` +
      `later data predicts ${expected.toFixed(1)}`;
  }
  return {
    asOf: input.asOf,
    horizonDays: horizon.days,
    horizonSource: horizon.source,
    outcomesFrom,
    outcomesFromSource,
    expectedEarlyOutcomes: expected,
  };
}

function horizonOf(
  wonCycles: Float64Array,
  quantile: number,
  fixed: number | undefined,
): { days: number | null; source: string } {
  if (fixed !== undefined) return { days: fixed, source: 'given' };
  if (wonCycles.length === 0) return { days: null, source: 'no dated wins: no horizon applied' };
  const days = Math.ceil(quantileSorted(wonCycles, quantile));
  return {
    days,
    source: `${Math.round(quantile * 100)}th percentile of ${wonCycles.length} observed times to win`,
  };
}

export function expectedEarlyOutcomes(input: TimeRulesInput): number {
  const closed = input.closedCycleDays;
  if (closed.length === 0) return 0;
  let total = 0;
  for (const { daysBefore, leads } of input.createdBeforeFirstOutcome) {
    total += leads * input.decidedShareAfterFirstOutcome * ecdf(closed, daysBefore);
  }
  return total;
}

/** Share of sorted values at or below x. */
function ecdf(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! <= x) low = mid + 1;
    else high = mid;
  }
  return low / sorted.length;
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
