import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { leakageFindings, rivalsEverything } from '../../src/core/leakage-guard.js';
import type { FeatureTable } from '../../src/core/model/feature-table.js';
import { openStore } from '../../src/data/store.js';
import { tableFromQuery } from '../../src/data/table-from-query.js';

const DATA = fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));
const skip = !existsSync(DATA) && 'needs ../shared/datasets';
const options = { nearPerfectAuc: 0.95, seed: 1 };

async function load(sql: string, label: string): Promise<{ table: FeatureTable; labels: Uint8Array }> {
  const store = await openStore();
  try {
    const full = await tableFromQuery(store, sql);
    const column = full.columns.find((c) => c.name === label)!;
    const labels = Uint8Array.from({ length: full.rows }, (_, i) =>
      column.kind === 'numeric' ? column.values[i]! : column.codes[i]! === column.categories.indexOf('1') ? 1 : 0,
    );
    return { table: { rows: full.rows, columns: full.columns.filter((c) => c.name !== label) }, labels };
  } finally {
    store.close();
  }
}

const flagged = (findings: { column: string }[]) => [...new Set(findings.map((f) => f.column))].sort();

test('Olist: every closed-deal column is flagged, the pre-sale columns are not', { skip }, async () => {
  const dir = `${DATA}olist-marketing-funnel/`;
  const { table, labels } = await load(
    `SELECT m.origin, m.landing_page_id, d.business_segment, d.lead_type,
       d.lead_behaviour_profile, d.business_type, d.declared_monthly_revenue, d.won_date,
       CASE WHEN d.mql_id IS NULL THEN 0 ELSE 1 END AS won
     FROM read_csv('${dir}olist_marketing_qualified_leads_dataset.csv', all_varchar = true) m
     LEFT JOIN read_csv('${dir}olist_closed_deals_dataset.csv', all_varchar = true) d USING (mql_id)`,
    'won',
  );
  const findings = leakageFindings(table, labels, options);
  assert.deepEqual(flagged(findings), [
    'business_segment',
    'business_type',
    'declared_monthly_revenue',
    'lead_behaviour_profile',
    'lead_type',
    'won_date',
  ]);
  assert.ok(findings.every((f) => f.reason === 'filled_for_one_outcome'));
});

test('Maven: close_value is a near-perfect predictor; agent and product are not', { skip }, async () => {
  const { table, labels } = await load(
    `SELECT sales_agent, product, close_value, CASE deal_stage WHEN 'Won' THEN 1 ELSE 0 END AS won
     FROM read_csv('${DATA}maven-crm-sales-opportunities/sales_pipeline.csv', all_varchar = true)
     WHERE deal_stage IN ('Won', 'Lost')`,
    'won',
  );
  const findings = leakageFindings(table, labels, options);
  assert.deepEqual(flagged(findings), ['close_value']);
  assert.equal(findings[0]!.reason, 'near_perfect');
});

test('bank: no column is near-perfect on its own, duration included (AUC about 0.8)', { skip }, async () => {
  const { table, labels } = await load(
    `SELECT * EXCLUDE (y), CASE y WHEN 'yes' THEN 1 ELSE 0 END AS won
     FROM read_csv('${DATA}uci-bank-marketing/bank-additional-full.csv')`,
    'won',
  );
  assert.deepEqual(leakageFindings(table, labels, options), []);
});

test('a column rivalling every other column together is flagged; a modest one is not', () => {
  assert.equal(rivalsEverything('duration', 0.8, 0.79)?.reason, 'near_perfect');
  assert.equal(rivalsEverything('age', 0.6, 0.79), undefined);
  assert.equal(rivalsEverything('coin', 0.55, 0.5), undefined);
});

test('a date column later than the outcome is flagged as recorded after it', () => {
  const table: FeatureTable = {
    rows: 20,
    columns: [{ kind: 'numeric', name: 'signed_at', values: new Float64Array(20).fill(1) }],
  };
  const labels = Uint8Array.from({ length: 20 }, (_, i) => i % 2);
  const daysAfterOutcome = new Map([['signed_at', Float64Array.from({ length: 20 }, (_, i) => (i < 15 ? 3 : -3))]]);
  const findings = leakageFindings(table, labels, { ...options, daysAfterOutcome });
  assert.deepEqual(findings.map((f) => [f.column, f.reason]), [['signed_at', 'recorded_after_outcome']]);
});

test('with only one outcome present nothing is flagged for being filled for one outcome', () => {
  const table: FeatureTable = {
    rows: 30,
    columns: [{ kind: 'numeric', name: 'age', values: Float64Array.from({ length: 30 }, (_, i) => 20 + i) }],
  };
  assert.deepEqual(leakageFindings(table, new Uint8Array(30), options), []);
});
