import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  BENCHMARK_DATASETS,
  DATASET_MAIN_FILES,
  readDatasetFolds,
  readDatasetTable,
  type BenchmarkDataset,
} from '../src/data/dataset-tables.js';
import { openStore, type Store } from '../src/data/store.js';
import { crossValidate } from './quality-cross-validate.js';
import { qualityFigures } from './quality-metrics.js';
import { LEADSIFT_MODEL } from './quality-model.js';
import { PEERS } from './quality-peers.js';
import { formatDatasetResult, type DatasetResult } from './quality-report.js';

/**
 * Prediction quality of leadsift's model against the peers of ../shared/docs/peers.md:
 * 5-fold cross-validation on exactly the peers' fold files, metrics on the pooled
 * out-of-fold estimates. Usage: `npm run bench:quality [-- dataset …]`; the datasets folder
 * is ../shared/datasets beside the repository unless LEADSIFT_DATASETS names another.
 */
const root = resolve(import.meta.dirname, '..');
const datasetsDir = resolve(
  process.env['LEADSIFT_DATASETS'] ?? join(root, '../shared/datasets'),
);

async function main(): Promise<void> {
  const names = selectedDatasets(process.argv.slice(2));
  console.log(`# leadsift prediction quality (datasets: ${datasetsDir})\n`);
  const store = await openStore();
  try {
    for (const name of names) {
      const missing = missingFile(name);
      if (missing) console.log(`## ${name}: skipped, ${missing} is absent\n`);
      else console.log(`${formatDatasetResult(await benchmark(store, name))}\n`);
    }
  } finally {
    store.close();
  }
}

function selectedDatasets(args: readonly string[]): readonly BenchmarkDataset[] {
  const known: readonly string[] = BENCHMARK_DATASETS;
  const unknown = args.filter((arg) => !known.includes(arg));
  if (unknown.length > 0) {
    throw new Error(`unknown dataset ${unknown.join(', ')}; use ${known.join(', ')}`);
  }
  return args.length > 0 ? (args as BenchmarkDataset[]) : BENCHMARK_DATASETS;
}

function missingFile(name: BenchmarkDataset): string | undefined {
  const files = [DATASET_MAIN_FILES[name], `folds/${name}.folds.csv`];
  return files.map((file) => join(datasetsDir, file)).find((file) => !existsSync(file));
}

async function benchmark(store: Store, name: BenchmarkDataset): Promise<DatasetResult> {
  const data = await readDatasetTable(store, datasetsDir, name);
  const folds = await readDatasetFolds(store, datasetsDir, data);
  const cv = crossValidate(data, folds, LEADSIFT_MODEL);
  const wins = data.labels.reduce((sum, label) => sum + label, 0);
  return {
    name,
    rows: data.table.rows,
    baseRate: wins / data.table.rows,
    folds: cv.trainMs.length,
    leadsift: qualityFigures(cv.predictions, data.labels),
    medianTrainMs: median(cv.trainMs),
    peers: PEERS[name],
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid] as number;
  return ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
