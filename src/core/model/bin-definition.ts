import { bandIndex, bandLabel } from '../stats/quantile-bands.js';

/** Bin 0 of every feature holds its missing values (NaN, or categorical code −1). */
export const MISSING_BIN = 0;

/** Bin 1 of a categorical feature holds rare categories and those never seen in training. */
export const OTHER_BIN = 1;

/**
 * Bins of a numeric feature: bin 0 holds missing values and bin 1 + i the values x with
 * cuts[i − 1] <= x < cuts[i] (the `bandIndex` convention: a value equal to a cut point
 * belongs to the bin above it). With k cut points there are k + 2 bins.
 */
export interface NumericBins {
  readonly kind: 'numeric';
  readonly name: string;
  /** Strictly ascending and finite. */
  readonly cuts: readonly number[];
}

/**
 * Bins of a categorical feature: bin 0 holds missing values, bin 1 ("other") every category
 * not listed, and bin 2 + g the categories of `groups[g]`. Categories are matched by their
 * string, never by a table's code, so a table scored later may number them differently.
 */
export interface CategoricalBins {
  readonly kind: 'categorical';
  readonly name: string;
  readonly groups: readonly (readonly string[])[];
}

export type BinDefinition = NumericBins | CategoricalBins;

/** Number of bins of a feature, missing (and, for categories, "other") included. */
export function binCount(bins: BinDefinition): number {
  return bins.kind === 'numeric' ? bins.cuts.length + 2 : bins.groups.length + 2;
}

/**
 * Bin of one numeric value under `cuts` (see `NumericBins`): NaN gives the missing bin,
 * ±Infinity the first or last interval.
 */
export function numericBin(value: number, cuts: readonly number[]): number {
  return Number.isNaN(value) ? MISSING_BIN : 1 + bandIndex(value, cuts);
}

/**
 * Human label of a bin: "missing", "other", the categories joined by " | ", or an interval in
 * the `bandLabel` style ("< 25", "25 – < 30.5", "≥ 60") with cut points to 6 significant
 * digits, which can make very close cut points print alike (the model JSON keeps them
 * exactly).
 *
 * @throws RangeError when `bin` is not a bin of this feature.
 */
export function binLabel(bins: BinDefinition, bin: number): string {
  const count = binCount(bins);
  if (!Number.isInteger(bin) || bin < 0 || bin >= count) {
    throw new RangeError(`bin of "${bins.name}" must be an integer from 0 to ${count - 1}`);
  }
  if (bin === MISSING_BIN) return 'missing';
  if (bins.kind === 'numeric') {
    if (bins.cuts.length === 0) return 'any value';
    return bandLabel(bin - 1, bins.cuts, formatCut);
  }
  if (bin === OTHER_BIN) return 'other';
  return (bins.groups[bin - 2] as readonly string[]).join(' | ');
}

function formatCut(value: number): string {
  return String(Number(value.toPrecision(6)));
}
