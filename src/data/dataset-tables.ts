import { join } from 'node:path';
import type {
  CategoricalColumn,
  FeatureColumn,
  FeatureTable,
} from '../core/model/feature-table.js';
import { ident, literal, type Store } from './store.js';

/** The shared benchmark datasets that peers.md scores the usual tools on. */
export const BENCHMARK_DATASETS = ['olist', 'bank', 'bohanec', 'maven'] as const;
export type BenchmarkDataset = (typeof BENCHMARK_DATASETS)[number];

/** Each dataset's main CSV, relative to the datasets folder; fold rows index its data rows. */
export const DATASET_MAIN_FILES: Readonly<Record<BenchmarkDataset, string>> = {
  olist: 'olist-marketing-funnel/olist_marketing_qualified_leads_dataset.csv',
  bank: 'uci-bank-marketing/bank-additional-full.csv',
  bohanec: 'b2b-sales-bohanec/B2B_dataset.csv',
  maven: 'maven-crm-sales-opportunities/sales_pipeline.csv',
};

/** As in peers.py: values beyond a column's 250 most frequent are folded into one. */
export const MAX_CATEGORIES = 250;
export const OTHER_CATEGORY = '(other)';

/** A benchmark dataset as the model sees it, with each row's place in the main CSV. */
export interface DatasetTable {
  readonly name: BenchmarkDataset;
  readonly table: FeatureTable;
  /** 1 won, 0 lost. */
  readonly labels: Uint8Array;
  /** 0-based index of each row's data row in the main CSV: the `row` of the fold files. */
  readonly sourceRows: Int32Array;
}

/**
 * Reads one shared dataset into a FeatureTable with exactly the features peers.py gives the
 * peer models, so that leadsift is compared with them on the same information:
 *
 * - olist: `origin`, `landing_page_id`, and the weekday of `first_contact_date` as text
 *   ('0' Monday … '6' Sunday, pandas' `dayofweek`); won = the lead's `mql_id` is among the
 *   closed deals.
 * - bank: every column but `y` and `duration` (known only after the call); won = `y` = yes.
 * - bohanec: every column but `Status`; won = `Status` = Won.
 * - maven: closed deals only (Won or Lost); `sales_agent`, `product`, and the account's
 *   `sector`, `revenue`, `employees`, `office_location`, `year_established` (a left join on
 *   `account`, as pandas' `merge(how='left')`); won = Won.
 *
 * Types follow pandas' `read_csv`: a column is numeric when every non-empty value reads as
 * a number, else categorical, so `pdays` = 999 stays a number as it does for the peers.
 * Empty cells are missing (NaN, or code -1), as pandas reads them; the model treats missing
 * as a value of its own, as peers.py's "(missing)" imputation does. Rows keep the main
 * CSV's order, filtered for maven, and `sourceRows` says where each came from.
 *
 * @throws Error when DuckDB cannot read a file, or a maven account matches two rows.
 */
export async function readDatasetTable(
  store: Store,
  datasetsDir: string,
  name: BenchmarkDataset,
): Promise<DatasetTable> {
  const staged = `dataset_${name}`;
  const raw: string[] = [];
  try {
    await STAGE[name](store, datasetsDir, staged, raw);
    return { name, ...(await stagedTable(store, staged)) };
  } finally {
    for (const table of [staged, ...raw]) {
      await store.run(`DROP TABLE IF EXISTS ${ident(table)}`);
    }
  }
}

/**
 * The fold of each row of `dataset`, from `<datasetsDir>/folds/<name>.folds.csv` (columns
 * `row`, `fold`, written by peers.py with FOLDS_OUT), matched on `sourceRows`.
 *
 * @throws Error when a row of the table has no fold or the file lists rows the table lacks,
 * which means the table and the folds were built from different data.
 */
