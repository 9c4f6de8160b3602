import assert from 'node:assert/strict';
import { test } from 'node:test';
import { descendingOrder } from '../../../src/core/model/sort-order.js';
import { createRandom } from '../../../src/synth/random.js';

/** The order a stable comparison sort gives: falling values, ties in row order, NaN last. */
function reference(values: Float64Array): number[] {
  const key = (v: number) => (Number.isNaN(v) ? -Infinity : v);
  return Array.from(values.keys()).sort((a, b) => key(values[b]!) - key(values[a]!) || a - b);
}

test('falling values, ties in row order, across signs, zeros, infinities and NaN', () => {
  const values = Float64Array.from([0.5, -2, 0, 0.5, Infinity, Number.NaN, -Infinity, 1e-300, 3, -1e-300, 0.5, 0]);
  assert.deepEqual(Array.from(descendingOrder(values)), [4, 8, 0, 3, 10, 7, 2, 11, 9, 1, 6, 5]);
});

test('agrees with a stable comparison sort on many rows with repeated estimates', () => {
  const random = createRandom(11);
  const values = Float64Array.from({ length: 50_000 }, () => random.integer(2000) / 2000);
  assert.deepEqual(Array.from(descendingOrder(values)), reference(values));
  const spread = Float64Array.from({ length: 20_000 }, () => (random.nextUint32() - 2 ** 31) * 1e-3);
  assert.deepEqual(Array.from(descendingOrder(spread)), reference(spread));
});

test('no rows, one row', () => {
  assert.deepEqual(Array.from(descendingOrder(new Float64Array(0))), []);
  assert.deepEqual(Array.from(descendingOrder(Float64Array.of(0.2))), [0]);
});
