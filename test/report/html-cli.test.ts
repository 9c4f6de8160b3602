/**
 * `--report FILE` on `analyze` and `demo`, end to end through the command line
 * (`node --import tsx src/cli/main.ts`), in a fresh temporary folder: the report is written
 * after the other outputs, never over an input file or one of the --out files, and --json
 * keeps stdout pure JSON.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cli, show } from '../support/cli.js';

const ROOT = mkdtempSync(join(tmpdir(), 'leadsift-report-cli-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));



let cases = 0;
/** A small normalised export: 60 leads, interactions, deals; one lead id is hostile. */
function exportFolder(): string {
  const dir = join(ROOT, `case-${++cases}`);
  mkdirSync(dir);
  const leads = ['lead_id,created_at,segment'];
  const interactions = ['lead_id,type,occurred_at'];
  const deals = ['lead_id,status,closed_at'];
  for (let i = 0; i < 60; i++) {
    const id = i === 0 ? '"<script>alert(1)</script>"' : `L${i}`;
    const d = String((i % 28) + 1).padStart(2, '0');
    const type = ['webinar', 'demo', 'email'][i % 3]!;
    leads.push(`${id},2024-01-${d},${i % 2 ? 'smb' : 'enterprise'}`);
    interactions.push(`${id},${type},2024-01-${d} 12:00:00`);
    const won = type === 'demo' ? i % 2 === 0 : i % 5 === 0;
    deals.push(`${id},${won ? 'won' : 'lost'},2024-02-${d}`);
  }
  writeFileSync(join(dir, 'leads.csv'), `${leads.join('\n')}\n`);
  writeFileSync(join(dir, 'interactions.csv'), `${interactions.join('\n')}\n`);
  writeFileSync(join(dir, 'deals.csv'), `${deals.join('\n')}\n`);
  return dir;
}

describe('--report', { concurrency: true }, () => {
  test('analyze writes the report after the outputs, into a folder it creates', async () => {
    const data = exportFolder();
    const out = join(data, '..', `out-${cases}`);
    const report = join(data, '..', `reports-${cases}`, 'nested', 'report.html');
    const r = await cli(['analyze', data, '--out', out, '--report', report, '--horizon-days', '0']);
    assert.equal(r.code, 0, show(r));
    assert.ok(existsSync(join(out, 'mqls.csv')), show(r));
    const page = readFileSync(report, 'utf8');
    assert.match(page, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.ok(page.includes('<h2 id="interactions-h">Close rate per interaction</h2>'));
    assert.ok(page.includes(join(out, 'mqls.csv')), 'names where mqls.csv was written');
    assert.ok(!page.includes('<script>alert(1)'), 'the hostile lead id is escaped');
    assert.ok(r.stdout.includes(`Report: ${report}`), show(r));
  });

  test('with --json, stdout stays one JSON document', async () => {
    const data = exportFolder();
    const report = join(data, '..', `report-${cases}.html`);
    const r = await cli(['analyze', data, '--out', join(data, '..', `out-${cases}`), '--report', report, '--json', '--horizon-days', '0']);
    assert.equal(r.code, 0, show(r));
    assert.equal((JSON.parse(r.stdout) as { version: number }).version, 1);
    assert.ok(existsSync(report));
  });

  test('refuses, before any work, to write over an input file or an --out file', async () => {
    const data = exportFolder();
    const leads = join(data, 'leads.csv');
    const before = readFileSync(leads, 'utf8');
    const out = join(data, '..', `out-${cases}`);
    const input = await cli(['analyze', data, '--out', out, '--report', leads]);
    assert.equal(input.code, 2, show(input));
    assert.match(input.stderr, /--report .*leads\.csv is an input file; the report would overwrite it/);
    assert.equal(readFileSync(leads, 'utf8'), before);
    assert.ok(!existsSync(out), 'nothing was written');

    const output = await cli(['analyze', data, '--out', out, '--report', join(out, 'analysis.json')]);
    assert.equal(output.code, 2, show(output));
    assert.match(output.stderr, /is one of the files written into --out/);

    const folder = await cli(['analyze', data, '--out', out, '--report', data]);
    assert.equal(folder.code, 2, show(folder));
    assert.match(folder.stderr, /--report .* is a folder; give a file name/);

    const inFile = await cli(['analyze', data, '--out', out, '--report', join(leads, 'report.html')]);
    assert.equal(inFile.code, 2, show(inFile));
    assert.match(inFile.stderr, /lies inside .*leads\.csv, which is a file/);
  });

  test('demo writes the report too', async () => {
    const dir = join(ROOT, `demo-${++cases}`);
    const report = join(dir, 'report.html');
    const r = await cli(['demo', '--leads', '600', '--data', join(dir, 'data'), '--out', join(dir, 'out'), '--report', report]);
    assert.equal(r.code, 0, show(r));
    const page = readFileSync(report, 'utf8');
    assert.ok(page.includes('<h2 id="funnel-h">Call everyone, or call the MQLs</h2>'));
    assert.ok(page.includes('leads.csv'));
  });
});
