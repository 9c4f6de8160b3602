import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { guessMapping } from '../../src/data/guess-mapping.js';
import { openStore } from '../../src/data/store.js';
import { buildModelFile } from '../../src/jobs/model-file.js';
import { sampleTrainingRows, trainModel } from '../../src/jobs/train.js';
import { createRandom } from '../../src/synth/random.js';
import { writeFunnelCsv } from '../../src/synth/csv.js';

/**
 * 20,000 rows in 6,000 accounts of 1 to 6 leads (every third row not eligible, so not in
 * `rows`); an account wins with probability 0.3, and then each of its leads with 0.5.
 */
function population() {
  const random = createRandom(7);
  const group: number[] = [];
  const labels: number[] = [];
  for (let g = 1; group.length < 20_000; g++) {
    const wins = random.integer(10) < 3;
    const size = 1 + random.integer(6);
    for (let k = 0; k < size && group.length < 20_000; k++) {
      group.push(g);
      labels.push(wins && random.integer(2) === 0 ? 1 : 0);
    }
  }
  const rows = Int32Array.from(group.keys()).filter((r) => r % 3 !== 2);
  return { rows, group: Int32Array.from(group), labels: Uint8Array.from(labels) };
}

describe('sampleTrainingRows', () => {
  const { rows, group, labels } = population();
  const withWin = new Set(Array.from(rows).filter((r) => labels[r]).map((r) => group[r]!));
  const inWinning = (sample: Int32Array) => sample.filter((r) => withWin.has(group[r]!)).length / sample.length;

  test('every row when they fit', () => {
    assert.equal(sampleTrainingRows(rows, labels, group, rows.length, 1), rows);
  });

  test('at most max rows, ascending, whole accounts', () => {
    const sample = sampleTrainingRows(rows, labels, group, 4_000, 1);
    assert.ok(sample.length <= 4_000 && sample.length > 3_950, `${sample.length} rows`);
    for (let k = 1; k < sample.length; k++) assert.ok(sample[k]! > sample[k - 1]!);
    const kept = new Set(Array.from(sample, (r) => group[r]!));
    const taken = Array.from(rows).filter((r) => kept.has(group[r]!));
    assert.deepEqual(Array.from(sample), taken);
  });

  test('accounts with and without a win in their share of the rows', () => {
    const share = inWinning(rows);
    for (const seed of [1, 2, 3]) {
      const sample = sampleTrainingRows(rows, labels, group, 4_000, seed);
      assert.ok(Math.abs(inWinning(sample) - share) < 0.002, `seed ${seed}: ${inWinning(sample)} vs ${share}`);
    }
  });

  test('the same seed gives the same sample, another seed another', () => {
    const a = sampleTrainingRows(rows, labels, group, 4_000, 1);
    assert.deepEqual(sampleTrainingRows(rows, labels, group, 4_000, 1), a);
    const b = sampleTrainingRows(rows, labels, group, 4_000, 2);
    const shared = b.filter((r) => a.includes(r)).length;
    // Independent draws of 30 % of the accounts share about 30 % of their rows.
    assert.ok(shared > 0.2 * b.length && shared < 0.4 * b.length, `${shared} of ${b.length}`);
  });

  test('refuses a cap that is not a positive integer', () => {
    assert.throws(() => sampleTrainingRows(rows, labels, group, 0, 1), RangeError);
    assert.throws(() => sampleTrainingRows(rows, labels, group, 2.5, 1), RangeError);
  });
});

describe('train with --max-train-leads', () => {
  const root = mkdtempSync(join(tmpdir(), 'leadsift-sample-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  test('learns from the sample and says so in the model file', async () => {
    await writeFunnelCsv({ seed: 5, leads: 3000 }, root);
    const scratch = await openStore();
    const mapping = await guessMapping(scratch, [root]).finally(() => scratch.close());
    const store = await openStore();
    const trained = await trainModel(store, mapping, {
      seed: 2,
      folds: 3,
      maxTrainLeads: 1000,
      model: { bags: 1, pairs: 0 },
    }).finally(() => store.close());
    const eligible = trained.prepared.totals.eligible;
    assert.ok(eligible > 1000);
    assert.equal(trained.sample.eligibleLeads, eligible);
    assert.equal(trained.sample.sampled, true);
    assert.equal(trained.sample.maxTrainLeads, 1000);
    assert.ok(trained.sample.leads <= 1000 && trained.sample.leads > 950, `${trained.sample.leads}`);
    assert.equal(trained.labels.length, trained.sample.leads);
    assert.equal(trained.trainingTable.rows, trained.sample.leads);
    assert.equal(trained.model.training.rows, trained.sample.leads);
    const file = buildModelFile(trained, mapping.columns, { by: 'rate', rate: 0.05 }, 3);
    assert.deepEqual(file.training, trained.sample);
    assert.equal(file.quality.rows, trained.sample.leads);
    assert.match(
      file.quality.method,
      new RegExp(`trained on a seeded sample of ${trained.sample.leads.toLocaleString('en-US')} of the ` +
        `${eligible.toLocaleString('en-US')} eligible leads \\(--max-train-leads 1,000\\)`),
    );
  });
});