export async function readDatasetFolds(
  store: Store,
  datasetsDir: string,
  dataset: DatasetTable,
): Promise<Int32Array> {
  const file = join(datasetsDir, 'folds', `${dataset.name}.folds.csv`);
  const pairs = await store.rows<{ row: number; fold: number }>(
    `SELECT CAST("row" AS INTEGER) AS "row", CAST(fold AS INTEGER) AS fold
     FROM read_csv(${literal(file)}, header = true, all_varchar = true)`,
  );
  const foldOfRow = new Map(pairs.map((p) => [p.row, p.fold]));
  if (foldOfRow.size !== dataset.sourceRows.length) {
    throw new Error(
      `${file} lists ${foldOfRow.size} rows, but ${dataset.name} has ` +
        `${dataset.sourceRows.length}; the folds belong to other data`,
    );
  }
  return Int32Array.from(dataset.sourceRows, (row) => {
    const fold = foldOfRow.get(row);
    if (fold === undefined) throw new Error(`${file} has no fold for data row ${row}`);
    return fold;
  });
}

/** Builds `table`, listing in `raw` the intermediate tables it made, for dropping. */
type Stager = (store: Store, dir: string, table: string, raw: string[]) => Promise<void>;

/**
 * Each builds a table with `__row` (0-based data row), `__label` (0/1) and the features in
 * peers.py's column order.
 */
const STAGE: Readonly<Record<BenchmarkDataset, Stager>> = {
  async olist(store, dir, table, raw) {
    const leads = await stageCsv(store, join(dir, DATASET_MAIN_FILES.olist), raw);
    const deals = join(dir, 'olist-marketing-funnel/olist_closed_deals_dataset.csv');
    await createOrdered(
      store,
      table,
      `SELECT __row,
              CAST(mql_id IN (SELECT mql_id FROM read_csv(${literal(deals)}, header = true,
                                                          all_varchar = true)) AS INTEGER)
                AS __label,
              origin, landing_page_id,
              CAST(isodow(CAST(first_contact_date AS DATE)) - 1 AS VARCHAR) AS weekday
       FROM ${leads}`,
    );
  },
  async bank(store, dir, table, raw) {
    const source = await stageCsv(store, join(dir, DATASET_MAIN_FILES.bank), raw, ';');
    await createOrdered(
      store,
      table,
      `SELECT __row, CAST(y = 'yes' AS INTEGER) AS __label, * EXCLUDE (__row, y, duration)
       FROM ${source}`,
    );
  },
  async bohanec(store, dir, table, raw) {
    const source = await stageCsv(store, join(dir, DATASET_MAIN_FILES.bohanec), raw);
    await createOrdered(
      store,
      table,
      `SELECT __row, CAST(Status = 'Won' AS INTEGER) AS __label, * EXCLUDE (__row, Status)
       FROM ${source}`,
    );
  },
  async maven(store, dir, table, raw) {
    const deals = await stageCsv(store, join(dir, DATASET_MAIN_FILES.maven), raw);
    const accountsFile = join(dir, 'maven-crm-sales-opportunities/accounts.csv');
    const accounts = await stageCsv(store, accountsFile, raw);
    await createOrdered(
      store,
      table,
      `SELECT d.__row, CAST(d.deal_stage = 'Won' AS INTEGER) AS __label,
              d.sales_agent, d.product, a.sector, a.revenue, a.employees, a.office_location,
              a.year_established
       FROM ${deals} d LEFT JOIN ${accounts} a ON a.account = d.account
       WHERE d.deal_stage IN ('Won', 'Lost')`,
    );
    await assertOneRowPerDeal(store, table);
  },
};

/**
 * Loads a CSV as text with `__row`, then turns into DOUBLE each column whose non-empty values
 * all read as numbers: pandas' type inference, done here rather than by DuckDB's sniffer,
 * which would also guess booleans and dates that pandas leaves as text.
 */
