import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FeatureColumn } from '../../src/core/model/feature-table.js';
import {
  BENCHMARK_DATASETS,
  categoricalColumn,
  DATASET_MAIN_FILES,
  OTHER_CATEGORY,
  readDatasetFolds,
  readDatasetTable,
  type BenchmarkDataset,
  type DatasetTable,
} from '../../src/data/dataset-tables.js';
import { openStore, type Store } from '../../src/data/store.js';
import { DATASETS, skipUnless } from '../real/datasets.js';

/** Rows and base rates as peers.md prints them (base rate to 4 decimals). */
const PEERS_MD: Readonly<Record<BenchmarkDataset, { rows: number; baseRate: number }>> = {
  olist: { rows: 8_000, baseRate: 0.1052 },
  bank: { rows: 41_188, baseRate: 0.1127 },
  bohanec: { rows: 448, baseRate: 0.5067 },
  maven: { rows: 6_711, baseRate: 0.6315 },
};

/** Feature names and kinds peers.py uses, in its column order. */
const FEATURES: Readonly<Record<BenchmarkDataset, string>> = {
  olist: 'origin:c landing_page_id:c weekday:c',
  bank:
    'age:n job:c marital:c education:c default:c housing:c loan:c contact:c month:c ' +
    'day_of_week:c campaign:n pdays:n previous:n poutcome:c emp.var.rate:n ' +
    'cons.price.idx:n cons.conf.idx:n euribor3m:n nr.employed:n',
  bohanec:
    'Product:c Seller:c Authority:c Comp_size:c Competitors:c Purch_dept:c Partnership:c ' +
    'Budgt_alloc:c Forml_tend:c RFI:c RFP:c Growth:c Posit_statm:c Source:c Client:c ' +
    'Scope:c Strat_deal:c Cross_sale:c Up_sale:c Deal_type:c Needs_def:c Att_t_client:c',
  maven:
    'sales_agent:c product:c sector:c revenue:n employees:n office_location:c ' +
    'year_established:n',
};

const skip = skipUnless(DATASETS);
const skipDataset = (name: BenchmarkDataset) =>
  skipUnless(join(DATASETS, DATASET_MAIN_FILES[name]));

describe('readDatasetTable on the shared datasets', { skip }, () => {
  let store: Store;
  const read = new Map<BenchmarkDataset, { data: DatasetTable; folds: Int32Array }>();
  before(async () => {
    store = await openStore();
    for (const name of BENCHMARK_DATASETS) {
      if (skipDataset(name)) continue;
      const data = await readDatasetTable(store, DATASETS, name);
      read.set(name, { data, folds: await readDatasetFolds(store, DATASETS, data) });
    }
  });
  after(() => store?.close());

  for (const name of BENCHMARK_DATASETS) {
    const dataset = { skip: skipDataset(name) };
    test(`${name}: rows and base rate as in peers.md`, dataset, () => {
      const { data } = read.get(name)!;
      assert.equal(data.table.rows, PEERS_MD[name].rows);
      assert.equal(data.labels.length, data.table.rows);
      const wins = data.labels.reduce((sum, label) => sum + label, 0);
      assert.equal(Number((wins / data.table.rows).toFixed(4)), PEERS_MD[name].baseRate);
    });

    test(`${name}: exactly the features peers.py uses, with its types`, dataset, () => {
      const { data } = read.get(name)!;
      const kinds = data.table.columns.map((c) => `${c.name}:${c.kind.charAt(0)}`).join(' ');
      assert.equal(kinds, FEATURES[name]);
      for (const column of data.table.columns) assert.equal(length(column), data.table.rows);
    });

    test(`${name}: rows line up with the stratified folds`, dataset, () => {
      // StratifiedKFold gives every fold the same number of wins, give or take one; rows
      // matched to the wrong fold would scatter the wins at random.
      const { data, folds } = read.get(name)!;
      const winsPerFold = [0, 0, 0, 0, 0];
      data.labels.forEach((label, i) => (winsPerFold[folds[i]!]! += label));
      assert.ok(Math.max(...winsPerFold) - Math.min(...winsPerFold) <= 1, `${winsPerFold}`);
    });
  }

  test('olist: blank origins are missing, landing pages beyond 250 are folded', {
    skip: skipDataset('olist'),
  }, () => {
    const { data } = read.get('olist')!;
    const [origin, page, weekday] = data.table.columns;
    assert.ok(origin?.kind === 'categorical' && page?.kind === 'categorical');
    assert.equal(origin.codes.filter((code) => code === -1).length, 60);
    assert.ok(origin.categories.includes('unknown'));
    assert.equal(page.categories.length, 251);
    assert.equal(page.categories.at(-1), OTHER_CATEGORY);
    // The first lead was first contacted on Thursday 2018-02-01: pandas' dayofweek 3.
    assert.ok(weekday?.kind === 'categorical');
    assert.equal(weekday.categories[weekday.codes[0]!], '3');
  });

  test('maven: the source rows are the closed deals of sales_pipeline.csv', {
    skip: skipDataset('maven'),
  }, () => {
    const { data } = read.get('maven')!;
    assert.equal(data.sourceRows[0], 0);
    assert.equal(data.sourceRows.at(-1), 8_299);
    assert.ok(data.sourceRows.every((row, i) => i === 0 || row > data.sourceRows[i - 1]!));
  });

  test('bank: pdays stays numeric with 999 for never contacted', {
    skip: skipDataset('bank'),
  }, () => {
    const { data } = read.get('bank')!;
    const pdays = data.table.columns.find((c) => c.name === 'pdays');
    assert.ok(pdays?.kind === 'numeric');
    assert.equal(pdays.values[0], 999);
  });
});

test('categoricalColumn orders by frequency, folds the rare and keeps missing apart', () => {
  const column = categoricalColumn('x', ['b', 'a', null, 'b', 'c', 'a', 'b', 'd'], 2);
  // Counts b 3, a 2, c 1, d 1: keep b and a; c and d share the fold; null is −1.
  assert.deepEqual(column.categories, ['b', 'a', OTHER_CATEGORY]);
  assert.deepEqual([...column.codes], [0, 1, -1, 0, 2, 1, 0, 2]);
  const small = categoricalColumn('y', ['q', 'p', 'q']);
  assert.deepEqual(small.categories, ['q', 'p']);
});

function length(column: FeatureColumn): number {
  return column.kind === 'numeric' ? column.values.length : column.codes.length;
}
