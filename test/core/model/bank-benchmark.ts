/**
 * Accuracy and speed of the additive model on UCI bank marketing (`y`; `duration` dropped):
 * ROC AUC and log loss over the shared 5-fold split (../shared/datasets/folds/bank.folds.csv,
 * the folds behind the reference figures: HistGradientBoosting 0.804, logistic regression
 * 0.7915), a seeded 80/20 holdout with and without pairs, and the wall time of training on
 * all 41,188 rows. Not part of the test suite (timings depend on the machine):
 *
 *   node --import tsx test/core/model/bank-benchmark.ts ['{"pairs": 0}']
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeatureTable } from '../../../src/core/model/feature-table.js';
import { meanLogLoss } from '../../../src/core/model/mean-log-loss.js';
import { predictLogit } from '../../../src/core/model/predict.js';
import { trainAdditiveModel, type TrainOptions } from '../../../src/core/model/train.js';
import { createRandom } from '../../../src/synth/random.js';
import { BANK_CSV, featureTableFromQuery, loadBankTable } from './duckdb-feature-table.js';
import { rocAuc } from './synthetic.js';

const FOLDS = fileURLToPath(
  new URL('../../../../shared/datasets/folds/bank.folds.csv', import.meta.url),
);

function rowsOf(table: FeatureTable, rows: readonly number[]): FeatureTable {
  const columns = table.columns.map((c) =>
    c.kind === 'numeric'
      ? { ...c, values: Float64Array.from(rows, (r) => c.values[r]!) }
      : { ...c, codes: Int32Array.from(rows, (r) => c.codes[r]!) },
  );
  return { rows: rows.length, columns };
}

function evaluate(
  table: FeatureTable,
  labels: Uint8Array,
  train: number[],
  test: number[],
  options: TrainOptions,
): { auc: number; logLoss: number; seconds: number; pairs: number } {
  const started = performance.now();
  const trainLabels = Uint8Array.from(train, (r) => labels[r]!);
  const model = trainAdditiveModel(rowsOf(table, train), trainLabels, options);
  const seconds = (performance.now() - started) / 1000;
  const logits = predictLogit(model, rowsOf(table, test));
  const truth = Uint8Array.from(test, (r) => labels[r]!);
  const pairs = model.terms.filter((t) => t.kind === 'pair').length;
  const ones = new Float64Array(test.length).fill(1);
  const logLoss = meanLogLoss(logits, truth, ones);
  return { auc: rocAuc(logits, truth), logLoss, seconds, pairs };
}

async function main(): Promise<void> {
  if (!existsSync(BANK_CSV) || !existsSync(FOLDS)) {
    console.log(`skipped: needs ${BANK_CSV} and ${FOLDS}`);
    return;
  }
  const options = JSON.parse(process.argv[2] ?? '{}') as TrainOptions;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await loadBankTable(connection, BANK_CSV);
  const { table, labels } = await featureTableFromQuery(
    connection,
    'SELECT * FROM bank ORDER BY rid',
    'y',
    ['rid', 'duration'],
  );
  connection.closeSync();
  instance.closeSync();

  const lines = readFileSync(FOLDS, 'utf8').trim().split('\n').slice(1);
  const fold = lines.map((line) => Number(line.split(',')[1]));
  const results = [0, 1, 2, 3, 4].map((k) => {
    const rows = fold.map((f, r) => [f, r] as const);
    const train = rows.filter(([f]) => f !== k).map(([, r]) => r);
    const test = rows.filter(([f]) => f === k).map(([, r]) => r);
    return evaluate(table, labels, train, test, options);
  });
  const mean = (pick: (r: (typeof results)[number]) => number): string =>
    (results.reduce((s, r) => s + pick(r), 0) / results.length).toFixed(4);
  console.log(`options ${JSON.stringify(options)}`);
  console.log(
    `5-fold: AUC ${mean((r) => r.auc)} (${results.map((r) => r.auc.toFixed(4)).join(' ')}), ` +
      `log loss ${mean((r) => r.logLoss)}, ` +
      `pairs kept ${results.map((r) => r.pairs).join(' ')}, ` +
      `training ${mean((r) => r.seconds)} s per fold`,
  );

  const random = createRandom(2024);
  const order = Array.from({ length: table.rows }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.integer(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const cut = Math.round(0.8 * order.length);
  const ascending = (rows: number[]): number[] => rows.sort((a, b) => a - b);
  const [train, test] = [ascending(order.slice(0, cut)), ascending(order.slice(cut))];
  for (const pairs of [0, options.pairs ?? undefined]) {
    const variant = pairs === 0 ? { ...options, pairs: 0 } : options;
    const r = evaluate(table, labels, train!, test!, variant);
    console.log(
      `80/20 holdout (seed 2024) ${pairs === 0 ? 'without' : 'with'} pairs: ` +
        `AUC ${r.auc.toFixed(4)}, log loss ${r.logLoss.toFixed(4)}, ` +
        `pairs kept ${r.pairs}, training ${r.seconds.toFixed(2)} s`,
    );
  }

  const all = Array.from({ length: table.rows }, (_, i) => i);
  for (const pairs of [0, options.pairs ?? undefined]) {
    const variant = pairs === 0 ? { ...options, pairs: 0 } : options;
    const times = [0, 1, 2].map(() => evaluate(table, labels, all, [0, 1], variant).seconds);
    console.log(
      `all ${table.rows} rows ${pairs === 0 ? 'without' : 'with'} pairs: training ` +
        `${times.map((t) => t.toFixed(2)).join(' / ')} s`,
    );
  }
}

await main();
