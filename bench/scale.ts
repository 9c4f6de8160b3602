import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureData } from './scale-data.js';
import { formatDuration, killCurrentChild, parseDuration, ROOT, runNode } from './scale-child.js';
import {
  cellsOf,
  combinedTable,
  formatBytes,
  formatMs,
  JOBS,
  leadsPerSecond,
  parseSize,
  rawSteps,
  sizeLabel,
  STEP_ROWS,
  verdicts,
  type JobName,
  type JobReport,
  type JobRun,
  type SizeResult,
} from './scale-report.js';

/**
 * `npm run bench:scale`: wall time and peak memory of import, close rates, fit profile, the
 * whole analyze, training and scoring at 100k, 1M and 10M leads (about 30 interactions
 * each), beside the floor (DuckDB counting the interactions by lead and type), each job in a
 * fresh process. Prints a table per size, a combined one and a verdict per target, and writes
 * everything as JSON to bench-results/. See README "Benchmarks at scale".
 */
const USAGE = `usage: npm run bench:scale -- [options]
  --sizes <list>        lead counts, e.g. 100k,1M (default 100k,1M,10M)
  --repeats <n>         runs of each job per size, medians reported
                        (default 3 below 1M leads, 1 from 1M on; the floor runs at least 3×)
  --jobs <list>         of ${JOBS.join(',')} (default all)
  --data <dir>          cache folder for generated data, one sub-folder per size and seed
                        (default ${join(tmpdir(), 'leadsift-bench-scale')})
  --seed <n>            generator seed (default 1)
  --interactions-per-lead <n>   (default 30)
  --timeout <t>         per job, e.g. 90s, 30m, 2h, none (default 60m)
  --out <file>          results JSON (default bench-results/scale-<date>.json)
  --from <file>         print the tables and verdicts of an earlier results JSON; runs nothing`;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100k,1M,10M' },
    repeats: { type: 'string' },
    jobs: { type: 'string', default: JOBS.join(',') },
    data: { type: 'string', default: join(tmpdir(), 'leadsift-bench-scale') },
    seed: { type: 'string', default: '1' },
    'interactions-per-lead': { type: 'string', default: '30' },
    timeout: { type: 'string', default: '60m' },
    out: { type: 'string' },
    from: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const NOTE =
  'Time: median in-process wall time; step rows are the analyze job\'s steps, mapped by ' +
  'bench/scale-report.ts STEP_ROWS. Peak RSS of a step row: the process\'s peak by the end ' +
  'of that step. × floor: time over the same size\'s floor. Growth: time ratio between sizes, ' +
  'the data ratio in the header.';

function printSize(size: SizeResult): void {
  console.log(`\n${combinedTable([size])}\n\n  raw steps (median over runs; rss at the step's end, peak so far):\n${rawSteps(size)}`);
}

function printSummary(all: readonly SizeResult[]): void {
  console.log('\n== all sizes ==');
  console.log(combinedTable(all));
  console.log(`\n${NOTE}`);
  console.log('\n== targets ==');
  for (const line of verdicts(all)) console.log(`  ${line}`);
}

if (values.from !== undefined) {
  const earlier = JSON.parse(readFileSync(values.from, 'utf8')) as { started?: string; sizes: SizeResult[] };
  console.log(`bench:scale results of ${earlier.started ?? values.from}`);
  for (const size of earlier.sizes) {
    console.log(`\n== ${size.label} leads ==\n  data: ${size.generation}`);
    printSize(size);
  }
  printSummary(earlier.sizes);
  process.exit(0);
}

