import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closeRate, rankCloseRates } from '../../src/core/close-rates.js';
import type { FeatureCounts } from '../../src/core/types.js';

const options = { threshold: 0.05, confidence: 0.95, minLeads: 30 };
const base = { leads: 10000, wins: 200 };

function counts(value: string, leads: number, wins: number): FeatureCounts {
  return {
    featureId: leads,
    kind: 'interaction',
    attribute: 'interaction',
    value,
    sortKey: 0,
    leads,
    wins,
    best: 0,
    naiveLeads: leads,
    naiveWins: wins,
  };
}

// Wilson 95 % bounds from scipy 1.17 binomtest(k, n).proportion_ci(method="wilson"):
// 49/620 -> [0.060296, 0.102953]; 12/150 -> [0.046354, 0.134621]; 3/20 is under minLeads.
test('verdicts follow the lower end of the interval, not the estimate', () => {
  const demo = closeRate(counts('demo_request', 620, 49), base, options);
  assert.equal(demo.verdict, 'qualifies');
  assert.ok(Math.abs(demo.low - 0.060296) < 1e-6 && Math.abs(demo.high - 0.102953) < 1e-6);
  assert.ok(Math.abs(demo.lift - 49 / 620 / 0.02) < 1e-12);

  const webinar = closeRate(counts('webinar', 150, 12), base, options);
  assert.equal(webinar.verdict, 'promising');
  assert.ok(webinar.leadsToSettle !== null && webinar.leadsToSettle > 0);

  assert.equal(closeRate(counts('trial', 20, 3), base, options).verdict, 'not_enough_data');
  assert.equal(closeRate(counts('page_view', 5000, 90), base, options).verdict, 'below');
});

test('ranking puts values with too few leads last, whatever their rate', () => {
  const ranked = rankCloseRates([
    closeRate(counts('one_of_one', 1, 1), base, options),
    closeRate(counts('page_view', 5000, 90), base, options),
    closeRate(counts('demo_request', 620, 49), base, options),
  ]);
  assert.deepEqual(ranked.map((r) => r.value), ['demo_request', 'page_view', 'one_of_one']);
});
