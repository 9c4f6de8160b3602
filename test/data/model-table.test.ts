import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FeatureColumn } from '../../src/core/model/feature-table.js';
import { buildModelTable, LEAD_STATUSES, readLeadIds, type ModelTable, type ModelTableOptions } from '../../src/data/model-table.js';
import { openStore, type Store } from '../../src/data/store.js';

/**
 * Twelve leads written straight into the canonical tables. Lead i: created 2024-01-01 + i
 * days; won (i < 4), lost (i < 8) or open, decided 40 days in or at the as-of instant
 * 2024-06-01; account acme (i % 3 = 0), beta (i % 3 = 1) or none; lead 11 excluded.
 */
const LEADS = 12;
const day = (d: number, from = '2024-01-01') => `TIMESTAMP '${from}' + INTERVAL (${d}) DAY`;
const TIER = ['b', 'a', null, 'x', 'a', 'y', 'b', 'a', 'c', 'c', 'b', 'a'];
const EMPLOYEES = Array.from({ length: LEADS }, (_, i) => (i === 3 ? null : i === 2 ? '1e1' : String(5 * i)));
const PLAN = Array.from({ length: LEADS }, (_, i) => String(1 + (i % 3)));
const INTERACTIONS: [lead: number, type: string, at: string | null][] = [
  [0, 'email', day(5)],
  [0, 'email', day(10)],
  [0, 'email', day(35)],
  [0, 'email', null],
  [0, 'demo', day(20)],
  [1, 'demo', day(41)],
  [5, 'call', day(6)],
  [8, 'email', day(19)],
  [8, 'demo', day(38)],
  [8, 'demo', `TIMESTAMP '2024-06-01'`],
];

const text = (v: string | null) => (v === null ? 'NULL' : `'${v}'`);

/** The fixture with lead i numbered `index(i)`, rows inserted in `order`. */
async function fixture(index: (i: number) => number, order: readonly number[]): Promise<Store> {
  const store = await openStore();
  await store.run(`CREATE TABLE leads (lead_idx INTEGER, lead_id VARCHAR, created_at TIMESTAMP, account_id VARCHAR);
    CREATE TABLE lead_attributes (lead_idx INTEGER, __a0 VARCHAR, __a1 VARCHAR, __a2 VARCHAR);
    CREATE TABLE interactions (lead_idx INTEGER, type VARCHAR, occurred_at TIMESTAMP);
    CREATE TABLE lead_facts (lead_idx INTEGER, status VARCHAR, created_at TIMESTAMP, closed_at TIMESTAMP,
      decision_at TIMESTAMP, cycle_days DOUBLE, excluded VARCHAR, best BOOLEAN);`);
  for (const i of order) {
    const status = i < 4 ? 'won' : i < 8 ? 'lost' : 'open';
    const account = i % 3 === 0 ? 'acme' : i % 3 === 1 ? 'beta' : null;
    const decision = status === 'open' ? `TIMESTAMP '2024-06-01'` : day(i + 40);
    await store.run(`INSERT INTO leads VALUES (${index(i)}, 'L${i}', ${day(i)}, ${text(account)});
      INSERT INTO lead_attributes VALUES (${index(i)}, ${text(TIER[i]!)}, ${text(EMPLOYEES[i]!)}, ${text(PLAN[i]!)});
      INSERT INTO lead_facts VALUES (${index(i)}, '${status}', ${day(i)}, ${status === 'open' ? 'NULL' : decision},
        ${decision}, NULL, ${i === 11 ? `'younger_than_horizon'` : 'NULL'}, false);`);
  }
  for (const [lead, type, at] of INTERACTIONS) {
    await store.run(`INSERT INTO interactions VALUES (${index(lead)}, '${type}', ${at ?? 'NULL'})`);
  }
  return store;
}

const OPTIONS: ModelTableOptions = {
  attributes: [
    { name: 'tier', column: '__a0', role: 'fit', source: 'lead', file: 'leads.csv' },
    { name: 'employees', column: '__a1', role: 'fit', source: 'account', file: 'accounts.csv' },
    { name: 'plan', column: '__a2', role: 'fit', source: 'lead', file: 'leads.csv' },
  ],
  columns: { tier: { labels: { x: 'unknown', y: 'unknown' } } },
  windowDays: 30,
};

function column(table: ModelTable, name: string): FeatureColumn {
  const found = table.table.columns.find((c) => c.name === name);
  assert.ok(found, `no column ${name}`);
  return found;
}

/** Values of a numeric column at the given rows, NaN as null for readable failures. */
function values(table: ModelTable, name: string): (number | null)[] {
  const c = column(table, name);
  assert.equal(c.kind, 'numeric');
  return Array.from(c.values, (v) => (Number.isNaN(v) ? null : v));
}

