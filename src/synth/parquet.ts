import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  ENUM,
  INTEGER,
  UINTEGER,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBVector,
} from '@duckdb/node-api';
import { writeFunnelTruth, type FunnelCsvResult } from './csv.js';
import {
  createFunnelGenerator,
  type EncodedFunnelSink,
  type FunnelOptions,
  type ResolvedFunnelOptions,
} from './generate.js';
import { parseDay } from './timestamps.js';
import { literal } from '../data/store.js';

/** The files `writeFunnelParquet` writes, in the directory it is given. */
export const FUNNEL_PARQUET_FILES = {
  accounts: 'accounts.parquet',
  leads: 'leads.parquet',
  interactions: 'interactions.parquet',
  deals: 'deals.parquet',
  truth: 'truth.json',
} as const;

/**
 * `writeFunnelParquet` works in a folder of this prefix inside the output directory and
 * removes it when done; one left behind by a killed process is safe to delete.
 */
export const FUNNEL_TEMP_PREFIX = '.leadsift-tmp-';

/** What `writeFunnelParquet` wrote. */
export type FunnelParquetResult = FunnelCsvResult;

export interface FunnelParquetSettings {
  /** DuckDB's memory_limit while converting; default '1GB'. */
  readonly memoryLimit?: string;
  /** DuckDB's worker threads; default: DuckDB's own choice (the number of cores). */
  readonly threads?: number;
  /**
   * Told the step and, while generating, the leads done so far. Steps: 'generate', then
   * each table name as its Parquet file is written.
   */
  readonly onProgress?: (step: string, leadsDone: number) => void;
  /** Aborting stops the work, removes the temporary folder and rejects with the reason. */
  readonly signal?: AbortSignal;
}

// DuckDB's vector size: an appended chunk holds at most this many rows.
const CHUNK_ROWS = 2048;
// Handing control back to the event loop this often lets progress and aborts through.
const YIELD_EVERY_LEADS = 20_000;
/** The most leads Parquet output takes: ids are staged as 32-bit integers. */
export const FUNNEL_PARQUET_MAX_LEADS = 2_147_483_647;
/** The longest period (`days`) Parquet output takes: times are staged as 32-bit seconds. */
export const FUNNEL_PARQUET_MAX_DAYS = Math.floor(0xffff_ffff / 86_400);

/**
 * Generates a funnel and writes it to `dir` (created if missing) as `accounts.parquet`,
 * `leads.parquet`, `interactions.parquet`, `deals.parquet` and the same `truth.json` as
 * `writeFunnelCsv`: the same rows in the same order, with the CSV files' column names, but
 * typed. Timestamps are TIMESTAMP (UTC), employees INTEGER, revenue and amount BIGINT, ids and
 * text VARCHAR, and an open deal's closed_at NULL.
 *
 * The generator hands its rows over unformatted: ids as numbers, categories as indexes,
 * times as seconds. They are appended a chunk at a time to tables of a scratch DuckDB
 * database, which spills to disk past `memoryLimit`, so memory stays flat however many rows
 * there are; the strings are built by DuckDB, on all cores, while it writes each Parquet
 * file. All of that happens in a temporary folder inside `dir`, removed at the end whether
 * the run succeeds, fails or is aborted; each Parquet file is moved into `dir` only once it
 * is complete. Same options, same rows.
 */
