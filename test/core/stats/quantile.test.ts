import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quantile, quantileSorted } from '../../../src/core/stats/quantile.js';
import { assertClose } from './assert-close.js';

// Unsorted, with a three-way tie at 3. References: numpy 2.4.6
// `np.quantile(x, p)` (default method 'linear' = Hyndman & Fan type 7 = R's type 7).
const X = [7, 1, 3, 3, 10, 3, 2, 8];
const NUMPY_LINEAR: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [0.1, 1.7000000000000002],
  [0.25, 2.75],
  [0.5, 3],
  [0.75, 7.25],
  [0.9, 8.6],
  [1, 10],
];

test('quantile matches numpy linear (type 7) on unsorted data with ties', () => {
  // Tolerance 1e-12: numpy interpolates with a different but equivalent formula.
  for (const [p, expected] of NUMPY_LINEAR) {
    assertClose(quantile(X, p), expected, 1e-12, `p = ${p}`);
  }
});

test('quantile deciles match Python statistics.quantiles(method="inclusive")', () => {
  // Python 3 `statistics.quantiles(X, n=10, method='inclusive')`, documented as R type 7.
  const expected = [1.7, 2.4, 3.0, 3.0, 3.0, 3.8, 6.6, 7.6, 8.6];
  expected.forEach((value, i) => {
    assertClose(quantile(X, (i + 1) / 10), value, 1e-12, `decile ${i + 1}`);
  });
});

test('quantile matches numpy on negative and fractional values', () => {
  // numpy 2.4.6 np.quantile([2.5, -1.25, 4, 0.5, 9.75], p).
  const y = [2.5, -1.25, 4, 0.5, 9.75];
  assertClose(quantile(y, 0.05), -0.9, 1e-12, 'p = 0.05');
  assertClose(quantile(y, 0.33), 1.14, 1e-12, 'p = 0.33');
  assertClose(quantile(y, 0.5), 2.5, 1e-12, 'p = 0.5');
  assertClose(quantile(y, 0.95), 8.6, 1e-12, 'p = 0.95');
});

test('quantileSorted on pre-sorted data equals quantile, for arrays and typed arrays', () => {
  const sorted = [...X].sort((a, b) => a - b);
  for (const [p] of NUMPY_LINEAR) {
    assert.equal(quantileSorted(sorted, p), quantile(X, p));
    assert.equal(quantileSorted(Float64Array.from(sorted), p), quantile(X, p));
  }
});

test('a single value is every quantile', () => {
  for (const p of [0, 0.01, 0.5, 0.99, 1]) {
    assert.equal(quantile([42], p), 42);
    assert.equal(quantileSorted([-3.5], p), -3.5);
  }
});

test('empty input, or only NaN, gives NaN', () => {
  assert.ok(Number.isNaN(quantile([], 0.5)));
  assert.ok(Number.isNaN(quantileSorted(new Float64Array(0), 0)));
  assert.ok(Number.isNaN(quantile([NaN, NaN], 0.5)));
});

test('quantile ignores NaN and does not modify its input', () => {
  const withGaps = [NaN, 7, 1, 3, NaN, 3, 10, 3, 2, 8];
  const copy = [...withGaps];
  assert.equal(quantile(withGaps, 0.75), quantile(X, 0.75));
  assert.equal(quantile(withGaps, 0.1), quantile(X, 0.1));
  assert.deepEqual(withGaps, copy);
});

test('ties and infinities are returned exactly, not interpolated', () => {
  assert.equal(quantile([1, Infinity, Infinity], 0.75), Infinity);
  assert.equal(quantile([-Infinity, 1, 2, Infinity], 0), -Infinity);
  assert.equal(quantile([-Infinity, 1, 2, Infinity], 0.5), 1.5);
  assert.equal(quantile([0.1, 0.1, 0.1], 0.37), 0.1);
});

test('quantile rejects p outside [0, 1] with a RangeError', () => {
  assert.throws(
    () => quantile(X, 1.5),
    /^RangeError: p must be a probability from 0 to 1, got 1\.5$/,
  );
  assert.throws(() => quantileSorted(X, -0.1), /got -0\.1/);
  assert.throws(() => quantile(X, NaN), /got NaN/);
  assert.throws(() => quantile([], 2), RangeError);
});
