import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  wilsonInterval,
  wilsonIntervalFromRate,
} from '../../../src/core/stats/wilson-interval.js';
import { assertClose, assertRelClose } from './assert-close.js';

type Case = readonly [wins: number, n: number, low: number, high: number];

// References: scipy 1.17.1 `binomtest(k, n).proportion_ci(c, method='wilson')` (score
// interval without continuity correction), printed with repr(). 81/263, 15/148, 0/20 and
// 1/29 are the worked examples of Newcombe (1998, Stat. Med. 17:857, Table II); the 4-dp
// limits quoted from that table (0.2553–0.3662, 0.0624–0.1605, 0–0.1611, 0.0061–0.1718)
// agree with these values. 271/2296 is a real marketing channel's wins/leads.
// Tolerance 1e-12: both sides are double-precision evaluations of the same closed form.
const SCIPY_95: readonly Case[] = [
  [0, 10, 0, 0.27753279986288926],
  [10, 10, 0.7224672001371109, 1],
  [1, 10, 0.017876213095072896, 0.4041500267952385],
  [81, 263, 0.2552885198782742, 0.36620957698280004],
  [15, 148, 0.06238639953073629, 0.16048724172330803],
  [0, 20, 0, 0.16112515805281935],
  [1, 29, 0.006113214292762667, 0.17175521879320282],
  [271, 2296, 0.10546759655315234, 0.1318711368309258],
  [0, 1, 0, 0.7934506856227626],
  [1, 1, 0.20654931437723745, 1],
  [1, 2, 0.09453120573423074, 0.9054687942657693],
  [2, 3, 0.20765960080204782, 0.9385080552796038],
  [3, 1000, 0.0010207838811386186, 0.008783014053503173],
  [997, 1000, 0.9912169859464968, 0.9989792161188613],
];
const SCIPY_99: readonly Case[] = [
  [81, 263, 0.24013690268760768, 0.3852825023182298],
  [271, 2296, 0.10177776188375175, 0.13648619277570176],
  [1, 10, 0.011851503411032915, 0.5072317712328935],
];
const SCIPY_90: readonly Case[] = [
  [81, 263, 0.26331361718848145, 0.3565663496084882],
  [271, 2296, 0.10740274151373733, 0.1295591194802578],
  [1, 10, 0.02263490873086718, 0.34771866733585843],
];

function checkCases(cases: readonly Case[], confidence: number): void {
  for (const [wins, n, low, high] of cases) {
    const interval = wilsonInterval(wins, n, confidence);
    assertClose(interval.low, low, 1e-12, `low ${wins}/${n} at ${confidence}`);
    assertClose(interval.high, high, 1e-12, `high ${wins}/${n} at ${confidence}`);
  }
}

test('wilsonInterval matches scipy at 95% (the default), including tiny n', () => {
  for (const [wins, n, low, high] of SCIPY_95) {
    const interval = wilsonInterval(wins, n);
    assertClose(interval.low, low, 1e-12, `low ${wins}/${n}`);
    assertClose(interval.high, high, 1e-12, `high ${wins}/${n}`);
  }
});

test('wilsonInterval matches scipy at 99% and 90%', () => {
  checkCases(SCIPY_99, 0.99);
  checkCases(SCIPY_90, 0.9);
});

test('wilsonInterval gives low exactly 0 for 0 wins and high exactly 1 for n wins', () => {
  for (const n of [1, 2, 7, 263, 1_000_000]) {
    for (const confidence of [0.5, 0.95, 0.999]) {
      assert.equal(wilsonInterval(0, n, confidence).low, 0, `0/${n}`);
      assert.equal(wilsonInterval(n, n, confidence).high, 1, `${n}/${n}`);
    }
  }
});

test('wilsonInterval with n = 0 is the whole unit interval', () => {
  assert.deepEqual(wilsonInterval(0, 0), { low: 0, high: 1 });
  assert.deepEqual(wilsonInterval(0, 0, 0.5), { low: 0, high: 1 });
});

test('wilsonInterval contains the estimate and stays within [0, 1]', () => {
  for (const confidence of [0.8, 0.95, 0.99]) {
    for (let n = 1; n <= 60; n += 1) {
      for (let wins = 0; wins <= n; wins += 1) {
        const { low, high } = wilsonInterval(wins, n, confidence);
        const rate = wins / n;
        assert.ok(0 <= low && low <= rate && rate <= high && high <= 1, `${wins}/${n}`);
      }
    }
  }
});

test('wilsonInterval is symmetric: swapping wins and losses mirrors the interval', () => {
  for (const [wins, n] of [[1, 10], [81, 263], [3, 1000], [0, 5]] as const) {
    const interval = wilsonInterval(wins, n);
    const mirror = wilsonInterval(n - wins, n);
    assertClose(interval.low, 1 - mirror.high, 1e-15, `${wins}/${n} low`);
    assertClose(interval.high, 1 - mirror.low, 1e-15, `${wins}/${n} high`);
  }
});

