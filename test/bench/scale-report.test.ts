import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  combinedTable,
  formatBytes,
  parseSize,
  rowOfStep,
  sizeLabel,
  verdicts,
  type JobName,
  type JobRun,
  type SizeResult,
} from '../../bench/scale-report.js';

test('step names map to the table rows by substring, first match wins', () => {
  assert.equal(rowOfStep('reading and checking the files'), 'import');
  assert.equal(rowOfStep('applying the time rules'), 'time rules and lead features');
  assert.equal(rowOfStep("counting each lead's interactions before its decision"), 'time rules and lead features');
  assert.equal(rowOfStep('encoding the fit attributes'), 'time rules and lead features');
  assert.equal(rowOfStep('close rates and fit profile'), 'close rates + fit profile (one step)');
  assert.equal(rowOfStep('Close rates per interaction'), 'close-rate analysis');
  assert.equal(rowOfStep('the fit profile'), 'fit profile');
  // Names a close rate too, but is the per-lead estimate.
  assert.equal(rowOfStep("estimating every lead's close rate"), 'lead estimates and MQLs');
  assert.equal(rowOfStep('something new'), 'other analyze steps');
});

test('sizes read and print as 100k, 1M, 10M', () => {
  assert.deepEqual(['100k', '1M', '10M', '2.5M', '1500'].map(parseSize), [1e5, 1e6, 1e7, 2.5e6, 1500]);
  assert.deepEqual([1e5, 1e6, 1e7, 2.5e6, 1234].map(sizeLabel), ['100k', '1M', '10M', '2.5M', '1234']);
  assert.throws(() => parseSize('ten'));
  assert.equal(formatBytes(7.9e9), '7.90 GB');
});

function run(job: JobName, ms: number, peakRss: number, steps: [string, number][] = [], extra = {}): JobRun {
  return {
    job,
    ok: true,
    processMs: ms + 500,
    report: {
      job,
      ms,
      peakRss,
      steps: steps.map(([name, stepMs]) => ({ name, ms: stepMs, rssStart: 0, rssEnd: 0, peakEnd: peakRss })),
      extra,
    },
  };
}

function size(leads: number, analyzeMs: number, floorMs: number, rate: number): SizeResult {
  return {
    label: sizeLabel(leads),
    leads,
    interactions: leads * 30,
    generation: 'reused',
    runs: [
      run('floor', floorMs, 1e8),
      run('floor', floorMs * 3, 1e8),
      run('floor', floorMs, 1e8),
      run('analyze', analyzeMs, 2e9, [
        ['reading and checking the files', analyzeMs / 2],
        ['close rates and fit profile', analyzeMs / 2],
      ]),
      { job: 'train', ok: false, processMs: 1000, failure: 'signal SIGKILL (killed from outside: out of memory?)' },
      { job: 'score', ok: false, processMs: 0, failure: 'skipped: no model (train did not run or failed)' },
      run('score-core', 1000, 3e8, [], { predictMedianMs: (leads / rate) * 1000, leadsPerSecond: rate }),
    ],
  };
}

test('the combined table shows ratios to the floor, growth and failures', () => {
  const text = combinedTable([size(1e6, 3000, 1000, 2e6), size(1e7, 40_000, 10_000, 5e5)]);
  assert.match(text, /1M→10M \(data 10\.0×\)/);
  assert.match(text, /whole analyze +3\.00 s +2\.00 GB +3\.00× +40\.0 s +2\.00 GB +4\.00× +13\.3×/);
  assert.match(text, /import +1\.50 s/);
  assert.match(text, /training \(whole train job\) +FAILED \(signal SIGKILL/);
  assert.match(text, /scoring every lead \(whole score job\) +skipped/);
  assert.match(text, /leads per second +2\.00 M\/s .* 500 k\/s/);
});

test('verdicts name the figure, the target and met or missed', () => {
  const lines = verdicts([size(1e6, 3000, 1000, 2e6), size(1e7, 40_000, 10_000, 5e5)]);
  assert.deepEqual(lines, [
    'analyze 1M: 3.00 s = 3.00× floor (1.00 s) (target ≤ 3×): met',
    'analyze 10M completes (target: completes): met, in 40.0 s',
    'analyze 10M peak RSS: 2.00 GB (target < 8.00 GB): met',
    'analyze growth 1M→10M: 13.3× the time for 10.0× the leads (target ≤ 10.0×, linear): missed',
    'scoring built features at 10M: 500 k leads/s (target ≥ 1.00 M leads/s): missed',
  ]);
  assert.match(verdicts([size(1e5, 1, 1, 1)])[0]!, /not measured \(1M not in --sizes\)/);
});
