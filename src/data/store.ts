import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

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
  close(): void;
}

export async function openStore(path = ':memory:'): Promise<Store> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  // Timestamps without an offset are read as UTC whatever the machine's zone, so results do
  // not depend on where leadsift runs.
  await conn.run(`SET TimeZone = 'UTC'`);
  return createStore(path, instance, conn);
}

function createStore(path: string, instance: DuckDBInstance, conn: DuckDBConnection): Store {
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
    close() {
      conn.closeSync();
      instance.closeSync();
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
