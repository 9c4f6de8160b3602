import { closeSync, existsSync, openSync, readSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Mapping } from '../data/mapping.js';
import { UsageError } from '../errors.js';

/**
 * Checks on the paths the user names for leadsift to write into, made before any work so that
 * a wrong path costs nothing and never ends in a raw file-system or database error.
 */

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * A folder leadsift writes into (--out, --data): it may be missing (it is created), but it
 * must not be a file, nor lie inside one.
 */
export function checkFolderOption(flag: string, path: string): void {
  const own = statOrUndefined(path);
  if (own) {
    if (!own.isDirectory()) {
      throw new UsageError(`${flag} ${path} is a file; give a folder (it is created if missing).`);
    }
    return;
  }
  for (let dir = resolve(path), parent = dirname(dir); parent !== dir; dir = parent, parent = dirname(dir)) {
    const s = statOrUndefined(parent);
    if (!s) continue;
    if (!s.isDirectory()) {
      throw new UsageError(`${flag} ${path} lies inside ${parent}, which is a file; give a folder.`);
    }
    return;
  }
}

/** The tables that make a DuckDB database a store leadsift created. */
export const STORE_TABLES = ['leads', 'lead_facts', 'rejects'] as const;

/**
 * --store FILE: leadsift replaces its own tables in FILE, so FILE must be new, empty, or a
 * store an earlier leadsift run made (tables leads, lead_facts and rejects), or a DuckDB
 * database with no tables or views at all. Anything else (a folder, another kind of file, a
 * DuckDB database of the user's) is refused. The file is only opened read-only here and closed
 * again before the analysis opens it.
 */
export async function checkStoreOption(path: string): Promise<void> {
  const stats = statOrUndefined(path);
  if (!stats) {
    const parent = dirname(resolve(path));
    const folder = statOrUndefined(parent);
    if (!folder?.isDirectory()) {
      throw new UsageError(
        `--store ${path}: the folder ${parent} does not exist. Create it first, or give a file ` +
          'in an existing folder.',
      );
    }
    return;
  }
  if (stats.isDirectory()) {
    throw new UsageError(
      `--store ${path} is a folder; give a file name for the DuckDB store, e.g. ` +
        `${join(path, 'leadsift.duckdb')}.`,
    );
  }
  if (!stats.isFile()) {
    throw new UsageError(`--store ${path} is not a regular file; give a file name for the DuckDB store.`);
  }
  if (stats.size === 0) return;
  let isDuckDb: boolean;
  try {
    isDuckDb = looksLikeDuckDb(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`--store ${path} cannot be read (${reason}). Give a file leadsift may read and write.`);
  }
  if (!isDuckDb) {
    throw new UsageError(
      `--store ${path} is not a DuckDB database (it does not start like one), so it is not a ` +
        'leadsift store; it is left alone. Give a new file name for the store, or the file of ' +
        'an earlier --store run.',
    );
  }

  let tables: string[];
  try {
    tables = await listTables(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `--store ${path} is not a DuckDB database leadsift can open (${reason}). Give a new file ` +
        'name for the store, or the file of an earlier --store run.',
    );
  }
  const missing = STORE_TABLES.filter((t) => !tables.includes(t));
  // A leadsift store, or a database with nothing in it to lose.
  if (missing.length === 0 || tables.length === 0) return;
  const partial = missing.length < STORE_TABLES.length;
  const holds = `it holds ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ` and ${tables.length - 5} more` : ''}`;
  throw new UsageError(
    `--store ${path} is a DuckDB database that is not a leadsift store (${holds}; a store ` +
      `has ${STORE_TABLES.join(', ')}). leadsift would replace tables in it, so it is left ` +
      'alone. Give a new file name for the store' +
      (partial
        ? `, or, if it is from a leadsift run that stopped early (no ${missing.join(', ')}), ` +
          'delete it and run again.'
        : '.'),
  );
}

/** A DuckDB database file carries the magic bytes "DUCK" at offset 8 of its header. */
function looksLikeDuckDb(path: string): boolean {
  const header = Buffer.alloc(12);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, header, 0, 12, 0) === 12 && header.toString('latin1', 8, 12) === 'DUCK';
  } finally {
    closeSync(fd);
  }
}

async function listTables(path: string): Promise<string[]> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const conn = await instance.connect();
    try {
      // Tables and the user's views: anything a user could lose.
      const reader = await conn.runAndReadAll(
        `SELECT table_name FROM duckdb_tables()
           WHERE database_name = current_database() AND NOT temporary
         UNION ALL
         SELECT view_name FROM duckdb_views()
           WHERE database_name = current_database() AND NOT temporary AND NOT internal
         ORDER BY 1`,
      );
      return (reader.getColumnsJS()[0] ?? []).map(String);
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/**
 * DuckDB refuses to open an empty file as a new database; an empty --store file (say from
 * mktemp) holds nothing, so it is removed and DuckDB creates the store in its place.
 */
export function clearEmptyStore(path: string): void {
  const stats = statOrUndefined(path);
  if (stats?.isFile() && stats.size === 0) unlinkSync(path);
}

/** Every file a mapping reads, resolved, so no output can be written over one of them. */
export function inputFiles(mapping: Mapping): string[] {
  return [mapping.leads, mapping.accounts, mapping.interactions, mapping.outcomes]
    .filter((section) => section !== undefined)
    .map((section) => resolve(section.file));
}

/**
 * --report FILE, checked before any work: not an input file, not a file the same command
 * writes (`others`), not a folder, and not inside a file.
 */
export function checkReportTarget(
  mapping: Mapping,
  report: string,
  others: readonly { what: string; path: string }[] = [],
): void {
  const target = resolve(report);
  if (inputFiles(mapping).includes(target)) {
    throw new UsageError(`--report ${report} is an input file; the report would overwrite it. Choose another file.`);
  }
  for (const other of others) {
    if (resolve(other.path) === target) {
      throw new UsageError(`--report ${report} is ${other.what}; choose another file.`);
    }
  }
  if (existsSync(target) && statSync(target).isDirectory()) {
    throw new UsageError(`--report ${report} is a folder; give a file name, e.g. ${join(report, 'report.html')}.`);
  }
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      if (!statSync(dir).isDirectory()) {
        throw new UsageError(`--report ${report} lies inside ${dir}, which is a file; give a file in a folder.`);
      }
      return;
    }
    if (dirname(dir) === dir) return;
  }
}
