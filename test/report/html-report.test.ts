/**
 * The HTML report on a small fixed Analysis (plain data written out below, so that the
 * snapshots change only when the report does): snapshots of the Vega-Lite specs and of the
 * whole page, determinism, escaping of hostile data, and the page's promises (self-contained,
 * every chart titled, described and backed by a table).
 *
 * Snapshots live in test/report/__snapshots__/. A missing or different snapshot fails the
 * test; run `UPDATE_SNAPSHOTS=1 npm test` to write them anew, then review the diff.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import type { Analysis } from '../../src/core/analysis.js';
import type { CloseRate, Verdict } from '../../src/core/close-rates.js';
import type { FitValue } from '../../src/core/fit-profile.js';
import type { Mql } from '../../src/jobs/analyze.js';
import {
  commonInteractionsChart,
  escapeHtml,
  fitChart,
  funnelChart,
  interactionChart,
  renderChartSvg,
  renderHtmlReport,
  type ChartDef,
} from '../../src/report/html/index.js';
import { fitText, textWidth } from '../../src/report/html/text-width.js';

const SNAPSHOTS = fileURLToPath(new URL('./__snapshots__/', import.meta.url));
const UPDATE = process.env['UPDATE_SNAPSHOTS'] === '1';

/** Compares `actual` with the stored snapshot; writes it instead under UPDATE_SNAPSHOTS=1. */
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
    `${name} differs from its snapshot at line ${line + 1}:\n` +
      `  expected: ${(e[line] ?? '<end>').slice(0, 300)}\n  actual:   ${(a[line] ?? '<end>').slice(0, 300)}\n` +
      'If the change is intended, run UPDATE_SNAPSHOTS=1 npm test and review the diff.',
  );
}

// ---------------------------------------------------------------------------------------------
// The fixture: a small analysis, every verdict, one fit attribute with a band order, notes,
// rejects and leads left out by the time rules.

function rate(
  label: string,
  leads: number,
  wins: number,
  low: number,
  high: number,
  verdict: Verdict,
  extra: Partial<CloseRate> = {},
): CloseRate {
  const [attribute, value] = label.includes(' = ') ? label.split(' = ') : ['interaction', label];
  return {
    featureId: 0,
    kind: 'interaction',
    attribute: attribute!,
    value: value!,
    label,
    leads,
    wins,
    rate: leads > 0 ? wins / leads : 0,
    low,
    high,
    lift: leads > 0 ? wins / leads / 0.1 : 0,
    verdict,
    leadsToSettle: null,
    naive: { leads, wins, rate: leads > 0 ? wins / leads : 0 },
    ...extra,
  };
}

function fitValue(
  attribute: string,
  value: string,
  sortKey: number,
  leads: number,
  wins: number,
  best: number,
  low: number,
  high: number,
  verdict: Verdict,
): FitValue {
  const shareOfBest = best / 60;
  const shareOfLeads = leads / 1000;
  return {
    ...rate(`${attribute} = ${value}`, leads, wins, low, high, verdict, { kind: 'fit' }),
    attribute,
    value,
    sortKey,
    best,
    shareOfBest,
    shareOfBestLow: Math.max(0, shareOfBest - 0.1),
    shareOfBestHigh: Math.min(1, shareOfBest + 0.1),
    shareOfLeads,
    representation: shareOfBest / shareOfLeads,
  };
}

