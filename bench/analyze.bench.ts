import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFunnelCsv } from '../src/synth/csv.js';

/**
 * Wall time and peak memory of `analyze`, each case run in its own process several times;
 * medians are printed because this machine is shared and single runs are noisy.
 */
const runs = Number(process.env['BENCH_RUNS'] ?? 3);
const root = resolve(import.meta.dirname, '..');
const shared = resolve(root, '../shared/datasets');
const cache = join(root, 'bench/.cache');

interface Sample {
  ms: number;
  maxRssMb: number;
  leads: number;
  interactions: number;
}

function measure(args: string[], script = 'bench/run-one.ts'): Sample[] {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(root, script), ...args], {
      cwd: root,
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`bench run failed: ${child.stderr}`);
    samples.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as Sample);
  }
  return samples;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function report(name: string, samples: Sample[]): void {
  const s = samples[0]!;
  console.log(
    `${name.padEnd(34)} ${s.leads.toLocaleString('en-US').padStart(9)} leads ` +
      `${s.interactions.toLocaleString('en-US').padStart(10)} interactions  ` +
      `median ${(median(samples.map((x) => x.ms)) / 1000).toFixed(2)} s ` +
      `(min ${(Math.min(...samples.map((x) => x.ms)) / 1000).toFixed(2)})  ` +
      `peak RSS ${median(samples.map((x) => x.maxRssMb)).toFixed(0)} MB`,
  );
}

console.log(
  `${runs} runs per case, each in a fresh process; analyze times include reading files, ` +
    'the training case times training alone',
);
const bank = join(shared, 'uci-bank-marketing');
if (existsSync(bank)) {
  report('bank-additional-full.csv', measure(['mapping', bank, join(root, 'mappings/bank-marketing.yaml')]));
  report('train the model on bank (training only)', measure([shared, 'bank'], 'bench/train-one.ts'));
} else {
  console.log('bank-additional-full.csv: skipped, ../shared/datasets is absent');
}
const demo = join(cache, 'demo-100k');
if (!existsSync(join(demo, 'truth.json'))) {
  const generated = performance.now();
  await writeFunnelCsv({ seed: 1, leads: 100_000 }, demo);
  console.log(`(generated the 100k-lead demo in ${((performance.now() - generated) / 1000).toFixed(1)} s)`);
}
report('demo, 100k leads', measure(['guess', demo]));
