/**
 * Maven CRM sales opportunities (sales_pipeline.csv + accounts.csv), analysed with
 * mappings/maven-crm.yaml. Expected figures were computed independently of leadsift with
 * Python's csv module and datetime:
 *   8,800 opportunities: deal_stage Won 4,238, Lost 2,473, Engaging 1,589, Prospecting 500;
 *   the 500 Prospecting rows are exactly the rows with a blank engage_date (open, undated);
 *   85 accounts; 1,425 opportunities have a blank account (all open).
 *   Time rules re-derived in Python: first won/lost close_date 2017-03-01, as-of = latest date
 *   2017-12-31, horizon = ceil(type-7 90th percentile of the 4,238 engage-to-close days) = 106;
 *   leads engaged before 2017-03-01 (708 won, 264 lost, 213 open) or after 2017-12-31 − 106 days
 *   (829 won, 552 lost, 155 open) are left out: 5,579 eligible, 2,701 won.
 *   sector (through the account): technolgy 1,165 (671 won) overall, 742 (437) eligible;
 *   blank 1,425 (0) overall, 840 (0) eligible. product GTXPro 1,480 (729), 948 (464) eligible.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeDataset, datasetDir, featureAttributes, rateOf, skipUnless } from './datasets.js';

const DIR = datasetDir('maven-crm-sales-opportunities');
const skip = skipUnless(DIR);

describe('Maven CRM pipeline (real data)', { skip }, () => {
  const get = analyzeDataset(DIR, 'maven-crm');

  test('reads 8,800 opportunities and 85 accounts, rejects nothing', () => {
    const { inputs, rejects } = get().analysis;
    assert.deepEqual(
      inputs.map((i) => [i.role, i.rows, i.file.split('/').pop()]),
      [
        ['leads', 8800, 'sales_pipeline.csv'],
        ['accounts', 85, 'accounts.csv'],
      ],
    );
    assert.deepEqual(rejects, []);
  });

  test('totals by status match the deal_stage counts (Engaging and Prospecting are open)', () => {
    const { totals } = get().analysis;
    assert.equal(totals.leads, 8800);
    assert.deepEqual(totals.byStatus, { won: 4238, lost: 2473, open: 1589 + 500 });
    assert.equal(totals.naiveWins, 4238);
  });

  test('the 500 Prospecting rows without engage_date are left out as open_undated', () => {
    const undated = get().analysis.totals.excluded.filter((e) => e.reason === 'open_undated');
    assert.deepEqual(undated, [{ reason: 'open_undated', status: 'open', leads: 500 }]);
  });

  test('time rules and eligibility match the independent re-derivation', () => {
    const { timeRules, totals } = get().analysis;
    assert.equal(timeRules.asOf?.toISOString(), '2017-12-31T00:00:00.000Z');
    assert.equal(timeRules.horizonDays, 106);
    assert.equal(timeRules.outcomesFrom?.toISOString(), '2017-03-01T00:00:00.000Z');
    assert.deepEqual(
      totals.excluded.map((e) => [e.reason, e.status, e.leads]),
      [
        ['before_outcome_window', 'lost', 264],
        ['before_outcome_window', 'open', 213],
        ['before_outcome_window', 'won', 708],
        ['open_undated', 'open', 500],
        ['younger_than_horizon', 'lost', 552],
        ['younger_than_horizon', 'open', 155],
        ['younger_than_horizon', 'won', 829],
      ],
    );
    assert.equal(totals.eligible, 5579);
    assert.equal(totals.wins, 2701);
  });

  test('account fit joins through the opportunity: sector and product counts', () => {
    const a = get().analysis;
    const counts = (label: string) => {
      const r = rateOf(a, label);
      return [r.kind, r.leads, r.wins, r.naive.leads, r.naive.wins];
    };
    assert.deepEqual(counts('sector = technolgy'), ['fit', 742, 437, 1165, 671]);
    assert.deepEqual(counts('sector = (blank)'), ['fit', 840, 0, 1425, 0]);
    assert.deepEqual(counts('product = GTXPro'), ['fit', 948, 464, 1480, 729]);
  });

  test('close_value (0 for every lost deal) and the outcome columns never become features', () => {
    const attributes = featureAttributes(get().analysis);
    for (const banned of ['close_value', 'deal_stage', 'close_date', 'engage_date', 'account', 'opportunity_id']) {
      assert.ok(!attributes.has(banned), `${banned} is a feature`);
    }
    assert.deepEqual(
      [...attributes].sort(),
      ['employees', 'office_location', 'product', 'revenue', 'sales_agent', 'sector', 'year_established'],
    );
  });
});
