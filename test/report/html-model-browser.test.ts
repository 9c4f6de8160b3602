/**
 * `leadsift train --report` and `leadsift backtest --report` end to end: trained through the
 * command line (node --import tsx src/cli/main.ts) on UCI bank marketing (../shared/datasets)
 * and on a small seeded demo export (dated interactions, so the decay chart and a backtest),
 * then opened in Debian's Chromium (/usr/bin/chromium, never a downloaded build) via
 * playwright-core: every chart drawn, no console error, no request but the page itself.
 * Screenshots go to test-output/screenshots/model-*.png for a person to look at.
 *
 * Skips, saying why, when Chromium or the datasets are absent.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium, type BrowserContext } from 'playwright-core';
import { datasetDir, DATASETS, mappingPath } from '../real/datasets.js';
import { cli, REPO, show } from '../support/cli.js';
import { browserSkip, CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.js';

const SCREENSHOTS = join(REPO, 'test-output', 'screenshots');

const skip = browserSkip(DATASETS);




interface Case {
  readonly name: string;
  /** Chart ids the page must draw, in order. */
  readonly charts: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'bank', charts: ['chart-model-reliability', 'chart-model-gains', 'chart-model-drivers'] },
  { name: 'demo', charts: ['chart-model-reliability', 'chart-model-gains', 'chart-model-drivers', 'chart-model-decay'] },
  { name: 'demo-backtest', charts: ['chart-backtest-reliability', 'chart-backtest-gains'] },
];

