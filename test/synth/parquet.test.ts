import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { FUNNEL_FILES, writeFunnelCsv, type FunnelCsvResult } from '../../src/synth/csv.js';
import { leadId, type FunnelOptions } from '../../src/synth/generate.js';
import { DEFAULT_FUNNEL_MODEL, type FunnelModel } from '../../src/synth/model.js';
import {
  FUNNEL_PARQUET_FILES,
  writeFunnelParquet,
  type FunnelParquetResult,
} from '../../src/synth/parquet.js';

// Details with a comma, quotes and an apostrophe, so quoting in CSV and in SQL is exercised.
const model: FunnelModel = {
  ...DEFAULT_FUNNEL_MODEL,
  meanInteractionsPerLead: 12,
  interactions: DEFAULT_FUNNEL_MODEL.interactions.map((spec, i) =>
    i === 0 ? { ...spec, details: [...spec.details, "O'Brien's page, \"v2\""] } : spec,
  ),
};
// A short period, so that many deals are still open at the as-of instant.
const options: FunnelOptions = { seed: 11, leads: 1500, start: '2023-05-01', days: 200, model };
const TABLES = ['accounts', 'leads', 'interactions', 'deals'] as const;
type Table = (typeof TABLES)[number];

const root = await mkdtemp(join(tmpdir(), 'leadsift-parquet-'));
let db: DuckDBInstance;
let conn: DuckDBConnection;
let csv: FunnelCsvResult;
let parquet: FunnelParquetResult;

before(async () => {
  [csv, parquet] = await Promise.all([
    writeFunnelCsv(options, join(root, 'csv')),
    writeFunnelParquet(options, join(root, 'parquet')),
  ]);
  db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
});

after(async () => {
  conn?.closeSync();
  db?.closeSync();
  await rm(root, { recursive: true, force: true });
});

async function rows(sql: string): Promise<unknown[][]> {
  return (await conn.runAndReadAll(sql)).getRowsJS();
}

const parquetFile = (dir: string, table: Table) => `'${join(root, dir, FUNNEL_PARQUET_FILES[table])}'`;