function fixture(): Analysis {
  return {
    version: 1,
    settings: { threshold: 0.15, confidence: 0.95, minLeads: 30, bestQuantile: 0.5, seed: 1, folds: 5 },
    inputs: [
      { file: '/data/export/leads.csv', role: 'leads', rows: 1200 },
      { file: '/data/export/interactions.csv', role: 'interactions', rows: 5400 },
      { file: '/data/export/deals.csv', role: 'outcomes', rows: 700 },
    ],
    rejects: [
      { file: '/data/export/deals.csv', reason: 'outcome_before_first_contact', rows: 2 },
      { file: '/data/export/interactions.csv', reason: 'unreadable_date', rows: 5 },
    ],
    notes: ['12 interactions have no date: they all count, even after the outcome.'],
    timeRules: {
      asOf: new Date('2024-06-30T00:00:00Z'),
      horizonDays: 60,
      horizonSource: '90th percentile of 100 observed times to win',
      outcomesFrom: new Date('2024-01-15T00:00:00Z'),
      outcomesFromSource: 'detected: no outcome is dated before 2024-01-15, where the later data predicts 9.0',
      expectedEarlyOutcomes: 9,
    },
    totals: {
      leads: 1200,
      eligible: 1000,
      wins: 100,
      best: 60,
      naiveWins: 104,
      byStatus: { won: 104, lost: 500, open: 596 },
      excluded: [
        { reason: 'before_outcome_window', status: 'open', leads: 150 },
        { reason: 'younger_than_horizon', status: 'open', leads: 48 },
        { reason: 'before_outcome_window', status: 'won', leads: 2 },
      ],
    },
    baseRate: { leads: 1000, wins: 100, rate: 0.1, low: 0.0828, high: 0.1203 },
    naiveBaseRate: { leads: 1200, wins: 104, rate: 104 / 1200, low: 0.0718, high: 0.1043 },
    interactions: [
      rate('demo_request', 200, 64, 0.2597, 0.3872, 'qualifies', { naive: { leads: 230, wins: 66, rate: 66 / 230 } }),
      rate('pricing_page', 150, 33, 0.1604, 0.2939, 'qualifies'),
      rate('webinar', 90, 17, 0.1216, 0.2812, 'promising', { leadsToSettle: 140 }),
      rate('white_paper', 300, 27, 0.0625, 0.1282, 'below'),
      rate('page_view', 800, 64, 0.0632, 0.1009, 'below'),
      rate('trade_show', 12, 5, 0.1933, 0.6805, 'not_enough_data'),
    ],
    fit: [
      {
        attribute: 'employees',
        values: [
          fitValue('employees', '< 50', 1, 400, 28, 15, 0.0484, 0.1002, 'below'),
          fitValue('employees', '50 – < 500', 2, 450, 50, 30, 0.0851, 0.1437, 'below'),
          fitValue('employees', '≥ 500', 3, 150, 22, 15, 0.0987, 0.2128, 'promising'),
        ],
      },
      {
        attribute: 'industry',
        values: [
          fitValue('industry', 'software', 0, 300, 48, 30, 0.1227, 0.2057, 'promising'),
          fitValue('industry', 'retail', 0, 680, 50, 28, 0.0562, 0.0958, 'below'),
          fitValue('industry', 'mining', 0, 20, 2, 2, 0.0279, 0.3010, 'not_enough_data'),
        ],
      },
    ],
    bestCustomers: {
      count: 60,
      cycleDaysAtMost: 21.5,
      definition: 'won within 21.5 days of first contact (the faster 50 % of wins)',
      activity: [
        { group: 'best', leads: 60, medianInteractions: 6, meanInteractions: 6.4, medianDistinctTypes: 3 },
        { group: 'eligible', leads: 1000, medianInteractions: 3, meanInteractions: 3.9, medianDistinctTypes: 2 },
      ],
      commonInteractions: [
        { label: 'page_view', shareOfBest: 0.9, shareOfLeads: 0.8 },
        { label: 'demo_request', shareOfBest: 0.55, shareOfLeads: 0.2 },
        { label: 'pricing_page', shareOfBest: 0.4, shareOfLeads: 0.15 },
      ],
    },
    scorer: {
      method: 'sum of shrunk log-odds evidence',
      baseRate: 0.1,
      priorStrength: 50,
      intercept: 0,
      slope: 1,
      logLossByPrior: [{ priorStrength: 50, logLoss: 0.3 }],
    },
    history: {
      leads: 1000,
      wins: 100,
      baseRate: 0.1,
      mqls: 300,
      mqlWins: 72,
      passedShare: 0.3,
      mqlRate: 0.24,
      mqlRateLow: 0.1944,
      mqlRateHigh: 0.2924,
      heldBackRate: 28 / 700,
      winsCaughtShare: 0.72,
    },
    mqlSummary: { total: 4, open: 2 },
  };
}

const REASON = { label: 'demo_request', rate: 0.32, low: 0.2597, high: 0.3872, leads: 200, logOdds: 1.2 };

