/**
 * The model sections and pages on a small fixed model file and backtest (plain data below):
 * a snapshot of the Vega-Lite specs, rendering without warnings, determinism, the headline in
 * sentences, an accessible trade-off table, and escaping of hostile term and interaction names.
 *
 * Snapshots live in test/report/__snapshots__/; run `UPDATE_SNAPSHOTS=1 npm test` to rewrite.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import type { Backtest } from '../../src/jobs/backtest.js';
import {
  decayChart,
  driversChart,
  gainsChart,
  modelSections,
  reliabilityChart,
  renderBacktestReport,
  renderChartSvg,
  renderModelReport,
  type ChartDef,
  type ModelReportData,
} from '../../src/report/html/index.js';

const SNAPSHOTS = fileURLToPath(new URL('./__snapshots__/', import.meta.url));
const UPDATE = process.env['UPDATE_SNAPSHOTS'] === '1';

function matchSnapshot(name: string, actual: string): void {
  const file = join(SNAPSHOTS, name);
  if (UPDATE) {
    mkdirSync(SNAPSHOTS, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `no snapshot ${name}: run UPDATE_SNAPSHOTS=1 npm test to write it`);
  const expected = readFileSync(file, 'utf8');
  if (actual === expected) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  const at = a.findIndex((line, i) => line !== e[i]);
  const line = at === -1 ? Math.min(a.length, e.length) : at;
  assert.fail(
    `${name} differs from its snapshot at line ${line + 1}:\n  expected: ${(e[line] ?? '<end>').slice(0, 300)}\n` +
      `  actual:   ${(a[line] ?? '<end>').slice(0, 300)}\nIf intended, run UPDATE_SNAPSHOTS=1 npm test and review the diff.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Fixture: 1,000 leads, 100 wins, five groups of the estimate.

const BINS = [
  [200, 4, 0.01, 0.03, 0.021, 0.0078, 0.0504],
  [200, 8, 0.03, 0.05, 0.04, 0.0204, 0.0771],
  [200, 14, 0.05, 0.09, 0.068, 0.0423, 0.1145],
  [200, 24, 0.09, 0.16, 0.118, 0.0818, 0.1724],
  [200, 50, 0.16, 0.6, 0.26, 0.1943, 0.3181],
] as const;

function lift(decile: number, wins: number) {
  const leads = decile * 100;
  return { decile, leads, shareOfLeads: leads / 1000, wins, shareOfWins: wins / 100, closeRate: wins / leads, lift: wins / leads / 0.1 };
}

function quality() {
  return {
    rows: 1000,
    wins: 100,
    rocAuc: 0.78,
    prAuc: 0.31,
    brier: 0.08,
    logLoss: 0.29,
    reliability: {
      bins: BINS.map(([count, wins, lowPredicted, highPredicted, meanPredicted, low, high]) => ({
        lowPredicted,
        highPredicted,
        count,
        wins,
        meanPredicted,
        observedRate: wins / count,
        interval: { low, high },
      })),
      expectedCalibrationError: 0.0124,
    },
    lift: [lift(1, 32), lift(2, 50), lift(3, 62), lift(4, 71), lift(5, 79), lift(6, 85), lift(7, 90), lift(8, 94), lift(9, 97), lift(10, 100)],
  };
}

function tradeOff(threshold: number, passed: number, caught: number, low: number, high: number) {
  return {
    threshold,
    passed,
    passedShare: passed / 1000,
    closeRate: caught / passed,
    closeRateLow: low,
    closeRateHigh: high,
    winsCaught: caught,
    winsCaughtShare: caught / 100,
    winsMissed: 100 - caught,
  };
}

function step(days: string, leads: number, contribution: number, closeRate: number) {
  return { days, leads, contribution, closeRate };
}

function fixture(): ModelReportData {
  return {
    quality: { method: '5-fold cross-validation, leads of one account kept in one fold', ...quality() },
    threshold: {
      rule: { by: 'rate', rate: 0.1 },
      value: 0.1,
      tradeOffs: [
        tradeOff(0.05, 600, 88, 0.1206, 0.1774),
        tradeOff(0.1, 350, 68, 0.1564, 0.2387),
        tradeOff(0.2, 120, 37, 0.2326, 0.3960),
      ],
    },
    importance: [
      { term: 'demo_request: count', meanAbsContribution: 0.52 },
      { term: 'industry', meanAbsContribution: 0.31 },
      { term: 'demo_request: days since last', meanAbsContribution: 0.24 },
      { term: 'pricing_page: days since last', meanAbsContribution: 0.12 },
      { term: 'industry × employees', meanAbsContribution: 0.05 },
    ],
    decay: [
      {
        type: 'demo_request',
        steps: [step('0-1', 20, 1.1, 0.22), step('1-7', 60, 0.8, 0.17), step('7-30', 80, 0.3, 0.11), step('30-90', 40, -0.1, 0.08), step('never', 800, -0.2, 0.075)],
      },
      { type: 'pricing_page', steps: [step('0-1', 30, 0.6, 0.14), step('1-7', 50, 0.4, 0.12), step('never', 920, -0.05, 0.087)] },
      { type: 'page_view', steps: [step('0-1', 300, 0.02, 0.092)] },
    ],
    leakage: { excluded: ['call_duration'] },
  };
}

function backtestFixture(): Backtest {
  return {
    cutoff: new Date('2024-06-01T00:00:00Z'),
    trainedOn: { leads: 4000, wins: 410 },
    threshold: 0.1,
    outcome: {
      leads: 1000,
      wins: 100,
      baseRate: 0.1,
      mqls: 350,
      mqlWins: 68,
      passedShare: 0.35,
      mqlRate: 68 / 350,
      mqlRateLow: 0.1564,
      mqlRateHigh: 0.2387,
      heldBackRate: 32 / 650,
      winsCaughtShare: 0.68,
    },
    quality: quality(),
  };
}

function charts(m: ModelReportData): ChartDef[] {
  return [
    reliabilityChart(m.quality, 'chart-model', 'past leads'),
    gainsChart(m.quality, 'chart-model', 'past leads'),
    driversChart(m.importance),
    decayChart(m),
  ].filter((c): c is ChartDef => c !== null);
}

function plain(page: string): string {
  return page.replaceAll('&nbsp;', ' ').replace(/<span class="nowrap">([^<]*)<\/span>/g, '$1');
}

// ---------------------------------------------------------------------------------------------

describe('HTML model report: charts', () => {
  test('snapshot of the Vega-Lite specs', () => {
    const specs = Object.fromEntries(charts(fixture()).map((c) => [c.id, c.spec]));
    assert.deepEqual(Object.keys(specs), ['chart-model-reliability', 'chart-model-gains', 'chart-model-drivers', 'chart-model-decay']);
    matchSnapshot('html-model-specs.json', `${JSON.stringify(specs, null, 2)}\n`);
  });

  test('every chart renders to a titled, described SVG without a warning', async () => {
    for (const chart of charts(fixture())) {
      const { svg, warnings } = await renderChartSvg(chart);
      assert.deepEqual(warnings, [], chart.id);
      assert.ok(svg.includes(`<title id="${chart.id}-title">`), chart.id);
      assert.ok(svg.includes(`<desc id="${chart.id}-desc">`), chart.id);
      assert.match(svg, /class="mark-(rect|symbol|rule|line)/, `${chart.id} draws marks`);
      assert.ok(chart.table.rows.length > 0, chart.id);
    }
  });

  test('decay: the 3 interactions whose recency ranks highest, only those with a "days since last" term', () => {
    const chart = decayChart(fixture())!;
    const types = new Set(chart.table.rows.map((r) => r[0]));
    assert.deepEqual([...types], ['demo_request', 'pricing_page']);
    assert.ok(chart.description.includes('demo_request: 22.0 % within 0-1 days, 8.0 % at 30-90 days, 7.5 % if never.'));
  });

  test('no chart without data: no bins, no wins, no terms, no decay', () => {
    const empty = { rows: 0, wins: 0, reliability: { bins: [], expectedCalibrationError: Number.NaN }, lift: [] };
    assert.equal(reliabilityChart(empty, 'x', 'leads'), null);
    assert.equal(gainsChart(empty, 'x', 'leads'), null);
    assert.equal(driversChart([]), null);
    assert.equal(decayChart({ importance: [], decay: [] }), null);
  });
});

describe('HTML model report: pages', () => {
  test('train page: sentences first, the trade-off table, deterministic', async () => {
    const page = await renderModelReport(fixture(), { modelFile: '/home/me/models/m.json', source: '/data/export/' });
    assert.equal(await renderModelReport(fixture(), { modelFile: '/home/me/models/m.json', source: '/data/export/' }), page);
    const text = plain(page);
    for (const sentence of [
      'The model learned from 1,000 past leads, 100 of them won (a close rate of 10.0 %).',
      'Leads the model put in its top tenth closed at 32.0 %, 3.2 times the average of 10.0 %, and held 32 % of the wins.',
      'At the threshold of 10.00 % sales would have worked 35 % of past leads; they closed at 19.4 % [15.6-23.9] and included 68 % of the wins.',
      'Left out because they give the outcome away: call_duration.',
      'The threshold is 10.00 %, set by an estimated close rate of at least 10.0 %.',
      'A close-rate model trained from export on 1,000 leads',
    ]) {
      assert.ok(text.includes(sentence), sentence);
    }
    assert.ok(!page.includes('/home/me'), 'only the file name, not the user\'s folders');
    // The trade-off table: a caption, column headers, row headers, the chosen row in words.
    assert.match(page, /<table>\n<caption>What each threshold would have meant on past leads \(out-of-fold\)<\/caption>\n<thead><tr><th scope="col" class="num">threshold<\/th>/);
    assert.ok(page.includes('<tr class="chosen"><th scope="row" class="num">10.0&nbsp;% (chosen)</th>'));
    assert.equal(page.match(/<figure class="chart"/g)?.length, 4);
    // Headline and section order.
    const ids = [...page.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(ids, ['headline', 'reliability', 'gains', 'drivers', 'decay', 'threshold']);
  });

  test('train page loads nothing and runs nothing', async () => {
    const page = await renderModelReport(fixture());
    assert.doesNotMatch(page, /<script\b/i);
    assert.match(page, /content="default-src 'none'; style-src 'unsafe-inline'; script-src 'none';/);
    const urls = [...page.matchAll(/(?:https?:)?\/\/[\w.-]+\.[a-z]{2,}[^\s"'<>)]*/gi)].map((m) => m[0]);
    assert.deepEqual([...new Set(urls)], ['http://www.w3.org/2000/svg']);
    const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
  });

  test('backtest page: the headline sentences, then reliability and gains', async () => {
    const page = await renderBacktestReport(backtestFixture(), { source: 'crm-export' });
    const text = plain(page);
    for (const sentence of [
      'Trained only on what was known on 2024-06-01: 4,000 leads, 410 of them won.',
      'Tested on the 1,000 leads created after it whose outcome is known, 100 of them won (10.0 %).',
      'At the threshold of 10.00 % sales would have worked 35.0 % of those later leads (350 of 1,000).',
      'Those MQLs closed at 19.4 % [15.6-23.9] against 10.0 % for all later leads and 4.9 % for the leads held back.',
      'They included 68.0 % of the wins (68 of 100).',
      'Later leads the model put in its top tenth closed at 32.0 %, 3.2 times the average',
    ]) {
      assert.ok(text.includes(sentence), sentence);
    }
    const figures = [...page.matchAll(/<figure class="chart" id="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(figures, ['chart-backtest-reliability', 'chart-backtest-gains']);
  });

  test('modelSections fits the analyze report\'s extension point', () => {
    const sections = modelSections(fixture());
    assert.deepEqual(sections.map((s) => s.id), ['reliability', 'gains', 'drivers', 'decay', 'threshold']);
    for (const s of sections) assert.ok(s.paragraphs.length > 0 && typeof s.heading === 'string');
  });
});

