import assert from 'node:assert/strict';
import { test } from 'node:test';
import { categoricalColumn } from '../../src/core/categorical-column.js';
import { conformTable } from '../../src/core/conform-table.js';
import type { BinDefinition } from '../../src/core/model/bin-definition.js';
import type { FeatureTable } from '../../src/core/model/feature-table.js';

test('categories are coded by first appearance, missing as -1', () => {
  const column = categoricalColumn('source', ['web', null, 'event', 'web']);
  assert.deepEqual([...column.codes], [0, -1, 1, 0]);
  assert.deepEqual(column.categories, ['web', 'event']);
});

test('a table is shaped to the model: kinds flipped back, absent features filled as missing', () => {
  const features: BinDefinition[] = [
    { kind: 'numeric', name: 'employees', cuts: [10, 100] },
    { kind: 'categorical', name: 'campaign', groups: [['1'], ['2']] },
    { kind: 'categorical', name: 'industry', groups: [['software']] },
  ];
  const table: FeatureTable = {
    rows: 3,
    columns: [
      categoricalColumn('employees', ['12', null, '7']),
      { kind: 'numeric', name: 'campaign', values: Float64Array.from([1, 2, Number.NaN]) },
      { kind: 'numeric', name: 'unused', values: new Float64Array(3) },
    ],
  };
  const { table: shaped, missing } = conformTable(table, features);
  assert.deepEqual(missing, ['industry']);
  assert.deepEqual(shaped.columns.map((c) => [c.name, c.kind]), [
    ['employees', 'numeric'],
    ['campaign', 'categorical'],
    ['industry', 'categorical'],
  ]);
  const [employees, campaign, industry] = shaped.columns;
  assert.ok(employees?.kind === 'numeric');
  assert.deepEqual([...employees.values], [12, Number.NaN, 7]);
  assert.ok(campaign?.kind === 'categorical');
  assert.deepEqual([...campaign.codes].map((c) => campaign.categories[c] ?? null), ['1', '2', null]);
  assert.ok(industry?.kind === 'categorical');
  assert.deepEqual([...industry.codes], [-1, -1, -1]);
});

test('text where the model expects numbers is counted, with an example', () => {
  const features: BinDefinition[] = [{ kind: 'numeric', name: 'employees', cuts: [10] }];
  const table: FeatureTable = {
    rows: 4,
    columns: [categoricalColumn('employees', ['12', 'about 31 people', null, 'n/a'])],
  };
  const { unreadable } = conformTable(table, features);
  assert.deepEqual(unreadable, [{ name: 'employees', rows: 2, example: 'about 31 people' }]);
});
