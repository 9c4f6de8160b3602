import { sortedWithoutNaN } from '../stats/quantile.js';
import {
  binCount,
  MISSING_BIN,
  OTHER_BIN,
  type BinDefinition,
  type CategoricalBins,
  type NumericBins,
} from './bin-definition.js';
import { equalFrequencyBreaks } from './equal-frequency-breaks.js';
import type { CategoricalColumn, FeatureColumn, FeatureTable } from './feature-table.js';

/** Bin indices of one feature, one per row; 16 bits only when a feature has over 256 bins. */
export type BinIndices = Uint8Array | Uint16Array;

/** A table turned into bin indices, one column per bin definition and in the same order. */
export interface BinnedTable {
  readonly rows: number;
  readonly indices: readonly BinIndices[];
}

export interface BinningOptions {
  /** Most intervals per numeric feature (missing bin apart); default 255, at most 1024. */
  readonly maxBins?: number;
  /** Fewest training rows for a category to keep a bin of its own; default 5. */
  readonly minCategoryCount?: number;
  /** Most categories with a bin of their own (the most frequent win); default 254. */
  readonly maxCategories?: number;
}

export const DEFAULT_BINNING = {
  maxBins: 255,
  minCategoryCount: 5,
  maxCategories: 254,
} as const;

/**
 * Bin definitions learned from the training rows, one per column of `table`, in its order.
 *
 * Numeric method: greedy equal-frequency binning over the sorted distinct values
 * (`equalFrequencyBreaks`, the scheme of LightGBM's and EBM's quantile binning), so a value
 * repeated on most rows (e.g. `pdays = 999`) takes one bin and the others share the rest
 * evenly; this rather than type 7 quantiles, which tie on such data. Cut points sit
 * at the midpoint between the last value of one bin and the first of the next, so values
 * never seen in training fall to the nearer side. With at most `maxBins` distinct values every
 * value gets its own bin.
 * Categorical method: categories seen at least `minCategoryCount` times keep their own bin,
 * ordered by falling count (then by string); rarer ones share the "other" bin with the
 * categories first met at scoring time. Counts are unweighted.
 *
 * Degenerate cases: a numeric column with no or one distinct value gets no cut point (one
 * interval besides the missing bin); a categorical column without frequent categories gets
 * only its missing and "other" bins. ±Infinity are ordinary extreme values; a cut point is
 * always finite.
 *
 * @throws RangeError for options out of range.
 */
export function fitBins(table: FeatureTable, options: BinningOptions = {}): BinDefinition[] {
  const maxBins = options.maxBins ?? DEFAULT_BINNING.maxBins;
  const minCount = options.minCategoryCount ?? DEFAULT_BINNING.minCategoryCount;
  const maxCategories = options.maxCategories ?? DEFAULT_BINNING.maxCategories;
  checkInteger('maxBins', maxBins, 1, 1024);
  checkInteger('minCategoryCount', minCount, 1, Number.MAX_SAFE_INTEGER);
  checkInteger('maxCategories', maxCategories, 0, 65_000);
  return table.columns.map((column) =>
    column.kind === 'numeric'
      ? { kind: 'numeric', name: column.name, cuts: numericCuts(column.values, maxBins) }
      : categoricalBins(column, minCount, maxCategories),
  );
}

/**
 * The bin index of every value, per bin definition: columns are found in `table` by name, so
 * its column order may differ from training, and categories by string, so its dictionaries
 * may too. Extra columns are ignored.
 *
 * Degenerate cases: NaN and code −1 go to the missing bin; categories without a bin of their
 * own, including those never seen in training, go to "other".
 *
 * @throws Error when a column is absent or of the other kind than in training, or when a
 * categorical code points outside its dictionary.
 */
export function applyBins(
  definitions: readonly BinDefinition[],
  table: FeatureTable,
): BinnedTable {
  const byName = new Map<string, FeatureColumn>();
  for (const column of table.columns) byName.set(column.name, column);
  const indices = definitions.map((bins) => {
    const column = byName.get(bins.name);
    if (!column) {
      throw new Error(`the table has no column "${bins.name}", which the model uses`);
    }
    const out = binCount(bins) > 256 ? new Uint16Array(table.rows) : new Uint8Array(table.rows);
    if (column.kind === 'numeric' && bins.kind === 'numeric') {
      fillNumeric(out, column.values, bins);
    } else if (column.kind === 'categorical' && bins.kind === 'categorical') {
      fillCategorical(out, column, bins);
    } else {
      throw new Error(
        `column "${bins.name}" is ${column.kind} but the model was trained on it as ` +
          bins.kind,
      );
    }
    return out;
  });
  return { rows: table.rows, indices };
}

