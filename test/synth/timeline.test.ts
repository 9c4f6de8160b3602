import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { collectFunnel } from '../../src/synth/collect.js';
import { resolveFunnelOptions } from '../../src/synth/generate.js';
import type { DealRow, LeadFate, LeadRow } from '../../src/synth/rows.js';

// The default two-year period, so that many leads are still undecided at the as-of instant.
const options = { seed: 99, leads: 6000 };
const data = collectFunnel(options);
const { asOf, start } = resolveFunnelOptions(options);
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

const leads = new Map<string, LeadRow>(data.leads.map((l) => [l.lead_id, l]));
const fates = new Map<string, LeadFate>(data.fates.map((f) => [f.lead_id, f]));
const deals = new Map<string, DealRow>(data.deals.map((d) => [d.lead_id, d]));

function lead(id: string): LeadRow {
  const row = leads.get(id);
  assert.ok(row, `unknown lead ${id}`);
  return row;
}

function fate(id: string): LeadFate {
  const row = fates.get(id);
  assert.ok(row, `no fate for ${id}`);
  return row;
}

describe('time invariants of a generated funnel', () => {
  it('emits the asked-for leads, each on an account, with well-formed timestamps', () => {
    assert.equal(data.leads.length, options.leads);
    assert.equal(data.fates.length, options.leads);
    assert.deepEqual(data.counts, {
      accounts: data.accounts.length,
      leads: data.leads.length,
      interactions: data.interactions.length,
      deals: data.deals.length,
    });
    const accounts = new Set(data.accounts.map((a) => a.account_id));
    for (const l of data.leads) {
      assert.ok(accounts.has(l.account_id));
      assert.match(l.created_at, TIMESTAMP);
      assert.ok(l.created_at >= `${start} 00:00:00` && l.created_at < asOf);
    }
    // Several leads per account is common, and larger accounts have more.
    assert.ok(data.accounts.length < 0.75 * data.leads.length);
  });

  it('puts each interaction strictly inside its lead’s life, and before as-of', () => {
    for (const i of data.interactions) {
      assert.match(i.occurred_at, TIMESTAMP);
      assert.ok(i.occurred_at > lead(i.lead_id).created_at, `${i.lead_id} ${i.occurred_at}`);
      assert.ok(i.occurred_at < fate(i.lead_id).decided_at, `${i.lead_id} ${i.occurred_at}`);
      assert.ok(i.occurred_at < asOf);
    }
  });

  it('lists a lead’s interactions in time order', () => {
    for (let k = 1; k < data.interactions.length; k++) {
      const a = data.interactions[k - 1];
      const b = data.interactions[k];
      if (a && b && a.lead_id === b.lead_id) assert.ok(a.occurred_at <= b.occurred_at);
    }
  });

  it('creates deals after their leads and closes them after creation, before as-of', () => {
    let open = 0;
    for (const d of data.deals) {
      const f = fate(d.lead_id);
      assert.ok(d.created_at > lead(d.lead_id).created_at);
      assert.ok(d.created_at < asOf);
      assert.ok(d.amount > 0);
      if (d.status === 'open') {
        open += 1;
        assert.equal(d.closed_at, null);
        assert.ok(f.decided_at >= asOf, 'an open deal is one that closes after as-of');
      } else {
        assert.ok(d.closed_at !== null && d.closed_at >= d.created_at);
        assert.ok(d.closed_at < asOf);
        assert.equal(d.closed_at, f.decided_at);
        assert.equal(d.status, f.fate);
      }
    }
    assert.ok(open > 0, 'some deals are still open at as-of');
  });

  it('gives a deal to exactly the won and lost leads whose deal exists by as-of', () => {
    for (const f of data.fates) {
      const d = deals.get(f.lead_id);
      if (f.fate === 'no_deal') assert.equal(d, undefined);
      else if (f.decided_at < asOf) assert.ok(d, `${f.lead_id} decided but has no deal`);
    }
    assert.equal(deals.size, data.deals.length, 'at most one deal per lead');
  });

  it('keeps each never-dealt lead’s interactions within its 90-day nurture window', () => {
    const nurture = data.fates.filter((f) => f.fate === 'no_deal');
    assert.ok(nurture.length > 0.5 * data.fates.length);
    for (const f of nurture) {
      const created = Date.parse(`${lead(f.lead_id).created_at.replace(' ', 'T')}Z`);
      const decided = Date.parse(`${f.decided_at.replace(' ', 'T')}Z`);
      assert.equal(decided - created, 90 * 86_400_000);
    }
  });
});
