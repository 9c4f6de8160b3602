/**
 * The SQL export scores rows as the TypeScript scorer does: in DuckDB (in-process, always)
 * and PostgreSQL (127.0.0.1:5432, database `test`, when reachable), first on hand-picked
 * edge rows of a synthetic model, then on the UCI bank marketing data.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { AdditiveModel } from '../../../src/core/model/additive-model.js';
import type { FeatureColumn, FeatureTable } from '../../../src/core/model/feature-table.js';
import { predictLogit, predictProba } from '../../../src/core/model/predict.js';
import { modelToSql, type SqlDialect } from '../../../src/core/model/to-sql.js';
import { trainAdditiveModel } from '../../../src/core/model/train.js';
import {
  BANK_CSV,
  featureTableFromQuery,
  loadBankTable,
  quoteIdent,
} from './duckdb-feature-table.js';
import { additiveData, xorData } from './synthetic.js';

/** A value of a test row: number (NaN allowed), string, or null (SQL NULL). */
type Cell = number | string | null;

/** Rows as SQL sees them and as a FeatureTable (NULL and NaN → missing). */
interface EdgeRows {
  readonly names: readonly string[];
  readonly kinds: readonly ('numeric' | 'categorical')[];
  readonly rows: readonly Cell[][];
}

function toFeatureTable(edge: EdgeRows): FeatureTable {
  const columns = edge.names.map((name, c): FeatureColumn => {
    const cells = edge.rows.map((row) => row[c] ?? null);
    if (edge.kinds[c] === 'numeric') {
      const values = Float64Array.from(cells, (v) => (v === null ? NaN : Number(v)));
      return { kind: 'numeric', name, values };
    }
    const categories = [...new Set(cells.filter((v): v is string => typeof v === 'string'))];
    const codes = Int32Array.from(cells, (v) => (v === null ? -1 : categories.indexOf(`${v}`)));
    return { kind: 'categorical', name, codes, categories };
  });
  return { rows: edge.rows.length, columns };
}

function sqlValue(value: Cell, dialect: SqlDialect): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  const type = dialect === 'duckdb' ? 'DOUBLE' : 'double precision';
  return `CAST('${String(value)}' AS ${type})`;
}

/** A synthetic model with a pair, and rows on every edge: cut points, NaN, NULL, ±∞, quotes. */
function edgeCase(): { model: AdditiveModel; edge: EdgeRows } {
  const additive = additiveData(5000, 41);
  const xor = xorData(5000, 42);
  const training: FeatureTable = {
    rows: 5000,
    columns: [...additive.table.columns, ...xor.table.columns.slice(0, 2)],
  };
  const labels = additive.labels.map((y, i) => (y || xor.labels[i] ? 1 : 0));
  const model = trainAdditiveModel(training, labels, { seed: 8, bags: 2, maxBins: 16 });
  const names = ['segment', 'size', 'noise', 'x', 'y'];
  const kinds = ['categorical', 'numeric', 'numeric', 'numeric', 'numeric'] as const;
  const rows: Cell[][] = [];
  const segments = ['retail', "O'Brien & Co", 'brand-new', null, 'health'];
  const cuts = model.features.flatMap((f) => (f.kind === 'numeric' ? f.cuts : []));
  const specials = [NaN, null, Infinity, -Infinity, 0, -0, 1e300, ...cuts];
  specials.forEach((value, k) => {
    const segment = segments[k % segments.length]!;
    rows.push([segment, value, value, value, k % 2 ? value : 0.3]);
  });
  for (let i = 0; i < 200; i++) {
    rows.push(training.columns.map((column) =>
      column.kind === 'numeric'
        ? column.values[i]!
        : column.codes[i]! < 0 ? null : column.categories[column.codes[i]!]!,
    ));
  }
  return { model, edge: { names, kinds, rows } };
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i]! - b[i]!));
  return largest;
}

async function duckColumn(connection: DuckDBConnection, sql: string): Promise<number[]> {
  const reader = await connection.runAndReadAll(sql);
  return (reader.getColumnsJS()[0] ?? []).map(Number);
}

/** A client of the local PostgreSQL, or the reason it cannot be reached. */
async function connectPostgres(): Promise<pg.Client | string> {
  const reasons: string[] = [];
  for (const user of ['postgres', 'root']) {
    const client = new pg.Client({
      host: '127.0.0.1',
      port: 5432,
      database: 'test',
      user,
      connectionTimeoutMillis: 3000,
    });
    try {
      await client.connect();
      return client;
    } catch (error) {
      reasons.push(`${user}: ${(error as Error).message}`);
      await client.end().catch(() => undefined);
    }
  }
  return `PostgreSQL on 127.0.0.1:5432 (database test) unreachable: ${reasons.join('; ')}`;
}

function edgeValuesSql(edge: EdgeRows, dialect: SqlDialect): string {
  return edge.rows
    .map((row, r) => `(${[String(r), ...row.map((v) => sqlValue(v, dialect))].join(', ')})`)
    .join(',\n');
}

function edgeTableSql(edge: EdgeRows, dialect: SqlDialect): string {
  const text = dialect === 'duckdb' ? 'VARCHAR' : 'text';
  const number = dialect === 'duckdb' ? 'DOUBLE' : 'double precision';
  const columns = edge.names.map(
    (name, c) => `${quoteIdent(name)} ${edge.kinds[c] === 'numeric' ? number : text}`,
  );
  return `(rid integer, ${columns.join(', ')})`;
}

