/**
 * `leadsift generate`, end to end through the CLI. Each run gets its own folder under a fresh
 * temporary root; runs are independent and slow to start, so they run concurrently.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { cli, show } from '../support/cli.js';

const ROOT = mkdtempSync(join(tmpdir(), 'leadsift-generate-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));

let folders = 0;
/** A new folder path; created (with `files` in it) only when files are given. */
function folder(files?: Record<string, string>): string {
  const dir = join(ROOT, `case-${++folders}`);
  if (files) {
    mkdirSync(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  }
  return dir;
}

const PARQUET = ['accounts.parquet', 'deals.parquet', 'interactions.parquet', 'leads.parquet', 'truth.json'];
const CSV = ['accounts.csv', 'deals.csv', 'interactions.csv', 'leads.csv', 'truth.json'];

async function count(file: string): Promise<number> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const [[n]] = (await conn.runAndReadAll(`SELECT count(*) FROM '${file}'`)).getRowsJS() as [[bigint]];
    return Number(n);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

describe('leadsift generate', { concurrency: true }, () => {
  test('writes one Parquet file per table and truth.json, and says what it wrote', async () => {
    const out = folder();
    const r = await cli(['generate', '--leads', '400', '--seed', '3', '--out', out]);
    assert.equal(r.code, 0, show(r));
    assert.deepEqual(readdirSync(out).sort(), PARQUET);
    const truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as {
      seed: number;
      leads: number;
      counts: { leads: number; interactions: number };
      model: { meanInteractionsPerLead: number };
    };
    assert.equal(truth.seed, 3);
    assert.equal(truth.model.meanInteractionsPerLead, 30);
    assert.equal(await count(join(out, 'leads.parquet')), 400);
    assert.equal(await count(join(out, 'interactions.parquet')), truth.counts.interactions);
    assert.match(r.stdout, /^Generated 400 leads, [\d,]+ accounts, [\d,]+ interactions and [\d,]+ deals \(seed 3\) in [\d.]+ s/);
    assert.ok(r.stdout.includes(join(out, 'truth.json')), r.stdout);
    assert.ok(r.stdout.includes(truth.counts.interactions.toLocaleString('en-US')), r.stdout);
    assert.equal(r.stderr, '', 'no progress when not on a terminal');
  });

  test('takes the period and interaction volume from its flags', async () => {
    const out = folder();
    const r = await cli([
      'generate', '--leads', '300', '--out', out, '--start', '2022-03-01', '--days', '90',
      '--interactions-per-lead', '8', '--quiet',
    ]);
    assert.equal(r.code, 0, show(r));
    assert.equal(r.stdout, '');
    const truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as {
      start: string;
      days: number;
      as_of: string;
      counts: { leads: number; interactions: number };
      model: { meanInteractionsPerLead: number };
    };
    assert.equal(truth.start, '2022-03-01');
    assert.equal(truth.days, 90);
    assert.equal(truth.as_of, '2022-05-30 00:00:00');
    assert.equal(truth.model.meanInteractionsPerLead, 8);
    assert.ok(truth.counts.interactions / truth.counts.leads < 8, JSON.stringify(truth.counts));
  });

  test('--format csv writes the CSV files; a later Parquet run over them replaces them', async () => {
    const out = folder();
    const asCsv = await cli(['generate', '--leads', '300', '--format', 'csv', '--out', out]);
    assert.equal(asCsv.code, 0, show(asCsv));
    assert.deepEqual(readdirSync(out).sort(), CSV);
    assert.equal(readFileSync(join(out, 'leads.csv'), 'utf8').split('\n', 1)[0], 'lead_id,created_at,account_id,source,job_title');
    const truthCsv = readFileSync(join(out, 'truth.json'), 'utf8');

    const asParquet = await cli(['generate', '--leads', '300', '--out', out]);
    assert.equal(asParquet.code, 0, show(asParquet));
    assert.deepEqual(readdirSync(out).sort(), PARQUET, 'no CSV file is left for analyze to read twice');
    assert.equal(readFileSync(join(out, 'truth.json'), 'utf8'), truthCsv);
  });

  test('analyze reads the Parquet output by name', async () => {
    const data = folder();
    const gen = await cli(['generate', '--leads', '1500', '--seed', '4', '--out', data, '--quiet']);
    assert.equal(gen.code, 0, show(gen));
    const r = await cli(['analyze', data, '--out', folder(), '--json']);
    assert.equal(r.code, 0, show(r));
    const analysis = JSON.parse(r.stdout) as { inputs: { file: string; rows: number; role: string }[] };
    const inputs = analysis.inputs.map(({ file, rows, role }) => [file, role, rows]);
    const truth = JSON.parse(readFileSync(join(data, 'truth.json'), 'utf8')) as {
      counts: { accounts: number; leads: number; interactions: number; deals: number };
    };
    assert.deepEqual(inputs, [
      [join(data, 'leads.parquet'), 'leads', 1500],
      [join(data, 'accounts.parquet'), 'accounts', truth.counts.accounts],
      [join(data, 'interactions.parquet'), 'interactions', truth.counts.interactions],
      [join(data, 'deals.parquet'), 'outcomes', truth.counts.deals],
    ]);
  });

  const bad: [string, string[], RegExp][] = [
    ['--leads 0', ['--leads', '0'], /--leads.*'0' is invalid/],
    ['--leads abc', ['--leads', 'abc'], /--leads.*'abc' is invalid/],
    ['--seed -1', ['--seed', '-1'], /--seed.*'-1' is invalid/],
    ['--interactions-per-lead 0', ['--interactions-per-lead', '0'], /--interactions-per-lead.*'0' is invalid/],
    ['--interactions-per-lead 1', ['--interactions-per-lead', '1'], /--interactions-per-lead 1 is below what the model can make/],
    ['--start 2024-02-30', ['--start', '2024-02-30'], /--start 2024-02-30 is not a calendar date/],
    ['--start 01/02/2024', ['--start', '01/02/2024'], /--start 01\/02\/2024 is not a calendar date/],
    ['--days 0', ['--days', '0'], /--days.*'0' is invalid/],
    ['--days 60000', ['--days', '60000'], /--days 60000 is too long for Parquet/],
    ['--format xlsx', ['--format', 'xlsx'], /--format.*'xlsx' is invalid/],
    ['--interactions-per-lead 1e9', ['--interactions-per-lead', '1e9'], /--interactions-per-lead 1000000000 is more than/],
    ['--start 1800-01-01', ['--start', '1800-01-01'], /runs outside 1900 to today/],
    ['--start 2026-06-01 (ends after today)', ['--start', '2026-06-01', '--days', '40000', '--format', 'csv'], /runs outside 1900 to today/],
  ];
  for (const [name, args, message] of bad) {
    test(`${name} exits 2 naming the flag, and writes nothing`, async () => {
      const out = folder();
      const r = await cli(['generate', '--out', out, ...args]);
      assert.equal(r.code, 2, show(r));
      assert.match(r.stderr, message);
      assert.equal(existsSync(out), false);
    });
  }

  test('without --out exits 2 naming it', async () => {
    const r = await cli(['generate', '--leads', '10']);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /--out/);
  });

  test('refuses a folder holding files of the user\'s, and leaves them alone', async () => {
    const out = folder({ 'notes.txt': 'mine\n', 'truth.json': '{}' });
    const r = await cli(['generate', '--leads', '10', '--out', out]);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /--out .* already holds files that are not the generator's \(notes\.txt\)/);
    assert.deepEqual(readdirSync(out).sort(), ['notes.txt', 'truth.json']);
    assert.equal(readFileSync(join(out, 'truth.json'), 'utf8'), '{}');
  });

  test('refuses a folder with data files of the same names but no truth.json', async () => {
    const out = folder({ 'leads.parquet': 'not ours' });
    const r = await cli(['generate', '--leads', '10', '--out', out]);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /holds leads\.parquet but no truth\.json/);
    assert.equal(readFileSync(join(out, 'leads.parquet'), 'utf8'), 'not ours');
  });

  test('refuses --out naming a file', async () => {
    const dir = folder({ 'data.csv': 'keep me\n' });
    const r = await cli(['generate', '--leads', '10', '--out', join(dir, 'data.csv')]);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /--out .* is a file; give a folder/);
    assert.equal(readFileSync(join(dir, 'data.csv'), 'utf8'), 'keep me\n');
  });

  test('a folder holding only the temporary folder of a killed run is taken as empty', async () => {
    const out = folder({});
    mkdirSync(join(out, '.leadsift-tmp-xyz789'));
    const r = await cli(['generate', '--leads', '50', '--out', out, '--quiet']);
    assert.equal(r.code, 0, show(r));
    assert.deepEqual(readdirSync(out).sort(), PARQUET);
  });

  test('clears the temporary folder a killed run left behind', async () => {
    const out = folder({ 'truth.json': '{}' });
    mkdirSync(join(out, '.leadsift-tmp-abc123'));
    writeFileSync(join(out, '.leadsift-tmp-abc123', 'scratch.duckdb'), 'half written');
    const r = await cli(['generate', '--leads', '50', '--out', out, '--quiet']);
    assert.equal(r.code, 0, show(r));
    assert.deepEqual(readdirSync(out).sort(), PARQUET);
  });
});