describe('buildModelTable', () => {
  let dense: Store;
  let sparse: Store;
  before(async () => {
    const all = Array.from({ length: LEADS }, (_, i) => i);
    dense = await fixture((i) => i + 1, all);
    // Gaps in lead_idx and rows stored out of order: positions must come from the ranking.
    sparse = await fixture((i) => 10 * (i + 1) + (i % 2), [5, 0, 11, 3, 8, 1, 10, 2, 7, 4, 9, 6]);
  });
  after(() => {
    dense?.close();
    sparse?.close();
  });

  test('lead facts, one row per lead in lead_idx order', async () => {
    const table = await buildModelTable(dense, OPTIONS);
    assert.equal(table.table.rows, LEADS);
    assert.deepEqual(Array.from(table.leadIdx), Array.from({ length: LEADS }, (_, i) => i + 1));
    assert.deepEqual(
      Array.from(table.status, (s) => LEAD_STATUSES[s]),
      [...Array(4).fill('won'), ...Array(4).fill('lost'), ...Array(4).fill('open')],
    );
    assert.deepEqual(Array.from(table.labels), [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(Array.from(table.eligible), [...Array(11).fill(1), 0]);
    // Accounts by name (acme, beta), then each lead without one in lead order.
    assert.deepEqual(Array.from(table.group), [1, 2, 3, 1, 2, 4, 1, 2, 5, 1, 2, 6]);
    assert.equal(table.createdAt[2], Date.UTC(2024, 0, 3));
    assert.equal(table.decidedAt[2], Date.UTC(2024, 1, 12));
    assert.equal(table.decidedAt[9], Date.UTC(2024, 5, 1));
    assert.deepEqual(await readLeadIds(dense), Array.from({ length: LEADS }, (_, i) => `L${i}`));
    assert.deepEqual(await readLeadIds(dense, Int32Array.from([4, 0])), ['L4', 'L0']);
  });

  test('attributes: labels merge categories, numbers read as JavaScript reads them', async () => {
    const table = await buildModelTable(dense, OPTIONS);
    const tier = column(table, 'tier');
    assert.equal(tier.kind, 'categorical');
    if (tier.kind !== 'categorical') return;
    // Numbered by first appearance in lead order; x and y share their label.
    assert.deepEqual(tier.categories, ['b', 'a', 'unknown', 'c']);
    assert.deepEqual(Array.from(tier.codes), [0, 1, -1, 2, 1, 2, 0, 1, 3, 3, 0, 1]);
    // Over ten distinct values (missing counting as one), all numbers: numeric; "1e1" is 10.
    assert.deepEqual(values(table, 'employees'), [0, 5, 10, null, 20, 25, 30, 35, 40, 45, 50, 55]);
    const plan = column(table, 'plan');
    assert.equal(plan.kind, 'categorical');
    if (plan.kind === 'categorical') assert.deepEqual(plan.categories, ['1', '2', '3']);
  });

  test('the mapping can make a column numeric, text then reading as missing', async () => {
    const table = await buildModelTable(dense, { ...OPTIONS, columns: { plan: { type: 'number' }, tier: { type: 'number' } } });
    assert.deepEqual(values(table, 'plan'), PLAN.map(Number));
    assert.deepEqual(values(table, 'tier'), Array(LEADS).fill(null));
  });

  test('interactions within 30 days of first contact and before the decision', async () => {
    const table = await buildModelTable(dense, OPTIONS);
    assert.deepEqual(table.interactionTypes, ['call', 'demo', 'email']);
    const zeros = Array(LEADS).fill(0);
    const none = Array(LEADS).fill(null);
    const at = (base: unknown[], entries: Record<number, unknown>) => base.map((v, i) => (i in entries ? entries[i] : v));
    // Lead 0: the email of day 35 is past the window; the undated one counts but has no date.
    assert.deepEqual(values(table, 'email: count'), at(zeros, { 0: 3, 8: 1 }));
    assert.deepEqual(values(table, 'email: days since last'), at(none, { 0: 20, 8: 19 }));
    // Lead 1's demo falls on its decision, lead 8's on its window's end: neither counts.
    assert.deepEqual(values(table, 'demo: count'), at(zeros, { 0: 1 }));
    assert.deepEqual(values(table, 'demo: days since last'), at(none, { 0: 10 }));
    assert.deepEqual(values(table, 'call: count'), at(zeros, { 5: 1 }));
    assert.deepEqual(values(table, 'call: days since last'), at(none, { 5: 29 }));
  });

  test('without a window: up to the decision, and for open leads up to the as-of instant itself', async () => {
    const { windowDays: _w, ...rest } = OPTIONS;
    const table = await buildModelTable(dense, rest);
    const zeros = Array(LEADS).fill(0);
    const none = Array(LEADS).fill(null);
    const at = (base: unknown[], entries: Record<number, unknown>) => base.map((v, i) => (i in entries ? entries[i] : v));
    assert.deepEqual(values(table, 'email: count'), at(zeros, { 0: 4, 8: 1 }));
    assert.deepEqual(values(table, 'email: days since last'), at(none, { 0: 5, 8: 133 }));
    assert.deepEqual(values(table, 'demo: count'), at(zeros, { 0: 1, 8: 2 }));
    assert.deepEqual(values(table, 'demo: days since last'), at(none, { 0: 20, 8: 0 }));
  });

  test('the model\'s own interaction types, present in the data or not', async () => {
    const table = await buildModelTable(dense, { ...OPTIONS, interactionTypes: ['email', 'webinar'] });
    assert.deepEqual(
      table.table.columns.map((c) => c.name).slice(3),
      ['email: count', 'email: days since last', 'webinar: count', 'webinar: days since last'],
    );
    assert.deepEqual(values(table, 'webinar: count'), Array(LEADS).fill(0));
    assert.deepEqual(values(table, 'webinar: days since last'), Array(LEADS).fill(null));
  });

  test('lead_idx with gaps, rows stored out of order: the same table', async () => {
    const a = await buildModelTable(dense, OPTIONS);
    const b = await buildModelTable(sparse, OPTIONS);
    assert.deepEqual(Array.from(b.leadIdx), Array.from({ length: LEADS }, (_, i) => 10 * (i + 1) + (i % 2)));
    assert.deepEqual({ ...b, leadIdx: a.leadIdx }, a);
    assert.deepEqual(await readLeadIds(sparse), await readLeadIds(dense));
  });
});
