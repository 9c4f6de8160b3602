import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expit, logit } from '../../../src/core/stats/logit.js';
import { assertClose, assertRelClose } from './assert-close.js';

// References: ln(p / (1 − p)) and 1 / (1 + e^(−x)) in mpmath 1.3.0 at 50 digits, applied
// to the exact double value of each input, printed to 20 significant digits.
const MPMATH_LOGIT: ReadonlyArray<readonly [number, number]> = [
  [0.75, 1.0986122886681096914],
  [0.25, -1.0986122886681096914],
  [0.1, -2.1972245773362193211],
  [0.9, 2.1972245773362196295],
  [0.3, -0.84729786038720366658],
  [1e-10, -23.025850929840456804],
  [0.999999, 13.815509557935018411],
  [1e-300, -690.77552789821370518],
  [0.500000001, 3.9999998868722741516e-9],
  [0.4999999999, -4.0000003309614839964e-10],
  // Near 1/2, where the naive forms lose digits to cancellation. In Node 20 (V8),
  // Math.log(p) − Math.log1p(−p) is off by 1.4e-10 relative at the first two and
  // Math.log(p / (1 − p)) by 8e-8 at the third; these were found by scanning p near 1/2.
  [0.4999998061, -7.7560000000257980409e-7],
  [0.50000021143, 8.4571999980914181294e-7],
  [0.49999999966, -1.3599998904822996339e-9],
];

test('logit matches high-precision references to 1e-14 relative', () => {
  for (const [p, expected] of MPMATH_LOGIT) {
    assertRelClose(logit(p), expected, 1e-14, `logit(${p})`);
  }
  assert.equal(logit(0.5), 0);
});

test('logit is infinite at 0 and 1 and NaN outside [0, 1]', () => {
  assert.equal(logit(0), -Infinity);
  assert.equal(logit(1), Infinity);
  for (const bad of [-0.1, 1.1, NaN, Infinity]) assert.ok(Number.isNaN(logit(bad)), `${bad}`);
});

const MPMATH_EXPIT: ReadonlyArray<readonly [number, number]> = [
  [0, 0.5],
  [1, 0.73105857863000487925],
  [-1, 0.26894142136999512075],
  [10, 0.99995460213129756561],
  [-10, 0.000045397868702434394505],
  [30, 0.99999999999990642377],
  [-30, 9.3576229688392989538e-14],
  [-50, 1.928749847963917783e-22],
  [-700, 9.8596765437597708567e-305],
];

test('expit matches high-precision references to 1e-14 relative, including tails', () => {
  for (const [x, expected] of MPMATH_EXPIT) {
    assertRelClose(expit(x), expected, 1e-14, `expit(${x})`);
  }
});

test('expit saturates without overflow for large |x|', () => {
  assert.equal(expit(50), 1);
  assert.equal(expit(1000), 1);
  assert.equal(expit(Infinity), 1);
  assert.equal(expit(-Infinity), 0);
  assert.ok(expit(-1000) >= 0 && expit(-1000) < 1e-300);
  assert.ok(Number.isNaN(expit(NaN)));
});

test('expit and logit are inverses, and expit(−x) = 1 − expit(x)', () => {
  for (const p of [1e-12, 0.001, 0.2, 0.5, 0.77, 0.999]) {
    assertRelClose(expit(logit(p)), p, 1e-13, `expit(logit(${p}))`);
  }
  // Only x <= 4 for the round trip: for large x, expit(x) is within a few ulps of 1 and
  // those ulps are a large relative error in 1 − p, which logit cannot recover.
  for (const x of [-20, -3, -0.5, 0.25, 4]) {
    assertClose(expit(-x), 1 - expit(x), 1e-15, `x = ${x}`);
    assertClose(logit(expit(x)), x, 1e-12, `logit(expit(${x}))`);
  }
});
