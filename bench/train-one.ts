import { trainAdditiveModel } from '../src/core/model/train.js';
import { readDatasetTable } from '../src/data/dataset-tables.js';
import { openStore } from '../src/data/store.js';

/** Training time of the model on one benchmark dataset, in a fresh process. */
const [datasets, name] = process.argv.slice(2);
const store = await openStore();
const { table, labels } = await readDatasetTable(store, datasets!, name as 'bank');
store.close();
const started = performance.now();
trainAdditiveModel(table, labels, { seed: 1 });
process.stdout.write(
  `${JSON.stringify({
    ms: performance.now() - started,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    leads: table.rows,
    interactions: 0,
  })}\n`,
);
