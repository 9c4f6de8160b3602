/**
 * UCI bank marketing (bank-additional-full.csv, ';'-separated), analysed with
 * mappings/bank-marketing.yaml. Expected figures were computed independently of leadsift with
 * Python's csv module (csv.DictReader(..., delimiter=';'), then collections.Counter over the
 * column and `y == 'yes'`):
 *   rows 41,188, y = yes 4,640, no 36,548;
 *   poutcome: success 1,373 (894 yes), failure 4,252 (605), nonexistent 35,563 (3,141);
 *   contact: cellular 26,144 (3,853), telephone 15,044 (787);
 *   pdays = 999 ('never contacted' in the mapping) 39,673 (3,673);
 *   job: student 875 (275), blue-collar 9,254 (638), admin. 10,422 (1,352).
 * The file has no dates, so no time rule applies: every lead is eligible.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { wilsonInterval } from '../../src/core/stats/wilson-interval.js';
import { assertClose } from '../core/stats/assert-close.js';
import { analyzeDataset, datasetDir, featureAttributes, rateOf, skipUnless } from './datasets.js';

const DIR = datasetDir('uci-bank-marketing');
const skip = skipUnless(DIR);

describe('UCI bank marketing (real data)', { skip }, () => {
  const get = analyzeDataset(DIR, 'bank-marketing');

  test('41,188 rows, 4,640 won, nothing rejected', () => {
    const { inputs, totals, rejects } = get().analysis;
    assert.deepEqual(
      inputs.map((i) => [i.role, i.rows, i.file.split('/').pop()]),
      [['leads', 41188, 'bank-additional-full.csv']],
    );
    assert.equal(totals.leads, 41188);
    assert.deepEqual(totals.byStatus, { won: 4640, lost: 36548, open: 0 });
    assert.deepEqual(rejects, []);
  });

  test('no dates: no as-of, no horizon, every lead eligible, naive equals time-ruled', () => {
    const { timeRules, totals, baseRate, naiveBaseRate } = get().analysis;
    assert.equal(timeRules.asOf, null);
    assert.equal(timeRules.horizonDays, null);
    assert.equal(timeRules.outcomesFrom, null);
    assert.equal(totals.eligible, 41188);
    assert.equal(totals.wins, 4640);
    assert.deepEqual(totals.excluded, []);
    assert.deepEqual(baseRate, naiveBaseRate);
    assertClose(baseRate.rate, 4640 / 41188, 1e-12, 'base rate');
  });

  test('poutcome = success: 894 of 1,373 (and the other poutcome values)', () => {
    const a = get().analysis;
    const success = rateOf(a, 'poutcome = success');
    assert.equal(success.kind, 'interaction');
    assert.deepEqual([success.leads, success.wins], [1373, 894]);
    const { low, high } = wilsonInterval(894, 1373, 0.95);
    assertClose(success.low, low, 1e-12, 'low');
    assertClose(success.high, high, 1e-12, 'high');
    assert.equal(success.verdict, 'qualifies');
    const failure = rateOf(a, 'poutcome = failure');
    assert.deepEqual([failure.leads, failure.wins], [4252, 605]);
    const none = rateOf(a, 'poutcome = nonexistent');
    assert.deepEqual([none.leads, none.wins], [35563, 3141]);
  });

  test('contact channel, the pdays label and job counts match the file', () => {
    const a = get().analysis;
    const pairs = (label: string) => {
      const r = rateOf(a, label);
      return [r.leads, r.wins];
    };
    assert.deepEqual(pairs('contact = cellular'), [26144, 3853]);
    assert.deepEqual(pairs('contact = telephone'), [15044, 787]);
    assert.deepEqual(pairs('pdays = never contacted'), [39673, 3673]);
    assert.deepEqual(pairs('job = student'), [875, 275]);
    assert.deepEqual(pairs('job = blue-collar'), [9254, 638]);
    assert.deepEqual(pairs('job = admin.'), [10422, 1352]);
  });

  test('duration (known only after the call) and the other ignored columns never become features', () => {
    const attributes = featureAttributes(get().analysis);
    for (const banned of ['duration', 'y', 'emp.var.rate', 'cons.price.idx', 'cons.conf.idx', 'euribor3m', 'nr.employed']) {
      assert.ok(!attributes.has(banned), `${banned} is a feature`);
    }
    assert.deepEqual(
      [...attributes].sort(),
      ['age', 'campaign', 'contact', 'day_of_week', 'default', 'education', 'housing', 'job', 'loan',
        'marital', 'month', 'pdays', 'poutcome', 'previous'],
    );
  });
});