export async function writeFunnelParquet(
  options: FunnelOptions,
  dir: string,
  settings: FunnelParquetSettings = {},
): Promise<FunnelParquetResult> {
  const generator = createFunnelGenerator(options);
  const resolved = generator.options;
  if (resolved.leads > FUNNEL_PARQUET_MAX_LEADS) {
    throw new RangeError(`Parquet output needs leads ≤ ${FUNNEL_PARQUET_MAX_LEADS}, got ${resolved.leads}`);
  }
  if (resolved.days > FUNNEL_PARQUET_MAX_DAYS) {
    throw new RangeError(`Parquet output needs days ≤ ${FUNNEL_PARQUET_MAX_DAYS}, got ${resolved.days}`);
  }
  const { signal } = settings;
  signal?.throwIfAborted();
  await mkdir(dir, { recursive: true });
  const temp = await mkdtemp(join(dir, FUNNEL_TEMP_PREFIX));
  let instance: DuckDBInstance | undefined;
  let conn: DuckDBConnection | undefined;
  const interrupt = () => conn?.interrupt();
  signal?.addEventListener('abort', interrupt);
  try {
    const config: Record<string, string> = {
      memory_limit: settings.memoryLimit ?? '1GB',
      temp_directory: join(temp, 'spill'),
      preserve_insertion_order: 'true',
    };
    if (settings.threads !== undefined) config['threads'] = String(settings.threads);
    instance = await DuckDBInstance.create(join(temp, 'scratch.duckdb'), config);
    conn = await instance.connect();
    await conn.run(`SET TimeZone = 'UTC'`);

    const tables = await createTables(conn, resolved);
    let leadsDone = 0;
    settings.onProgress?.('generate', 0);
    for (;;) {
      const more = generator.nextEncoded(tables.sink);
      const { leads } = generator.counts();
      if (leads - leadsDone >= YIELD_EVERY_LEADS || !more) {
        leadsDone = leads;
        settings.onProgress?.('generate', leadsDone);
        await new Promise((resolve) => setImmediate(resolve));
        signal?.throwIfAborted();
      }
      if (!more) break;
    }
    tables.close();

    for (const table of TABLE_ORDER) {
      settings.onProgress?.(table, leadsDone);
      const part = join(temp, FUNNEL_PARQUET_FILES[table]);
      await conn.run(`COPY (${selectFor(table, resolved)}) TO ${literal(part)} (FORMAT parquet)`);
      signal?.throwIfAborted();
    }
    conn.closeSync();
    conn = undefined;
    instance.closeSync();
    instance = undefined;
    for (const table of TABLE_ORDER) {
      await rename(join(temp, FUNNEL_PARQUET_FILES[table]), join(dir, FUNNEL_PARQUET_FILES[table]));
    }
    const counts = generator.counts();
    const truth = await writeFunnelTruth(dir, resolved, counts);
    return { dir, counts, truth };
  } catch (error) {
    // An interrupted query reports itself as such; the caller asked for the abort's reason.
    if (signal?.aborted) throw signal.reason;
    throw error;
  } finally {
    signal?.removeEventListener('abort', interrupt);
    conn?.closeSync();
    instance?.closeSync();
    await rm(temp, { recursive: true, force: true });
  }
}

type Table = 'accounts' | 'leads' | 'interactions' | 'deals';
const TABLE_ORDER: readonly Table[] = ['accounts', 'leads', 'interactions', 'deals'];

const STATUSES = ['won', 'lost', 'open'] as const;

/**
 * A column of a scratch table. Numbers are kept as they come (times as seconds after the
 * period start); text drawn from the model's lists is an ENUM, which the Parquet writer
 * stores as plain strings from its dictionary, far cheaper than building each string.
 */
interface ScratchColumn {
  readonly name: string;
  readonly type: DuckDBType;
}

function scratchColumns(resolved: ResolvedFunnelOptions): Record<Table, readonly ScratchColumn[]> {
  const { model } = resolved;
  const category = (name: string, values: readonly string[]): ScratchColumn => ({
    name,
    type: ENUM(values),
  });
  return {
    accounts: [
      { name: 'account', type: INTEGER },
      category('industry', model.industries.map((v) => v.value)),
      { name: 'employees', type: INTEGER },
      category('country', model.countries.map((v) => v.value)),
      { name: 'revenue', type: DOUBLE },
    ],
    leads: [
      { name: 'lead', type: INTEGER },
      { name: 'created_at', type: UINTEGER },
      { name: 'account', type: INTEGER },
      category('source', model.sources.map((v) => v.value)),
      category('job_title', model.jobTitles.map((v) => v.value)),
    ],
    interactions: [
      { name: 'lead', type: INTEGER },
      category('type', model.interactions.map((spec) => spec.type)),
      { name: 'occurred_at', type: UINTEGER },
      category('detail', distinctDetails(resolved)),
    ],
    deals: [
      { name: 'deal', type: INTEGER },
      { name: 'lead', type: INTEGER },
      category('status', STATUSES),
      { name: 'created_at', type: UINTEGER },
      { name: 'closed_at', type: UINTEGER },
      { name: 'amount', type: DOUBLE },
    ],
  };
}

/** Every detail of every interaction type once, in order of first appearance. */
function distinctDetails(resolved: ResolvedFunnelOptions): string[] {
  return [...new Set(resolved.model.interactions.flatMap((spec) => spec.details))];
}

/**
 * A chunk of rows for one scratch table, written value by value straight into its vectors
 * and appended to DuckDB when full. The one chunk is reused: making a chunk builds its types
 * natively, ENUM lookups included.
 */
class ChunkWriter {
  readonly vectors: DuckDBVector[];
  rows = 0;
  private readonly chunk: DuckDBDataChunk;

  constructor(
    private readonly appender: DuckDBAppender,
    types: readonly DuckDBType[],
  ) {
    this.chunk = DuckDBDataChunk.create(types, CHUNK_ROWS);
    this.vectors = types.map((_, c) => this.chunk.getColumnVector(c));
  }

  /** Counts the row just written, appending the chunk once it is full. */
  next(): void {
    if (++this.rows === CHUNK_ROWS) this.append();
  }

  close(): void {
    if (this.rows > 0) this.append();
    this.appender.closeSync();
  }

