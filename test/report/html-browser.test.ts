/**
 * The HTML report in a real browser: Debian's Chromium (/usr/bin/chromium, never a downloaded
 * build) driven by playwright-core, on the reports of two real datasets (Olist marketing funnel
 * and UCI bank marketing, from ../shared/datasets). For each report, at a desktop and a phone
 * width: every chart is drawn (SVG marks present, visible size), nothing is requested but the
 * report itself, the console stays clean, hostile labels do not run, table sorting works under
 * the page's Content Security Policy, and the page does not scroll sideways. Screenshots go to
 * test-output/screenshots/ (git-ignored) for a person to look at.
 *
 * Skips, saying why, when Chromium or the datasets are absent.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Analysis } from '../../src/core/analysis.js';
import { loadMapping } from '../../src/data/mapping.js';
import { analyze, type Mql } from '../../src/jobs/analyze.js';
import { renderHtmlReport } from '../../src/report/html/index.js';
import { datasetDir, DATASETS, mappingPath } from '../real/datasets.js';
import { browserSkip, CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.js';

const OUTPUT = fileURLToPath(new URL('../../test-output/', import.meta.url));
const SCREENSHOTS = join(OUTPUT, 'screenshots');
const REPORTS = join(OUTPUT, 'reports');

const skip = browserSkip(DATASETS);


const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** A lead id and an interaction label that would run or load something if not escaped. */
const HOSTILE_ID = '<script>window.__pwned = 1</script>';
const HOSTILE_LABEL = '"><img src="pwned.png" onerror="window.__pwned = 2">';

interface Case {
  readonly name: string;
  readonly dir: string;
  readonly mapping: string;
  /** Chart ids the report must draw. */
  readonly charts: readonly string[];
}

const CASES: readonly Case[] = [
  {
    name: 'olist',
    dir: datasetDir('olist-marketing-funnel'),
    mapping: 'olist',
    charts: ['chart-interactions', 'chart-common-interactions', 'chart-funnel'],
  },
  {
    name: 'bank',
    dir: datasetDir('uci-bank-marketing'),
    mapping: 'bank-marketing',
    charts: [
      'chart-interactions',
      ...Array.from({ length: 7 }, (_, i) => `chart-fit-${i + 1}`),
      'chart-common-interactions',
      'chart-funnel',
    ],
  },
];

/** The real analysis with one interaction label and one lead id replaced by hostile text. */
function withHostileData(a: Analysis, mqls: readonly Mql[]): { a: Analysis; mqls: Mql[] } {
  return {
    a: { ...a, interactions: a.interactions.map((r, i) => (i === 1 ? { ...r, label: HOSTILE_LABEL } : r)) },
    mqls: mqls.map((m, i) => (i === 0 ? { ...m, leadId: HOSTILE_ID } : m)),
  };
}

interface Visit {
  readonly requests: string[];
  readonly errors: string[];
}

