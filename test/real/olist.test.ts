/**
 * Olist marketing funnel, analysed with mappings/olist.yaml. The expected figures were computed
 * independently of leadsift with Python's csv module over the two CSV files:
 *   - leads: 8,000 rows; deals: 842 rows, each one a win (every_row: won).
 *   - deal row 668 (mql_id b91cf8812365f50ff4bda4bcd6206b05) is won 2018-03-06 19:38:55 but the
 *     lead was first contacted 2018-03-08: rejected as outcome_before_first_contact, 841 wins left.
 *   - as-of = latest date anywhere = the latest won_date, 2018-11-14 18:04:19.
 *   - horizon = ceil(type-7 90th percentile of the 841 times to win, 162.67 days) = 163.
 *   - outcomes recorded from the first won_date, 2017-12-05 02:00:00; leads contacted before it
 *     are left out, as are none for the horizon (the last lead is 2018-05-31, well over 163 days
 *     before the as-of).
 *   - the lead of that rejected deal (an organic_search lead) has an unknown outcome and is left
 *     out as outcome_rejected: eligible 6,167 leads, 789 won; origin = organic_search 257 of
 *     1,786 eligible, Wilson 95 % [0.128383, 0.160940] (Wilson formula in Python with
 *     statistics.NormalDist); ignoring the time rules 270 of 2,296, base 841 / 8,000.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertClose } from '../core/stats/assert-close.js';
import { analyzeDataset, datasetDir, featureAttributes, rateOf, skipUnless } from './datasets.js';

const DIR = datasetDir('olist-marketing-funnel');
const skip = skipUnless(DIR);

/** Figures by how the lead of the rejected deal is treated (see the header comment). */
const DROPPED = { eligible: 6167, organic: 1786, rate: 0.143897, low: 0.128383, high: 0.16094 };

describe('Olist marketing funnel (real data)', { skip }, () => {
  const get = analyzeDataset(DIR, 'olist');
  const expected = () => DROPPED;

  test('reads 8,000 leads and 842 deal rows', () => {
    const { inputs, totals } = get().analysis;
    assert.deepEqual(
      inputs.map((i) => [i.role, i.rows, i.file.split('/').pop()]),
      [
        ['leads', 8000, 'olist_marketing_qualified_leads_dataset.csv'],
        ['outcomes', 842, 'olist_closed_deals_dataset.csv'],
      ],
    );
    assert.equal(totals.leads, 8000);
    assert.deepEqual(totals.byStatus, { won: 841, lost: 0, open: 7159 });
  });

  test('rejects the one deal won before its first contact, at deal row 668', async () => {
    const { analysis, store } = get();
    assert.deepEqual(
      analysis.rejects.map((r) => [r.file.split('/').pop(), r.reason, r.rows]),
      [['olist_closed_deals_dataset.csv', 'outcome_before_first_contact', 1]],
    );
    const rows = await store.rows<Record<string, unknown>>('SELECT * FROM rejects ORDER BY "row"');
    assert.equal(rows.length, 1);
    const reject = rows[0]!;
    assert.equal(String(reject['file']).split('/').pop(), 'olist_closed_deals_dataset.csv');
    assert.equal(reject['row'], 668);
    assert.equal(reject['column'], 'won_date');
    assert.equal(reject['value'], '2018-03-06 19:38:55');
    assert.equal(reject['reason'], 'outcome_before_first_contact');
    assert.match(String(reject['message']), /2018-03-06/);
    assert.match(String(reject['message']), /2018-03-08/);
    // The lead itself stays, without a win.
    const [lead] = await store.rows<{ status: string; excluded: string | null }>(
      `SELECT f.status, f.excluded FROM leads l JOIN lead_facts f USING (lead_idx)
       WHERE l.lead_id = 'b91cf8812365f50ff4bda4bcd6206b05'`,
    );
    assert.equal(lead?.status, 'open');
    assert.equal(lead?.excluded, 'outcome_rejected');
  });

  test('time rules: as-of, 163-day horizon, outcomes recorded from 2017-12-05 02:00', () => {
    const r = get().analysis.timeRules;
    assert.equal(r.asOf?.toISOString(), '2018-11-14T18:04:19.000Z');
    assert.equal(r.horizonDays, 163);
    assert.match(r.horizonSource, /\b841\b/);
    assert.equal(r.outcomesFrom?.toISOString(), '2017-12-05T02:00:00.000Z');
    assert.match(r.outcomesFromSource, /^detected/);
  });

  test('eligible: 6,167 leads with 789 wins (the rejected deal\'s lead is left out); the rest were contacted before outcomes were recorded', () => {
    const { totals, baseRate } = get().analysis;
    const e = expected();
    assert.equal(totals.eligible, e.eligible);
    assert.equal(totals.wins, 789);
    assert.equal(totals.naiveWins, 841);
    assert.deepEqual(
      totals.excluded.map((x) => [x.reason, x.status, x.leads]),
      [
        ['before_outcome_window', 'open', 1780],
        ['before_outcome_window', 'won', 52],
        ['outcome_rejected', 'open', 1],
      ],
    );
    assert.equal(baseRate.leads, e.eligible);
    assert.equal(baseRate.wins, 789);
    assertClose(baseRate.rate, 789 / e.eligible, 1e-12, 'base rate');
  });

  test('origin = organic_search: 257 of 1,786, Wilson 95 % [0.128383, 0.160940]', () => {
    const r = rateOf(get().analysis, 'origin = organic_search');
    const e = expected();
    assert.equal(r.kind, 'interaction');
    assert.equal(r.leads, e.organic);
    assert.equal(r.wins, 257);
    assertClose(r.rate, e.rate, 1e-5, 'rate');
    assertClose(r.low, e.low, 1e-5, 'low');
    assertClose(r.high, e.high, 1e-5, 'high');
    assert.equal(r.naive.leads, 2296);
    assert.equal(r.naive.wins, 270);
  });

  test('the time rules visibly change the base rate: 12.79 % with them, 10.51 % without', () => {
    const { baseRate, naiveBaseRate } = get().analysis;
    assert.equal(naiveBaseRate.leads, 8000);
    assert.equal(naiveBaseRate.wins, 841);
    assertClose(naiveBaseRate.rate, 0.105125, 1e-9, 'naive base rate');
    assertClose(baseRate.rate, 0.1279, 5e-5, 'base rate');
    assertClose(naiveBaseRate.rate, 0.1051, 5e-5, 'naive base rate');
    // The two intervals do not even overlap.
    assert.ok(naiveBaseRate.high < baseRate.low, `${naiveBaseRate.high} < ${baseRate.low}`);
  });

  test('only origin and landing_page_id become features; no deal column leaks in', () => {
    assert.deepEqual([...featureAttributes(get().analysis)].sort(), ['landing_page_id', 'origin']);
    assert.equal(get().analysis.fit.length, 0);
  });
});
