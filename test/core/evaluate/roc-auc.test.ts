import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rocAuc } from '../../../src/core/evaluate/roc-auc.js';
import { assertClose } from '../stats/assert-close.js';
import { tiedVector } from './tied-vector.js';

// Tolerance 1e-12 throughout: the references are exact fractions or double-precision
// evaluations of the same statistic, and the rank sums involved are exact in doubles.

test('rocAuc of four distinct scores, by hand', () => {
  // Ascending: 0.1 (lost, rank 1), 0.35 (won, 2), 0.4 (lost, 3), 0.8 (won, 4).
  // R₁ = 2 + 4 = 6, U = 6 − 2·3/2 = 3, AUC = 3 / (2·2) = 0.75 (also scikit-learn's
  // documented example for roc_auc_score).
  assertClose(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.75, 1e-12);
});

test('rocAuc gives tied scores their average rank, by hand', () => {
  // Ascending: 0.2 ×2 (ranks 1–2, avg 1.5; one won), 0.5 ×3 (ranks 3–5, avg 4; one won),
  // 0.7 (rank 6, lost), 0.9 (rank 7, won). R₁ = 1.5 + 4 + 7 = 12.5, n₁ = 3, n₀ = 4,
  // U = 12.5 − 3·4/2 = 6.5, AUC = 6.5 / 12 = 0.541666…
  const scores = [0.2, 0.5, 0.5, 0.5, 0.9, 0.2, 0.7];
  assertClose(rocAuc(scores, [0, 1, 0, 0, 1, 1, 0]), 6.5 / 12, 1e-12);
});

test('rocAuc matches scipy mannwhitneyu on a 600-row vector with many ties', () => {
  // Reference: scipy 1.17.1, U = mannwhitneyu(scores[y == 1], scores[y == 0]).statistic,
  // AUC = U / (271·329), on the vectors built in tied-vector.ts.
  const { scores, labels } = tiedVector();
  assertClose(rocAuc(scores, labels), 0.6905472246211823, 1e-12);
});

test('rocAuc is 0.5 when all scores are equal, 1 and 0 for perfect orders', () => {
  assert.equal(rocAuc([0.3, 0.3, 0.3, 0.3, 0.3], [1, 0, 0, 1, 0]), 0.5);
  assert.equal(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]), 1);
  assert.equal(rocAuc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0]), 0);
});

test('rocAuc is NaN when one class is absent or there are no rows', () => {
  assert.ok(Number.isNaN(rocAuc([0.1, 0.5, 0.9], [1, 1, 1])));
  assert.ok(Number.isNaN(rocAuc([0.1, 0.5, 0.9], new Uint8Array(3))));
  assert.ok(Number.isNaN(rocAuc([], [])));
});

test('rocAuc ranks infinities and does not depend on row order', () => {
  assert.equal(rocAuc([-Infinity, Infinity, Infinity], [0, 1, 0]), 0.75);
  const { scores, labels } = tiedVector();
  const reversed = rocAuc(scores.slice().reverse(), labels.slice().reverse());
  assertClose(reversed, rocAuc(scores, labels), 1e-15);
});

test('rocAuc rejects NaN scores, non-binary labels and mismatched lengths', () => {
  assert.throws(
    () => rocAuc([0.1, NaN], [0, 1]),
    /^RangeError: scores must not be NaN, got NaN at row 1$/,
  );
  assert.throws(
    () => rocAuc([0.1, 0.2], [0, 2]),
    /^RangeError: labels must be 0 or 1, got 2 at row 1$/,
  );
  assert.throws(() => rocAuc([0.1], [0, 1]), /same length, got 1 and 2/);
});
