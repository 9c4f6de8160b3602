import type { DuckDBConnection } from '@duckdb/node-api';
import { fileURLToPath } from 'node:url';
import type { FeatureColumn, FeatureTable } from '../../../src/core/model/feature-table.js';

/** bank-additional-full.csv in the shared datasets beside the repository. */
export const BANK_CSV = fileURLToPath(
  new URL(
    '../../../../shared/datasets/uci-bank-marketing/bank-additional-full.csv',
    import.meta.url,
  ),
);

/** SQL identifier quoting shared by DuckDB and PostgreSQL. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Loads the bank CSV into DuckDB table `bank` with a 1-based `rid` (file order), so SQL and
 * TypeScript scores can be matched by row.
 */
export async function loadBankTable(connection: DuckDBConnection, csv: string): Promise<void> {
  const path = `'${csv.replaceAll("'", "''")}'`;
  await connection.run(
    `CREATE OR REPLACE TABLE bank AS SELECT row_number() OVER () AS rid, *
     FROM read_csv(${path}, delim = ';', header = true)`,
  );
}

export interface LabelledTable {
  readonly table: FeatureTable;
  readonly labels: Uint8Array;
}

/**
 * Reads a DuckDB query into a FeatureTable in row order: number and bigint columns become
 * numeric (NULL → NaN), text columns categorical (dictionary in order of first appearance,
 * NULL → −1). `label` (boolean) becomes the labels; `exclude` columns are left out.
 */
export async function featureTableFromQuery(
  connection: DuckDBConnection,
  sql: string,
  label: string,
  exclude: readonly string[],
): Promise<LabelledTable> {
  const reader = await connection.runAndReadAll(sql);
  const names = reader.columnNames();
  const values = reader.getColumnsJS();
  const columns: FeatureColumn[] = [];
  let labels = new Uint8Array(0);
  names.forEach((name, c) => {
    const column = values[c] ?? [];
    if (name === label) labels = Uint8Array.from(column, (v) => (v === true ? 1 : 0));
    else if (!exclude.includes(name)) columns.push(toFeatureColumn(name, column));
  });
  return { table: { rows: reader.currentRowCount, columns }, labels };
}

function toFeatureColumn(name: string, column: readonly unknown[]): FeatureColumn {
  const present = column.find((v) => v !== null);
  if (typeof present === 'number' || typeof present === 'bigint') {
    return {
      kind: 'numeric',
      name,
      values: Float64Array.from(column, (v) => (v === null ? Number.NaN : Number(v))),
    };
  }
  const categories: string[] = [];
  const codeOf = new Map<string, number>();
  const codes = Int32Array.from(column, (v) => {
    if (v === null) return -1;
    const text = String(v);
    let code = codeOf.get(text);
    if (code === undefined) {
      code = categories.length;
      categories.push(text);
      codeOf.set(text, code);
    }
    return code;
  });
  return { kind: 'categorical', name, codes, categories };
}