/**
 * `numericBin` of every value. Binning is most of scoring's time, so the binary search is
 * inlined and branch-free (the step taken is a select, not a jump the CPU must guess), and
 * skipped when a value repeats the one before, as the zeros of interaction counts do.
 */
function fillNumeric(out: BinIndices, values: Float64Array, bins: NumericBins): void {
  const cuts = Float64Array.from(bins.cuts);
  let last = Number.NaN;
  let lastBin = MISSING_BIN;
  for (let i = 0; i < out.length; i++) {
    const value = values[i]!;
    if (value === last) {
      out[i] = lastBin;
      continue;
    }
    if (Number.isNaN(value)) {
      out[i] = MISSING_BIN;
      continue;
    }
    let base = 0;
    let length = cuts.length;
    while (length > 1) {
      const half = length >>> 1;
      base += cuts[base + half - 1]! <= value ? half : 0;
      length -= half;
    }
    lastBin = 1 + base + (length === 1 && cuts[base]! <= value ? 1 : 0);
    last = value;
    out[i] = lastBin;
  }
}

function fillCategorical(
  out: BinIndices,
  column: CategoricalColumn,
  bins: CategoricalBins,
): void {
  const binOf = new Map<string, number>();
  bins.groups.forEach((group, g) => group.forEach((category) => binOf.set(category, 2 + g)));
  const byCode = Int32Array.from(column.categories, (c) => binOf.get(c) ?? OTHER_BIN);
  for (let i = 0; i < out.length; i++) {
    const code = column.codes[i]!;
    if (code === -1) {
      out[i] = MISSING_BIN;
      continue;
    }
    const bin = byCode[code];
    if (bin === undefined) {
      throw new RangeError(
        `column "${bins.name}", row ${i}: code ${code} is outside its ` +
          `${byCode.length} categories`,
      );
    }
    out[i] = bin;
  }
}

function numericCuts(values: Float64Array, maxBins: number): number[] {
  const sorted = sortedWithoutNaN(values);
  const distinct: number[] = [];
  const counts: number[] = [];
  for (const value of sorted) {
    if (distinct[distinct.length - 1] === value) counts[counts.length - 1]! += 1;
    else {
      distinct.push(value);
      counts.push(1);
    }
  }
  const cuts: number[] = [];
  for (const j of equalFrequencyBreaks(counts, maxBins)) {
    const cut = cutBetween(distinct[j]!, distinct[j + 1]!);
    if (cut !== null) cuts.push(cut);
  }
  return cuts;
}

/**
 * A finite cut c with low < c <= high, so `low` falls below it and `high` on or above it:
 * the midpoint, or `high` itself when the midpoint rounds down to `low` (adjacent doubles) or
 * is not finite; null when no finite cut exists (high = +Infinity, low = Number.MAX_VALUE).
 */
function cutBetween(low: number, high: number): number | null {
  let cut = low / 2 + high / 2;
  if (!(cut > low && cut <= high)) cut = high;
  if (Number.isFinite(cut)) return cut;
  return low < Number.MAX_VALUE ? Number.MAX_VALUE : null;
}

function categoricalBins(
  column: CategoricalColumn,
  minCount: number,
  maxCategories: number,
): CategoricalBins {
  const counts = new Map<string, number>();
  const byCode = new Float64Array(column.categories.length);
  for (const code of column.codes) if (code >= 0) byCode[code]! += 1;
  column.categories.forEach((category, code) => {
    counts.set(category, (counts.get(category) ?? 0) + byCode[code]!);
  });
  const frequent = [...counts]
    .filter(([, count]) => count >= minCount)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, maxCategories)
    .map(([category]) => [category]);
  return { kind: 'categorical', name: column.name, groups: frequent };
}

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}
