import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { guessMapping } from '../../src/data/guess-mapping.js';
import { openStore } from '../../src/data/store.js';
import { analyze } from '../../src/jobs/analyze.js';
import { writeFunnelCsv } from '../../src/synth/index.js';

const root = mkdtempSync(join(tmpdir(), 'leadsift-parquet-'));
after(() => rmSync(root, { recursive: true, force: true }));

const q = (path: string) => `'${path.replaceAll("'", "''")}'`;

/** The demo export as Parquet; leads gain a TIMESTAMP and a DATE column of their own. */
async function parquetExport(): Promise<{ csv: string; parquet: string }> {
  const csv = join(root, 'csv');
  const parquet = join(root, 'parquet');
  await writeFunnelCsv({ seed: 5, leads: 1_500 }, csv);
  mkdirSync(parquet);
  const store = await openStore();
  try {
    await store.run(
      `COPY (SELECT *, created_at + INTERVAL 3 DAY AS updated_at, CAST(created_at AS DATE) AS signup_day
             FROM read_csv(${q(join(csv, 'leads.csv'))}))
       TO ${q(join(parquet, 'leads.parquet'))} (FORMAT parquet)`,
    );
    for (const name of ['accounts', 'interactions', 'deals']) {
      await store.run(
        `COPY (SELECT * FROM read_csv(${q(join(csv, `${name}.csv`))}))
         TO ${q(join(parquet, `${name}.parquet`))} (FORMAT parquet)`,
      );
    }
  } finally {
    store.close();
  }
  return { csv, parquet };
}

async function analyzeFolder(dir: string, storePath?: string) {
  const scratch = await openStore();
  const mapping = await guessMapping(scratch, [dir]).finally(() => scratch.close());
  const result = await analyze(mapping, { seed: 1, ...(storePath && { storePath }) });
  result.store.close();
  return { mapping, analysis: result.analysis };
}

test('timestamp and date columns of a Parquet file work as fit attributes, read as ISO text', async () => {
  const { parquet } = await parquetExport();
  const { mapping, analysis } = await analyzeFolder(parquet);
  assert.ok(mapping.leads.fit.includes('updated_at') && mapping.leads.fit.includes('signup_day'));
  const days = analysis.fit.find((f) => f.attribute === 'signup_day');
  assert.ok(days, 'no signup_day in the fit profile');
  // A DATE is read as the timestamp of its midnight, a TIMESTAMP as itself, both in UTC.
  assert.ok(days.values.length > 10);
  for (const v of days.values) assert.match(v.value, /^\d{4}-\d{2}-\d{2} 00:00:00$/);
  const updated = analysis.fit.find((f) => f.attribute === 'updated_at')!.values;
  for (const v of updated) assert.match(v.value, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  assert.equal(analysis.totals.leads, 1_500);
});

test('one store file serves CSV and Parquet runs in turn, and keeps no raw copy of the files', async () => {
  const { csv, parquet } = await parquetExport().catch(() => ({ csv: join(root, 'csv'), parquet: join(root, 'parquet') }));
  const storePath = join(root, 'store.duckdb');
  const first = await analyzeFolder(csv, storePath);
  const second = await analyzeFolder(parquet, storePath);
  const third = await analyzeFolder(csv, storePath);
  assert.deepEqual(second.analysis.interactions, first.analysis.interactions);
  assert.deepEqual(third.analysis.interactions, first.analysis.interactions);
  const store = await openStore(storePath);
  try {
    const raw = await store.column<string>(
      `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'raw_%'
       UNION ALL SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'raw_%'`,
    );
    assert.deepEqual(raw, []);
    const [kind] = await store.column<string>(
      `SELECT 'table' FROM duckdb_tables() WHERE table_name = 'interactions'
       UNION ALL SELECT 'view' FROM duckdb_views() WHERE view_name = 'interactions'`,
    );
    assert.equal(kind, 'table', 'a store file must hold the interactions themselves');
  } finally {
    store.close();
  }
});

test('whole-number DOUBLE ids in one Parquet file match INTEGER ids in another', async () => {
  const dir = join(root, 'float-ids');
  mkdirSync(dir);
  const store = await openStore();
  try {
    // pandas writes an integer id column as DOUBLE as soon as it has a gap.
    await store.run(
      `COPY (SELECT i::DOUBLE AS lead_id, TIMESTAMP '2024-01-01' + INTERVAL (i) HOUR AS created_at,
               CASE WHEN i % 2 = 0 THEN 'web' ELSE 'event' END AS source
             FROM range(1, 201) t(i)) TO ${q(join(dir, 'leads.parquet'))} (FORMAT parquet);
       COPY (SELECT i::INTEGER AS lead_id, CASE WHEN i % 4 = 0 THEN 'won' ELSE 'lost' END AS status,
               TIMESTAMP '2024-09-01' AS closed_at
             FROM range(1, 201) t(i)) TO ${q(join(dir, 'deals.parquet'))} (FORMAT parquet)`,
    );
  } finally {
    store.close();
  }
  const scratch = await openStore();
  const mapping = await guessMapping(scratch, [dir]).finally(() => scratch.close());
  const result = await analyze(mapping, { horizonDays: 0 });
  const [rejected] = await result.store.column<number>('SELECT count(*)::INTEGER FROM rejects');
  result.store.close();
  assert.equal(rejected, 0);
  assert.deepEqual([result.analysis.totals.eligible, result.analysis.totals.wins], [200, 50]);
});

test('a table given twice in a folder, as CSV and as Parquet, is refused by name', async () => {
  const dir = join(root, 'twice');
  mkdirSync(dir);
  const parquet = join(root, 'parquet'); // written by the first test
  for (const name of ['leads', 'deals']) {
    writeFileSync(join(dir, `${name}.parquet`), readFileSync(join(parquet, `${name}.parquet`)));
  }
  writeFileSync(join(dir, 'leads.csv'), 'lead_id,created_at\nL1,2024-01-01\n');
  const scratch = await openStore();
  await assert.rejects(
    guessMapping(scratch, [dir]).finally(() => scratch.close()),
    /leads\.csv and leads\.parquet could both be the same table/,
  );
});
