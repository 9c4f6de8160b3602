import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leadsToSettle } from '../../../src/core/stats/leads-to-settle.js';
import { wilsonIntervalFromRate } from '../../../src/core/stats/wilson-interval.js';
import { assertRelClose } from './assert-close.js';

// Two-sided normal critical values from a standard table (Abramowitz & Stegun 26.2):
// z(0.95) = 1.959963984540054, z(0.99) = 2.5758293035489004.
const Z = new Map([
  [0.95, 1.959963984540054],
  [0.99, 2.5758293035489004],
]);

/** Textbook Wilson lower bound, (p + z²/2n − z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n). */
function textbookLow(rate: number, n: number, z: number): number {
  const center = rate + (z * z) / (2 * n);
  const half = z * Math.sqrt((rate * (1 - rate)) / n + (z * z) / (4 * n * n));
  return (center - half) / (1 + (z * z) / n);
}

/** Independent brute force: try m = 0, 1, 2, … until the textbook bound reaches t. */
function bruteForce(wins: number, n: number, t: number, confidence = 0.95): number | null {
  const rate = wins / n;
  if (rate <= t) return null;
  const z = Z.get(confidence) as number;
  let m = 0;
  while (textbookLow(rate, n + m, z) < t) m += 1;
  return m;
}

// References: python3 + mpmath (50 digits) brute force over m with the same closed form.
// The closed form n + m >= z²·t(1 − t) / (p̂ − t)² gives the same answers; its fractional
// parts (e.g. 61.46 for 12/40 vs 0.2) are far from integers, so rounding cannot flip them.
const MPMATH: ReadonlyArray<readonly [number, number, number, number, number]> = [
  [12, 40, 0.2, 0.95, 22],
  [5, 10, 0.25, 0.95, 2],
  [271, 2296, 0.11, 0.95, 3535],
  [81, 263, 0.28, 0.95, 726],
  [1, 2, 0.4, 0.95, 91],
  [9, 10, 0.8, 0.95, 52],
  [12, 40, 0.2, 0.99, 67],
  [3, 1000, 0.002, 0.95, 6668],
  [50, 100, 0.49, 0.95, 9500],
];

test('leadsToSettle matches an mpmath brute force', () => {
  for (const [wins, n, t, confidence, expected] of MPMATH) {
    assert.equal(leadsToSettle(wins, n, t, confidence), expected, `${wins}/${n} vs ${t}`);
  }
});

test('leadsToSettle matches an independent brute-force loop on a grid', () => {
  for (const n of [3, 10, 25, 40]) {
    for (let wins = 0; wins <= n; wins += 1) {
      for (const t of [0.05, 0.2, 0.35, 0.5, 0.75]) {
        for (const confidence of [0.95, 0.99]) {
          const expected = bruteForce(wins, n, t, confidence);
          const label = `${wins}/${n} vs ${t} at ${confidence}`;
          assert.equal(leadsToSettle(wins, n, t, confidence), expected, label);
        }
      }
    }
  }
});

test('the answer is the first m at which the reported Wilson bound reaches it', () => {
  for (const [wins, n, t, confidence] of MPMATH) {
    const m = leadsToSettle(wins, n, t, confidence) as number;
    const low = (size: number): number =>
      wilsonIntervalFromRate(wins / n, size, confidence).low;
    assert.ok(low(n + m) >= t, `${wins}/${n}: settles at m`);
    assert.ok(low(n + m - 1) < t, `${wins}/${n}: not at m − 1`);
  }
});

test('returns 0 when the current lower bound already reaches the threshold', () => {
  assert.equal(leadsToSettle(30, 100, 0.2), 0);
  assert.equal(leadsToSettle(40, 100, 0.3), 0);
  assert.equal(leadsToSettle(1, 10, 0), 0);
});

test('returns null when the observed rate is not above the threshold, or n = 0', () => {
  assert.equal(leadsToSettle(2, 10, 0.2), null);
  assert.equal(leadsToSettle(1, 10, 0.3), null);
  assert.equal(leadsToSettle(0, 10, 0), null);
  assert.equal(leadsToSettle(10, 10, 1), null);
  assert.equal(leadsToSettle(0, 0, 0.1), null);
});

test('far-off thresholds are found quickly and agree with the closed form', () => {
  // 1/2 vs 0.5 − 1e-6 needs about 9.6e11 leads. At that size the double-precision bound
  // is flat over ~100 leads, so compare with z²·t(1 − t)/(p̂ − t)² − n to 1e-9 relative.
  const t = 0.5 - 1e-6;
  const z = 1.959963984540054;
  const closedForm = Math.ceil((z * z * t * (1 - t)) / (0.5 - t) ** 2) - 2;
  assertRelClose(leadsToSettle(1, 2, t) as number, closedForm, 1e-9, 'm');
});

test('returns Infinity when the answer is beyond safe integers', () => {
  assert.equal(leadsToSettle(1, 2, 0.5 - 1e-9), Infinity);
});

test('rejects a threshold outside [0, 1] and invalid counts with a RangeError', () => {
  assert.throws(() => leadsToSettle(1, 10, 1.5), /^RangeError: threshold .* got 1\.5$/);
  assert.throws(() => leadsToSettle(1, 10, NaN), /threshold .* got NaN/);
  assert.throws(() => leadsToSettle(11, 10, 0.5), /wins must be an integer/);
  assert.throws(() => leadsToSettle(1, 10, 0.05, 0), /confidence .* got 0/);
});
