import assert from 'node:assert/strict';
import { test } from 'node:test';
import { liftTable } from '../../../src/core/evaluate/lift-table.js';
import { assertClose } from '../stats/assert-close.js';
import { tiedVector } from './tied-vector.js';

test('liftTable by quintile with ties at the cuts, by hand', () => {
  // Descending runs: 0.9 (1 row, 1 win), 0.8 (2, 1), 0.7 (1, 1), 0.6 (1, 0), 0.5 (3, 1),
  // 0.3 (1, 0), 0.1 (1, 0); 4 wins in 10 leads, base rate 0.4.
  // Top 2: 0.9 + half of the 0.8 run → 1 + 1/2 = 1.5 wins; rate 0.75, lift 1.875.
  // Top 4: 0.9, 0.8 ×2, 0.7 → 3 wins; rate 0.75, lift 1.875.
  // Top 6: + 0.6 + one of three 0.5 → 3 + 1/3 wins; rate 5/9, lift 25/18.
  // Top 8: + the rest of the 0.5 run → 4 wins; rate 0.5, lift 1.25. Top 10: 4, lift 1.
  const scores = [0.9, 0.8, 0.8, 0.7, 0.6, 0.5, 0.5, 0.5, 0.3, 0.1];
  const table = liftTable(scores, [1, 1, 0, 1, 0, 1, 0, 0, 0, 0], 5);
  assert.deepEqual(table.map((r) => r.leads), [2, 4, 6, 8, 10]);
  assert.deepEqual(table.map((r) => r.shareOfLeads), [0.2, 0.4, 0.6, 0.8, 1]);
  const wins = [1.5, 3, 10 / 3, 4, 4];
  const lift = [1.875, 1.875, 25 / 18, 1.25, 1];
  table.forEach((row, k) => {
    assertClose(row.wins, wins[k] ?? NaN, 1e-15, `wins ${k}`);
    assertClose(row.shareOfWins, (wins[k] ?? NaN) / 4, 1e-15, `share ${k}`);
    assertClose(row.lift, lift[k] ?? NaN, 1e-14, `lift ${k}`);
  });
});

test('liftTable ends with every win captured and a lift of 1', () => {
  const { scores, labels } = tiedVector();
  const table = liftTable(scores, labels);
  assert.equal(table.length, 10);
  const last = table[9];
  assert.deepEqual([last?.leads, last?.wins, last?.shareOfWins, last?.lift], [600, 271, 1, 1]);
  for (let k = 1; k < table.length; k += 1) {
    assert.ok((table[k]?.wins ?? NaN) >= (table[k - 1]?.wins ?? NaN), `decile ${k + 1}`);
  }
});

test('liftTable of all-equal scores has a lift of 1 at every decile', () => {
  const labels = Uint8Array.from({ length: 20 }, (_, i) => (i % 4 === 0 ? 1 : 0));
  const table = liftTable(new Float64Array(20).fill(0.5), labels);
  for (const row of table) assertClose(row.lift, 1, 1e-15, `decile ${row.decile}`);
});

test('liftTable does not depend on row order', () => {
  const { scores, labels } = tiedVector();
  const forward = liftTable(scores, labels);
  const reversed = liftTable(scores.slice().reverse(), labels.slice().reverse());
  forward.forEach((row, k) => assertClose(reversed[k]?.wins ?? NaN, row.wins, 1e-12));
});

test('liftTable degenerate cases: no wins, fewer rows than deciles, no rows', () => {
  const noWins = liftTable([0.1, 0.2, 0.3], [0, 0, 0], 3);
  assert.ok(noWins.every((r) => Number.isNaN(r.shareOfWins) && Number.isNaN(r.lift)));
  assert.deepEqual(noWins.map((r) => r.closeRate), [0, 0, 0]);
  const tiny = liftTable([0.9, 0.1], [1, 0]);
  assert.equal(tiny[0]?.leads, 0);
  assert.ok(Number.isNaN(tiny[0]?.lift ?? 0));
  assert.deepEqual(liftTable([], []), []);
  assert.throws(() => liftTable([0.5], [1], 0), /groups must be a positive integer, got 0/);
});
