import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logLoss } from '../../../src/core/evaluate/log-loss.js';
import { assertClose } from '../stats/assert-close.js';
import { tiedVector } from './tied-vector.js';

test('logLoss by hand', () => {
  // −(ln 0.8 + ln 0.5 + ln 0.5 + ln 0.5 + ln 0.9 + ln 0.2 + ln 0.3) / 7
  // = −ln(0.8 · 0.125 · 0.9 · 0.2 · 0.3) / 7 = −ln(0.0054) / 7 = 0.745908046…
  const p = [0.2, 0.5, 0.5, 0.5, 0.9, 0.2, 0.7];
  assertClose(logLoss(p, [0, 1, 0, 0, 1, 1, 0]), -Math.log(0.0054) / 7, 1e-14);
  assertClose(logLoss(p, [0, 1, 0, 0, 1, 1, 0]), 0.7459080464874155, 1e-14);
});

test('logLoss matches numpy on 600 rows, clipping probabilities 0 and 1', () => {
  // Reference: numpy 2.4.6, pc = clip(scores, 1e-15, 1 − 1e-15),
  // −mean(y·log(pc) + (1 − y)·log(1 − pc)) on tied-vector.ts. The vector has wins at
  // score 0 and losses at score 1, each costing −ln(1e-15) ≈ 34.54, so clipping matters.
  // Tolerance 1e-12: log1p(−p) here against log(1 − p) there.
  const { scores, labels } = tiedVector();
  assertClose(logLoss(scores, labels), 1.6494303401002712, 1e-12);
});

test('logLoss of a certain miss is about −ln(1e-15), of a certain hit about 1e-15', () => {
  // numpy: −log(1e-15) = 34.538776394910684. A loss predicted at 1 is clipped to the
  // double nearest 1 − 1e-15, whose distance to 1 is 9.992e-16, so numpy's
  // −log(1 − clip(1)) is 34.53957599234088; both sides see the same doubles.
  assertClose(logLoss([0], [1]), 34.538776394910684, 1e-12);
  assertClose(logLoss([1], [0]), 34.53957599234088, 1e-12);
  // Certain hits: numpy gives 9.992e-16, but its log(1 − 1e-15) keeps only three digits;
  // log1p gives the exact −ln(1 − 1e-15) ≈ 1e-15 for the loss, so 1e-18 is the tolerance.
  assertClose(logLoss([1, 0], [1, 0]), 9.992007221626415e-16, 1e-18);
});

test('logLoss of a constant base-rate forecast is the entropy of the outcome', () => {
  const b = 0.25;
  const entropy = -b * Math.log(b) - (1 - b) * Math.log(1 - b);
  assertClose(logLoss(new Float64Array(8).fill(b), [1, 0, 0, 1, 0, 0, 0, 0]), entropy, 1e-15);
});

test('logLoss is NaN without rows and rejects scores that are not probabilities', () => {
  assert.ok(Number.isNaN(logLoss([], [])));
  assert.throws(() => logLoss([2], [1]), /probabilities must be from 0 to 1, got 2 at row 0/);
});
