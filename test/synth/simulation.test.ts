import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_FUNNEL_MODEL,
  INTERACTION_TYPES,
  employeeBandIndex,
  maturityDays,
} from '../../src/synth/model.js';
import { generateFunnel } from '../../src/synth/generate.js';
import { trueCloseRates, type RateCell } from '../../src/synth/truth.js';
import { DAY_SECONDS, createTimestampFormatter, parseDay } from '../../src/synth/timestamps.js';

/**
 * Checks that the analytic truth is what the exported data shows. 200 000 leads over ten
 * years, counted only through the exported rows, the way an estimator sees them: among leads
 * created at least `maturityDays` before the as-of instant (about 90 % of them), a lead is
 * won exactly when it has a won deal. Every observed close rate must be within 4 binomial
 * standard errors, sqrt(p(1 − p)/n) with p the true rate, of the truth. Leads of one account
 * share a segment, which widens the real error slightly; 4 standard errors leave room.
 */
const LEADS = 200_000;
const START = '2015-01-01';
const DAYS = 3650;
const TOLERANCE_SE = 4;

interface Tally {
  n: number;
  won: number;
}

const truth = trueCloseRates(DEFAULT_FUNNEL_MODEL);
const observed = {
  base: { n: 0, won: 0 },
  interactions: new Map<string, Tally>(),
  attributes: new Map<string, Map<string, Tally>>(),
  interactionCount: { n: 0, sum: 0, sumSq: 0 },
  wonCycleDays: [] as number[],
  lostCycleDays: [] as number[],
};

function tally(map: Map<string, Tally>, key: string, won: boolean): void {
  const t = map.get(key) ?? { n: 0, won: 0 };
  t.n += 1;
  if (won) t.won += 1;
  map.set(key, t);
}

function attribute(name: string): Map<string, Tally> {
  const map = observed.attributes.get(name) ?? new Map<string, Tally>();
  observed.attributes.set(name, map);
  return map;
}

function seconds(timestamp: string): number {
  return Date.parse(`${timestamp.replace(' ', 'T')}Z`) / 1000;
}

function assertClose(what: string, t: Tally | undefined, p: number): void {
  assert.ok(t && t.n > 0, `${what}: no leads observed`);
  const se = Math.sqrt((p * (1 - p)) / t.n);
  const rate = t.won / t.n;
  assert.ok(
    Math.abs(rate - p) <= TOLERANCE_SE * se,
    `${what}: observed ${rate.toFixed(5)} over ${t.n} leads, true ${p.toFixed(5)}, ` +
      `${((rate - p) / se).toFixed(2)} standard errors off`,
  );
}

before(() => {
  const completeBefore = createTimestampFormatter()(
    parseDay(START) + (DAYS - maturityDays(DEFAULT_FUNNEL_MODEL)) * DAY_SECONDS,
  );
  // Rows arrive account by account, each lead followed by its interactions and its deal,
  // so one lead at a time is enough state; a lead is complete when the next row that is
  // not its own arrives.
  let account = { industry: '', band: '', country: '' };
  let lead: { created: string; source: string; title: string } | null = null;
  let done = new Set<string>();
  let interactions = 0;
  let deal: { status: string; closedAt: string | null } | null = null;

  const finishLead = () => {
    if (!lead || lead.created >= completeBefore) return;
    const won = deal?.status === 'won';
    tally(new Map([['', observed.base]]), '', won);
    for (const type of done) tally(observed.interactions, type, won);
    tally(attribute('industry'), account.industry, won);
    tally(attribute('employee_band'), account.band, won);
    tally(attribute('country'), account.country, won);
    tally(attribute('source'), lead.source, won);
    tally(attribute('job_title'), lead.title, won);
    const count = observed.interactionCount;
    count.n += 1;
    count.sum += interactions;
    count.sumSq += interactions * interactions;
    if (deal?.closedAt) {
      const days = (seconds(deal.closedAt) - seconds(lead.created)) / DAY_SECONDS;
      (won ? observed.wonCycleDays : observed.lostCycleDays).push(days);
    }
  };

  generateFunnel(
    { seed: 20240101, leads: LEADS, start: START, days: DAYS },
    {
      account: (row) => {
        finishLead();
        lead = null;
        const band = DEFAULT_FUNNEL_MODEL.employeeBands[
          employeeBandIndex(DEFAULT_FUNNEL_MODEL, row.employees)
        ];
        account = { industry: row.industry, band: band?.value ?? '?', country: row.country };
      },
      lead: (row) => {
        finishLead();
        lead = { created: row.created_at, source: row.source, title: row.job_title };
        done = new Set();
        interactions = 0;
        deal = null;
      },
      interaction: (row) => {
        done.add(row.type);
        interactions += 1;
      },
      deal: (row) => {
        deal = { status: row.status, closedAt: row.closed_at };
      },
    },
  );
  finishLead();
});

describe(`the exact truth against ${LEADS} simulated leads (±${TOLERANCE_SE} SE)`, () => {
  it('matches the base rate', () => {
    assert.ok(observed.base.n > 0.85 * LEADS);
    assertClose('base', observed.base, truth.base);
  });

  it('matches P(won | did type) for every interaction type', () => {
    for (const type of INTERACTION_TYPES) {
      assertClose(type, observed.interactions.get(type), truth.interactions[type].closeRate);
    }
  });

  it('matches P(won | value) for every value of every attribute', () => {
    for (const [name, values] of Object.entries(truth.attributes)) {
      const seen = observed.attributes.get(name);
      for (const [value, cell] of Object.entries(values as Record<string, RateCell>)) {
        assertClose(`${name}=${value}`, seen?.get(value), cell.closeRate);
        const t = seen?.get(value);
        const share = (t?.n ?? 0) / observed.base.n;
        // Shares are cluster-sampled by account; 6 binomial SEs allow for that.
        const se = Math.sqrt((cell.share * (1 - cell.share)) / observed.base.n);
        assert.ok(Math.abs(share - cell.share) < 6 * se, `${name}=${value} share ${share}`);
      }
    }
  });

  it('averages the modelled number of interactions per lead', () => {
    const { n, sum, sumSq } = observed.interactionCount;
    const mean = sum / n;
    const se = Math.sqrt((sumSq / n - mean * mean) / n);
    const expected = truth.meanInteractionsPerLead;
    assert.ok(Math.abs(mean - expected) < TOLERANCE_SE * se, `mean ${mean} vs ${expected}`);
  });

  it('closes wins after a median of about 35 days, sometimes after 150, losses later', () => {
    const median = (xs: number[]) =>
      [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const won = observed.wonCycleDays;
    const wonMedian = median(won);
    assert.ok(wonMedian > 31 && wonMedian < 39, `won median ${wonMedian}`);
    const long = won.filter((d) => d > 150).length / won.length;
    assert.ok(long > 0.02 && long < 0.1, `share of wins after 150 days: ${long}`);
    assert.ok(median(observed.lostCycleDays) > wonMedian + 5);
    assert.ok(Math.max(...won, ...observed.lostCycleDays) <= 365);
  });
});
