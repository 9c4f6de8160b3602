import type { FeatureColumn, FeatureTable } from './model/feature-table.js';

/**
 * The given rows of a table, in the given order. Categorical columns keep their whole
 * category list, so a category missing from a subset is simply unused there.
 */
export function takeRows(table: FeatureTable, rows: Int32Array): FeatureTable {
  return { rows: rows.length, columns: table.columns.map((c) => takeColumn(c, rows)) };
}

function takeColumn(column: FeatureColumn, rows: Int32Array): FeatureColumn {
  if (column.kind === 'numeric') {
    return { ...column, values: Float64Array.from(rows, (r) => column.values[r]!) };
  }
  return { ...column, codes: Int32Array.from(rows, (r) => column.codes[r]!) };
}

/** The indices i where flags[i] is set. */
export function rowsWhere(flags: Uint8Array): Int32Array {
  const rows: number[] = [];
  flags.forEach((flag, i) => flag && rows.push(i));
  return Int32Array.from(rows);
}
