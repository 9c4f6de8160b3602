/**
 * Training on synthetic data whose true close rates are known (see synthetic.ts):
 * logit = −2 + segment effect + 0.3·(size − 5), plus a `noise` column with no effect.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MainTerm } from '../../../src/core/model/additive-model.js';
import { applyBins } from '../../../src/core/model/binning.js';
import { toModelJson } from '../../../src/core/model/model-json.js';
import { predictProba } from '../../../src/core/model/predict.js';
import { trainAdditiveModel, type TrainOptions } from '../../../src/core/model/train.js';
import { additiveData, SEGMENT_EFFECT, SEGMENTS, sizeEffect } from './synthetic.js';

const ROWS = 40_000;
const train = additiveData(ROWS, 1);
const model = trainAdditiveModel(train.table, train.labels, { seed: 5 });

/** Per bin: training rows' Fisher information Σ p(1 − p) and mean true effect. */
function binTruth(feature: number, effect: (row: number) => number) {
  const bins = applyBins(model.features, train.table).indices[feature]!;
  const count = (model.terms[feature] as MainTerm).scores.length;
  const information = new Float64Array(count);
  const effectSum = new Float64Array(count);
  const rows = new Float64Array(count);
  bins.forEach((bin, i) => {
    const p = train.truth[i]!;
    information[bin]! += p * (1 - p);
    effectSum[bin]! += effect(i);
    rows[bin]! += 1;
  });
  const mean = effectSum.reduce((a, b) => a + b) / ROWS;
  const centred = Array.from(effectSum, (sum, b) => (rows[b]! > 0 ? sum / rows[b]! - mean : 0));
  // Standard error of a bin's log-odds when the rest of the model is known.
  const se = Array.from(information, (info) => 1 / Math.sqrt(info));
  return { centred, se, rows, scores: (model.terms[feature] as MainTerm).scores };
}

describe('trainAdditiveModel on additive data with known probabilities', () => {
  test('calibrated: each decile of the estimate matches its mean true close rate', () => {
    const fresh = additiveData(ROWS, 2);
    const p = predictProba(model, fresh.table);
    const order = Array.from(p.keys()).sort((a, b) => p[a]! - p[b]!);
    const size = ROWS / 10;
    for (let d = 0; d < 10; d++) {
      const rows = order.slice(d * size, (d + 1) * size);
      const predicted = rows.reduce((s, r) => s + p[r]!, 0) / size;
      const truth = rows.reduce((s, r) => s + fresh.truth[r]!, 0) / size;
      // The model learned these rates from about `size` training outcomes per decile, so it
      // cannot know them better than their binomial standard error; 3 of them is the bound
      // (measured: at most about 1.1 standard errors off).
      const tolerance = 3 * Math.sqrt((truth * (1 - truth)) / size);
      assert.ok(
        Math.abs(predicted - truth) <= tolerance,
        `decile ${d + 1}: predicted ${predicted}, true ${truth}, tolerance ${tolerance}`,
      );
    }
  });

  test('recovers the true segment effects (centred), each within 4 standard errors', () => {
    const segment = model.features.findIndex((f) => f.name === 'segment');
    const codes = (train.table.columns[0] as { codes: Int32Array }).codes;
    const truth = binTruth(segment, (i) => SEGMENT_EFFECT[codes[i]!]!);
    const groups = model.features[segment]!;
    assert.equal(groups.kind, 'categorical');
    if (groups.kind !== 'categorical') return;
    assert.deepEqual([...groups.groups.flat()].sort(), [...SEGMENTS].sort());
    for (let b = 2; b < truth.scores.length; b++) {
      const error = Math.abs(truth.scores[b]! - truth.centred[b]!);
      assert.ok(
        error <= 4 * truth.se[b]!,
        `${groups.groups[b - 2]}: learned ${truth.scores[b]}, true ${truth.centred[b]}, ` +
          `se ${truth.se[b]}`,
      );
    }
  });

  test('recovers the linear size effect bin by bin, and finds nothing in noise', () => {
    const sizeIndex = model.features.findIndex((f) => f.name === 'size');
    // 2 % of sizes are blank: their (unseen) effect averages 0, and their bin is not checked.
    const x = (train.table.columns[1] as { values: Float64Array }).values;
    const size = binTruth(sizeIndex, (i) => (Number.isNaN(x[i]!) ? 0 : sizeEffect(x[i]!)));
    let squared = 0;
    let seSquared = 0;
    for (let b = 1; b < size.scores.length; b++) {
      const error = size.scores[b]! - size.centred[b]!;
      assert.ok(Math.abs(error) <= 4 * size.se[b]!, `size bin ${b}: off by ${error}`);
      squared += error * error;
      seSquared += size.se[b]! ** 2;
    }
    // Boosting with early stopping smooths across bins: overall closer than one se per bin.
    const [rms, rmsSe] = [Math.sqrt(squared), Math.sqrt(seSquared)];
    assert.ok(squared <= seSquared, `rms error ${rms}, rms se ${rmsSe}`);

    const noiseIndex = model.features.findIndex((f) => f.name === 'noise');
    const noise = binTruth(noiseIndex, () => 0);
    for (let b = 1; b < noise.scores.length; b++) {
      const score = noise.scores[b]!;
      assert.ok(Math.abs(score) <= 4 * noise.se[b]!, `noise bin ${b}: ${score}`);
    }
  });

  test('adds no pair on purely additive data', () => {
    assert.deepEqual(
      model.terms.filter((t) => t.kind === 'pair').map((t) => t.kind),
      [],
      JSON.stringify(model.training.pairs),
    );
    assert.ok(model.training.pairs.every((p) => !p.kept));
  });

  test('each term is centred: its weighted mean over the training rows is 0', () => {
    const binned = applyBins(model.features, train.table);
    for (const term of model.terms as MainTerm[]) {
      let sum = 0;
      for (const bin of binned.indices[term.feature]!) sum += term.scores[bin]!;
      assert.ok(Math.abs(sum / ROWS) <= 1e-12, `${term.feature}: mean ${sum / ROWS}`);
    }
  });
});

