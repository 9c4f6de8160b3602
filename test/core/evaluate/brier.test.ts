import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brierScore } from '../../../src/core/evaluate/brier.js';
import { assertClose } from '../stats/assert-close.js';
import { tiedVector } from './tied-vector.js';

test('brierScore by hand', () => {
  // Squared errors: 0.2² + 0.5² + 0.5² + 0.5² + 0.1² + 0.8² + 0.7²
  // = 0.04 + 0.25·3 + 0.01 + 0.64 + 0.49 = 1.93; 1.93 / 7 = 0.275714…
  const p = [0.2, 0.5, 0.5, 0.5, 0.9, 0.2, 0.7];
  assertClose(brierScore(p, [0, 1, 0, 0, 1, 1, 0]), 1.93 / 7, 1e-15);
});

test('brierScore matches numpy on 600 rows, including probabilities 0 and 1', () => {
  // Reference: numpy 2.4.6, mean((scores − labels)²) on tied-vector.ts. Tolerance 1e-14:
  // the sums run in a different order.
  const { scores, labels } = tiedVector();
  assertClose(brierScore(scores, labels), 0.24187327823691462, 1e-14);
});

test('brierScore of a constant base-rate forecast is b(1 − b)', () => {
  const labels = [1, 0, 0, 1, 0, 0, 0, 0];
  assertClose(brierScore(new Float64Array(8).fill(0.25), labels), 0.25 * 0.75, 1e-15);
});

test('brierScore is 0 for certain and right, 1 for certain and wrong, NaN without rows', () => {
  assert.equal(brierScore([0, 1], [0, 1]), 0);
  assert.equal(brierScore([1, 0], [0, 1]), 1);
  assert.ok(Number.isNaN(brierScore([], [])));
});

test('brierScore rejects a score outside [0, 1]', () => {
  assert.throws(
    () => brierScore([0.5, 1.5], [0, 1]),
    /^RangeError: probabilities must be from 0 to 1, got 1\.5 at row 1$/,
  );
  assert.throws(() => brierScore([-0.1], [0]), /got -0\.1 at row 0/);
});
