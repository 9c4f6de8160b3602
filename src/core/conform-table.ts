import type { BinDefinition } from './model/bin-definition.js';
import { categoricalColumn } from './categorical-column.js';
import type { FeatureColumn, FeatureTable } from './model/feature-table.js';

/**
 * Shapes a table to what a model expects: each feature's column of the kind it was trained
 * on (a new export may look categorical where training saw numbers, or the reverse), and a
 * column of missing values for any feature the table lacks. Returns the names filled in.
 */
export function conformTable(
  table: FeatureTable,
  features: readonly BinDefinition[],
): { table: FeatureTable; missing: string[]; unreadable: Unreadable[] } {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const missing: string[] = [];
  const unreadable: Unreadable[] = [];
  const columns = features.map((f) => {
    const column = byName.get(f.name);
    if (!column) missing.push(f.name);
    const shaped = asKind(column, f, table.rows);
    const lost = column ? notNumbers(column, shaped) : undefined;
    if (lost) unreadable.push(lost);
    return shaped;
  });
  return { table: { rows: table.rows, columns }, missing, unreadable };
}

/** Values of a column the model reads as numbers that are not numbers: they score as missing. */
export interface Unreadable {
  readonly name: string;
  readonly rows: number;
  readonly example: string;
}

function notNumbers(before: FeatureColumn, after: FeatureColumn): Unreadable | undefined {
  if (before.kind !== 'categorical' || after.kind !== 'numeric') return undefined;
  let rows = 0;
  let example = '';
  before.codes.forEach((code, i) => {
    if (code >= 0 && Number.isNaN(after.values[i]!)) {
      rows++;
      example ||= before.categories[code]!;
    }
  });
  return rows > 0 ? { name: before.name, rows, example } : undefined;
}

function asKind(column: FeatureColumn | undefined, feature: BinDefinition, rows: number): FeatureColumn {
  if (feature.kind === 'numeric') {
    if (!column) return { kind: 'numeric', name: feature.name, values: new Float64Array(rows).fill(Number.NaN) };
    if (column.kind === 'numeric') return column;
    const parsed = column.categories.map((c) => (c.trim() === '' ? Number.NaN : Number(c)));
    return {
      kind: 'numeric',
      name: feature.name,
      values: Float64Array.from(column.codes, (code) => (code < 0 ? Number.NaN : parsed[code]!)),
    };
  }
  if (!column) {
    return { kind: 'categorical', name: feature.name, codes: new Int32Array(rows).fill(-1), categories: [] };
  }
  if (column.kind === 'categorical') return column;
  return categoricalColumn(
    feature.name,
    Array.from(column.values, (v) => (Number.isNaN(v) ? null : String(v))),
  );
}
