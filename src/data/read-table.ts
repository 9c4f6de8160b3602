import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../errors.js';
import { ident, literal, type Store } from './store.js';
import type { RejectRow } from './rejects.js';

export const SUPPORTED_EXTENSIONS = ['.csv', '.tsv', '.txt', '.jsonl', '.ndjson', '.json', '.parquet'] as const;

/** A file's column names, as the header or schema gives them. */
export interface FileColumns {
  readonly file: string;
  readonly columns: readonly string[];
}

export interface RawTable extends FileColumns {
  readonly table: string;
  readonly rowCount: number;
  /**
   * Columns the file itself types as dates or timestamps (Parquet), presented as UTC
   * TIMESTAMP; every other column is text.
   */
  readonly timestamps: ReadonlySet<string>;
  /** True when `table` is a view over the file rather than a copy. */
  readonly view: boolean;
  /** Lines DuckDB could not split into the header's columns, already numbered as data rows. */
  readonly malformed: readonly RejectRow[];
}

/**
 * Makes a file readable as a table of text columns plus `__row`, the 1-based data row number
 * as a person counts it in the file (header excluded, malformed lines included). Values stay
 * text so that parsing problems surface later as rejects naming the offending value, instead
 * of DuckDB guessing a type and silently turning bad values into NULL.
 *
 * Parquet already carries types, so nothing is guessed: its dates and timestamps are kept as
 * timestamps and the file is read in place through a view, never copied, which is what lets
 * tens of millions of interactions load at the speed of a scan.
 */
export async function readRawTable(store: Store, file: string, table: string): Promise<RawTable> {
  assertReadable(file);
  if (extname(file).toLowerCase() === '.parquet') return parquetView(store, file, table);
  const source = sourceSql(file);
  try {
    await dropRawTable(store, table);
    await store.run(
      `CREATE TEMP TABLE ${ident(table)} AS
       SELECT CAST(row_number() OVER () AS INTEGER) AS __row, COLUMNS(*)::VARCHAR
       FROM ${source}`,
    );
  } catch (error) {
    throw readFailure(file, error);
  }
  const columns = (await store.column<string>(
    `SELECT column_name FROM (DESCRIBE ${ident(table)}) WHERE column_name <> '__row'`,
  )) as string[];
  const malformed = isCsv(file) ? await collectMalformed(store, file, table) : [];
  const [count] = await store.column<number>(`SELECT count(*)::INTEGER FROM ${ident(table)}`);
  if (!count && malformed.length === 0) {
    throw new InputError(
      'empty_file',
      `${file} has no data rows. Export the table again with at least a header and one row.`,
      { file },
    );
  }
  return {
    file,
    table,
    columns,
    rowCount: (count ?? 0) + malformed.length,
    timestamps: new Set(),
    view: false,
    malformed,
  };
}

const TEMPORAL = /^(DATE|TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE)$/;

async function parquetView(store: Store, file: string, table: string): Promise<RawTable> {
  const path = literal(file);
  let described: { column_name: string; column_type: string }[];
  let count: number;
  try {
    described = await store.rows(`DESCRIBE SELECT * FROM read_parquet(${path})`);
    [count = 0] = await store.column<number>(
      `SELECT count(*)::INTEGER FROM read_parquet(${path})`,
    );
  } catch (error) {
    throw readFailure(file, error);
  }
  const columns = described.map((d) => d.column_name).filter((c) => c !== '__row');
  const timestamps = new Set(
    described.filter((d) => TEMPORAL.test(d.column_type)).map((d) => d.column_name),
  );
  const typeOf = new Map(described.map((d) => [d.column_name, d.column_type]));
  // The session runs in UTC, so a zoned timestamp casts to its UTC wall-clock time.
  const select = columns.map((c) => {
    const type = typeOf.get(c)!;
    if (timestamps.has(c)) return `CAST(${ident(c)} AS TIMESTAMP) AS ${ident(c)}`;
    if (type === 'VARCHAR') return ident(c);
    // pandas stores integer ids as DOUBLE once a column has a gap; read as text they would
    // say 1.0 and never match the 1 of another file, so whole numbers lose their ".0".
    if (type === 'DOUBLE' || type === 'FLOAT') {
      return `CASE WHEN ${ident(c)} = trunc(${ident(c)}) AND abs(${ident(c)}) < 9e15
        THEN CAST(CAST(${ident(c)} AS BIGINT) AS VARCHAR) ELSE CAST(${ident(c)} AS VARCHAR) END AS ${ident(c)}`;
    }
    return `CAST(${ident(c)} AS VARCHAR) AS ${ident(c)}`;
  });
  try {
    await dropRawTable(store, table);
    await store.run(
      // The file's own position of each row when DuckDB can give it; a file with a column of
      // that name gets its rows numbered in reading order instead.
      typeOf.has('file_row_number')
        ? `CREATE TEMP VIEW ${ident(table)} AS
           SELECT CAST(row_number() OVER () AS INTEGER) AS __row, ${select.join(', ')}
           FROM read_parquet(${path})`
        : `CREATE TEMP VIEW ${ident(table)} AS
           SELECT CAST(file_row_number + 1 AS INTEGER) AS __row, ${select.join(', ')}
           FROM read_parquet(${path}, file_row_number = true)`,
    );
  } catch (error) {
    throw readFailure(file, error);
  }
  if (!count) {
    throw new InputError(
      'empty_file',
      `${file} has no data rows. Export the table again with at least one row.`,
      { file },
    );
  }
  return { file, table, columns, rowCount: count, timestamps, view: true, malformed: [] };
}

