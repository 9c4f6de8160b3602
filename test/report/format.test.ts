/**
 * Output formatting: spreadsheet-safe CSV cells, the mqls.csv layout, line wrapping and the
 * 80-column terminal summary (on the real Olist analysis when ../shared/datasets is present,
 * and on a small generated fixture otherwise).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Reason } from '../../src/core/reasons.js';
import { loadMapping, parseMapping, resolveFiles } from '../../src/data/mapping.js';
import { analyze, type Mql } from '../../src/jobs/analyze.js';
import { wrap } from '../../src/report/format.js';
import { renderSummary } from '../../src/report/terminal.js';
import { csvCell, mqlsCsv, spreadsheetSafe } from '../../src/report/write-outputs.js';
import { datasetDir, mappingPath, skipUnless } from '../real/datasets.js';

/** Terminal columns of a line: code points (the summary uses no wide characters). */
const columns = (line: string) => [...line].length;
const longLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => columns(l) > 80)
    .map((l) => `${columns(l)}: ${l}`);

describe('spreadsheetSafe', () => {
  test('prefixes an apostrophe to cells a spreadsheet would run as formulas', () => {
    assert.equal(spreadsheetSafe('=1+2'), "'=1+2");
    assert.equal(spreadsheetSafe('+44 20 7946'), "'+44 20 7946");
    assert.equal(spreadsheetSafe('-12'), "'-12");
    assert.equal(spreadsheetSafe('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(spreadsheetSafe('\t=cmd'), "'\t=cmd");
    assert.equal(spreadsheetSafe('\r=cmd'), "'\r=cmd");
  });

  test('leaves everything else alone', () => {
    for (const value of ['', 'L001', 'a=b', 'x+y', 'mail@example.com', ' =1', "'=already", '0.0500', '2024-01-01 00:00:00']) {
      assert.equal(spreadsheetSafe(value), value);
    }
  });
});

describe('csvCell', () => {
  test('plain values pass through unquoted', () => {
    assert.equal(csvCell('L001'), 'L001');
    assert.equal(csvCell('won'), 'won');
    assert.equal(csvCell(''), '');
    assert.equal(csvCell('0.1438'), '0.1438');
  });

  test('commas, quotes and line breaks are quoted, quotes doubled', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('cr\rhere'), '"cr\rhere"');
  });

  test('defuses first, then quotes: the apostrophe ends up inside the quotes', () => {
    assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
    assert.equal(csvCell('-1,5'), `"'-1,5"`);
    assert.equal(csvCell('\r=1'), `"'\r=1"`);
  });
});