  private append(): void {
    for (const vector of this.vectors) vector.flush();
    // Only the last chunk is short. Shrinking it keeps the data already flushed, but
    // leaves `vectors` stale, which is fine since nothing is written after it.
    if (this.rows < CHUNK_ROWS) this.chunk.rowCount = this.rows;
    this.appender.appendDataChunk(this.chunk);
    this.rows = 0;
  }
}

async function createTables(
  conn: DuckDBConnection,
  resolved: ResolvedFunnelOptions,
): Promise<{ sink: EncodedFunnelSink; close(): void }> {
  const { model } = resolved;
  const spec = scratchColumns(resolved);
  const writers = {} as Record<Table, ChunkWriter>;
  for (const table of TABLE_ORDER) {
    const columns = spec[table];
    await conn.run(
      `CREATE TABLE ${table} (${columns.map((c) => `${c.name} ${c.type.toString()}`).join(', ')})`,
    );
    writers[table] = new ChunkWriter(
      await conn.createAppender(table),
      columns.map((c) => c.type),
    );
  }
  const start = parseDay(resolved.start);
  const industries = model.industries.map((v) => v.value);
  const countries = model.countries.map((v) => v.value);
  const sources = model.sources.map((v) => v.value);
  const titles = model.jobTitles.map((v) => v.value);
  const types = model.interactions.map((v) => v.type);
  const details = model.interactions.map((v) => v.details);
  const { accounts, leads, interactions, deals } = writers;
  const [aId, aIndustry, aEmployees, aCountry, aRevenue] = accounts.vectors as Vectors<5>;
  const [lId, lCreated, lAccount, lSource, lTitle] = leads.vectors as Vectors<5>;
  const [iLead, iType, iAt, iDetail] = interactions.vectors as Vectors<4>;
  const [dId, dLead, dStatus, dCreated, dClosed, dAmount] = deals.vectors as Vectors<6>;
  const sink: EncodedFunnelSink = {
    account(account, industry, employees, country, revenue) {
      const r = accounts.rows;
      aId.setItem(r, account);
      aIndustry.setItem(r, industries[industry]!);
      aEmployees.setItem(r, employees);
      aCountry.setItem(r, countries[country]!);
      aRevenue.setItem(r, revenue);
      accounts.next();
    },
    lead(lead, createdAt, account, source, jobTitle) {
      const r = leads.rows;
      lId.setItem(r, lead);
      lCreated.setItem(r, createdAt - start);
      lAccount.setItem(r, account);
      lSource.setItem(r, sources[source]!);
      lTitle.setItem(r, titles[jobTitle]!);
      leads.next();
    },
    interaction(lead, type, occurredAt, detail) {
      const r = interactions.rows;
      iLead.setItem(r, lead);
      iType.setItem(r, types[type]!);
      iAt.setItem(r, occurredAt - start);
      iDetail.setItem(r, details[type]![detail]!);
      interactions.next();
    },
    deal(deal, lead, status, createdAt, closedAt, amount) {
      const r = deals.rows;
      dId.setItem(r, deal);
      dLead.setItem(r, lead);
      dStatus.setItem(r, status);
      dCreated.setItem(r, createdAt - start);
      dClosed.setItem(r, closedAt === null ? null : closedAt - start);
      dAmount.setItem(r, amount);
      deals.next();
    },
  };
  return {
    sink,
    close() {
      for (const table of TABLE_ORDER) writers[table].close();
    },
  };
}

type Vectors<N extends number, A extends DuckDBVector[] = []> = A['length'] extends N
  ? A
  : Vectors<N, [...A, DuckDBVector]>;

/** The query that turns a scratch table into the rows of its file. */
function selectFor(table: Table, resolved: ResolvedFunnelOptions): string {
  const startMicros = `${parseDay(resolved.start)}::BIGINT * 1000000`;
  const time = (column: string) =>
    `make_timestamp(${startMicros} + ${column}::BIGINT * 1000000) AS ${column}`;
  switch (table) {
    case 'accounts':
      return (
        `SELECT ${id('A', 'account')} AS account_id, industry, employees, country, ` +
        'revenue::BIGINT AS revenue FROM accounts'
      );
    case 'leads':
      return (
        `SELECT ${id('L', 'lead')} AS lead_id, ${time('created_at')}, ` +
        `${id('A', 'account')} AS account_id, source, job_title FROM leads`
      );
    case 'interactions':
      return `SELECT ${id('L', 'lead')} AS lead_id, type, ${time('occurred_at')}, detail FROM interactions`;
    case 'deals':
      return (
        `SELECT ${id('D', 'deal')} AS deal_id, ${id('L', 'lead')} AS lead_id, status, ` +
        `${time('created_at')}, ${time('closed_at')}, amount::BIGINT AS amount FROM deals`
      );
  }
}

/** The SQL for `accountId` and its kin: a letter and the number, zero-padded to 7 digits. */
function id(letter: string, column: string): string {
  return `printf('${letter}%07d', ${column})`;
}