describe('HTML report in headless Chromium (real data)', { skip }, () => {
  let context: BrowserContext | undefined;
  let profile = '';
  const reports = new Map<string, string>();

  before(async () => {
    if (skip) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    mkdirSync(REPORTS, { recursive: true });
    for (const c of CASES) {
      const result = await analyze(loadMapping(mappingPath(c.mapping), c.dir));
      try {
        const { a, mqls } = withHostileData(result.analysis, result.mqls);
        const file = join(REPORTS, `${c.name}.html`);
        writeFileSync(file, await renderHtmlReport(a, mqls));
        reports.set(c.name, file);
      } finally {
        result.store.close();
      }
    }
    profile = mkdtempSync(join(tmpdir(), 'leadsift-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      offline: true,
    });
    // Belt and braces: whatever the page asks for beyond its own file is refused here (and
    // recorded by the page listener below), so a test run never reaches any host.
    await context.route(/^(?!file:)/, (route) => route.abort());
  });

  after(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function open(name: string, width: number, height: number): Promise<{ page: Page; visit: Visit; url: string }> {
    assert.ok(context, 'Chromium did not start');
    const url = pathToFileURL(reports.get(name)!).href;
    const page = await context.newPage();
    await page.setViewportSize({ width, height });
    const visit: Visit = { requests: [], errors: [] };
    page.on('request', (r) => visit.requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') visit.errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => visit.errors.push(`pageerror: ${e.message}`));
    await page.goto(url, { waitUntil: 'load' });
    return { page, visit, url };
  }

  for (const c of CASES) {
    for (const w of WIDTHS) {
      test(`${c.name} at ${w.name} width (${w.width} px): charts drawn, nothing loaded, no errors`, async () => {
        const { page, visit, url } = await open(c.name, w.width, w.height);
        try {
          const charts = await page.$$eval('figure.chart', (figures) =>
            figures.map((f) => {
              const svg = f.querySelector('svg.chart-svg');
              const box = svg?.getBoundingClientRect();
              const labelled = svg?.getAttribute('aria-labelledby') ?? '';
              return {
                id: f.id,
                marks: svg?.querySelectorAll('g.role-mark path, g.role-mark line, g.role-mark rect').length ?? 0,
                texts: svg?.querySelectorAll('g.role-mark text').length ?? 0,
                width: box?.width ?? 0,
                height: box?.height ?? 0,
                overflows: box ? box.right > document.documentElement.clientWidth + 0.5 : true,
                role: svg?.getAttribute('role'),
                title: document.getElementById(labelled)?.textContent ?? '',
                desc: svg?.querySelector('desc')?.textContent ?? '',
                tableRows: f.querySelectorAll('details table tbody tr').length,
              };
            }),
          );
          assert.deepEqual(charts.map((x) => x.id), c.charts);
          for (const chart of charts) {
            assert.ok(chart.marks > 0, `${chart.id}: no SVG marks drawn`);
            assert.ok(chart.texts > 0, `${chart.id}: no row labels`);
            assert.ok(chart.width > 200 && chart.height > 100, `${chart.id}: drawn ${chart.width}×${chart.height}`);
            assert.ok(!chart.overflows, `${chart.id}: wider than the page`);
            assert.equal(chart.role, 'img');
            assert.ok(chart.title.length > 5, `${chart.id}: no title`);
            assert.ok(chart.desc.length > 40, `${chart.id}: no description`);
            assert.ok(chart.tableRows > 0, `${chart.id}: no data table`);
          }

          const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(sideways <= 0, `the page scrolls sideways by ${sideways} px`);
          assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
          assert.ok((await page.locator('#mql-table tbody th', { hasText: HOSTILE_ID }).count()) === 1, 'hostile id shown as text');

          // The one inline script runs (its hash is in the CSP) and sorts the MQL table.
          const header = page.locator('#mql-table thead th', { hasText: 'estimated close rate' });
          const rates = () => page.$$eval('#mql-table tbody tr td:nth-child(5)', (tds) => tds.map((td) => Number(td.getAttribute('data-sort'))));
          const before = await rates();
          await header.locator('button').click();
          assert.equal(await header.getAttribute('aria-sort'), 'ascending');
          const after = await rates();
          assert.deepEqual(after, [...before].sort((x, y) => x - y));
          await header.locator('button').click();
          assert.equal(await header.getAttribute('aria-sort'), 'descending');

          await screenshots(page, `${c.name}-${w.name}`, w.width);

          assert.deepEqual(visit.errors, []);
          assert.deepEqual([...new Set(visit.requests)], [url], 'requests other than the report itself');
        } finally {
          await page.close();
        }
      });
    }

    test(`${c.name}: printed, the charts stay within the page`, async () => {
      const { page, visit } = await open(c.name, 1280, 900);
      try {
        await page.emulateMedia({ media: 'print' });
        const widest = await page.$$eval('svg.chart-svg', (svgs) => Math.max(...svgs.map((s) => s.getBoundingClientRect().right)));
        assert.ok(widest <= (await page.evaluate(() => document.documentElement.clientWidth)) + 0.5);
        await page.screenshot({ path: join(SCREENSHOTS, `${c.name}-print-top.png`) });
        await page.pdf({ path: join(OUTPUT, `${c.name}-report.pdf`), format: 'A4' });
        assert.deepEqual(visit.errors, []);
      } finally {
        await page.close();
      }
    });
  }
});

/** The first screen, each chart, and the start of the MQL table and data-quality section. */
async function screenshots(page: Page, prefix: string, width: number): Promise<void> {
  // Sorting scrolled the table to its clicked column; show it from its first column again.
  await page.$eval('#mql-table', (t) => t.parentElement!.scrollTo(0, 0));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, `${prefix}-top.png`) });
  for (const id of await page.$$eval('figure.chart', (f) => f.map((x) => x.id))) {
    await page.locator(`#${id} svg`).screenshot({ path: join(SCREENSHOTS, `${prefix}-${id}.png`) });
  }
  for (const section of ['mqls', 'data']) {
    // Page coordinates (a full-page clip), not the viewport's.
    const box = await page.$eval(`section#${section}`, (el) => {
      const r = el.getBoundingClientRect();
      return { y: r.top + window.scrollY, height: r.height };
    });
    await page.screenshot({
      path: join(SCREENSHOTS, `${prefix}-${section}.png`),
      fullPage: true,
      clip: { x: 0, y: box.y, width, height: Math.min(box.height, 1400) },
    });
  }
}
