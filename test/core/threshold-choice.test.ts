import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseThreshold, tradeOffTable } from '../../src/core/threshold-choice.js';

// Ten past leads, estimates and outcomes chosen so every figure can be counted by hand.
const estimates = Float64Array.from([0.9, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0.01]);
const labels = Uint8Array.from([1, 1, 0, 1, 0, 0, 1, 0, 0, 0]);

test('the trade-off table counts passed leads, their close rate and wins caught', () => {
  const [at50, at25] = tradeOffTable(estimates, labels, [0.5, 0.25]);
  assert.deepEqual(
    [at50!.passed, at50!.winsCaught, at50!.winsMissed, at50!.closeRate, at50!.winsCaughtShare],
    [4, 3, 1, 0.75, 0.75],
  );
  assert.deepEqual([at25!.passed, at25!.winsCaught, at25!.passedShare], [6, 3, 0.6]);
});

test('each rule picks the threshold it promises', () => {
  assert.equal(chooseThreshold(estimates, labels, { by: 'rate', rate: 0.05 }), 0.05);
  // 30 of 100 arriving per week -> 30 % of leads -> the third-highest estimate.
  assert.equal(
    chooseThreshold(estimates, labels, { by: 'capacity', leadsPerWeek: 30, arrivalsPerWeek: 100 }),
    0.6,
  );
  // All 4 wins are caught only down to the lead estimated at 0.2.
  assert.equal(chooseThreshold(estimates, labels, { by: 'wins', share: 1 }), 0.2);
  assert.equal(chooseThreshold(estimates, labels, { by: 'wins', share: 0.5 }), 0.8);
});

test('arrivals per week count dated leads over the span of their dates', async () => {
  const { arrivalsPerWeek } = await import('../../src/core/threshold-choice.js');
  const week = 7 * 86_400_000;
  // 15 leads spread over exactly two weeks, plus an undated one that does not count.
  const created = Float64Array.from([...Array.from({ length: 15 }, (_, i) => (i * 2 * week) / 14), Number.NaN]);
  assert.equal(arrivalsPerWeek(created), 7.5);
});