describe('modelToSql on edge rows', () => {
  const { model, edge } = edgeCase();
  const table = toFeatureTable(edge);
  const expectedLogit = predictLogit(model, table);
  const expectedProbability = predictProba(model, table);
  const column = (name: string): string => quoteIdent(name);

  test('DuckDB: logits equal, probabilities within 1e-15', async (t) => {
    assert.ok(model.terms.some((t) => t.kind === 'pair'), 'the model has a pair');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run(`CREATE TABLE edge ${edgeTableSql(edge, 'duckdb')}`);
      await connection.run(`INSERT INTO edge VALUES ${edgeValuesSql(edge, 'duckdb')}`);
      const logit = modelToSql(model, { dialect: 'duckdb', column, output: 'logit' });
      const probability = modelToSql(model, { dialect: 'duckdb', column });
      const logits = await duckColumn(connection, `SELECT ${logit} FROM edge ORDER BY rid`);
      const probabilities = await duckColumn(
        connection,
        `SELECT ${probability} FROM edge ORDER BY rid`,
      );
      assert.equal(maxDifference(logits, expectedLogit), 0);
      const difference = maxDifference(probabilities, expectedProbability);
      t.diagnostic(`${edge.rows.length} rows, max |probability difference| ${difference}`);
      assert.ok(difference <= 1e-15);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  test('PostgreSQL: logits equal, probabilities within 1e-15', async (t) => {
    const client = await connectPostgres();
    if (typeof client === 'string') return t.skip(client);
    try {
      await client.query(`CREATE TEMP TABLE edge ${edgeTableSql(edge, 'postgres')}`);
      await client.query(`INSERT INTO edge VALUES ${edgeValuesSql(edge, 'postgres')}`);
      const logit = modelToSql(model, { dialect: 'postgres', column, output: 'logit' });
      const probability = modelToSql(model, { dialect: 'postgres', column });
      const result = await client.query<{ s: number; p: number }>(
        `SELECT ${logit} AS s, ${probability} AS p FROM edge ORDER BY rid`,
      );
      assert.equal(maxDifference(result.rows.map((r) => r.s), expectedLogit), 0);
      const difference = maxDifference(result.rows.map((r) => r.p), expectedProbability);
      t.diagnostic(`${edge.rows.length} rows, max |probability difference| ${difference}`);
      assert.ok(difference <= 1e-15);
    } finally {
      await client.end();
    }
  });
});

const bankSkip = !existsSync(BANK_CSV) && `needs ../shared/datasets (${BANK_CSV} is absent)`;

describe('modelToSql on UCI bank marketing (real data)', { skip: bankSkip }, () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  let table: FeatureTable;
  let model: AdditiveModel;
  let expected: Float64Array;
  const column = (name: string): string => quoteIdent(name);

  before(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await loadBankTable(connection, BANK_CSV);
    const loaded = await featureTableFromQuery(
      connection,
      'SELECT * FROM bank ORDER BY rid',
      'y',
      ['rid', 'duration'],
    );
    table = loaded.table;
    model = trainAdditiveModel(table, loaded.labels, { seed: 1 });
    expected = predictProba(model, table);
  });

  after(() => {
    connection?.closeSync();
    instance?.closeSync();
  });

  test('DuckDB over the CSV: max |difference| ≤ 1e-9 on all 41,188 rows', async (t) => {
    assert.equal(table.rows, 41188);
    assert.ok(model.terms.some((t) => t.kind === 'pair'), 'bank model has pairs');
    const sql = modelToSql(model, { dialect: 'duckdb', column });
    const probabilities = await duckColumn(connection, `SELECT ${sql} FROM bank ORDER BY rid`);
    const difference = maxDifference(probabilities, expected);
    t.diagnostic(`max |probability difference| ${difference}`);
    assert.ok(difference <= 1e-9);
  });

  test('PostgreSQL over a temp table of the same rows: max |difference| ≤ 1e-9', async (t) => {
    const client = await connectPostgres();
    if (typeof client === 'string') return t.skip(client);
    try {
      await loadIntoPostgres(client, table);
      const sql = modelToSql(model, { dialect: 'postgres', column });
      const query = `SELECT ${sql} AS p FROM bank ORDER BY rid`;
      const result = await client.query<{ p: number }>(query);
      assert.equal(result.rows.length, table.rows);
      const difference = maxDifference(result.rows.map((r) => r.p), expected);
      t.diagnostic(`max |probability difference| ${difference}`);
      assert.ok(difference <= 1e-9);
    } finally {
      await client.end();
    }
  });
});

/** Creates temp table `bank` (rid + the feature columns) and inserts every row in one go. */
async function loadIntoPostgres(client: pg.Client, table: FeatureTable): Promise<void> {
  const columns = table.columns.map(
    (c) => `${quoteIdent(c.name)} ${c.kind === 'numeric' ? 'double precision' : 'text'}`,
  );
  await client.query(`CREATE TEMP TABLE bank (rid integer, ${columns.join(', ')})`);
  const arrays: unknown[] = [Array.from({ length: table.rows }, (_, i) => i + 1)];
  const types = ['integer[]'];
  for (const c of table.columns) {
    if (c.kind === 'numeric') {
      arrays.push(Array.from(c.values));
      types.push('double precision[]');
    } else {
      arrays.push(Array.from(c.codes, (code) => (code < 0 ? null : c.categories[code]!)));
      types.push('text[]');
    }
  }
  const params = types.map((type, k) => `$${k + 1}::${type}`).join(', ');
  await client.query(`INSERT INTO bank SELECT * FROM unnest(${params})`, arrays);
}