async function stageCsv(
  store: Store,
  file: string,
  raw: string[],
  delim = ',',
): Promise<string> {
  const table = `dataset_raw_${raw.length}`;
  raw.push(table);
  const name = ident(table);
  // DuckDB keeps a CSV's row order (preserve_insertion_order), so row_number() counts data
  // rows as the fold files do; the tests check that the stratified folds line up.
  await store.run(
    `CREATE OR REPLACE TEMP TABLE ${name} AS
     SELECT CAST(row_number() OVER () - 1 AS INTEGER) AS __row, *
     FROM read_csv(${literal(file)}, header = true, all_varchar = true,
                   delim = ${literal(delim)}, quote = '"')`,
  );
  for (const column of await dataColumns(store, table)) {
    const col = ident(column);
    const [numeric] = await store.column<boolean>(
      `SELECT count(${col}) > 0 AND count(${col}) = count(TRY_CAST(${col} AS DOUBLE))
       FROM ${name}`,
    );
    if (numeric) await store.run(`ALTER TABLE ${name} ALTER ${col} TYPE DOUBLE`);
  }
  return name;
}

async function createOrdered(store: Store, table: string, select: string): Promise<void> {
  await store.run(`CREATE OR REPLACE TEMP TABLE ${ident(table)} AS ${select} ORDER BY __row`);
}

async function assertOneRowPerDeal(store: Store, table: string): Promise<void> {
  const [duplicated] = await store.column<number>(
    `SELECT CAST(count(*) - count(DISTINCT __row) AS INTEGER) FROM ${ident(table)}`,
  );
  if (duplicated) {
    throw new Error(`maven: ${duplicated} deals match more than one account in accounts.csv`);
  }
}

async function dataColumns(store: Store, table: string): Promise<string[]> {
  return store.column<string>(
    `SELECT column_name FROM (DESCRIBE ${ident(table)})
     WHERE column_name NOT IN ('__row', '__label')`,
  );
}

async function stagedTable(
  store: Store,
  table: string,
): Promise<Omit<DatasetTable, 'name'>> {
  const name = ident(table);
  const rows = await store.column<number>(`SELECT __row FROM ${name} ORDER BY __row`);
  const labels = await store.column<number>(`SELECT __label FROM ${name} ORDER BY __row`);
  const types = await store.rows<{ column_name: string; column_type: string }>(
    `SELECT column_name, column_type FROM (DESCRIBE ${name})
     WHERE column_name NOT IN ('__row', '__label')`,
  );
  const columns: FeatureColumn[] = [];
  for (const { column_name: column, column_type: type } of types) {
    const values = await store.column<string | number | null>(
      `SELECT ${ident(column)} FROM ${name} ORDER BY __row`,
    );
    columns.push(
      type === 'DOUBLE'
        ? { kind: 'numeric', name: column, values: Float64Array.from(values, toNumber) }
        : categoricalColumn(column, values as (string | null)[]),
    );
  }
  return {
    table: { rows: rows.length, columns },
    labels: Uint8Array.from(labels),
    sourceRows: Int32Array.from(rows),
  };
}

function toNumber(value: string | number | null): number {
  return value === null ? Number.NaN : Number(value);
}

/**
 * Codes a text column with categories in descending frequency. Beyond the `MAX_CATEGORIES`
 * most frequent, values share `OTHER_CATEGORY`, as peers.py's `collapse_rare`; a tie in
 * frequency at the cut is broken by first appearance, where pandas' order is unspecified,
 * which only decides which of several equally rare values keep their own category.
 */
export function categoricalColumn(
  name: string,
  values: readonly (string | null)[],
  maxCategories = MAX_CATEGORIES,
): CategoricalColumn {
  const counts = new Map<string, number>();
  for (const value of values) {
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  // Map iteration follows first appearance and Array#sort is stable, hence the tie rule.
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value);
  const kept = ranked.slice(0, maxCategories);
  const categories = ranked.length > maxCategories ? [...kept, OTHER_CATEGORY] : kept;
  const codeOf = new Map(kept.map((value, code) => [value, code]));
  const codes = Int32Array.from(values, (value) =>
    value === null ? -1 : codeOf.get(value) ?? maxCategories,
  );
  return { kind: 'categorical', name, codes, categories };
}
