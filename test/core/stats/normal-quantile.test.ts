import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalQuantile, zForConfidence } from '../../../src/core/stats/normal-quantile.js';
import { assertClose } from './assert-close.js';

// References: scipy 1.17.1 `scipy.stats.norm.ppf(p)` (an independent implementation, via
// Cephes ndtri), printed with repr(). The familiar table values 1.959964 (97.5%),
// 2.575829 (99.5%) and 1.644854 (95%) agree to the 6 printed digits.
const SCIPY_PPF: ReadonlyArray<readonly [number, number]> = [
  [0.5, 0],
  [0.975, 1.959963984540054],
  [0.995, 2.5758293035489004],
  [0.95, 1.6448536269514722],
  [0.9, 1.2815515655446004],
  [0.3, -0.5244005127080409],
  [0.001, -3.090232306167813],
  [1e-6, -4.753424308822899],
  [0.999999, 4.753424308817087],
];

test('normalQuantile matches scipy norm.ppf to 1e-11 across [1e-6, 1 - 1e-6]', () => {
  // Tolerance: stdlib loses a few digits in the far lower tail (documented in the TSDoc);
  // at p = 1e-6 the difference from scipy is about 6e-12.
  for (const [p, expected] of SCIPY_PPF) {
    assertClose(normalQuantile(p), expected, 1e-11, `normalQuantile(${p})`);
  }
});

test('normalQuantile is antisymmetric about 1/2', () => {
  for (const p of [0.01, 0.1, 0.25, 0.4]) {
    assertClose(normalQuantile(p), -normalQuantile(1 - p), 1e-14, `p = ${p}`);
  }
});

test('normalQuantile returns infinities at 0 and 1 and NaN outside [0, 1]', () => {
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
  assert.ok(Number.isNaN(normalQuantile(-0.1)));
  assert.ok(Number.isNaN(normalQuantile(1.1)));
  assert.ok(Number.isNaN(normalQuantile(NaN)));
});

test('zForConfidence gives the two-sided critical values (scipy norm.ppf((1 + c) / 2))', () => {
  assertClose(zForConfidence(0.95), 1.959963984540054, 1e-14, 'z(0.95)');
  assertClose(zForConfidence(0.99), 2.5758293035489004, 1e-14, 'z(0.99)');
  assertClose(zForConfidence(0.9), 1.6448536269514722, 1e-14, 'z(0.90)');
  assertClose(zForConfidence(0.8), 1.2815515655446004, 1e-14, 'z(0.80)');
});

test('zForConfidence rejects confidence outside (0, 1) with a RangeError', () => {
  for (const bad of [0, 1, -0.5, 95, NaN, Infinity]) {
    assert.throws(
      () => zForConfidence(bad),
      (error: unknown) =>
        error instanceof RangeError &&
        /confidence must be a number strictly between 0 and 1/.test(error.message) &&
        error.message.endsWith(`got ${bad}`),
      `confidence ${bad}`,
    );
  }
});
