import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bandIndex,
  bandLabel,
  quantileBreaks,
} from '../../../src/core/stats/quantile-bands.js';
import { assertClose } from './assert-close.js';

function assertBreaks(actual: number[], expected: number[], label: string): void {
  assert.equal(actual.length, expected.length, `${label}: ${actual.join(', ')}`);
  expected.forEach((value, i) => assertClose(actual[i] as number, value, 1e-12, label));
}

test('quintile breaks of 1..100 match numpy type 7', () => {
  // numpy 2.4.6 np.quantile(np.arange(1, 101), [.2, .4, .6, .8]).
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  assertBreaks(quantileBreaks(values, 5), [20.8, 40.6, 60.4, 80.2], 'quintiles');
});

// Company sizes with heavy ties: 40 × 1, 20 × 2, 10 × 5, then 3 × each of ten larger sizes.
const SIZES = [
  ...Array<number>(40).fill(1),
  ...Array<number>(20).fill(2),
  ...Array<number>(10).fill(5),
  ...[10, 20, 50, 100, 200, 500, 1000, 5000, 10000, 10000].flatMap((v) => [v, v, v]),
];

test('heavily tied data gives fewer bands: cut points at the minimum are dropped', () => {
  // numpy quintiles are [1, 1.6, 3.2, 100]; deciles [1, 1, 1, 1.6, 2, 3.2, 6.5, 100, 1000].
  // Dropping cuts equal to the minimum (1) and duplicates, by hand, leaves:
  assertBreaks(quantileBreaks(SIZES, 5), [1.6, 3.2, 100], 'quintiles');
  assertBreaks(quantileBreaks(SIZES, 10), [1.6, 2, 3.2, 6.5, 100, 1000], 'deciles');
});

test('duplicate cut points in the middle are removed', () => {
  // numpy octiles of this vector: [5.875, 7, 7, 7, 7, 7, 7] → distinct [5.875, 7].
  const values = [1, 2, 3, 4, 5, 6, ...Array<number>(30).fill(7), 8, 9, 10, 11];
  assertBreaks(quantileBreaks(values, 8), [5.875, 7], 'octiles');
  // numpy quintiles of this vector: [3, 3, 4.6, 17.6]; 3 is the minimum.
  assertBreaks(quantileBreaks([12, 3, 3, 3, 40, 3, 7, 3, 3, 500], 5), [4.6, 17.6], 'quintiles');
});

test('a minimum tied over the first quintile is not its own empty band', () => {
  // 50 zeros then 1..50; numpy quintiles [0, 0, 10.4, 30.2].
  const values = [...Array<number>(50).fill(0), ...Array.from({ length: 50 }, (_, i) => i + 1)];
  const breaks = quantileBreaks(values, 5);
  assertBreaks(breaks, [10.4, 30.2], 'quintiles');
  assert.equal(bandIndex(0, breaks), 0);
});

test('quantileBreaks degenerate inputs give no breaks (a single band)', () => {
  assert.deepEqual(quantileBreaks([], 5), []);
  assert.deepEqual(quantileBreaks([NaN, NaN], 5), []);
  assert.deepEqual(quantileBreaks([4, 4, 4, 4], 4), []);
  assert.deepEqual(quantileBreaks([1, 2, 3], 1), []);
});

test('quantileBreaks ignores NaN', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.deepEqual(quantileBreaks([NaN, ...values, NaN], 5), quantileBreaks(values, 5));
});

test('first and last bands are never empty; middle ones can be (documented example)', () => {
  // Deterministic pseudo-random samples (Park & Miller 1988 minimal standard generator),
  // small integers so that ties are heavy.
  let state = 12345;
  const next = (): number => {
    state = (state * 16807) % 2147483647;
    return state;
  };
  for (let trial = 0; trial < 200; trial += 1) {
    const distinct = 2 + (trial % 9);
    const values = Array.from({ length: 5 + (next() % 60) }, () => next() % distinct);
    const breaks = quantileBreaks(values, 2 + (trial % 7));
    const counts = new Array<number>(breaks.length + 1).fill(0);
    for (const value of values) {
      const band = bandIndex(value, breaks);
      counts[band] = (counts[band] ?? 0) + 1;
    }
    assert.ok((counts[0] ?? 0) > 0, `trial ${trial}: first band empty`);
    assert.ok((counts[breaks.length] ?? 0) > 0, `trial ${trial}: last band empty`);
  }
  // numpy quartiles of [0, 1, 5, 5, 5, 5, 9, 9] are [4, 5, 6]: no value lies in [4, 5).
  const breaks = quantileBreaks([0, 1, 5, 5, 5, 5, 9, 9], 4);
  assert.deepEqual(breaks, [4, 5, 6]);
});

test('bandIndex puts a value equal to a break in the band above it', () => {
  const breaks = [50, 200, 1000];
  const cases: ReadonlyArray<readonly [number, number]> = [
    [-Infinity, 0],
    [0, 0],
    [49.999, 0],
    [50, 1],
    [199.999, 1],
    [200, 2],
    [999, 2],
    [1000, 3],
    [1e12, 3],
    [Infinity, 3],
  ];
  for (const [value, band] of cases) assert.equal(bandIndex(value, breaks), band, `${value}`);
  assert.equal(bandIndex(123, []), 0);
});

test('bandIndex agrees with counting the breaks <= value (independent linear scan)', () => {
  const breaks = [1.6, 2, 3.2, 6.5, 100, 1000];
  for (const value of [...SIZES, 0, 1.6, 1.59, 6.5, 99.99, 1e6]) {
    const expected = breaks.filter((b) => b <= value).length;
    assert.equal(bandIndex(value, breaks), expected, `${value}`);
  }
});

test('bandIndex rejects NaN', () => {
  assert.throws(() => bandIndex(NaN, [1, 2]), /^RangeError: value is NaN/);
});

test('bandLabel uses "< a", "a – < b" and "≥ c"', () => {
  const breaks = [50, 200, 1000];
  assert.deepEqual(
    [0, 1, 2, 3].map((i) => bandLabel(i, breaks)),
    ['< 50', '50 – < 200', '200 – < 1000', '≥ 1000'],
  );
  assert.equal(bandLabel(0, []), 'all values');
});

test('bandLabel formats integers plainly and other numbers to 3 significant digits', () => {
  const breaks = [0.012345, 12.345, 1234.5, 20000];
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((i) => bandLabel(i, breaks)),
    ['< 0.0123', '0.0123 – < 12.3', '12.3 – < 1230', '1230 – < 20000', '≥ 20000'],
  );
  assert.equal(bandLabel(1, [-2.5, 0.5]), '-2.5 – < 0.5');
});

test('bandLabel accepts a custom number format', () => {
  const format = (v: number): string => `$${v.toFixed(2)}`;
  assert.equal(bandLabel(1, [1.5, 3], format), '$1.50 – < $3.00');
});

test('bandLabel and quantileBreaks reject bad arguments with a RangeError', () => {
  assert.throws(
    () => bandLabel(4, [50, 200, 1000]),
    /index must be an integer from 0 to 3, got 4/,
  );
  assert.throws(() => bandLabel(-1, [50]), /got -1/);
  assert.throws(() => bandLabel(0.5, [50]), /got 0\.5/);
  assert.throws(() => quantileBreaks([1, 2], 0), /bands must be an integer >= 1, got 0/);
  assert.throws(() => quantileBreaks([1, 2], 2.5), /got 2\.5/);
});
