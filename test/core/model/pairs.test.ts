/**
 * Pairs on a pure interaction (XOR: logit +2 when x and y share a sign, −2 otherwise), which
 * no additive model can see: each feature alone carries no information.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PairTerm } from '../../../src/core/model/additive-model.js';
import { binCount, numericBin } from '../../../src/core/model/bin-definition.js';
import type { FeatureTable } from '../../../src/core/model/feature-table.js';
import { predictProba } from '../../../src/core/model/predict.js';
import { trainAdditiveModel } from '../../../src/core/model/train.js';
import { expit } from '../../../src/core/stats/logit.js';
import { rocAuc, xorData } from './synthetic.js';

const train = xorData(20_000, 1);
const fresh = xorData(20_000, 2);
const withPairs = trainAdditiveModel(train.table, train.labels, { seed: 4 });

function numbers(table: FeatureTable, name: string): Float64Array {
  const column = table.columns.find((c) => c.name === name);
  assert.ok(column?.kind === 'numeric');
  return column.values;
}

describe('pairwise terms', () => {
  test('without pairs the model cannot see an XOR: AUC about 0.5', () => {
    const model = trainAdditiveModel(train.table, train.labels, { seed: 4, pairs: 0 });
    assert.ok(model.terms.every((t) => t.kind === 'main'));
    const auc = rocAuc(predictProba(model, fresh.table), fresh.labels);
    // 20,000 test rows: the AUC of an uninformative score has sd ≈ 0.004; main effects
    // fitted to noise can move it a little further.
    assert.ok(Math.abs(auc - 0.5) < 0.02, `AUC ${auc}`);
  });

  test('with pairs it keeps x × y, only that pair, and recovers the true rates', () => {
    const pairs = withPairs.terms.filter((t): t is PairTerm => t.kind === 'pair');
    assert.deepEqual(
      pairs.map((p) => p.features.map((f) => withPairs.features[f]!.name)),
      [['x', 'y']],
    );
    const kept = withPairs.training.pairs.filter((p) => p.kept);
    assert.equal(kept.length, 1);
    assert.ok(kept[0]!.validationZ > 10, `z ${kept[0]!.validationZ}`);

    const p = predictProba(withPairs, fresh.table);
    const auc = rocAuc(p, fresh.labels);
    const best = rocAuc(fresh.truth, fresh.labels);
    // The true probabilities reach `best`; coarse bins blur the sign change a little.
    assert.ok(auc > best - 0.01, `AUC ${auc}, true probabilities ${best}`);
    // Away from the axes (|x|, |y| > 0.25, clear of the coarse bins that straddle 0) the
    // estimate is the true rate, expit(±2) = 0.881 / 0.119, within 0.03.
    const [xs, ys] = [numbers(fresh.table, 'x'), numbers(fresh.table, 'y')];
    for (const same of [true, false]) {
      let sum = 0;
      let count = 0;
      p.forEach((value, i) => {
        const [x, y] = [xs[i]!, ys[i]!];
        if (Math.abs(x) > 0.25 && Math.abs(y) > 0.25 && x * y > 0 === same) {
          sum += value;
          count += 1;
        }
      });
      const truth = expit(same ? 2 : -2);
      assert.ok(Math.abs(sum / count - truth) < 0.03, `same sign ${same}: ${sum / count}`);
    }
  });

  test('a pair is purified: its row and column means over the training rows are 0', () => {
    const pair = withPairs.terms.find((t): t is PairTerm => t.kind === 'pair')!;
    const [ax, ay] = pair.axes;
    assert.ok(ax.kind === 'numeric' && ay.kind === 'numeric');
    const [xs, ys] = [numbers(train.table, 'x'), numbers(train.table, 'y')];
    const cols = binCount(ay);
    const sums = { rows: new Float64Array(binCount(ax)), cols: new Float64Array(cols) };
    const counts = { rows: new Float64Array(binCount(ax)), cols: new Float64Array(cols) };
    for (let i = 0; i < train.table.rows; i++) {
      const r = numericBin(xs[i]!, ax.cuts);
      const c = numericBin(ys[i]!, ay.cuts);
      const score = pair.scores[r * cols + c]!;
      sums.rows[r]! += score;
      counts.rows[r]! += 1;
      sums.cols[c]! += score;
      counts.cols[c]! += 1;
    }
    for (const side of ['rows', 'cols'] as const) {
      sums[side].forEach((sum, k) => {
        const n = counts[side][k]!;
        if (n > 0) assert.ok(Math.abs(sum / n) < 1e-9, `${side} ${k}: mean ${sum / n}`);
      });
    }
  });
});
