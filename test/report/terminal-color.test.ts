import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { AnalyzeResult } from '../../src/jobs/analyze.js';
import { analyze } from '../../src/jobs/analyze.js';
import { guessMapping } from '../../src/data/guess-mapping.js';
import { openStore } from '../../src/data/store.js';
import { visibleLength } from '../../src/report/format.js';
import { renderSummary } from '../../src/report/terminal.js';
import { writeFunnelCsv } from '../../src/synth/csv.js';

const dir = mkdtempSync(join(tmpdir(), 'leadsift-colour-'));
let result: AnalyzeResult;
before(async () => {
  await writeFunnelCsv({ seed: 3, leads: 20000 }, dir);
  const scratch = await openStore();
  const mapping = await guessMapping(scratch, [dir]).finally(() => scratch.close());
  result = await analyze(mapping);
  result.store.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

const ESCAPE = /\u001b\[/;

test('verdicts are coloured only when asked, and coloured lines still fit 80 columns', () => {
  const plain = renderSummary(result.analysis, result.mqls, { rows: 15 });
  const coloured = renderSummary(result.analysis, result.mqls, { rows: 15, color: true });
  assert.doesNotMatch(plain, ESCAPE);
  assert.match(coloured, /\u001b\[32mQUALIFIES\u001b\[39m/);
  for (const line of coloured.split('\n')) assert.ok(visibleLength(line) <= 80, line);
  assert.equal(coloured.replace(/\u001b\[[0-9;]*m/g, ''), plain);
});
