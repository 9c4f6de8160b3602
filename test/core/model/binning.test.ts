import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { binLabel, type NumericBins } from '../../../src/core/model/bin-definition.js';
import { applyBins, fitBins } from '../../../src/core/model/binning.js';
import type { FeatureTable } from '../../../src/core/model/feature-table.js';

function numericTable(values: number[]): FeatureTable {
  return {
    rows: values.length,
    columns: [{ kind: 'numeric', name: 'x', values: Float64Array.from(values) }],
  };
}

function categoricalTable(values: (string | null)[]): FeatureTable {
  const categories = [...new Set(values.filter((v): v is string => v !== null))];
  const codes = Int32Array.from(values, (v) => (v === null ? -1 : categories.indexOf(v)));
  return {
    rows: values.length,
    columns: [{ kind: 'categorical', name: 'c', codes, categories }],
  };
}

describe('fitBins: numeric', () => {
  test('few distinct values: one bin each, cut at the midpoints', () => {
    const [bins] = fitBins(numericTable([3, 1, 2, 2, Number.NaN, 10]), { maxBins: 8 });
    assert.deepEqual(bins, { kind: 'numeric', name: 'x', cuts: [1.5, 2.5, 6.5] });
  });

  test('many values: equal-frequency bins, at most maxBins', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i);
    const [bins] = fitBins(numericTable(values), { maxBins: 4 }) as [NumericBins];
    // 250 values per bin: cuts between 249 | 250, 499 | 500 and 749 | 750.
    assert.deepEqual(bins.cuts, [249.5, 499.5, 749.5]);
  });

  test('a value on most rows takes one bin and the rest share the others', () => {
    const values = [
      ...Array.from({ length: 900 }, () => 999),
      ...Array.from({ length: 100 }, (_, i) => i),
    ];
    const [bins] = fitBins(numericTable(values), { maxBins: 4 }) as [NumericBins];
    assert.equal(bins.cuts.length, 3);
    assert.equal(bins.cuts.at(-1), (99 + 999) / 2);
    const binned = applyBins([bins], numericTable(values)).indices[0]!;
    const counts = [0, 0, 0, 0, 0];
    for (const bin of binned) counts[bin]! += 1;
    assert.equal(counts[4], 900);
    assert.equal(counts[1]! + counts[2]! + counts[3]!, 100);
    assert.ok(Math.min(counts[1]!, counts[2]!, counts[3]!) >= 25, `counts ${counts}`);
  });

  test('no or one distinct value: no cut point', () => {
    assert.deepEqual((fitBins(numericTable([Number.NaN]))[0] as NumericBins).cuts, []);
    assert.deepEqual((fitBins(numericTable([4, 4, 4]))[0] as NumericBins).cuts, []);
  });

  test('infinities are extreme values and cut points stay finite', () => {
    const table = numericTable([-Infinity, 0, Infinity]);
    const [bins] = fitBins(table, { maxBins: 8 }) as [NumericBins];
    assert.deepEqual(bins.cuts, [0, Number.MAX_VALUE]);
    assert.deepEqual([...applyBins([bins], table).indices[0]!], [1, 2, 3]);
  });

  test('adjacent doubles still split', () => {
    const a = 1;
    const b = 1 + Number.EPSILON;
    const [bins] = fitBins(numericTable([a, b])) as [NumericBins];
    assert.deepEqual([...applyBins([bins], numericTable([a, b])).indices[0]!], [1, 2]);
  });
});

describe('applyBins: numeric', () => {
  test('NaN is missing (bin 0); a value equal to a cut point goes to the bin above', () => {
    const bins: NumericBins = { kind: 'numeric', name: 'x', cuts: [10, 20] };
    const binned = applyBins([bins], numericTable([Number.NaN, 5, 10, 19.999, 20, 1e9]));
    assert.deepEqual([...binned.indices[0]!], [0, 1, 2, 2, 3, 3]);
    assert.deepEqual(
      [0, 1, 2, 3].map((b) => binLabel(bins, b)),
      ['missing', '< 10', '10 – < 20', '≥ 20'],
    );
  });
});

describe('categorical bins', () => {
  const training = categoricalTable([
    ...Array.from({ length: 6 }, () => 'a'),
    ...Array.from({ length: 9 }, () => 'b'),
    ...Array.from({ length: 2 }, () => 'rare'),
    null,
  ]);

  test('frequent categories keep a bin (most frequent first), rare ones share "other"', () => {
    const [bins] = fitBins(training, { minCategoryCount: 5 });
    assert.deepEqual(bins, { kind: 'categorical', name: 'c', groups: [['b'], ['a']] });
  });

  test('scoring maps by string: another dictionary order, unseen and missing values', () => {
    const defs = fitBins(training, { minCategoryCount: 5 });
    const scoring: FeatureTable = {
      rows: 5,
      columns: [
        {
          kind: 'categorical',
          name: 'c',
          categories: ['never seen', 'a', 'rare', 'b'],
          codes: Int32Array.from([3, 1, 2, 0, -1]),
        },
      ],
    };
    // b → 2, a → 3, rare → other (1), never seen → other (1), missing → 0.
    assert.deepEqual([...applyBins(defs, scoring).indices[0]!], [2, 3, 1, 1, 0]);
  });

  test('column order of the scoring table does not matter; extra columns are ignored', () => {
    const columns = [...numericTable([1, 2]).columns, ...categoricalTable(['a', 'a']).columns];
    const defs = fitBins({ rows: 2, columns }, { minCategoryCount: 1 });
    const scoring: FeatureTable = {
      rows: 1,
      columns: [
        { kind: 'numeric', name: 'extra', values: Float64Array.from([0]) },
        { kind: 'categorical', name: 'c', categories: ['a'], codes: Int32Array.from([0]) },
        { kind: 'numeric', name: 'x', values: Float64Array.from([2]) },
      ],
    };
    assert.deepEqual(applyBins(defs, scoring).indices.map((c) => [...c]), [[2], [2]]);
  });

  test('a missing column, a column of the other kind or a bad code is an error', () => {
    const defs = fitBins(training);
    assert.throws(() => applyBins(defs, numericTable([1])), /no column "c"/);
    assert.throws(
      () =>
        applyBins(defs, {
          rows: 1,
          columns: [{ kind: 'numeric', name: 'c', values: Float64Array.from([1]) }],
        }),
      /column "c" is numeric but the model was trained on it as categorical/,
    );
    assert.throws(
      () =>
        applyBins(defs, {
          rows: 1,
          columns: [
            { kind: 'categorical', name: 'c', categories: ['a'], codes: Int32Array.from([4]) },
          ],
        }),
      /code 4 is outside its 1 categories/,
    );
  });

  test('options out of range are refused', () => {
    assert.throws(() => fitBins(training, { maxBins: 0 }), /maxBins/);
    assert.throws(() => fitBins(training, { minCategoryCount: 0.5 }), /minCategoryCount/);
  });
});
