import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { FeatureTable } from '../../src/core/model/feature-table.js';
import { guessMapping } from '../../src/data/guess-mapping.js';
import { openStore } from '../../src/data/store.js';
import { tableFromQuery } from '../../src/data/table-from-query.js';
import { backtest } from '../../src/jobs/backtest.js';
import { buildModelFile } from '../../src/jobs/model-file.js';
import { scoreExport } from '../../src/jobs/score.js';
import { guardLeaks, trainModel, type TrainedModel } from '../../src/jobs/train.js';
import { writeFunnelCsv } from '../../src/synth/csv.js';

const root = mkdtempSync(join(tmpdir(), 'leadsift-train-'));
const demo = join(root, 'demo');
after(() => rmSync(root, { recursive: true, force: true }));

describe('train, score and backtest on the demo funnel', () => {
  let trained: TrainedModel;
  let mapping: Awaited<ReturnType<typeof guessMapping>>;
  before(async () => {
    await writeFunnelCsv({ seed: 5, leads: 6000 }, demo);
    const scratch = await openStore();
    mapping = await guessMapping(scratch, [demo]).finally(() => scratch.close());
    const store = await openStore();
    try {
      trained = await trainModel(store, mapping, { seed: 2, folds: 3, model: { bags: 2 } });
    } finally {
      store.close();
    }
  });

  test('learns from eligible leads only, with an out-of-fold estimate for each', () => {
    assert.equal(trained.labels.length, trained.prepared.totals.eligible);
    assert.equal(trained.outOfFold.length, trained.labels.length);
    assert.ok(trained.outOfFold.every((p) => p > 0 && p < 1));
    assert.deepEqual(trained.leakage, []);
  });

  test('the model file carries quality, a monotone trade-off table and the threshold', () => {
    const file = buildModelFile(trained, mapping.columns, { by: 'rate', rate: 0.05 }, 3);
    assert.equal(file.threshold.value, 0.05);
    assert.ok(file.quality.rocAuc > 0.65, `AUC ${file.quality.rocAuc}`);
    const mean = trained.outOfFold.reduce((s, p) => s + p, 0) / trained.outOfFold.length;
    const observed = trained.labels.reduce((s, y) => s + y, 0) / trained.labels.length;
    // Calibration in the large: mean estimate within a third of the observed rate.
    assert.ok(Math.abs(mean - observed) < observed / 3, `mean ${mean} vs observed ${observed}`);
    const passed = file.threshold.tradeOffs.map((t) => t.passed);
    for (let i = 1; i < passed.length; i++) assert.ok(passed[i]! <= passed[i - 1]!);
    assert.ok(file.importance.length > 0);
    assert.ok(file.inputs.interactionTypes.includes('demo_request'));
  });

  test('scoring the same export gives every lead an estimate and reasons that raise it', async () => {
    const file = JSON.parse(JSON.stringify(buildModelFile(trained, mapping.columns, { by: 'rate', rate: 0.05 }, 3)));
    const store = await openStore();
    try {
      const result = await scoreExport(store, mapping, file, trained.model, {});
      assert.equal(result.leads.length, 6000);
      for (let i = 1; i < result.leads.length; i++) {
        assert.ok(result.leads[i - 1]!.estimate >= result.leads[i]!.estimate);
      }
      const top = result.leads[0]!;
      assert.ok(top.mql && top.up.length > 0 && top.up.every((u) => u.to > u.from));
    } finally {
      store.close();
    }
  });

  test('the backtest trains before the cut-off and judges the later leads', async () => {
    const result = await backtest(mapping, {
      cutoff: new Date('2025-01-01T00:00:00Z'),
      rule: { by: 'rate', rate: 0.05 },
      folds: 3,
      seed: 2,
      model: { bags: 2 },
    });
    assert.ok(result.trainedOn.leads > 1000 && result.outcome.leads > 500);
    assert.ok(result.outcome.mqlRate > result.outcome.baseRate, JSON.stringify(result.outcome));
    assert.ok(result.quality.rocAuc > 0.6);
  });
});

const BANK = fileURLToPath(new URL('../../../shared/datasets/uci-bank-marketing/bank-additional-full.csv', import.meta.url));

