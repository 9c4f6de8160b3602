import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FeatureTable } from '../../../src/core/model/feature-table.js';
import { globalImportance } from '../../../src/core/model/global-importance.js';
import { applyBins } from '../../../src/core/model/binning.js';
import { explain, predictLogit, predictProba } from '../../../src/core/model/predict.js';
import { trainAdditiveModel } from '../../../src/core/model/train.js';
import { expit } from '../../../src/core/stats/logit.js';
import { additiveData, xorData } from './synthetic.js';

const data = additiveData(6000, 11);
const model = trainAdditiveModel(data.table, data.labels, { seed: 3, bags: 2 });
const xor = xorData(4000, 12);
const pairModel = trainAdditiveModel(xor.table, xor.labels, { seed: 3, bags: 2 });

describe('explain', () => {
  test('the intercept and contributions add up to the predicted logit, for every row', () => {
    for (const [m, table] of [
      [model, data.table],
      [pairModel, xor.table],
    ] as const) {
      const logits = predictLogit(m, table);
      const binned = applyBins(m.features, table);
      for (let row = 0; row < table.rows; row++) {
        const e = explain(m, binned, row);
        let sum = e.intercept;
        for (const c of e.contributions) sum += c.contribution;
        // Same additions in the same order: equal to the last bit, well within 1e-12.
        assert.ok(Math.abs(sum - logits[row]!) <= 1e-12, `row ${row}: ${sum}, ${logits[row]}`);
        assert.equal(e.logit, logits[row]);
        assert.equal(e.probability, expit(logits[row]!));
      }
    }
    assert.ok(pairModel.terms.some((t) => t.kind === 'pair'), 'the XOR model has a pair');
  });

  test('a raw table row explains like its binned row, with readable bins', () => {
    const fromTable = explain(pairModel, xor.table, 17);
    const fromBinned = explain(pairModel, applyBins(pairModel.features, xor.table), 17);
    assert.deepEqual(fromTable, fromBinned);
    const pair = fromTable.contributions.find((c) => c.term === 'x × y');
    assert.ok(pair, 'pair term present');
    assert.deepEqual(pair.features, ['x', 'y']);
    assert.match(pair.bin, / & /);
    assert.throws(() => explain(model, data.table, data.table.rows), /row must be an integer/);
  });

  test('probabilities are expit of the logits', () => {
    const logits = predictLogit(model, data.table);
    const probabilities = predictProba(model, data.table);
    logits.forEach((s, i) => assert.equal(probabilities[i], expit(s)));
  });
});

describe('scoring data unlike the training data', () => {
  test('unseen categories score as "other", missing values as "missing"', () => {
    const rows = 3;
    const table: FeatureTable = {
      rows,
      columns: [
        { kind: 'numeric', name: 'noise', values: Float64Array.from([0.5, 0.5, Number.NaN]) },
        {
          kind: 'categorical',
          name: 'segment',
          categories: ['brand new segment', 'health'],
          codes: Int32Array.from([0, -1, 1]),
        },
        { kind: 'numeric', name: 'size', values: Float64Array.from([5, Number.NaN, 5]) },
      ],
    };
    const explained = Array.from({ length: rows }, (_, r) => explain(model, table, r));
    const bin = (r: number, term: string): string =>
      explained[r]!.contributions.find((c) => c.term === term)!.bin;
    assert.equal(bin(0, 'segment'), 'other');
    assert.equal(bin(1, 'segment'), 'missing');
    assert.equal(bin(2, 'segment'), 'health');
    assert.equal(bin(1, 'size'), 'missing');
    assert.equal(bin(2, 'noise'), 'missing');
    const logits = predictLogit(model, table);
    explained.forEach((e, r) => assert.equal(e.logit, logits[r]));
    for (const value of logits) assert.ok(Number.isFinite(value));
    // The training data had no missing segment or noise: those bins carry no evidence (0).
    const contribution = (r: number, term: string): number =>
      explained[r]!.contributions.find((c) => c.term === term)!.contribution;
    assert.equal(contribution(1, 'segment'), 0);
    assert.equal(contribution(2, 'noise'), 0);
  });
});

describe('globalImportance', () => {
  test('mean |contribution| per term, most important first', () => {
    const importance = globalImportance(model, data.table);
    const binned = applyBins(model.features, data.table);
    const expected = new Map<string, number>();
    for (let row = 0; row < data.table.rows; row++) {
      for (const c of explain(model, binned, row).contributions) {
        const share = Math.abs(c.contribution) / data.table.rows;
        expected.set(c.term, (expected.get(c.term) ?? 0) + share);
      }
    }
    for (const entry of importance) {
      assert.ok(Math.abs(entry.importance - expected.get(entry.term)!) <= 1e-12, entry.term);
    }
    assert.deepEqual(
      importance.map((i) => i.importance),
      [...importance.map((i) => i.importance)].sort((a, b) => b - a),
    );
    assert.equal(importance.at(-1)!.term, 'noise');
  });
});