const sizes = [...new Set(values.sizes.split(',').map(parseSize))].sort((a, b) => a - b);
const seed = Number(values.seed);
const perLead = Number(values['interactions-per-lead']);
const timeoutMs = parseDuration(values.timeout);
const jobs = values.jobs.split(',').map((j) => j.trim()) as JobName[];
for (const job of jobs) if (!JOBS.includes(job)) throw new Error(`unknown job "${job}"; choose from ${JOBS.join(', ')}`);
const repeatsFor = (leads: number) => (values.repeats !== undefined ? Number(values.repeats) : leads < 1e6 ? 3 : 1);
if (values.repeats !== undefined && !(Number.isInteger(Number(values.repeats)) && Number(values.repeats) >= 1)) {
  throw new Error('--repeats must be a whole number, 1 or more');
}
if (!Number.isSafeInteger(seed)) throw new Error('--seed must be a whole number');
if (!(perLead > 0)) throw new Error('--interactions-per-lead must be a positive number');
const FLOOR_MIN_RUNS = 3;

const started = new Date();
const stamp = started.toISOString().replace(/\.\d+Z$/, '').replaceAll(':', '');
const outFile = resolve(values.out ?? join(ROOT, 'bench-results', `scale-${stamp}.json`));
const results: SizeResult[] = [];
const meta = {
  started: started.toISOString(),
  node: process.version,
  cpus: cpus().length,
  memory: totalmem(),
  seed,
  interactionsPerLead: perLead,
  timeoutMs: Number.isFinite(timeoutMs) ? timeoutMs : null,
  stepMapping: STEP_ROWS,
};

/** The results so far: medians per row and size, the verdicts, then every run in full. */
function save(): void {
  mkdirSync(resolve(outFile, '..'), { recursive: true });
  const summary = results.map((size) => ({
    size: size.label,
    leads: size.leads,
    interactions: size.interactions,
    leadsPerSecond: leadsPerSecond(size) ?? null,
    rows: Object.fromEntries(
      [...cellsOf(size)].map(([row, cell]) => [
        row,
        cell.runs > 0 ? { ms: cell.ms, peakRss: cell.peakRss, runs: cell.runs, failures: cell.failures } : { failures: cell.failures },
      ]),
    ),
  }));
  const body = { ...meta, verdicts: verdicts(results), summary, sizes: results };
  writeFileSync(outFile, `${JSON.stringify(body, null, 2)}\n`);
}

// One folder per size for the jobs' outputs and model; removed at the end (or on Ctrl-C).
const runDir = mkdtempSync(join(tmpdir(), 'leadsift-bench-scale-work-'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killCurrentChild();
    save();
    rmSync(runDir, { recursive: true, force: true });
    console.log(`\ninterrupted; partial results in ${outFile}`);
    process.exit(130);
  });
}

console.log(
  `bench:scale — sizes ${sizes.map(sizeLabel).join(', ')}, ~${perLead} interactions per lead, seed ${seed}; ` +
    `${cpus().length} cores, ${formatBytes(totalmem())} memory, Node ${process.version}; ` +
    `timeout ${formatDuration(timeoutMs)} per job.\n` +
    'Each job runs in a fresh process; time is its in-process wall time (Node start-up excluded), ' +
    'peak RSS the process\'s maxRSS (DuckDB included).',
);

/**
 * The model score and score-core read: this size's, else (train failed or was not asked for)
 * the one trained at the largest smaller size, copied in and named in a note.
 */
function modelFor(job: JobName, workDir: string): { note?: string } | Error {
  if (job !== 'score' && job !== 'score-core') return {};
  if (existsSync(join(workDir, 'model.json'))) return {};
  const earlier = results
    .filter((s) => existsSync(join(runDir, s.label, 'model.json')) && join(runDir, s.label) !== workDir)
    .sort((a, b) => b.leads - a.leads)[0];
  if (!earlier) return new Error('skipped: no model (train did not run or failed)');
  copyFileSync(join(runDir, earlier.label, 'model.json'), join(workDir, 'model.json'));
  const note = `used the model trained at ${earlier.label} (no model was trained at this size)`;
  writeFileSync(join(workDir, BORROWED), note);
  return { note };
}