function mqlFixture(): Mql[] {
  return [
    { leadId: 'L-0042', status: 'open', createdAt: new Date('2024-06-01T09:30:00Z'), estimate: 0.41, reasons: [REASON] },
    { leadId: 'L-0007', status: 'won', createdAt: new Date('2024-03-02T00:00:00Z'), estimate: 0.33, reasons: [REASON] },
    { leadId: 'L-0100', status: 'open', createdAt: null, estimate: 0.2, reasons: [] },
    { leadId: 'L-0013', status: 'lost', createdAt: new Date('2024-02-11T00:00:00Z'), estimate: 0.16, reasons: [] },
  ];
}

/** Page text as read: non-breaking spaces as spaces, no-wrap spans unwrapped. */
function plain(page: string): string {
  return page.replaceAll('&nbsp;', ' ').replace(/<span class="nowrap">([^<]*)<\/span>/g, '$1');
}

function charts(a: Analysis): ChartDef[] {
  return [
    interactionChart(a),
    ...a.fit.map((f, i) => fitChart(a, f, i)),
    commonInteractionsChart(a),
    funnelChart(a),
  ].filter((c): c is ChartDef => c !== null);
}

// ---------------------------------------------------------------------------------------------

describe('HTML report: snapshots', () => {
  test('Vega-Lite specs of every chart', () => {
    const specs = Object.fromEntries(charts(fixture()).map((c) => [c.id, c.spec]));
    assert.deepEqual(Object.keys(specs), [
      'chart-interactions',
      'chart-fit-1',
      'chart-fit-2',
      'chart-common-interactions',
      'chart-funnel',
    ]);
    matchSnapshot('html-specs.json', `${JSON.stringify(specs, null, 2)}\n`);
  });

  test('every chart compiles and renders to SVG without a warning', async () => {
    for (const chart of charts(fixture())) {
      const { svg, warnings } = await renderChartSvg(chart);
      assert.deepEqual(warnings, [], chart.id);
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="chart-svg" viewBox="0 0 [\d.]+ [\d.]+"/);
      assert.ok(svg.includes(`<title id="${chart.id}-title">`), chart.id);
      assert.ok(svg.includes(`<desc id="${chart.id}-desc">`), chart.id);
      assert.match(svg, /class="mark-(rect|symbol|rule)/, `${chart.id} draws marks`);
    }
  });

  test('the SVG of the close-rate chart', async () => {
    const chart = interactionChart(fixture())!;
    matchSnapshot('html-interactions.svg', `${(await renderChartSvg(chart)).svg}\n`);
  });

  test('the whole page', async () => {
    matchSnapshot('html-report.html', await renderHtmlReport(fixture(), mqlFixture()));
  });
});

describe('HTML report: deterministic', () => {
  test('the same analysis gives the same bytes, whatever was rendered before', async () => {
    const first = await renderHtmlReport(fixture(), mqlFixture());
    // Vega numbers clip paths and gradients with process-wide counters: render something else
    // in between, and two pages at once, to move them.
    const other = fixture();
    await renderHtmlReport({ ...other, interactions: other.interactions.slice(0, 2) }, []);
    const [second, third] = await Promise.all([
      renderHtmlReport(fixture(), mqlFixture()),
      renderHtmlReport(fixture(), mqlFixture()),
    ]);
    assert.equal(second, first);
    assert.equal(third, first);
  });

  test('no clock, no random ids: every id is unique and derived from the chart', async () => {
    const page = await renderHtmlReport(fixture(), mqlFixture());
    const today = new Date().toISOString().slice(0, 10);
    assert.ok(!page.includes(today), 'the page contains today\'s date');
    const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
    for (const id of ids) assert.doesNotMatch(id, /^(clip|gradient_|p_)\d/, id);
  });
});

