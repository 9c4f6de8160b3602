import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { openStore } from '../../src/data/store.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BANK = fileURLToPath(new URL('../../../shared/datasets/uci-bank-marketing/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'leadsift-sql-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): string {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: REPO,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

// The bank mapping labels pdays = 999 "never contacted": the exported SQL must read the raw
// column of a normally typed table and still give the scores `leadsift score` gives.
test('export-sql scores a typed warehouse table exactly as score does', { skip: !existsSync(BANK) && 'needs ../shared/datasets' }, async () => {
  const model = join(dir, 'bank.json');
  const mapping = join(REPO, 'mappings/bank-marketing.yaml');
  cli(['train', BANK, '--mapping', mapping, '--model', model, '--folds', '2', '--pairs', '0']);
  cli(['score', BANK, '--mapping', mapping, '--model', model, '--out', dir]);
  const sql = cli(['export-sql', '--model', model, '--dialect', 'duckdb', '--table', 'bank']);
  const scored = new Map(
    readFileSync(join(dir, 'scores.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [id, , estimate] = line.split(',');
        return [id!, Number(estimate)] as const;
      }),
  );
  const store = await openStore();
  try {
    await store.run(
      `CREATE TABLE bank AS SELECT CAST(row_number() OVER () AS VARCHAR) AS lead_id, *
       FROM read_csv('${join(BANK, 'bank-additional-full.csv')}')`,
    );
    const rows = await store.rows<{ lead_id: string; estimated_close_rate: number }>(
      sql.replace(/^SELECT \*,/m, 'SELECT lead_id,').replace(/;\s*$/, ''),
    );
    assert.equal(rows.length, 41_188);
    let worst = 0;
    for (const row of rows) {
      const fromScore = scored.get(row.lead_id) ?? Number.NaN;
      assert.ok(Number.isFinite(fromScore) && Number.isFinite(row.estimated_close_rate), JSON.stringify(row));
      worst = Math.max(worst, Math.abs(fromScore - row.estimated_close_rate));
    }
    // scores.csv keeps 6 decimals, so agreement is to its rounding.
    assert.ok(worst <= 5e-7, `largest difference ${worst}`);
  } finally {
    store.close();
  }
});