/** A Parquet table's rows as the CSV writer spells them: seconds-precision times, '' for NULL. */
async function parquetAsText(dir: string, table: Table): Promise<unknown[][]> {
  const columns = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${parquetFile(dir, table)}`))
    .getRowObjectsJS()
    .map((c) => {
      const name = `"${String(c['column_name'])}"`;
      const text = c['column_type'] === 'TIMESTAMP' ? `strftime(${name}, '%Y-%m-%d %H:%M:%S')` : `${name}::VARCHAR`;
      return `coalesce(${text}, '')`;
    });
  return rows(`SELECT ${columns.join(', ')} FROM ${parquetFile(dir, table)}`);
}

async function csvAsText(table: Table): Promise<unknown[][]> {
  const file = join(root, 'csv', FUNNEL_FILES[table]);
  const header = (await readFile(file, 'utf8')).split('\n', 1)[0]!.split(',');
  const columns = header.map((name) => `coalesce("${name}", '')`);
  return rows(`SELECT ${columns.join(', ')} FROM read_csv('${file}', all_varchar = true, header = true)`);
}

describe('writeFunnelParquet', () => {
  it('writes as many rows per table as the CSV writer, and says so', async () => {
    assert.deepEqual(parquet.counts, csv.counts);
    assert.ok(parquet.counts.deals > 0 && parquet.counts.interactions > 10_000);
    for (const table of TABLES) {
      const [[count]] = (await rows(`SELECT count(*) FROM ${parquetFile('parquet', table)}`)) as [[bigint]];
      assert.equal(Number(count), parquet.counts[table], table);
    }
  });

  it('writes the same rows, in the same order, as the CSV writer', async () => {
    for (const table of TABLES) {
      const expected = await csvAsText(table);
      const actual = await parquetAsText('parquet', table);
      assert.equal(actual.length, expected.length, table);
      assert.deepEqual(actual, expected, table);
    }
    const [[quoted]] = (await rows(
      `SELECT count(*) FROM ${parquetFile('parquet', 'interactions')} WHERE detail = 'O''Brien''s page, "v2"'`,
    )) as [[bigint]];
    assert.ok(quoted > 0n, 'the detail with quotes and a comma comes through');
  });

  it('uses the CSV column names with typed columns', async () => {
    const expected: Record<Table, [string, string][]> = {
      accounts: [
        ['account_id', 'VARCHAR'],
        ['industry', 'VARCHAR'],
        ['employees', 'INTEGER'],
        ['country', 'VARCHAR'],
        ['revenue', 'BIGINT'],
      ],
      leads: [
        ['lead_id', 'VARCHAR'],
        ['created_at', 'TIMESTAMP'],
        ['account_id', 'VARCHAR'],
        ['source', 'VARCHAR'],
        ['job_title', 'VARCHAR'],
      ],
      interactions: [
        ['lead_id', 'VARCHAR'],
        ['type', 'VARCHAR'],
        ['occurred_at', 'TIMESTAMP'],
        ['detail', 'VARCHAR'],
      ],
      deals: [
        ['deal_id', 'VARCHAR'],
        ['lead_id', 'VARCHAR'],
        ['status', 'VARCHAR'],
        ['created_at', 'TIMESTAMP'],
        ['closed_at', 'TIMESTAMP'],
        ['amount', 'BIGINT'],
      ],
    };
    for (const table of TABLES) {
      const described = await rows(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${parquetFile('parquet', table)})`);
      assert.deepEqual(described, expected[table], table);
      const header = (await readFile(join(root, 'csv', FUNNEL_FILES[table]), 'utf8')).split('\n', 1)[0];
      assert.equal(expected[table].map(([name]) => name).join(','), header, table);
    }
  });

  it('leaves closed_at NULL exactly for open deals', async () => {
    const file = parquetFile('parquet', 'deals');
    const byStatus = await rows(
      `SELECT status, count(*)::INTEGER, count(closed_at)::INTEGER FROM ${file} GROUP BY status ORDER BY status`,
    );
    const open = byStatus.find(([status]) => status === 'open');
    assert.ok(open && (open[1] as number) > 0, 'the short period leaves deals open');
    for (const [status, deals, closed] of byStatus) {
      assert.equal(closed, status === 'open' ? 0 : deals, String(status));
    }
  });

  it('writes the same truth.json as the CSV writer', async () => {
    const [fromCsv, fromParquet] = await Promise.all([
      readFile(join(root, 'csv', FUNNEL_FILES.truth), 'utf8'),
      readFile(join(root, 'parquet', FUNNEL_FILES.truth), 'utf8'),
    ]);
    assert.equal(fromParquet, fromCsv);
    assert.deepEqual(parquet.truth, csv.truth);
  });

  it('writes the same rows again for the same options, and others for another seed', async () => {
    await writeFunnelParquet(options, join(root, 'again'));
    await writeFunnelParquet({ ...options, seed: 12 }, join(root, 'other'));
    for (const table of TABLES) {
      assert.deepEqual(await parquetAsText('again', table), await parquetAsText('parquet', table), table);
    }
    assert.notDeepEqual(await parquetAsText('other', 'leads'), await parquetAsText('parquet', 'leads'));
  });

  it('leaves nothing but its five files behind', async () => {
    assert.deepEqual((await readdir(join(root, 'parquet'))).sort(), Object.values(FUNNEL_PARQUET_FILES).sort());
  });

  it('removes its temporary folder when DuckDB fails', async () => {
    const dir = join(root, 'bad-memory');
    await assert.rejects(writeFunnelParquet(options, dir, { memoryLimit: 'plenty' }));
    assert.deepEqual(await readdir(dir), []);
  });

  it('stops when aborted, rejecting with the reason and removing its temporary folder', async () => {
    const dir = join(root, 'aborted');
    const controller = new AbortController();
    const reason = new Error('stop');
    const steps: string[] = [];
    await assert.rejects(
      writeFunnelParquet({ ...options, leads: 60_000 }, dir, {
        signal: controller.signal,
        onProgress: (step, leads) => {
          steps.push(step);
          if (leads > 0) controller.abort(reason);
        },
      }),
      (error) => error === reason,
    );
    assert.deepEqual([...new Set(steps)], ['generate']);
    assert.deepEqual(await readdir(dir), []);
  });

  it('numbers ids past 9,999,999 as leadId does', async () => {
    // The Parquet ids are built by DuckDB's printf; the CSV ids by leadId.
    const numbers = [1, 42, 9_999_999, 10_000_000, 123_456_789];
    const sql = await rows(`SELECT printf('L%07d', n) FROM unnest([${numbers.join(', ')}]) t(n)`);
    assert.deepEqual(sql.map(([id]) => id), numbers.map(leadId));
  });

  it('refuses a period too long for its 32-bit time offsets before writing anything', async () => {
    const dir = join(root, 'too-long');
    await assert.rejects(writeFunnelParquet({ ...options, days: 60_000 }, dir), /days ≤ 49710/);
    await assert.rejects(readdir(dir), { code: 'ENOENT' });
  });
});