test('wilsonInterval narrows as n grows at a fixed observed rate', () => {
  let previousWidth = Infinity;
  for (const n of [10, 20, 50, 100, 1_000, 10_000, 100_000]) {
    const { low, high } = wilsonInterval(0.3 * n, n);
    assert.ok(high - low < previousWidth, `n = ${n}`);
    previousWidth = high - low;
  }
});

test('wilsonInterval is wider at 99% than at 95% than at 90%, and nested', () => {
  for (const [wins, n] of [[1, 10], [81, 263], [271, 2296], [0, 20], [20, 20]] as const) {
    const i90 = wilsonInterval(wins, n, 0.9);
    const i95 = wilsonInterval(wins, n, 0.95);
    const i99 = wilsonInterval(wins, n, 0.99);
    assert.ok(i99.low <= i95.low && i95.low <= i90.low, `${wins}/${n} low`);
    assert.ok(i90.high <= i95.high && i95.high <= i99.high, `${wins}/${n} high`);
    assert.ok(i99.high - i99.low > i95.high - i95.low, `${wins}/${n} 99 vs 95`);
    assert.ok(i95.high - i95.low > i90.high - i90.low, `${wins}/${n} 95 vs 90`);
  }
});

test('wilsonIntervalFromRate handles non-integer n and win counts', () => {
  // Reference: the closed form (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n) in
  // mpmath at 50 digits with z = sqrt(2)·erfinv(0.95). Tolerance 1e-12.
  const a = wilsonIntervalFromRate(0.3, 12.5);
  assertClose(a.low, 0.11991132526488327514, 1e-12, 'low 0.3 @ 12.5');
  assertClose(a.high, 0.57411843946651181028, 1e-12, 'high 0.3 @ 12.5');
  const b = wilsonIntervalFromRate(0.5, 0.5);
  assertClose(b.low, 0.02967263028612336822, 1e-12, 'low 0.5 @ 0.5');
  assertClose(b.high, 0.97032736971387663178, 1e-12, 'high 0.5 @ 0.5');
});

test('wilsonIntervalFromRate keeps relative precision for tiny rates', () => {
  // mpmath closed form at 60 digits. 1 win in 1e9 leads is well conditioned; 0.001 and 1e-9
  // expected wins (n·p̂ far below z²) make the textbook center − halfWidth form cancel to
  // few or no correct digits, so these bounds check the product-of-roots evaluation.
  const cases: ReadonlyArray<readonly [number, number, number, number]> = [
    [1e-9, 1e9, 1.7652455495696317964e-10, 5.6649342432974378632e-9],
    [1e-6, 1000, 2.6018232914859026557e-10, 0.003828750571855822395],
    [1e-10, 10, 2.6031777149147510451e-20, 0.27753280000738261498],
  ];
  for (const [rate, n, low, high] of cases) {
    const interval = wilsonIntervalFromRate(rate, n);
    assertRelClose(interval.low, low, 1e-12, `low ${rate} @ ${n}`);
    assertRelClose(interval.high, high, 1e-12, `high ${rate} @ ${n}`);
  }
});

test('wilsonIntervalFromRate agrees with wilsonInterval on integer counts', () => {
  assert.deepEqual(wilsonIntervalFromRate(81 / 263, 263, 0.99), wilsonInterval(81, 263, 0.99));
  assert.deepEqual(wilsonIntervalFromRate(0.25, 0), { low: 0, high: 1 });
});

test('wilsonInterval rejects bad counts with a RangeError naming the value', () => {
  assert.throws(
    () => wilsonInterval(11, 10),
    /^RangeError: wins must be an integer from 0 to n \(10\), got 11$/,
  );
  assert.throws(() => wilsonInterval(-1, 10), /wins .* got -1/);
  assert.throws(() => wilsonInterval(2.5, 10), /wins .* got 2\.5/);
  assert.throws(() => wilsonInterval(NaN, 10), /wins .* got NaN/);
  assert.throws(() => wilsonInterval(1, 10.5), /n must be a non-negative integer, got 10\.5/);
  assert.throws(() => wilsonInterval(0, -3), /n must be a non-negative integer, got -3/);
  assert.throws(() => wilsonInterval(1, Infinity), /n must be .* got Infinity/);
  assert.doesNotThrow(() => wilsonInterval(10, 10));
});

test('wilsonInterval rejects a confidence outside (0, 1), including percentages', () => {
  assert.throws(() => wilsonInterval(1, 10, 95), RangeError);
  assert.throws(() => wilsonInterval(1, 10, 95), /confidence .* got 95/);
  assert.throws(() => wilsonInterval(0, 0, 1), /confidence .* got 1/);
});

test('wilsonIntervalFromRate rejects a bad rate or n with a RangeError', () => {
  assert.throws(
    () => wilsonIntervalFromRate(1.2, 10),
    /rate must be a number from 0 to 1, got 1\.2/,
  );
  assert.throws(() => wilsonIntervalFromRate(NaN, 10), /rate .* got NaN/);
  assert.throws(
    () => wilsonIntervalFromRate(0.5, -1),
    /n must be a finite number >= 0, got -1/,
  );
  assert.throws(() => wilsonIntervalFromRate(0.5, Infinity), /n .* got Infinity/);
});