test('the leakage guard flags bank marketing\'s call duration and nothing else', { skip: !existsSync(BANK) && 'needs ../shared/datasets' }, async () => {
  const store = await openStore();
  let table: FeatureTable;
  try {
    table = await tableFromQuery(store, `SELECT * FROM read_csv('${BANK}', all_varchar = true)`);
  } finally {
    store.close();
  }
  const y = table.columns.find((c) => c.name === 'y')!;
  assert.equal(y.kind, 'categorical');
  const yes = y.categories.indexOf('yes');
  const labels = Uint8Array.from(y.codes, (c) => (c === yes ? 1 : 0));
  const features = { rows: table.rows, columns: table.columns.filter((c) => c.name !== 'y') };
  const findings = guardLeaks(features, labels, features.columns.map((c) => c.name), 1, { bags: 2 });
  assert.deepEqual(findings.map((f) => f.column), ['duration']);
});

describe('train and backtest refuse what they cannot do honestly', () => {
  const dir = join(root, 'small');
  const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

  /** 200 leads a day apart; lead i wins when `won(i)`, everyone else loses 20 days in. */
  async function fixture(name: string, won: (i: number) => boolean, extra?: (i: number) => string) {
    const folder = join(dir, name);
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(folder, { recursive: true });
    const leads = [`lead_id,created_at${extra ? ',signed_at' : ''}`];
    const deals = ['lead_id,status,closed_at'];
    for (let i = 0; i < 200; i++) {
      leads.push(`L${i},${day(i)}${extra ? `,${extra(i)}` : ''}`);
      deals.push(`L${i},${won(i) ? 'won' : 'lost'},${day(i + 20)}`);
    }
    writeFileSync(join(folder, 'leads.csv'), `${leads.join('\n')}\n`);
    writeFileSync(join(folder, 'deals.csv'), `${deals.join('\n')}\n`);
    const scratch = await openStore();
    return guessMapping(scratch, [folder]).finally(() => scratch.close());
  }

  async function trainOn(mapping: Awaited<ReturnType<typeof fixture>>) {
    const store = await openStore();
    try {
      return await trainModel(store, mapping, { folds: 3, model: { bags: 2 } });
    } finally {
      store.close();
    }
  }

  test('an export with no attributes and no interactions has nothing to learn from', async () => {
    const mapping = await fixture('bare', (i) => i % 4 === 0);
    await assert.rejects(trainOn(mapping), { code: 'no_inputs' });
  });

  test('a date column recorded after each lead\'s outcome is flagged and left out', async () => {
    const mapping = await fixture('signed', (i) => i % 4 === 0, (i) => day(i + 25));
    await assert.rejects(trainOn(mapping), (error: Error & { code?: string }) => {
      // signed_at is the only input, so leaving it out leaves nothing: the error names it.
      assert.equal(error.code, 'no_inputs');
      assert.match(error.message, /signed_at/);
      return true;
    });
  });

  test('too few wins to cross-validate is an error, not blank estimates', async () => {
    const mapping = await fixture('one-win', (i) => i === 7, (i) => (i % 2 ? 'a' : 'b'));
    await assert.rejects(trainOn(mapping), { code: 'too_few_outcomes' });
  });
});

test('a backtest without dates is refused', { skip: !existsSync(BANK) && 'needs ../shared/datasets' }, async () => {
  const { loadMapping } = await import('../../src/data/mapping.js');
  const mapping = loadMapping(
    fileURLToPath(new URL('../../mappings/bank-marketing.yaml', import.meta.url)),
    fileURLToPath(new URL('../../../shared/datasets/uci-bank-marketing/', import.meta.url)),
  );
  await assert.rejects(
    backtest(mapping, { cutoff: new Date('2009-01-01T00:00:00Z'), rule: { by: 'rate', rate: 0.05 }, folds: 2, model: { bags: 1, pairs: 0 } }),
    { code: 'backtest_needs_dates' },
  );
});

test('scoring an export without interactions says so instead of reading "never happened"', async () => {
  const scratch = await openStore();
  const mapping = await guessMapping(scratch, [demo]).finally(() => scratch.close());
  const store = await openStore();
  try {
    const trained = await trainModel(store, mapping, { seed: 2, folds: 3, model: { bags: 1, pairs: 0 } });
    const file = buildModelFile(trained, mapping.columns, { by: 'rate', rate: 0.05 }, 3);
    const { interactions: _dropped, ...withoutInteractions } = mapping;
    const scoring = await openStore();
    try {
      const result = await scoreExport(scoring, withoutInteractions, file, trained.model, {});
      assert.deepEqual(result.missingInputs, ['interactions (none in this export)']);
    } finally {
      scoring.close();
    }
  } finally {
    store.close();
  }
});
