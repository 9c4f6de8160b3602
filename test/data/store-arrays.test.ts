import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { openStore } from '../../src/data/store.js';

test('arrays copies typed columns across many chunks, with NULL as NaN or 0', async () => {
  const store = await openStore();
  try {
    // 5,000 rows span three of DuckDB's 2,048-row chunks.
    const r = await store.arrays(
      `SELECT CAST(i AS INTEGER) AS id, i * 0.5::DOUBLE AS half, i % 3 = 0 AS third,
         CASE WHEN i % 5 = 0 THEN NULL ELSE i::DOUBLE END AS gappy,
         CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i AS INTEGER) END AS gappy_int,
         CAST(i AS UINTEGER) AS unsigned
       FROM range(5000) t(i) ORDER BY i`,
      { id: 'int32', half: 'float64', third: 'uint8', gappy: 'float64', gappy_int: 'int32', unsigned: 'float64' },
    );
    assert.equal(r.rows, 5000);
    assert.ok(r.id instanceof Int32Array && r.third instanceof Uint8Array);
    for (const i of [0, 1, 2047, 2048, 4095, 4096, 4999]) {
      assert.equal(r.id[i], i);
      assert.equal(r.half[i], i * 0.5);
      assert.equal(r.third[i], i % 3 === 0 ? 1 : 0);
      if (i % 5 === 0) assert.ok(Number.isNaN(r.gappy[i]!));
      else assert.equal(r.gappy[i], i);
      assert.equal(r.gappy_int[i], i % 7 === 0 ? 0 : i);
      assert.equal(r.unsigned[i], i);
    }
    const empty = await store.arrays('SELECT 1::INTEGER AS x WHERE false', { x: 'int32' });
    assert.equal(empty.rows, 0);
    await assert.rejects(store.arrays('SELECT 1 AS x', { y: 'int32' }), /no column y/);
    // Types the array cannot hold exactly are refused rather than wrapped or cut.
    await assert.rejects(store.arrays('SELECT 300 AS x', { x: 'uint8' }), /x is INTEGER, which does not fit uint8/);
    await assert.rejects(store.arrays('SELECT 2.5 AS x', { x: 'int32' }), /DECIMAL/);
    await assert.rejects(store.arrays('SELECT 3000000000::BIGINT AS x', { x: 'float64' }), /BIGINT/);
  } finally {
    store.close();
  }
});

test('load sends typed arrays back as a temporary table, in order', async () => {
  const store = await openStore();
  try {
    const n = 4100;
    await store.load('back', {
      id: Int32Array.from({ length: n }, (_, i) => n - i),
      score: Float64Array.from({ length: n }, (_, i) => i / 8),
    });
    const rows = await store.rows<{ n: bigint; ids: bigint; scores: number }>(
      `SELECT count(*) AS n, sum(id) AS ids, sum(score) AS scores FROM back`,
    );
    assert.equal(Number(rows[0]!.n), n);
    assert.equal(Number(rows[0]!.ids), (n * (n + 1)) / 2);
    assert.equal(rows[0]!.scores, ((n - 1) * n) / 2 / 8);
    const [first] = await store.rows<{ id: number; score: number }>(`SELECT * FROM back WHERE score = 0`);
    assert.deepEqual(first, { id: n, score: 0 });
  } finally {
    store.close();
  }
});

test('the spill folder exists while the store is open and is removed on close', async () => {
  const store = await openStore();
  const [dir] = await store.column<string>(`SELECT current_setting('temp_directory')`);
  assert.ok(dir && existsSync(dir), `no spill folder ${dir}`);
  store.close();
  assert.equal(existsSync(dir!), false);
});

test('LEADSIFT_MEMORY_LIMIT must be a size', async () => {
  const before = process.env['LEADSIFT_MEMORY_LIMIT'];
  process.env['LEADSIFT_MEMORY_LIMIT'] = 'lots';
  try {
    await assert.rejects(openStore(), /LEADSIFT_MEMORY_LIMIT="lots" is not a memory size/);
    process.env['LEADSIFT_MEMORY_LIMIT'] = '50MiB';
    await assert.rejects(openStore(), /"50MiB" is too small .* at least 100MB/);
    process.env['LEADSIFT_MEMORY_LIMIT'] = '300MB';
    const store = await openStore();
    const [limit] = await store.column<string>(`SELECT current_setting('memory_limit')`);
    store.close();
    assert.match(limit ?? '', /^286\.\d MiB$|^300\.0 MB$/);
  } finally {
    if (before === undefined) delete process.env['LEADSIFT_MEMORY_LIMIT'];
    else process.env['LEADSIFT_MEMORY_LIMIT'] = before;
  }
});
