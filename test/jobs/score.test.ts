import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { topReasons } from '../../src/core/explain-words.js';
import { explain, predictProba } from '../../src/core/model/predict.js';
import { LEAD_STATUSES, readLeadIds } from '../../src/data/model-table.js';
import { guessMapping } from '../../src/data/guess-mapping.js';
import { openStore } from '../../src/data/store.js';
import { buildModelFile, type ModelFile } from '../../src/jobs/model-file.js';
import { modelInputs, scoreExport, writeScoresCsv, type ScoreResult } from '../../src/jobs/score.js';
import { trainModel, type TrainedModel } from '../../src/jobs/train.js';
import { csvCell } from '../../src/report/write-outputs.js';
import { writeFunnelCsv } from '../../src/synth/csv.js';

/**
 * The scoring job against the plain way of doing the same: `explain` and `topReasons` per
 * lead, a stable sort by estimate, and the CSV joined in one string. The fast path must give
 * the same estimates, order, reasons and file, byte for byte.
 */
describe('score: estimates, reasons and scores.csv as explaining each lead gives them', () => {
  const root = mkdtempSync(join(tmpdir(), 'leadsift-score-'));
  let trained: TrainedModel;
  let file: ModelFile;
  let result: ScoreResult;
  let reference: { leadId: string; status: string; estimate: number; mql: boolean; up: unknown[]; down: unknown[] }[];
  after(() => rmSync(root, { recursive: true, force: true }));

  before(async () => {
    const demo = join(root, 'demo');
    await writeFunnelCsv({ seed: 9, leads: 2500 }, demo);
    const scratch = await openStore();
    const mapping = await guessMapping(scratch, [demo]).finally(() => scratch.close());
    const store = await openStore();
    try {
      trained = await trainModel(store, mapping, { seed: 3, folds: 2, model: { bags: 2 } });
    } finally {
      store.close();
    }
    file = JSON.parse(JSON.stringify(buildModelFile(trained, mapping.columns, { by: 'rate', rate: 0.05 }, 2)));
    const scoring = await openStore();
    try {
      result = await scoreExport(scoring, mapping, file, trained.model, {});
    } finally {
      scoring.close();
    }
    const plain = await openStore();
    try {
      const { modelTable, table } = await modelInputs(plain, mapping, file, trained.model, {});
      const ids = await readLeadIds(plain);
      const estimates = predictProba(trained.model, table);
      reference = Array.from(estimates, (estimate, i) => ({
        leadId: ids[i]!,
        status: LEAD_STATUSES[modelTable.status[i]!]!,
        estimate,
        mql: estimate >= file.threshold.value,
        ...topReasons(explain(trained.model, table, i)),
      })).sort((a, b) => b.estimate - a.estimate);
    } finally {
      plain.close();
    }
  });

  test('every lead, highest estimate first, ties in lead order, with the same reasons', () => {
    assert.equal(result.leads.length, 2500);
    assert.ok(reference.some((l) => l.up.length === 3) && reference.some((l) => l.down.length > 0));
    assert.deepEqual(JSON.parse(JSON.stringify(result.leads)), JSON.parse(JSON.stringify(reference)));
    const top = result.leads[0]!;
    assert.equal(top.leadId, reference[0]!.leadId);
    assert.deepEqual(top.up, reference[0]!.up);
  });

  test('scores.csv, streamed, equals the file written in one piece', async () => {
    const path = join(root, 'scores.csv');
    await writeScoresCsv(result.scored, path);
    const header = 'lead_id,status,estimated_close_rate,mql,raises_1,raises_2,raises_3,lowers_1,lowers_2';
    const text = (c: unknown) => (c as { text: string } | undefined)?.text ?? '';
    const rows = reference.map((l) =>
      [l.leadId, l.status, l.estimate.toFixed(6), l.mql ? 'yes' : 'no', ...[0, 1, 2].map((k) => text(l.up[k])), ...[0, 1].map((k) => text(l.down[k]))]
        .map(csvCell)
        .join(','),
    );
    assert.equal(readFileSync(path, 'utf8'), [header, ...rows].join('\n') + '\n');
  });
});
