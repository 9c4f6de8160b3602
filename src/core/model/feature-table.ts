/**
 * The model's input: one row per lead, one typed column per feature. Readers build it (from
 * the canonical tables, or straight from a dataset for benchmarks); the model never sees files.
 */
export interface FeatureTable {
  readonly rows: number;
  readonly columns: readonly FeatureColumn[];
}

export type FeatureColumn = NumericColumn | CategoricalColumn;

export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  /** NaN marks a missing value. */
  readonly values: Float64Array;
}

export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  /** Index into `categories`; -1 marks a missing value. */
  readonly codes: Int32Array;
  readonly categories: readonly string[];
}