describe('HTML model report: hostile names are escaped', () => {
  const XSS = '<script>alert(1)</script>';
  const IMG = '"><img src=x onerror="alert(2)">';
  const QUOTES = `it's "quoted" & </style></title></desc></svg>`;

  function hostile(): ModelReportData {
    const m = fixture();
    return {
      ...m,
      importance: [
        { term: XSS, meanAbsContribution: 0.6 },
        { term: `${IMG}: days since last`, meanAbsContribution: 0.5 },
        { term: `${QUOTES}: days since last`, meanAbsContribution: 0.4 },
      ],
      decay: [
        { type: IMG, steps: m.decay[0]!.steps },
        { type: QUOTES, steps: m.decay[1]!.steps },
      ],
      leakage: { excluded: [XSS] },
      quality: { ...m.quality, method: IMG },
    };
  }

  function assertNoTagWith(markup: string, pattern: RegExp): void {
    for (const tag of markup.match(/<[^<>]*>/g) ?? []) {
      const names = tag.replace(/"[^"]*"|'[^']*'/g, '""');
      assert.doesNotMatch(names, pattern, `a tag carries ${pattern}: ${tag.slice(0, 200)}`);
    }
  }

  test('no term or interaction name becomes markup, in the page or in the charts', async () => {
    const page = await renderModelReport(hostile(), { title: XSS, modelFile: `${IMG}.json`, source: QUOTES });
    assert.doesNotMatch(page, /<script\b/i);
    assert.doesNotMatch(page, /<img\b/i);
    assertNoTagWith(page, /\sonerror=/i);
    assert.equal(page.match(/<\/style>/g)?.length, 1);
    assert.equal(page.match(/<\/svg>/g)?.length, page.match(/<svg\b/g)?.length);
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    for (const chart of charts(hostile())) {
      const { svg } = await renderChartSvg(chart);
      assert.doesNotMatch(svg, /<script|<img/i, chart.id);
      assertNoTagWith(svg, /\sonerror=/i);
      assert.equal(svg.match(/<\/title>/g)?.length, 1, chart.id);
      assert.equal(svg.match(/<\/desc>/g)?.length, 1, chart.id);
    }
    assert.ok((await renderChartSvg(driversChart(hostile().importance)!)).svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });
});
