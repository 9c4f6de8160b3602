import { categoricalColumn } from '../core/categorical-column.js';
import type { FeatureColumn, FeatureTable } from '../core/model/feature-table.js';
import type { Store } from './store.js';

/**
 * Turns the result of a query into a FeatureTable: every column whose non-missing values are
 * all numbers becomes numeric, any other becomes categorical (blank text counts as missing).
 * For ad-hoc tables such as a dataset under inspection; the main job builds its table from
 * the canonical tables instead.
 */
export async function tableFromQuery(store: Store, sql: string): Promise<FeatureTable> {
  const names = (await store.rows<{ column_name: string }>(`DESCRIBE ${sql}`)).map((r) => r.column_name);
  const columns: FeatureColumn[] = [];
  let rows = 0;
  for (const name of names) {
    const values = await store.column<unknown>(
      `SELECT "${name.replaceAll('"', '""')}" FROM (${sql})`,
    );
    rows = values.length;
    columns.push(toColumn(name, values));
  }
  return { rows, columns };
}

function toColumn(name: string, values: readonly unknown[]): FeatureColumn {
  const text = values.map((v) => (v === null || v === undefined || v === '' ? null : String(v).trim()));
  const present = text.filter((v): v is string => v !== null && v !== '');
  if (present.length > 0 && present.every((v) => Number.isFinite(Number(v)))) {
    return {
      kind: 'numeric',
      name,
      values: Float64Array.from(text, (v) => (v === null || v === '' ? Number.NaN : Number(v))),
    };
  }
  return categoricalColumn(name, text.map((v) => (v === '' ? null : v)));
}