describe('mqlsCsv', () => {
  const reason: Reason = { label: 'origin = organic_search', rate: 0.25, low: 0.1, high: 0.4, leads: 51, logOdds: 0.7 };
  const mqls: Mql[] = [
    { leadId: '=1+2', status: 'open', createdAt: new Date('2018-03-08T10:20:30Z'), estimate: 0.33456, reasons: [reason] },
    { leadId: 'plain, with comma', status: 'won', createdAt: null, estimate: 0.05, reasons: [] },
  ];

  test('writes the header, defused and quoted cells, 4-decimal estimates and UTC timestamps', () => {
    const lines = mqlsCsv(mqls).split('\n');
    assert.equal(lines[0], 'lead_id,status,created_at,estimated_close_rate,reason_1,reason_2,reason_3');
    // The reason holds a comma, so its cell is quoted; the two missing reasons are empty cells.
    assert.match(lines[1]!, /^'=1\+2,open,2018-03-08 10:20:30,0\.3346,"origin = organic_search: 25\.0 % \[[^"]*\], n = 51",,$/);
    assert.equal(lines[2], '"plain, with comma",won,,0.0500,,,');
    assert.equal(lines[3], '');
    assert.equal(lines.length, 4);
  });

  test('an empty list is the header alone', () => {
    assert.equal(mqlsCsv([]), 'lead_id,status,created_at,estimated_close_rate,reason_1,reason_2,reason_3\n');
  });
});

describe('wrap', () => {
  test('short lines are kept as they are', () => {
    const line = `  ${'x'.repeat(78)}`;
    assert.deepEqual(wrap(line), [line]);
  });

  test('long lines break at spaces, continue indented by two more, and lose no word', () => {
    const line = `  Ignoring the time rules it would read 10.5 % (841 of 8,000); the largest shifts per interaction are below.`;
    const lines = wrap(line);
    assert.ok(lines.length > 1);
    for (const l of lines) assert.ok(columns(l) <= 80, l);
    assert.ok(lines[0]!.startsWith('  Ignoring'));
    for (const l of lines.slice(1)) assert.match(l, /^ {4}\S/);
    assert.equal(lines.map((l) => l.trim()).join(' '), line.trim());
    // A percent sign stays with its number.
    assert.ok(!lines.some((l) => l.trimStart().startsWith('%')));
  });
});

describe('terminal summary of the Olist analysis', { skip: skipUnless(datasetDir('olist-marketing-funnel')) }, () => {
  let summary = '';
  before(async () => {
    if (skipUnless(datasetDir('olist-marketing-funnel'))) return;
    const result = await analyze(loadMapping(mappingPath('olist'), datasetDir('olist-marketing-funnel')));
    try {
      summary = renderSummary(result.analysis, result.mqls, { rows: 15, outDir: 'leadsift-out' });
    } finally {
      result.store.close();
    }
  });

  test('every line fits in 80 columns', (t) => {
    const long = longLines(summary);
    if (long.length) t.diagnostic(`lines over 80 columns:\n${long.join('\n')}`);
    assert.deepEqual(long, []);
  });

  test('states the real figures: leads, base rates with and without time rules, the reject', () => {
    const text = summary.replace(/\n +/g, ' ');
    assert.match(summary, /^leadsift analysis of 8,000 leads\n/);
    assert.ok(text.includes('As of 2018-11-14. Horizon 163 days'), text);
    assert.ok(text.includes('Outcomes recorded only from 2017-12-05'), text);
    assert.ok(text.includes('Left out: 1,780 open leads, created before outcomes were recorded.'), text);
    // 6,168 eligible, or 6,167 when the lead of the rejected deal is left out (see test/real/olist):
    // 789/6,168 has Wilson [0.119814, 0.136486], 789/6,167 [0.119833, 0.136508].
    assert.match(
      text,
      /Learning from (6,168 of 8,000 leads, 789 won: base close rate 12\.8 % \[12\.0-13\.6\]|6,167 of 8,000 leads, 789 won: base close rate 12\.8 % \[12\.0-13\.7\])\./,
    );
    assert.ok(text.includes('Ignoring the time rules it would read 10.5 % (841 of 8,000)'), text);
    assert.match(summary, / 1 {2}outcome_before_first_contact +olist_closed_deals_dataset\.csv/);
    assert.match(summary, /origin = organic_search +1,78[67] +257 +14\.4 % +12\.8-16\.1/);
  });
});

describe('terminal summary of a small fixture', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leadsift-format-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** 40 leads; interaction types include a 100-character URL with no space to break at. */
  const URL_TYPE = `https://example.com/pricing/enterprise/annual?utm_source=newsletter&utm_campaign=${'q'.repeat(19)}`;
  async function summaryFor(types: readonly string[]): Promise<string> {
    const leads = ['lead_id,created_at,segment'];
    const interactions = ['lead_id,type,occurred_at'];
    const deals = ['lead_id,status,closed_at'];
    for (let i = 0; i < 40; i++) {
      const d = String((i % 28) + 1).padStart(2, '0');
      leads.push(`L${i},2024-01-${d},${i % 2 ? 'smb' : 'enterprise'}`);
      interactions.push(`L${i},${types[i % types.length]},2024-01-${d} 12:00:00`);
      if (i % 3 !== 2) deals.push(`L${i},${i % 4 === 0 || i % 5 === 0 ? 'won' : 'lost'},2024-02-${d}`);
    }
    const sub = mkdtempSync(join(dir, 'case-'));
    writeFileSync(join(sub, 'leads.csv'), `${leads.join('\n')}\n`);
    writeFileSync(join(sub, 'interactions.csv'), `${interactions.join('\n')}\n`);
    writeFileSync(join(sub, 'deals.csv'), `${deals.join('\n')}\n`);
    const mapping = parseMapping({
      leads: { file: 'leads.csv', id: 'lead_id', created_at: 'created_at', fit: ['segment'] },
      interactions: { file: 'interactions.csv', lead_id: 'lead_id', type: 'type', occurred_at: 'occurred_at' },
      outcomes: { file: 'deals.csv', lead_id: 'lead_id', status: 'status', closed_at: 'closed_at', won: ['won'], lost: ['lost'] },
    });
    const result = await analyze(resolveFiles(mapping, sub), { horizonDays: 0 });
    try {
      return renderSummary(result.analysis, result.mqls, { rows: 15, outDir: 'out' });
    } finally {
      result.store.close();
    }
  }

  test('fits in 80 columns with ordinary names', async () => {
    const summary = await summaryFor(['webinar', 'demo', 'email']);
    assert.match(summary, /^leadsift analysis of 40 leads\n/);
    assert.deepEqual(longLines(summary), []);
  });

  test(
    'fits in 80 columns when an interaction type is a long URL',
    async () => {
      const summary = await summaryFor(['webinar', URL_TYPE]);
      assert.ok(summary.includes(URL_TYPE.slice(0, 20)));
      assert.deepEqual(longLines(summary), []);
    },
  );
});