describe('HTML report: self-contained and accessible', () => {
  test('loads nothing: no URL outside the SVG namespace, a CSP that forbids any load', async () => {
    const page = await renderHtmlReport(fixture(), mqlFixture());
    const urls = [...page.matchAll(/(?:https?:)?\/\/[\w.-]+\.[a-z]{2,}[^\s"'<>)]*/gi)].map((m) => m[0]);
    assert.deepEqual([...new Set(urls)], ['http://www.w3.org/2000/svg']);
    assert.doesNotMatch(page, /\s(src|href|xlink:href)="(?!#)/, 'only in-page links');
    assert.doesNotMatch(page, /@import|url\((?!#)/, 'no CSS loads');
    assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]+';/);
    assert.equal(page.match(/<script\b/g)?.length, 1, 'one inline script (table sorting)');
  });

  test('every chart is a figure with a titled, described SVG and a table of its numbers', async () => {
    const page = await renderHtmlReport(fixture(), mqlFixture());
    const figures = page.split('<figure class="chart"').slice(1);
    assert.equal(figures.length, 5);
    for (const f of figures) {
      assert.match(f, /role="img" aria-labelledby="(chart-[\w-]+)-title" aria-describedby="\1-desc"/);
      assert.match(f, /<title id="chart-[\w-]+-title">[^<]+<\/title><desc id="chart-[\w-]+-desc">[^<]{40,}<\/desc>/);
      assert.match(f, /<figcaption>[^<]+<\/figcaption>/);
      assert.match(f, /<details><summary>The numbers behind[^<]+<\/summary>\n<div class="table-wrap"><table>\n<caption>/);
    }
  });

  test('the verdict is written next to every bar, not shown by colour alone', async () => {
    const svg = (await renderChartSvg(interactionChart(fixture())!)).svg;
    for (const words of ['32.0 % of 200, qualifies', '18.9 % of 90, promising', '9.0 % of 300, below', '41.7 % of 12, too few leads']) {
      assert.ok(svg.includes(`>${words}</text>`), words);
    }
  });

  test('states the headline figures in sentences', async () => {
    const page = plain(await renderHtmlReport(fixture(), mqlFixture()));
    for (const sentence of [
      'leadsift learned from 1,000 of 1,200 leads, 100 of them won: a base close rate of 10.0 % [8.3-12.0].',
      'Ignoring the time rules it would read 8.7 % (104 of 1,200 leads)',
      'the threshold of 15.0 %',
      'the rule passes 30.0 % of leads to sales (300 of 1,000) instead of all of them.',
      'Those MQLs closed at 24.0 % [19.4-29.2] against 10.0 % overall and 4.0 % for the leads held back, and included 72.0 % of the wins (72 of 100).',
      'webinar: 18.9 % [12.2-28.1] on 90 leads; about 140 more leads would settle it.',
    ]) {
      assert.ok(page.includes(sentence), sentence);
    }
    assert.ok(page.includes('<th scope="row">created before outcomes were recorded</th><td>open</td><td class="num">150</td>'));
    assert.ok(page.includes('12 interactions have no date'));
  });

  test('the MQL table: sortable headers, the first rows only, and where the rest are', async () => {
    const page = await renderHtmlReport(fixture(), mqlFixture(), { mqlRows: 2, files: { mqls: 'out/mqls.csv' } });
    const table = page.slice(page.indexOf('<table class="sortable"'), page.indexOf('</table>', page.indexOf('<table class="sortable"')));
    assert.equal(table.match(/<tr data-i=/g)?.length, 2);
    assert.equal(table.match(/<th scope="col" data-type="(number|text)"[^>]*><button type="button">/g)?.length, 6);
    assert.ok(page.includes('The first 2 are below; 2 more are in out/mqls.csv.'));
    assert.ok(table.includes('data-sort="0.410000"'));
    assert.ok(table.includes('<li>demo_request: 32.0&nbsp;% <span class="nowrap">[26.0-38.7]</span>, n = 200</li>'));
  });

  test('extension point: a caller\'s section with its own chart, escaped like the rest', async () => {
    const a = fixture();
    const extra = { ...funnelChart(a)!, id: 'chart-model-lift', title: 'Lift <by decile>' };
    const page = await renderHtmlReport(a, mqlFixture(), {
      sections: [{ id: 'model', heading: 'The model <b>', paragraphs: ['Gains & lift.'], charts: [extra] }],
    });
    assert.ok(page.includes('<h2 id="extra-1-model-h">The model &lt;b&gt;</h2>'));
    assert.ok(page.includes('<p>Gains &amp; lift.</p>'));
    assert.ok(page.indexOf('id="extra-1-model"') > page.indexOf('id="funnel"'));
    assert.ok(page.indexOf('id="extra-1-model"') < page.indexOf('id="mqls"'));
    assert.ok(page.includes('<title id="chart-model-lift-title">Lift &lt;by decile&gt;</title>'));
  });
});

describe('HTML report: hostile data is escaped', () => {
  const XSS = '<script>alert(1)</script>';
  const IMG = '"><img src=x onerror="alert(2)">';
  const QUOTES = `it's "quoted" & </style></title></desc></svg>`;

  /**
   * Fails when an attribute matching `pattern` sits inside a tag: not in text, and not inside
   * a quoted attribute value (where the escaped data may say anything).
   */
  function assertNoTagWith(markup: string, pattern: RegExp): void {
    for (const tag of markup.match(/<[^<>]*>/g) ?? []) {
      const names = tag.replace(/"[^"]*"|'[^']*'/g, '""');
      assert.doesNotMatch(names, pattern, `a tag carries ${pattern}: ${tag.slice(0, 200)}`);
    }
  }

  function hostile(): { a: Analysis; mqls: Mql[] } {
    const a = fixture();
    const interactions = a.interactions.map((r, i) =>
      i === 0 ? { ...r, label: XSS } : i === 1 ? { ...r, label: IMG } : i === 2 ? { ...r, label: QUOTES } : r,
    );
    const fit = a.fit.map((f, i) =>
      i === 0 ? { attribute: IMG, values: f.values.map((v, j) => (j === 0 ? { ...v, value: XSS } : v)) } : f,
    );
    return {
      a: {
        ...a,
        inputs: [{ file: `/tmp/${IMG}.csv`, role: 'leads', rows: 1 }, ...a.inputs],
        rejects: [{ file: `${QUOTES}.csv`, reason: XSS, rows: 1 }],
        notes: [`A note with ${XSS} and ${IMG}`],
        interactions,
        fit,
        bestCustomers: {
          ...a.bestCustomers,
          definition: XSS,
          commonInteractions: [{ label: IMG, shareOfBest: 0.5, shareOfLeads: 0.25 }],
        },
        timeRules: { ...a.timeRules, horizonSource: QUOTES, outcomesFromSource: XSS },
      },
      mqls: [
        { ...mqlFixture()[0]!, leadId: XSS, reasons: [{ ...REASON, label: IMG }] },
        { ...mqlFixture()[1]!, leadId: QUOTES },
      ],
    };
  }

  test('escapeHtml escapes the five characters and drops control characters', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>\u0000`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;\uFFFD');
  });

  test('no label, lead id, file name or note becomes markup', async () => {
    const { a, mqls } = hostile();
    const page = await renderHtmlReport(a, mqls, { title: XSS, files: { mqls: IMG } });
    assert.equal(page.match(/<script\b/gi)?.length, 1, 'only the sorting script');
    assert.doesNotMatch(page, /<img\b/i);
    // As text, `onerror="…"` is harmless; inside a tag it would run.
    assertNoTagWith(page, /\sonerror=/i);
    assert.equal(page.match(/<\/style>/g)?.length, 1);
    assert.equal(page.match(/<\/svg>/g)?.length, page.match(/<svg\b/g)?.length);
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(page.includes('&quot;&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;'));
  });

  test('inside the charts too: the SVG text and its title and description', async () => {
    const { a } = hostile();
    for (const chart of charts(a)) {
      const { svg } = await renderChartSvg(chart);
      assert.doesNotMatch(svg, /<script|<img/i, chart.id);
      assertNoTagWith(svg, /\sonerror=/i);
      assert.equal(svg.match(/<svg\b/g)?.length, 1, chart.id);
      assert.equal(svg.match(/<\/svg>/g)?.length, 1, chart.id);
      assert.equal(svg.match(/<\/title>/g)?.length, 1, chart.id);
      assert.equal(svg.match(/<\/desc>/g)?.length, 1, chart.id);
    }
    const svg = (await renderChartSvg(interactionChart(a)!)).svg;
    assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });
});

describe('HTML report: text widths', () => {
  test('measures with the DejaVu Sans table, bold wider than regular', () => {
    assert.equal(textWidth('0', 100), 64);
    assert.equal(textWidth('mm', 10), 19.4);
    assert.ok(textWidth('Close rate', 12, true) > textWidth('Close rate', 12));
    assert.equal(textWidth('中', 10), 10);
  });

  test('fitText cuts with an ellipsis to the width, and keeps text that fits', () => {
    assert.equal(fitText('short', 100, 12), 'short');
    const cut = fitText('landing_page_id = 22c29808c4f815213303f8933030604c', 150, 12);
    assert.ok(cut.endsWith('…'));
    assert.ok(textWidth(cut, 12) <= 150);
    assert.ok(cut.startsWith('landing_page_id = 22c'));
  });
});