/**
 * Reads only a file's column names (CSV from its header, Parquet from its schema): enough to
 * guess a mapping without loading a large file a second time.
 */
export async function readColumns(store: Store, file: string): Promise<FileColumns> {
  assertReadable(file);
  try {
    const described = await store.rows<{ column_name: string }>(
      `DESCRIBE SELECT * FROM ${sourceSql(file, false)}`,
    );
    return { file, columns: described.map((d) => d.column_name) };
  } catch (error) {
    throw readFailure(file, error);
  }
}

function assertReadable(file: string): void {
  if (!existsSync(file)) {
    throw new InputError('missing_file', `${file} does not exist. Check the path.`, { file });
  }
  if (statSync(file).size === 0) {
    throw new InputError(
      'empty_file',
      `${file} is empty. Export the table again with a header row and data.`,
      { file },
    );
  }
  const extension = extname(file).toLowerCase();
  if (!(SUPPORTED_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new InputError(
      'unsupported_format',
      `${file}: unsupported file type "${extension}". Use CSV, JSON lines or Parquet ` +
        `(${SUPPORTED_EXTENSIONS.join(', ')}).`,
      { file },
    );
  }
}

function isCsv(file: string): boolean {
  return ['.csv', '.tsv', '.txt'].includes(extname(file).toLowerCase());
}

function sourceSql(file: string, keepRejects = true): string {
  const path = literal(file);
  const extension = extname(file).toLowerCase();
  if (extension === '.parquet') return `read_parquet(${path})`;
  if (['.jsonl', '.ndjson', '.json'].includes(extension)) {
    return `read_json(${path}, format = 'auto', sample_size = -1)`;
  }
  if (!keepRejects) return `read_csv(${path}, all_varchar = true, header = true, max_line_size = 67108864)`;
  return `read_csv(${path}, all_varchar = true, header = true, store_rejects = true,
    max_line_size = 67108864,
    rejects_scan = ${literal(`${tableSafe(file)}_scan`)},
    rejects_table = ${literal(`${tableSafe(file)}_errors`)})`;
}

function tableSafe(file: string): string {
  let hash = 0;
  for (const char of file) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `rejects_${hash.toString(36)}`;
}

/**
 * DuckDB drops lines with the wrong number of fields into a rejects table and numbers the
 * rest consecutively; we renumber the good rows so that `__row` still matches the file.
 */
async function collectMalformed(store: Store, file: string, table: string): Promise<RejectRow[]> {
  const errors = `${tableSafe(file)}_errors`;
  const bad = await store.rows<{ line: number; error: string; text: string }>(
    `SELECT CAST(line AS INTEGER) AS line, min(error_message) AS error,
       min(trim(csv_line, e'\\r\\n')) AS text
     FROM ${ident(errors)} GROUP BY line ORDER BY line`,
  );
  if (bad.length === 0) return [];
  const total = (await store.column<number>(`SELECT count(*)::INTEGER FROM ${ident(table)}`))[0]!;
  await store.run(
    `CREATE OR REPLACE TEMP TABLE __renumber AS
     SELECT CAST(row_number() OVER (ORDER BY x) AS INTEGER) AS good, CAST(x AS INTEGER) AS actual
     FROM range(1, ${total + bad.length + 1}) t(x)
     WHERE x NOT IN (SELECT DISTINCT line - 1 FROM ${ident(errors)});
     UPDATE ${ident(table)} SET __row = r.actual FROM __renumber r WHERE __row = r.good;
     DROP TABLE __renumber;`,
  );
  return bad.map((b) => ({
    file,
    row: b.line - 1,
    column: '',
    value: b.text.slice(0, 200),
    reason: 'malformed_line',
    message: `${b.error}. Fix the quoting or delimiters on this line.`,
  }));
}

function readFailure(file: string, error: unknown): InputError {
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new InputError(
    'unreadable_file',
    `${file} could not be read: ${detail}. ${formatHint(file)}`,
    { file },
    { cause: error },
  );
}

function formatHint(file: string): string {
  const extension = extname(file).toLowerCase();
  if (extension === '.parquet') return 'Check that it is a complete Parquet file.';
  if (['.jsonl', '.ndjson', '.json'].includes(extension)) {
    return 'Check that every line is one JSON object ({"lead_id": "L1", ...}).';
  }
  return 'Check that it is a text CSV file with a header row.';
}

/**
 * Drops what `readRawTable` made, or a leftover of the same name from an earlier run: raw
 * tables are temporary, so they never outlive the session in a store file, but a store
 * written by an older version may still hold one of either kind.
 */
export async function dropRawTable(store: Store, raw: RawTable | string): Promise<void> {
  const name = typeof raw === 'string' ? raw : raw.table;
  const kinds = await store.rows<{ kind: string; schema: string; db: string }>(
    `SELECT 'VIEW' AS kind, schema_name AS schema, database_name AS db FROM duckdb_views()
       WHERE view_name = ${literal(name)} AND NOT internal
     UNION ALL
     SELECT 'TABLE', schema_name, database_name FROM duckdb_tables() WHERE table_name = ${literal(name)}`,
  );
  for (const k of kinds) {
    await store.run(`DROP ${k.kind} IF EXISTS ${ident(k.db)}.${ident(k.schema)}.${ident(name)}`);
  }
}
