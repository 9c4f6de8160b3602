import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_FUNNEL_MODEL,
  INTERACTION_TYPES,
  maturityDays,
  validateFunnelModel,
  type FunnelModel,
} from '../../src/synth/model.js';
import { trueCloseRates, type RateCell } from '../../src/synth/truth.js';

const truth = trueCloseRates(DEFAULT_FUNNEL_MODEL);

function between(value: number, low: number, high: number, what: string): void {
  assert.ok(value >= low && value <= high, `${what} = ${value} is not in [${low}, ${high}]`);
}

describe('calibration of the default model (exact truth)', () => {
  it('closes 2–3 % of leads overall', () => {
    between(truth.base, 0.02, 0.03, 'base rate');
  });

  it('closes the content and email types at 1–2 %', () => {
    const common = [
      'page_view',
      'email_open',
      'email_click',
      'white_paper_download',
      'webinar_attended',
      'case_study_view',
    ] as const;
    for (const type of common) between(truth.interactions[type].closeRate, 0.01, 0.02, type);
  });

  it('closes trials and pricing views at 4–6 %, sales contacts and demos above 8 %', () => {
    between(truth.interactions.free_trial_signup.closeRate, 0.04, 0.06, 'free_trial_signup');
    between(truth.interactions.pricing_page_view.closeRate, 0.04, 0.06, 'pricing_page_view');
    between(truth.interactions.contact_sales_form.closeRate, 0.08, 0.15, 'contact_sales_form');
    between(truth.interactions.demo_request.closeRate, 0.08, 0.15, 'demo_request');
  });

  it('has page views and email opens for most leads and demo requests for a few %', () => {
    assert.ok(truth.interactions.page_view.share > 0.6);
    assert.ok(truth.interactions.email_open.share > 0.6);
    between(truth.interactions.demo_request.share, 0.01, 0.06, 'demo_request share');
  });

  it('over-represents software, financial_services and 200–999 employees among winners', () => {
    const lift = (cell: RateCell) => cell.winnerShare / cell.share;
    const { industry, employee_band } = truth.attributes;
    const favoured = [industry.software, industry.financial_services, employee_band['200-999']];
    for (const cell of favoured) {
      assert.ok(cell && lift(cell) > 1.5, `lift ${cell && lift(cell)}`);
    }
    for (const [name, cell] of Object.entries(industry)) {
      if (name !== 'software' && name !== 'financial_services') assert.ok(lift(cell) < 1);
    }
  });

  it('averages 20 interactions per lead', () => {
    assert.ok(Math.abs(truth.meanInteractionsPerLead - 20) < 1e-9);
  });

  it('settles every outcome within a year', () => {
    assert.equal(maturityDays(DEFAULT_FUNNEL_MODEL), 365);
  });
});

describe('consistency of the truth', () => {
  it('recovers the base rate from every attribute by total probability', () => {
    for (const [name, values] of Object.entries(truth.attributes)) {
      const cells = Object.values(values) as RateCell[];
      const share = cells.reduce((s, c) => s + c.share, 0);
      const base = cells.reduce((s, c) => s + c.share * c.closeRate, 0);
      const winners = cells.reduce((s, c) => s + c.winnerShare, 0);
      assert.ok(Math.abs(share - 1) < 1e-12, `${name} shares sum to ${share}`);
      assert.ok(Math.abs(base - truth.base) < 1e-12, `${name} gives base ${base}`);
      assert.ok(Math.abs(winners - 1) < 1e-12, `${name} winner shares sum to ${winners}`);
    }
  });

  it('gives every job title the base rate, since titles have no effect', () => {
    for (const cell of Object.values(truth.attributes.job_title)) {
      assert.equal(cell.closeRate, truth.base);
    }
  });

  it('does not depend on how many times each interaction repeats', () => {
    const quieter: FunnelModel = { ...DEFAULT_FUNNEL_MODEL, meanInteractionsPerLead: 5 };
    const other = trueCloseRates(quieter);
    assert.equal(other.base, truth.base);
    for (const type of INTERACTION_TYPES) {
      assert.equal(other.interactions[type].closeRate, truth.interactions[type].closeRate);
    }
    assert.ok(Math.abs(other.meanInteractionsPerLead - 5) < 1e-9);
  });

  it('rejects a broken model', () => {
    const broken: FunnelModel = {
      ...DEFAULT_FUNNEL_MODEL,
      intent: { ...DEFAULT_FUNNEL_MODEL.intent, cutpoints: { warm: -3, hot: -1 } },
    };
    assert.throws(() => validateFunnelModel(broken), /cutpoints/);
    assert.throws(() => trueCloseRates(broken), RangeError);
  });
});
