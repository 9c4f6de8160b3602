import {
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  INTEGER,
  type DuckDBConnection,
  type DuckDBVector,
} from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

/** How `Store.arrays` returns a column: the typed array it fills, and what NULL becomes. */
export type ArrayKind = 'int32' | 'uint8' | 'float64';

type ArrayOf<K extends ArrayKind> = K extends 'int32'
  ? Int32Array
  : K extends 'uint8'
    ? Uint8Array
    : Float64Array;

/** A query's columns as typed arrays, all of length `rows`. */
export type Arrays<S extends Record<string, ArrayKind>> = { readonly rows: number } & {
  readonly [K in keyof S]: ArrayOf<S[K]>;
};

/**
 * The embedded DuckDB database holding the canonical tables. A file path keeps the tables
 * between runs; `:memory:` suits one-shot runs.
 */
export interface Store {
  readonly path: string;
  run(sql: string): Promise<void>;
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Fetches one column as plain JS values, cheaper than row objects for large results. */
  column<T = unknown>(sql: string): Promise<T[]>;
  /**
   * Copies the named numeric or boolean columns of a query straight into typed arrays, a
   * chunk at a time, so millions of rows never become JS objects. Cast DECIMAL and BIGINT
   * results to DOUBLE or INTEGER: those take a slow path. NULL reads as NaN in a
   * float64 column and as 0 in an integer one; select what the caller needs to tell them apart.
   */
  arrays<S extends Record<string, ArrayKind>>(sql: string, shape: S): Promise<Arrays<S>>;
  /**
   * Creates (or replaces) a temporary table of INTEGER / DOUBLE columns from typed arrays of
   * equal length, through DuckDB's appender: the way back from JS to SQL for per-lead results.
   */
  load(table: string, columns: Readonly<Record<string, Int32Array | Float64Array>>): Promise<void>;
  close(): void;
}

/**
 * Opens the store. DuckDB would take 80 % of the machine's memory before spilling; leadsift
 * shares the machine with the user's other work, so it caps DuckDB at an eighth of physical
 * memory by default (`LEADSIFT_MEMORY_LIMIT`, e.g. `8GB`, overrides it) and lets it spill
 * to a private folder under the system's temp directory, removed on close. At ten million
 * leads on 24 GB, an eighth (3 GB) gave a lower peak (6.3 GB) and a faster run (136 s) than a
 * fifth (8.2 GB, 224 s, though on a busier machine): DuckDB's buffers come on top of the
 * JS side's per-lead arrays, so the smaller pool leaves the process more room.
 */
export async function openStore(path = ':memory:'): Promise<Store> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  const spill = mkdtempSync(join(tmpdir(), 'leadsift-spill-'));
  openSpills.add(spill);
  try {
    // Timestamps without an offset are read as UTC whatever the machine's zone, so results
    // do not depend on where leadsift runs.
    await conn.run(`SET TimeZone = 'UTC'`);
    await conn.run(`SET memory_limit = ${literal(memoryLimit())}`);
    await conn.run(`SET temp_directory = ${literal(spill)}`);
  } catch (error) {
    conn.closeSync();
    instance.closeSync();
    removeSpill(spill);
    throw error;
  }
  return createStore(path, instance, conn, spill);
}

const openSpills = new Set<string>();

function removeSpill(spill: string): void {
  rmSync(spill, { recursive: true, force: true });
  openSpills.delete(spill);
}

/**
 * Removes the spill folders of stores still open: for a process ending on a signal, which
 * never reaches their `close`. DuckDB may still hold files there, which matters not on exit.
 */
export function removeOpenSpills(): void {
  for (const spill of [...openSpills]) removeSpill(spill);
}

function memoryLimit(): string {
  const asked = process.env['LEADSIFT_MEMORY_LIMIT']?.trim();
  if (asked) {
    const size = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.exec(asked);
    if (!size) {
      throw new UsageError(
        `LEADSIFT_MEMORY_LIMIT="${asked}" is not a memory size. Use a number and a unit, e.g. 8GB.`,
      );
    }
    const unit = size[2]!.toUpperCase();
    const bytes = Number(size[1]) * (unit.includes('I') ? 1024 : 1000) ** (1 + 'KMGT'.indexOf(unit[0]!));
    if (bytes < 100e6) {
      throw new UsageError(
        `LEADSIFT_MEMORY_LIMIT="${asked}" is too small for DuckDB to read a file; give at least 100MB.`,
      );
    }
    return asked;
  }
  // In a container the cgroup's limit, not the host's memory, is what the process may use.
  const constrained = process.constrainedMemory?.() || Number.POSITIVE_INFINITY;
  const available = Math.min(totalmem(), constrained);
  return `${Math.max(1, Math.floor(available / 8 / 2 ** 20))}MiB`;
}

function createStore(
  path: string,
  instance: DuckDBInstance,
  conn: DuckDBConnection,
  spill: string,
): Store {
  return {
    path,
    async run(sql) {
      await conn.run(sql);
    },
    async rows<T>(sql: string) {
      const reader = await conn.runAndReadAll(sql);
      return reader.getRowObjectsJS() as T[];
    },
    async column<T>(sql: string) {
      const reader = await conn.runAndReadAll(sql);
      return reader.getColumnsJS()[0] as T[] ?? [];
    },
    async arrays(sql, shape) {
      return readArrays(conn, sql, shape);
    },
    async load(table, columns) {
      await loadArrays(conn, table, columns);
    },
    close() {
      conn.closeSync();
      instance.closeSync();
      removeSpill(spill);
    },
  };
}