describe('model and backtest reports in headless Chromium', { skip }, () => {
  const root = mkdtempSync(join(tmpdir(), 'leadsift-model-report-'));
  const pages = new Map<string, string>();
  let context: BrowserContext | undefined;
  let profile = '';

  before(async () => {
    if (skip) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const bankReport = join(root, 'reports', 'bank', 'model.html');
    const demoData = join(root, 'demo-data');
    const [bank, demo] = await Promise.all([
      cli([
        'train', datasetDir('uci-bank-marketing'), '--mapping', mappingPath('bank-marketing'), '--folds', '3', '--quiet',
        '--model', join(root, 'bank-model.json'), '--report', bankReport,
      ]),
      cli(['demo', '--leads', '3000', '--data', demoData, '--out', join(root, 'demo-out'), '--quiet']),
    ]);
    assert.equal(bank.code, 0, show(bank));
    assert.ok(bank.stdout.includes(`Report: ${bankReport}`), show(bank));
    assert.equal(demo.code, 0, show(demo));
    pages.set('bank', bankReport);
    // The backtest's cut-off: the median created date of the demo's leads (dated from today).
    const created = readFileSync(join(demoData, 'leads.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]!.slice(0, 10)).sort();
    const cutoff = created[Math.floor(created.length / 2)]!;
    const [train, backtest] = await Promise.all([
      cli(['train', demoData, '--folds', '3', '--quiet', '--model', join(root, 'demo-model.json'), '--report', join(root, 'demo.html')]),
      cli(['backtest', demoData, '--folds', '3', '--quiet', '--cutoff', cutoff, '--report', join(root, 'demo-backtest.html')]),
    ]);
    assert.equal(train.code, 0, show(train));
    assert.equal(backtest.code, 0, show(backtest));
    pages.set('demo', join(root, 'demo.html'));
    pages.set('demo-backtest', join(root, 'demo-backtest.html'));

    profile = mkdtempSync(join(tmpdir(), 'leadsift-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, offline: true });
    // Whatever the page asks for beyond its own file is refused, so no test reaches any host.
    await context.route(/^(?!file:)/, (route) => route.abort());
  });

  after(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });

  for (const c of CASES) {
    for (const w of [
      { name: 'desktop', width: 1280, height: 900 },
      { name: 'phone', width: 390, height: 844 },
    ]) {
      test(`${c.name} at ${w.name} width: every chart drawn, nothing loaded, no errors`, async () => {
        assert.ok(context, 'Chromium did not start');
        const url = pathToFileURL(pages.get(c.name)!).href;
        const page = await context.newPage();
        const requests: string[] = [];
        const errors: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
        try {
          await page.setViewportSize({ width: w.width, height: w.height });
          await page.goto(url, { waitUntil: 'load' });
          const charts = await page.$$eval('figure.chart', (figures) =>
            figures.map((f) => {
              const svg = f.querySelector('svg.chart-svg');
              const box = svg?.getBoundingClientRect();
              return {
                id: f.id,
                marks: svg?.querySelectorAll('g.role-mark path, g.role-mark line, g.role-mark rect').length ?? 0,
                width: box?.width ?? 0,
                height: box?.height ?? 0,
                overflows: box ? box.right > document.documentElement.clientWidth + 0.5 : true,
                desc: svg?.querySelector('desc')?.textContent ?? '',
                tableRows: f.querySelectorAll('details table tbody tr').length,
              };
            }),
          );
          assert.deepEqual(charts.map((x) => x.id), c.charts);
          for (const chart of charts) {
            assert.ok(chart.marks > 0, `${chart.id}: no SVG marks drawn`);
            assert.ok(chart.width > 200 && chart.height > 100, `${chart.id}: drawn ${chart.width}×${chart.height}`);
            assert.ok(!chart.overflows, `${chart.id}: wider than the page`);
            assert.ok(chart.desc.length > 40, `${chart.id}: no description`);
            assert.ok(chart.tableRows > 0, `${chart.id}: no data table`);
          }
          const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(sideways <= 0, `the page scrolls sideways by ${sideways} px`);
          if (!c.name.includes('backtest')) {
            assert.equal(await page.locator('section#threshold table tbody tr.chosen').count(), 1);
          }

          await page.screenshot({ path: join(SCREENSHOTS, `model-${c.name}-${w.name}-top.png`) });
          for (const chart of charts) {
            await page.locator(`#${chart.id} svg`).screenshot({ path: join(SCREENSHOTS, `model-${c.name}-${w.name}-${chart.id}.png`) });
          }
          const threshold = page.locator('section#threshold');
          if ((await threshold.count()) === 1) {
            await threshold.screenshot({ path: join(SCREENSHOTS, `model-${c.name}-${w.name}-threshold.png`) });
          }
          assert.deepEqual(errors, []);
          assert.deepEqual([...new Set(requests)], [url], 'requests other than the report itself');
        } finally {
          await page.close();
        }
      });
    }
  }
});

describe('--report on train and backtest: refusals', { concurrency: true }, () => {
  const root = mkdtempSync(join(tmpdir(), 'leadsift-model-report-cli-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  /** A small normalised export: 80 leads, interactions and deals. */
  function exportFolder(name: string): string {
    const dir = join(root, name);
    mkdirSync(dir);
    const leads = ['lead_id,created_at,segment'];
    const interactions = ['lead_id,type,occurred_at'];
    const deals = ['lead_id,status,closed_at'];
    for (let i = 0; i < 80; i++) {
      const d = String((i % 28) + 1).padStart(2, '0');
      const type = ['webinar', 'demo', 'email'][i % 3]!;
      leads.push(`L${i},2024-01-${d},${i % 2 ? 'smb' : 'enterprise'}`);
      interactions.push(`L${i},${type},2024-01-${d} 12:00:00`);
      deals.push(`L${i},${(type === 'demo' ? i % 2 === 0 : i % 5 === 0) ? 'won' : 'lost'},2024-02-${d}`);
    }
    writeFileSync(join(dir, 'leads.csv'), `${leads.join('\n')}\n`);
    writeFileSync(join(dir, 'interactions.csv'), `${interactions.join('\n')}\n`);
    writeFileSync(join(dir, 'deals.csv'), `${deals.join('\n')}\n`);
    return dir;
  }

  test('train refuses to write the report over an input file or the model file, before any work', async () => {
    const data = exportFolder('train');
    const leads = join(data, 'leads.csv');
    const before = readFileSync(leads, 'utf8');
    const model = join(root, 'train-model.json');
    const input = await cli(['train', data, '--quiet', '--model', model, '--report', leads]);
    assert.equal(input.code, 2, show(input));
    assert.match(input.stderr, /--report .*leads\.csv is an input file; the report would overwrite it/);
    assert.equal(readFileSync(leads, 'utf8'), before);
    assert.ok(!existsSync(model), 'nothing was trained or written');
    const same = await cli(['train', data, '--quiet', '--model', model, '--report', model]);
    assert.equal(same.code, 2, show(same));
    assert.match(same.stderr, /is also the --model file/);
    const folder = await cli(['train', data, '--quiet', '--model', model, '--report', data]);
    assert.equal(folder.code, 2, show(folder));
    assert.match(folder.stderr, /is a folder; give a file name/);
  });

  test('backtest refuses an input file too', async () => {
    const data = exportFolder('backtest');
    const deals = join(data, 'deals.csv');
    const before = readFileSync(deals, 'utf8');
    const r = await cli(['backtest', data, '--quiet', '--cutoff', '2024-01-15', '--report', deals]);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /is an input file/);
    assert.equal(readFileSync(deals, 'utf8'), before);
  });
});