describe('determinism', () => {
  const small = additiveData(5000, 21);
  const options = { bags: 3, pairs: 3 } as const;

  test('the same seed gives the same model', () => {
    const a = trainAdditiveModel(small.table, small.labels, { ...options, seed: 9 });
    const b = trainAdditiveModel(small.table, small.labels, { ...options, seed: 9 });
    assert.equal(JSON.stringify(toModelJson(a)), JSON.stringify(toModelJson(b)));
  });

  test('another seed gives a slightly different model', () => {
    const a = trainAdditiveModel(small.table, small.labels, { ...options, seed: 9 });
    const b = trainAdditiveModel(small.table, small.labels, { ...options, seed: 10 });
    const pa = predictProba(a, small.table);
    const pb = predictProba(b, small.table);
    let total = 0;
    pa.forEach((p, i) => (total += Math.abs(p - pb[i]!)));
    const mean = total / pa.length;
    assert.ok(mean > 0, 'the validation splits differ, so the models differ');
    // Mean |difference| well under the mean close rate (about 0.17) on 5,000 rows, 3 bags.
    assert.ok(mean < 0.01, `but only slightly: mean |difference| ${mean}`);
  });
});

describe('input checks', () => {
  const small = additiveData(200, 3);

  test('labels must match the table and hold both outcomes', () => {
    const train = (labels: Uint8Array) => () => trainAdditiveModel(small.table, labels);
    assert.throws(train(new Uint8Array(10)), /labels has 10 entries/);
    assert.throws(train(new Uint8Array(200)), /both outcomes/);
    assert.throws(train(new Uint8Array(200).fill(2)), /labels must be 0 or 1/);
  });

  test('weights must be finite and non-negative; options in range', () => {
    const weights = new Float64Array(200).fill(1);
    weights[3] = -1;
    const train = (options: TrainOptions) => () =>
      trainAdditiveModel(small.table, small.labels, options);
    assert.throws(train({ weights }), /weights/);
    assert.throws(train({ learningRate: 0 }), /option learningRate must be in \(0, 1\], got 0/);
    assert.throws(train({ bags: 0 }), /option bags must be an integer from 1 to 1000/);
  });

  test('sample weights enter the base rate and are recorded', () => {
    const weights = Float64Array.from({ length: 200 }, (_, i) => (i % 2 ? 2 : 1));
    const options = { weights, bags: 1, pairs: 0 };
    const weighted = trainAdditiveModel(small.table, small.labels, options);
    assert.equal(weighted.training.weighted, true);
    let wins = 0;
    let total = 0;
    small.labels.forEach((y, i) => {
      wins += weights[i]! * y;
      total += weights[i]!;
    });
    assert.equal(weighted.training.baseRate, wins / total);
  });
});