/** Quotes an identifier for DuckDB SQL. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for DuckDB SQL. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

const CONSTRUCTORS = { int32: Int32Array, uint8: Uint8Array, float64: Float64Array } as const;

// Types whose every value the array holds exactly, so nothing is silently wrapped or cut.
const SMALL_INTEGERS = ['TINYINT', 'UTINYINT', 'SMALLINT', 'USMALLINT', 'INTEGER'];
const ACCEPTS: Record<ArrayKind, readonly string[]> = {
  int32: SMALL_INTEGERS,
  uint8: ['BOOLEAN', 'UTINYINT'],
  float64: [...SMALL_INTEGERS, 'UINTEGER', 'FLOAT', 'DOUBLE'],
};

async function readArrays<S extends Record<string, ArrayKind>>(
  conn: DuckDBConnection,
  sql: string,
  shape: S,
): Promise<Arrays<S>> {
  // Materialised rather than streamed: fetching chunk by chunk across the async boundary cost
  // about three times as long, and callers only ask for lead-level results, not raw events.
  const result = await conn.run(sql);
  const names = Object.keys(shape);
  const indices = names.map((name) => {
    const at = result.columnNames().indexOf(name);
    if (at < 0) throw new Error(`arrays: the query has no column ${name}`);
    const type = result.columnType(at).toString();
    if (!ACCEPTS[shape[name]!].includes(type)) {
      throw new Error(`arrays: column ${name} is ${type}, which does not fit ${shape[name]}; cast it in SQL`);
    }
    return at;
  });
  let rows = 0;
  for (let c = 0; c < result.chunkCount; c++) rows += result.getChunk(c).rowCount;
  // Sized from the materialised result, so each column is allocated once at its final length.
  const arrays = names.map((name) => new CONSTRUCTORS[shape[name]!](rows));
  let offset = 0;
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const count = chunk.rowCount;
    indices.forEach((at, k) => {
      fill(arrays[k]!, offset, chunk.getColumnVector(at), count, shape[names[k]!]!);
    });
    offset += count;
  }
  const out: Record<string, unknown> = { rows };
  names.forEach((name, c) => {
    out[name] = arrays[c]!;
  });
  return out as Arrays<S>;
}

function fill(
  target: Int32Array | Uint8Array | Float64Array,
  offset: number,
  vector: DuckDBVector,
  count: number,
  kind: ArrayKind,
): void {
  const missing = kind === 'float64' ? Number.NaN : 0;
  // The vector classes keep their values in a typed array over DuckDB's own buffer; copying
  // that in one call is two orders of magnitude faster than reading item by item, which is
  // the fallback when a vector (a boolean or BIGINT one, or a future version) has none.
  const raw = (vector as unknown as { items?: unknown; validity?: { data?: unknown } });
  const items = raw.items;
  if (
    ArrayBuffer.isView(items) &&
    !(items instanceof DataView) &&
    !(items instanceof BigInt64Array) &&
    !(items instanceof BigUint64Array) &&
    (items as Int32Array).length === count
  ) {
    target.set(items as Int32Array, offset);
    const mask = raw.validity?.data;
    if (mask instanceof BigUint64Array) {
      const bits = new Uint8Array(mask.buffer, mask.byteOffset, mask.byteLength);
      for (let i = 0; i < count; i++) {
        if ((bits[i >> 3]! & (1 << (i & 7))) === 0) target[offset + i] = missing;
      }
    } else if (mask !== null && mask !== undefined) {
      return fillSlowly(target, offset, vector, count, missing);
    }
    return;
  }
  fillSlowly(target, offset, vector, count, missing);
}

function fillSlowly(
  target: Int32Array | Uint8Array | Float64Array,
  offset: number,
  vector: DuckDBVector,
  count: number,
  missing: number,
): void {
  for (let i = 0; i < count; i++) {
    const value = vector.getItem(i);
    target[offset + i] =
      value === null ? missing : typeof value === 'boolean' ? (value ? 1 : 0) : Number(value);
  }
}

async function loadArrays(
  conn: DuckDBConnection,
  table: string,
  columns: Readonly<Record<string, Int32Array | Float64Array>>,
): Promise<void> {
  const names = Object.keys(columns);
  const data = names.map((n) => columns[n]!);
  const rows = data[0]?.length ?? 0;
  if (data.some((d) => d.length !== rows)) throw new Error(`load ${table}: columns differ in length`);
  const types = data.map((d) => (d instanceof Int32Array ? INTEGER : DOUBLE));
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${ident(table)} (${names
      .map((n, c) => `${ident(n)} ${types[c] === INTEGER ? 'INTEGER' : 'DOUBLE'}`)
      .join(', ')})`,
  );
  const appender = await conn.createAppender(table, 'main', 'temp');
  const size = 2048;
  for (let start = 0; start < rows; start += size) {
    const count = Math.min(size, rows - start);
    const chunk = DuckDBDataChunk.create(types, count);
    data.forEach((d, c) => {
      const vector = chunk.getColumnVector(c);
      for (let i = 0; i < count; i++) vector.setItem(i, d[start + i]!);
      vector.flush();
    });
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}
