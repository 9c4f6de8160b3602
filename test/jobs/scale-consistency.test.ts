import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { guessMapping } from '../../src/data/guess-mapping.js';
import { openStore } from '../../src/data/store.js';
import { analyze } from '../../src/jobs/analyze.js';
import type { Analysis } from '../../src/core/analysis.js';
import { collectFunnel, DEFAULT_FUNNEL_MODEL, writeFunnelCsv } from '../../src/synth/index.js';

const root = mkdtempSync(join(tmpdir(), 'leadsift-scale-'));
after(() => rmSync(root, { recursive: true, force: true }));

const OPTIONS = {
  seed: 23,
  leads: 4_000,
  model: { ...DEFAULT_FUNNEL_MODEL, meanInteractionsPerLead: 30 },
};

async function analyzeFolder(dir: string): Promise<Analysis> {
  const scratch = await openStore();
  const mapping = await guessMapping(scratch, [dir]).finally(() => scratch.close());
  const result = await analyze(mapping, { seed: 1 });
  result.store.close();
  return result.analysis;
}

/** The same export as typed Parquet files, as `leadsift generate` and warehouses write them. */
async function toParquet(csvDir: string, parquetDir: string): Promise<void> {
  mkdirSync(parquetDir, { recursive: true });
  const store = await openStore();
  try {
    for (const name of ['leads', 'accounts', 'interactions', 'deals']) {
      const from = join(csvDir, `${name}.csv`).replaceAll("'", "''");
      const to = join(parquetDir, `${name}.parquet`).replaceAll("'", "''");
      await store.run(`COPY (SELECT * FROM read_csv('${from}')) TO '${to}' (FORMAT parquet)`);
    }
  } finally {
    store.close();
  }
}

const seconds = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);

/**
 * Close rates counted the plain way, lead by lead over the generated rows in memory, given the
 * time rules the analysis decided: the reference the set-based path must reproduce exactly.
 */
function straightforwardRates(rules: Analysis['timeRules']) {
  const data = collectFunnel(OPTIONS);
  const asOf = rules.asOf!.getTime();
  const horizon = rules.horizonDays! * 86_400_000;
  const from = rules.outcomesFrom?.getTime() ?? -Infinity;
  const deals = new Map<string, { status: string; closed: number | null }[]>();
  for (const d of data.deals) {
    const list = deals.get(d.lead_id) ?? [];
    list.push({ status: d.status, closed: d.closed_at === null ? null : seconds(d.closed_at) });
    deals.set(d.lead_id, list);
  }
  const facts = new Map<string, { won: boolean; status: string; decision: number }>();
  let eligible = 0;
  let wins = 0;
  for (const lead of data.leads) {
    const created = seconds(lead.created_at);
    const list = (deals.get(lead.lead_id) ?? []).filter((d) => d.closed === null || d.closed <= asOf);
    const wonAt = list.filter((d) => d.status === 'won').map((d) => d.closed!);
    const lostAt = list.filter((d) => d.status === 'lost').map((d) => d.closed!);
    const status = wonAt.length ? 'won' : list.length === 0 || list.some((d) => d.status === 'open') ? 'open' : 'lost';
    const decision = status === 'won' ? Math.min(...wonAt) : status === 'lost' ? Math.max(...lostAt) : asOf;
    if (created > asOf || created < from || created > asOf - horizon) continue;
    eligible++;
    if (status === 'won') wins++;
    facts.set(lead.lead_id, { won: status === 'won', status, decision });
  }
  const byType = new Map<string, Set<string>>();
  for (const i of data.interactions) {
    const fact = facts.get(i.lead_id);
    if (!fact) continue;
    const at = seconds(i.occurred_at);
    const before = at < fact.decision || (fact.status === 'open' && at <= fact.decision);
    if (!before) continue;
    const set = byType.get(i.type) ?? new Set<string>();
    set.add(i.lead_id);
    byType.set(i.type, set);
  }
  const rates = new Map<string, { leads: number; wins: number }>();
  for (const [type, set] of byType) {
    let won = 0;
    for (const id of set) if (facts.get(id)!.won) won++;
    rates.set(type, { leads: set.size, wins: won });
  }
  return { eligible, wins, rates, counts: data.counts };
}

test('generated data gives the same close rates through the Parquet path, the CSV path and a plain count', async () => {
  const csvDir = join(root, 'csv');
  const parquetDir = join(root, 'parquet');
  await writeFunnelCsv(OPTIONS, csvDir);
  await toParquet(csvDir, parquetDir);

  const fromParquet = await analyzeFolder(parquetDir);
  const fromCsv = await analyzeFolder(csvDir);
  const plain = straightforwardRates(fromParquet.timeRules);

  assert.ok(plain.counts.interactions > 100_000, `only ${plain.counts.interactions} interactions`);
  assert.equal(fromParquet.totals.leads, OPTIONS.leads);
  assert.equal(fromParquet.totals.eligible, plain.eligible);
  assert.equal(fromParquet.totals.wins, plain.wins);
  assert.deepEqual(fromCsv.timeRules, fromParquet.timeRules);
  assert.deepEqual(fromCsv.totals, fromParquet.totals);

  const types = [...plain.rates.keys()].sort();
  assert.equal(types.length, 10);
  assert.deepEqual(fromParquet.interactions.map((r) => r.value).sort(), types);
  for (const rate of fromParquet.interactions) {
    const expected = plain.rates.get(rate.value)!;
    assert.deepEqual({ type: rate.value, leads: rate.leads, wins: rate.wins }, { type: rate.value, ...expected });
  }
  // Exactly equal, intervals and verdicts included, whichever way the files were typed.
  assert.deepEqual(fromCsv.interactions, fromParquet.interactions);
  assert.deepEqual(fromCsv.fit, fromParquet.fit);
  assert.deepEqual(fromCsv.history, fromParquet.history);
});
