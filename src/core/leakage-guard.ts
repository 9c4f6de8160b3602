import { rocAucOfCodes } from './single-column-auc.js';
import type { FeatureColumn, FeatureTable } from './model/feature-table.js';

/** Why a column looks like it gives the outcome away. */
export const LEAK_REASONS = ['filled_for_one_outcome', 'recorded_after_outcome', 'near_perfect'] as const;
export type LeakReason = (typeof LEAK_REASONS)[number];

export interface LeakFinding {
  readonly column: string;
  readonly reason: LeakReason;
  /** The evidence in words, with its numbers. */
  readonly detail: string;
}

export interface LeakageOptions {
  /** Cross-fitted single-column ROC AUC at or above which a column is near-perfect. */
  readonly nearPerfectAuc: number;
  readonly seed: number;
  /**
   * Days from each row's outcome to each date column's value (positive: after the outcome),
   * NaN where either is unknown. Only date columns have an entry.
   */
  readonly daysAfterOutcome?: ReadonlyMap<string, Float64Array>;
}

/**
 * Flags columns that give the outcome away, one finding per column (the first test it fails), so they can be left out before training:
 * - filled for one outcome only: at least 99.5 % missing among leads of one outcome while
 *   at least 5 % (and 10 rows) are filled among the other, like deal fields that exist only
 *   once a deal is won;
 * - recorded after the outcome: a date column whose filled values fall after the row's own
 *   outcome for most rows;
 * - near-perfect: the column alone ranks won above lost with a cross-fitted ROC AUC of at
 *   least `nearPerfectAuc` (0.95 by default), which no honest pre-sale signal achieves.
 * A column predicting as well as all others together (bank marketing's call duration) needs
 * the model to judge; see `rivalsEverything`.
 */
export function leakageFindings(
  table: FeatureTable,
  labels: Uint8Array,
  options: LeakageOptions,
): LeakFinding[] {
  const findings: LeakFinding[] = [];
  for (const column of table.columns) {
    const finding =
      filledForOneOutcome(column, labels) ??
      recordedAfter(column.name, options.daysAfterOutcome) ??
      nearPerfect(column, labels, options);
    if (finding) findings.push(finding);
  }
  return findings;
}

/**
 * The second test for a leak: a column that alone predicts about as well as every other
 * column together (within `margin` of ROC AUC), while clearly better than chance.
 */
export function rivalsEverything(
  column: string,
  aloneAuc: number,
  othersAuc: number,
  margin = 0.01,
): LeakFinding | undefined {
  if (aloneAuc < 0.7 || aloneAuc < othersAuc - margin) return undefined;
  return {
    column,
    reason: 'near_perfect',
    detail:
      `on its own it predicts as well as all other columns together (ROC AUC ` +
      `${aloneAuc.toFixed(3)} vs ${othersAuc.toFixed(3)}): typical of a value known only after the outcome`,
  };
}

function recordedAfter(
  name: string,
  daysAfterOutcome: ReadonlyMap<string, Float64Array> | undefined,
): LeakFinding | undefined {
  const days = daysAfterOutcome?.get(name);
  return days ? recordedAfterOutcome(name, days) : undefined;
}

/** ROC AUC of the column used alone, cross-fitted over two seeded halves. */
export function singleColumnAuc(column: FeatureColumn, labels: Uint8Array, seed: number): number {
  return rocAucOfCodes(codesOf(column), labels, seed);
}

function nearPerfect(
  column: FeatureColumn,
  labels: Uint8Array,
  options: LeakageOptions,
): LeakFinding | undefined {
  const auc = singleColumnAuc(column, labels, options.seed);
  if (!(auc >= options.nearPerfectAuc)) return undefined;
  return {
    column: column.name,
    reason: 'near_perfect',
    detail: `on its own it separates won from not won with ROC AUC ${auc.toFixed(3)} (cross-fitted)`,
  };
}

function filledForOneOutcome(column: FeatureColumn, labels: Uint8Array): LeakFinding | undefined {
  const filled = [0, 0];
  const total = [0, 0];
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    total[y]!++;
    if (!isMissing(column, i)) filled[y]!++;
  }
  // With one outcome absent there is nothing to contrast a column's filling against.
  if (total[0] === 0 || total[1] === 0) return undefined;
  for (const y of [0, 1]) {
    const other = 1 - y;
    const emptyShare = total[y]! > 0 ? 1 - filled[y]! / total[y]! : 1;
    const otherShare = total[other]! > 0 ? filled[other]! / total[other]! : 0;
    if (emptyShare >= 0.995 && otherShare >= 0.05 && filled[other]! >= 10) {
      const outcome = (o: number) => (o === 1 ? 'won' : 'not won');
      return {
        column: column.name,
        reason: 'filled_for_one_outcome',
        detail:
          `filled for ${(otherShare * 100).toFixed(1)} % of ${outcome(other)} leads but ` +
          `${((1 - emptyShare) * 100).toFixed(1)} % of ${outcome(y)} leads`,
      };
    }
  }
  return undefined;
}

function recordedAfterOutcome(name: string, days: Float64Array): LeakFinding | undefined {
  let known = 0;
  let after = 0;
  for (const d of days) {
    if (Number.isNaN(d)) continue;
    known++;
    if (d > 0) after++;
  }
  if (known < 10 || after / known < 0.5) return undefined;
  return {
    column: name,
    reason: 'recorded_after_outcome',
    detail: `${((after / known) * 100).toFixed(0)} % of its dates fall after the lead's own outcome`,
  };
}

function isMissing(column: FeatureColumn, i: number): boolean {
  return column.kind === 'numeric' ? Number.isNaN(column.values[i]!) : column.codes[i]! < 0;
}

/** Groups a column's values into codes: categories as they are, numbers in 20 quantile bins. */
function codesOf(column: FeatureColumn): Int32Array {
  if (column.kind === 'categorical') return column.codes;
  const present = column.values.filter((v) => !Number.isNaN(v)).sort();
  const cuts: number[] = [];
  for (let k = 1; k < 20; k++) {
    const cut = present[Math.floor((k * present.length) / 20)];
    if (cut !== undefined && cut !== cuts[cuts.length - 1]) cuts.push(cut);
  }
  return Int32Array.from(column.values, (v) => {
    if (Number.isNaN(v)) return -1;
    let code = 0;
    while (code < cuts.length && v >= cuts[code]!) code++;
    return code;
  });
}