/** Beside a model.json copied from another size: the note saying so. */
const BORROWED = 'model-borrowed.txt';

async function runJob(job: JobName, dir: string, workDir: string): Promise<JobRun> {
  const model = modelFor(job, workDir);
  if (model instanceof Error) return { job, ok: false, processMs: 0, failure: model.message };
  const borrowed = join(workDir, BORROWED);
  const readsModel = job === 'score' || job === 'score-core';
  const note = model.note ?? (readsModel && existsSync(borrowed) ? readFileSync(borrowed, 'utf8') : undefined);
  const child = await runNode('bench/scale-step.ts', [job, dir, workDir], timeoutMs);
  // Outputs are removed at once: at 10M they are large, and nothing reads them.
  for (const out of ['analyze-out', 'score-out']) rmSync(join(workDir, out), { recursive: true, force: true });
  // A model trained here replaces a borrowed one.
  if (job === 'train' && child.ok) rmSync(borrowed, { force: true });
  if (!child.ok) {
    const detail = child.errorLines;
    return { job, ok: false, processMs: child.ms, failure: child.failure!, ...(detail && { detail }) };
  }
  try {
    const report = JSON.parse(child.lastLine) as JobReport;
    return { job, ok: true, processMs: child.ms, report, ...(note && { note }) };
  } catch {
    return { job, ok: false, processMs: child.ms, failure: 'no JSON result line', detail: child.lastLine.slice(0, 200) };
  }
}

function describe(label: string, run: JobRun, index: string): string {
  const head = `  ${label} ${run.job.padEnd(10)} ${index}`;
  if (!run.ok) return `${head}: ${run.failure.startsWith('skipped') ? run.failure : `FAILED, ${run.failure}`}${run.detail ? `\n      ${run.detail}` : ''}`;
  const rate = run.report.extra['leadsPerSecond'];
  return (
    `${head}: ${formatMs(run.report.ms)}, peak RSS ${formatBytes(run.report.peakRss)}` +
    (typeof rate === 'number' ? `, predict ${(rate / 1e6).toFixed(2)} M leads/s` : '') +
    (run.note ? ` (${run.note})` : '')
  );
}

for (const leads of sizes) {
  const label = sizeLabel(leads);
  console.log(`\n== ${label} leads ==`);
  const data = await ensureData(resolve(values.data), label, leads, seed, perLead);
  if (data instanceof Error) {
    console.log(`  data: ${data.message}; every job at ${label} is skipped`);
    results.push({
      label,
      leads,
      interactions: null,
      generation: `failed: ${data.message}`,
      runs: jobs.map((job) => ({ job, ok: false, processMs: 0, failure: `skipped: no data (${data.message})` })),
    });
    save();
    continue;
  }
  console.log(
    `  data: ${data.interactions === null ? '' : `${data.interactions.toLocaleString('en-US')} interactions; `}${data.generation}`,
  );
  const size: SizeResult & { runs: JobRun[] } = {
    label,
    leads,
    interactions: data.interactions,
    generation: data.generation,
    runs: [],
  };
  results.push(size);
  const work = join(runDir, label);
  mkdirSync(work, { recursive: true });
  const repeats = repeatsFor(leads);
  const floorRuns = jobs.includes('floor') ? Math.max(repeats, FLOOR_MIN_RUNS) : 0;
  // Rounds interleave the jobs, so a slow spell on the shared machine hits them alike.
  for (let round = 0; round < Math.max(repeats, floorRuns); round++) {
    for (const job of jobs) {
      const total = job === 'floor' ? floorRuns : repeats;
      if (round >= total) continue;
      const run = await runJob(job, data.dir, work);
      size.runs.push(run);
      console.log(describe(label, run, `${round + 1}/${total}`));
      save();
    }
  }
  printSize(size);
}

printSummary(results);
save();
rmSync(runDir, { recursive: true, force: true });
console.log(`\nresults: ${outFile}`);
