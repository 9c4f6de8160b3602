import assert from 'node:assert/strict';
import { test } from 'node:test';
import { averagePrecision } from '../../../src/core/evaluate/average-precision.js';
import { assertClose } from '../stats/assert-close.js';
import { tiedVector } from './tied-vector.js';

// Tolerance 1e-12: the references are exact fractions or the same step sum in numpy.

test('averagePrecision of four distinct scores, by hand', () => {
  // Thresholds from the top: 0.8 → P = 1/1, R = 1/2; 0.4 → P = 1/2, R = 1/2;
  // 0.35 → P = 2/3, R = 1. AP = (1/2)·1 + 0·(1/2) + (1/2)·(2/3) = 5/6 (scikit-learn's
  // documented example for average_precision_score gives 0.83).
  assertClose(averagePrecision([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 5 / 6, 1e-12);
});

test('averagePrecision treats tied scores as one threshold, by hand', () => {
  // From the top: 0.9 → 1 of 1 won, P = 1, R = 1/3; 0.7 → P = 1/2, R unchanged;
  // 0.5 (three rows, one won) → P = 2/5, R = 2/3; 0.2 (two rows, one won) → P = 3/7, R = 1.
  // AP = (1/3)·(1 + 2/5 + 3/7) = 64/105 = 0.6095238…
  const scores = [0.2, 0.5, 0.5, 0.5, 0.9, 0.2, 0.7];
  assertClose(averagePrecision(scores, [0, 1, 0, 0, 1, 1, 0]), 64 / 105, 1e-12);
});

test('averagePrecision matches numpy on a 600-row vector with many ties', () => {
  // Reference: numpy 2.4.6 following scikit-learn's definition: sort descending, keep the
  // last row of each run of equal scores, tps = cumsum(y), precision = tps / rows,
  // recall = tps / tps[-1], AP = sum(diff([0, *recall]) · precision).
  const { scores, labels } = tiedVector();
  assertClose(averagePrecision(scores, labels), 0.6109104624515829, 1e-12);
});

test('averagePrecision is the base rate when all scores are equal, 1 with only wins', () => {
  assertClose(averagePrecision([0.4, 0.4, 0.4, 0.4, 0.4], [1, 0, 0, 1, 0]), 0.4, 1e-15);
  assert.equal(averagePrecision([0.1, 0.7, 0.3], [1, 1, 1]), 1);
});

test('averagePrecision is NaN without a win or without rows', () => {
  assert.ok(Number.isNaN(averagePrecision([0.1, 0.5], [0, 0])));
  assert.ok(Number.isNaN(averagePrecision([], [])));
});

test('averagePrecision does not depend on row order', () => {
  const { scores, labels } = tiedVector();
  const reversed = averagePrecision(scores.slice().reverse(), labels.slice().reverse());
  assertClose(reversed, averagePrecision(scores, labels), 1e-15);
});

test('averagePrecision rejects NaN scores', () => {
  assert.throws(() => averagePrecision([NaN, 0.2], [0, 1]), /scores must not be NaN/);
});
