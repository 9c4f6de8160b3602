import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reliability } from '../../../src/core/evaluate/reliability.js';
import { assertClose } from '../stats/assert-close.js';
import { tiedVector } from './tied-vector.js';

test('reliability with two bins of distinct predictions, by hand', () => {
  // Edge: type 7 median of 0.1 … 1.0 = (0.5 + 0.6) / 2 = 0.55. Low bin 0.1–0.5: 1 win of 5,
  // mean predicted 0.3, observed 0.2; high bin 0.6–1.0: 4 of 5, mean 0.8, observed 0.8.
  // ECE = (5·|0.2 − 0.3| + 5·|0.8 − 0.8|) / 10 = 0.05.
  const p = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
  const table = reliability(p, [0, 0, 1, 0, 0, 1, 0, 1, 1, 1], { bins: 2 });
  assert.equal(table.bins.length, 2);
  const [low, high] = table.bins;
  assert.deepEqual([low?.count, low?.wins, high?.count, high?.wins], [5, 1, 5, 4]);
  assertClose(low?.meanPredicted ?? NaN, 0.3, 1e-15, 'low mean');
  assertClose(high?.meanPredicted ?? NaN, 0.8, 1e-15, 'high mean');
  assert.deepEqual([low?.lowPredicted, low?.highPredicted], [0.1, 0.5]);
  assertClose(table.expectedCalibrationError, 0.05, 1e-15, 'ECE');
});

test('reliability keeps equal predictions in one bin', () => {
  // Type 7 median of [0.2 ×4, 0.8 ×2] is 0.2, and p <= edge goes low: bins of 4 and 2.
  const table = reliability([0.2, 0.8, 0.2, 0.2, 0.8, 0.2], [0, 1, 1, 0, 1, 0], { bins: 2 });
  assert.deepEqual(table.bins.map((b) => b.count), [4, 2]);
  // ECE = (4·|0.25 − 0.2| + 2·|1 − 0.8|) / 6 = (0.2 + 0.4) / 6 = 0.1.
  assertClose(table.expectedCalibrationError, 0.1, 1e-15);
});

test('reliability deciles match numpy (calibration_curve quantile binning) and scipy', () => {
  // References: numpy 2.4.6, edges = percentile(p, linspace(0, 100, 11)),
  // bin = searchsorted(edges[1:-1], p), then per-bin counts, wins and mean p, and
  // ECE = sum(count·|observed − mean p|) / n; Wilson intervals from scipy 1.17.1
  // binomtest(wins, count).proportion_ci(0.95, method='wilson'). Tolerances: 1e-14 for
  // means (sums in another order), 1e-12 for the intervals.
  const { scores, labels } = tiedVector();
  const table = reliability(scores, labels);
  assert.deepEqual(table.bins.map((b) => b.count), [77, 54, 55, 74, 54, 55, 75, 53, 52, 51]);
  assert.deepEqual(table.bins.map((b) => b.wins), [18, 13, 17, 25, 25, 28, 42, 31, 34, 38]);
  const means = [
    0.04545454545454543, 0.15993265993265998, 0.24958677685950414, 0.364250614250614,
    0.477272727272727, 0.5677685950413225, 0.6812121212121206, 0.7958833619210979,
    0.8863636363636365, 0.976827094474153,
  ];
  table.bins.forEach((bin, b) => assertClose(bin.meanPredicted, means[b] ?? NaN, 1e-14));
  assertClose(table.expectedCalibrationError, 0.12045454545454533, 1e-14, 'ECE');
  assertClose(table.bins[0]?.interval.low ?? NaN, 0.153296200910495, 1e-12, 'low 18/77');
  assertClose(table.bins[0]?.interval.high ?? NaN, 0.33953828527885305, 1e-12, 'high 18/77');
  assertClose(table.bins[9]?.interval.low ?? NaN, 0.6113171816155625, 1e-12, 'low 38/51');
  assertClose(table.bins[9]?.interval.high ?? NaN, 0.8445423184341769, 1e-12, 'high 38/51');
});

test('reliability of all-equal predictions is one bin', () => {
  const table = reliability(new Float64Array(7).fill(0.3), [1, 0, 0, 1, 0, 0, 0]);
  assert.equal(table.bins.length, 1);
  assert.equal(table.bins[0]?.count, 7);
  assertClose(table.expectedCalibrationError, Math.abs(2 / 7 - 0.3), 1e-15);
});

test('reliability of a single class gives observed rates of 0 with Wilson bounds', () => {
  const table = reliability([0.1, 0.2, 0.3, 0.4], [0, 0, 0, 0], { bins: 2 });
  assert.deepEqual(table.bins.map((b) => b.observedRate), [0, 0]);
  assert.deepEqual(table.bins.map((b) => b.interval.low), [0, 0]);
  // ECE = (2·0.15 + 2·0.35) / 4 = 0.25, the mean prediction.
  assertClose(table.expectedCalibrationError, 0.25, 1e-15);
});

test('reliability without rows has no bins and an ECE of NaN', () => {
  const table = reliability([], []);
  assert.deepEqual(table.bins, []);
  assert.ok(Number.isNaN(table.expectedCalibrationError));
});

test('reliability rejects a bad bin count and scores that are not probabilities', () => {
  assert.throws(
    () => reliability([0.5], [1], { bins: 0 }),
    /bins must be a positive integer, got 0/,
  );
  assert.throws(() => reliability([0.5], [1], { bins: 2.5 }), /got 2\.5/);
  assert.throws(() => reliability([1.2], [1]), /probabilities must be from 0 to 1/);
});
