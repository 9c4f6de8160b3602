import type { CloseRate } from './close-rates.js';
import type { FitAttribute } from './fit-profile.js';
import type { HistoryCheck } from './history-check.js';
import type { TimeRules } from './time-rules.js';
import type { Totals } from './types.js';

/** Everything one analysis found, as plain data: renderers read it, nothing recomputes it. */
export interface Analysis {
  readonly version: 1;
  readonly settings: AnalysisSettings;
  readonly inputs: readonly { file: string; role: string; rows: number }[];
  readonly rejects: readonly { file: string; reason: string; rows: number }[];
  /** Things about the data or settings that change how far the figures can be trusted. */
  readonly notes: readonly string[];
  readonly timeRules: TimeRules;
  readonly totals: Totals;
  readonly baseRate: RateSummary;
  /** The base rate had the time rules been ignored. */
  readonly naiveBaseRate: RateSummary;
  readonly interactions: readonly CloseRate[];
  readonly fit: readonly FitAttribute[];
  readonly bestCustomers: BestCustomers;
  readonly scorer: ScorerSummary;
  readonly history: HistoryCheck;
  readonly mqlSummary: { readonly total: number; readonly open: number };
}

export interface AnalysisSettings {
  readonly threshold: number;
  readonly confidence: number;
  readonly minLeads: number;
  readonly bestQuantile: number;
  readonly seed: number;
  readonly folds: number;
}

export interface RateSummary {
  readonly leads: number;
  readonly wins: number;
  readonly rate: number;
  readonly low: number;
  readonly high: number;
}

export interface BestCustomers {
  readonly count: number;
  /** Wins closing at or under this many days are the best customers; null: all wins. */
  readonly cycleDaysAtMost: number | null;
  readonly definition: string;
  readonly activity: readonly {
    readonly group: string;
    readonly leads: number;
    readonly medianInteractions: number;
    readonly meanInteractions: number;
    readonly medianDistinctTypes: number;
  }[];
  /** Interactions most common among best customers, with their share among all leads. */
  readonly commonInteractions: readonly {
    readonly label: string;
    readonly shareOfBest: number;
    readonly shareOfLeads: number;
  }[];
}

export interface ScorerSummary {
  readonly method: string;
  readonly baseRate: number;
  readonly priorStrength: number;
  readonly intercept: number;
  readonly slope: number;
  readonly logLossByPrior: readonly { priorStrength: number; logLoss: number }[];
}
