import { join } from 'node:path';
import { Command } from 'commander';
import { DuckDBInstance } from '@duckdb/node-api';
import { addModelCommands } from '../src/cli/model-commands.js';
import { runAnalyze } from '../src/cli/run-analyze.js';
import * as modelApi from '../src/core/model/index.js';
import type { AdditiveModel } from '../src/core/model/additive-model.js';
import type { ScoringInput } from '../src/core/model/predict.js';
import { guessMapping } from '../src/data/guess-mapping.js';
import { literal, openStore } from '../src/data/store.js';
import { readModelFile } from '../src/jobs/model-file.js';
import { modelInputs } from '../src/jobs/score.js';
import type { JobName, JobReport, StepRecord } from './scale-report.js';

/**
 * One measured job of `npm run bench:scale`, in a fresh process so its peak memory is its
 * own. Prints one JSON line (a JobReport) as the last line of stdout.
 *
 *   node --import tsx bench/scale-step.ts <job> <data dir> <work dir>
 *
 * job: floor | analyze | train | score | score-core. train writes <work dir>/model.json,
 * which score and score-core read. Outputs go under <work dir>; the caller removes them.
 *
 * analyze, train and score are the CLI commands themselves, run in this process through
 * their exported entry points with the CLI's defaults and --verbose: the CLI's own Progress
 * then logs each finished step with its time on stderr ("  <step>: 1.23 s", as
 * test/cli/terminal-progress.test.ts pins down), and the harness reads those lines as they are
 * written, taking the process's memory at each step boundary. So the jobs are measured
 * exactly as a user runs them, whatever their internals become.
 */
const [job, dataDir, workDir] = process.argv.slice(2) as [JobName, string, string];
if (workDir === undefined) throw new Error('usage: scale-step.ts <job> <data dir> <work dir>');
const modelPath = join(workDir, 'model.json');

/** Bytes: the process's peak resident set so far (Linux reports KiB), DuckDB's memory included. */
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

/**
 * Steps as the CLI's --verbose progress reports them, plus the harness's own around them.
 * `bench(name)` opens a harness step (named "(bench) …"); the CLI's lines close theirs.
 */
function recorder() {
  const steps: StepRecord[] = [];
  const jobStart = performance.now();
  let boundary = { at: jobStart, rss: process.memoryUsage.rss() };
  let open: { name: string; since: number; rssStart: number; peakStart: number } | undefined;
  const push = (name: string, ms: number, rssStart: number, memory?: { rss: number; peak: number }) => {
    const rss = memory?.rss ?? process.memoryUsage.rss();
    steps.push({ name, ms, rssStart, rssEnd: rss, peakEnd: memory?.peak ?? peakRss() });
    boundary = { at: performance.now(), rss: process.memoryUsage.rss() };
  };
  /** Closes a harness step, if one is open. */
  const close = () => {
    if (open) push(open.name, performance.now() - open.since, open.rssStart);
    open = undefined;
  };
  return {
    steps,
    bench(name: string) {
      close();
      open = { name, since: performance.now(), rssStart: process.memoryUsage.rss(), peakStart: peakRss() };
    },
    /** A step the CLI reported finished, `ms` long: time before it that no step covers is the harness's. */
    cliStep(name: string, ms: number) {
      const now = performance.now();
      const gap = now - ms - (open ? open.since : boundary.at);
      const rssStart = open ? open.rssStart : boundary.rss;
      if (open) {
        // The harness step open before the job (guessing the mapping, checks) ends where the
        // job's first step began. That is known only now, so its memory is taken as at its
        // start (a lower bound): the first step's growth is not charged to it.
        push(open.name, Math.max(0, gap), open.rssStart, { rss: open.rssStart, peak: open.peakStart });
        open = undefined;
      } else if (gap > 20) {
        push('(bench) between steps', gap, boundary.rss);
      }
      steps.push({ name, ms, rssStart, rssEnd: process.memoryUsage.rss(), peakEnd: peakRss() });
      boundary = { at: now, rss: process.memoryUsage.rss() };
    },
    /** A harness step from the last boundary to now: what follows the job's last step. */
    tail(name: string) {
      if (open) return close(); // the CLI reported no step at all: all of it is one harness step
      push(name, performance.now() - boundary.at, boundary.rss);
    },
    finish: close,
  };
}

type Recorder = ReturnType<typeof recorder>;

/** Feeds the CLI's "  <step>: 1.23 s" lines on stderr to the recorder; all else passes through. */
function captureCliSteps(progress: Recorder): () => void {
  const write = process.stderr.write.bind(process.stderr);
  let pending = '';
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    const other: string[] = [];
    for (const line of lines) {
      const step = /^ {2}(.+): (\d+(?:\.\d+)?) s$/.exec(line);
      if (step) progress.cliStep(step[1]!, Number(step[2]) * 1000);
      else other.push(line);
    }
    if (other.length) write(`${other.join('\n')}\n`);
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stderr.write;
  return () => {
    if (pending) write(pending);
    process.stderr.write = write;
  };
}

/** Runs a CLI command in this process with --verbose, its steps recorded. */
async function cli(progress: Recorder, command: () => Promise<void>): Promise<void> {
  progress.bench('(bench) before the first step (mapping guess, checks)');
  const restore = captureCliSteps(progress);
  try {
    await command();
  } finally {
    restore();
  }
  // Whatever follows the job's last step: writing outputs, the printed summary.
  progress.tail('(bench) after the last step (writing outputs)');
}

/** Runs `leadsift <args>` for the model commands (train, score), as src/cli/main.ts parses them. */
async function modelCommand(args: string[]): Promise<void> {
  const program = new Command('leadsift').exitOverride();
  addModelCommands(program);
  await program.parseAsync(args, { from: 'user' });
}

async function floor(progress: Recorder): Promise<Record<string, unknown>> {
  progress.bench('(bench) starting DuckDB');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  progress.bench('(bench) counting interactions by lead and type');
  // Counted in DuckDB, so the grouped rows never travel to JS.
  const reader = await connection.runAndReadAll(
    `SELECT count(*)::BIGINT AS groups, sum(n)::BIGINT AS interactions FROM (
       SELECT lead_id, type, count(*) AS n
       FROM read_parquet(${literal(join(dataDir, 'interactions.parquet'))}) GROUP BY ALL)`,
  );
  const [row] = reader.getRowObjectsJS() as { groups: bigint; interactions: bigint }[];
  progress.finish();
  connection.closeSync();
  instance.closeSync();
  return { groups: Number(row?.groups ?? 0), interactions: Number(row?.interactions ?? 0) };
}

async function analyzeJob(progress: Recorder): Promise<Record<string, unknown>> {
  // `leadsift analyze <dir> --out <dir> --quiet --verbose`, with main.ts's defaults.
  await cli(progress, () =>
    runAnalyze([dataDir], {
      threshold: 0.05,
      out: join(workDir, 'analyze-out'),
      minLeads: 30,
      bestQuantile: 0.5,
      confidence: 0.95,
      seed: 1,
      rows: 15,
      quiet: true,
      verbose: true,
    }),
  );
  return {};
}

async function trainJob(progress: Recorder): Promise<Record<string, unknown>> {
  await cli(progress, () => modelCommand(['train', dataDir, '--model', modelPath, '--verbose']));
  return {};
}

async function scoreJob(progress: Recorder): Promise<Record<string, unknown>> {
  await cli(progress, () =>
    modelCommand(['score', dataDir, '--model', modelPath, '--out', join(workDir, 'score-out'), '--verbose']),
  );
  return {};
}

type Predict = (model: AdditiveModel, input: ScoringInput) => Float64Array;

/**
 * The model's vectorised predict over already-built features: `predictBatch` if the model
 * code exports one, else `predictProba`. The name used is reported.
 */
function vectorisedPredict(): { name: string; predict: Predict } {
  const exports = modelApi as unknown as Record<string, unknown>;
  for (const name of ['predictBatch', 'predictProba']) {
    if (typeof exports[name] === 'function') return { name, predict: exports[name] as Predict };
  }
  throw new Error('src/core/model exports no predictBatch or predictProba');
}

const PREDICT_REPEATS = 5;

async function scoreCoreJob(progress: Recorder): Promise<Record<string, unknown>> {
  progress.bench('(bench) building the features (as leadsift score does)');
  const { file, model } = readModelFile(modelPath);
  const scratch = await openStore();
  const mapping = await guessMapping(scratch, [dataDir]).finally(() => scratch.close());
  const store = await openStore();
  let table: modelApi.FeatureTable;
  try {
    // Its step() calls are the job's own; they are folded into this one bench step.
    ({ table } = await modelInputs(store, mapping, file, model, { now: new Date() }));
  } finally {
    store.close();
  }
  const { name, predict } = vectorisedPredict();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  const time = (input: ScoringInput) => {
    const ms: number[] = [];
    for (let r = 0; r < PREDICT_REPEATS; r++) {
      const started = performance.now();
      const estimates = predict(model, input);
      ms.push(performance.now() - started);
      if (estimates.length !== input.rows) throw new Error(`${name} returned ${estimates.length} of ${input.rows} rows`);
    }
    return ms;
  };
  progress.bench(`(bench) ${name} on the feature table, ${PREDICT_REPEATS}×`);
  const rawMs = time(table);
  // Binning is part of predicting from a feature table; this splits it out for the reader.
  progress.bench(`(bench) ${name} on the binned table, ${PREDICT_REPEATS}×`);
  const binned = modelApi.binnedFor(model, table);
  const binnedMs = time(binned);
  progress.finish();
  return {
    predict: name,
    leads: table.rows,
    features: table.columns.length,
    terms: model.terms.length,
    predictMs: rawMs,
    predictMedianMs: median(rawMs),
    leadsPerSecond: table.rows / (median(rawMs) / 1000),
    binnedPredictMs: binnedMs,
    binnedLeadsPerSecond: table.rows / (median(binnedMs) / 1000),
  };
}

const JOBS = { floor, analyze: analyzeJob, train: trainJob, score: scoreJob, 'score-core': scoreCoreJob } as const;
const run = JOBS[job];
if (!run) throw new Error(`unknown job ${job}; expected one of ${Object.keys(JOBS).join(', ')}`);
const progress = recorder();
const started = performance.now();
const extra = await run(progress);
const report: JobReport = {
  job,
  ms: performance.now() - started,
  peakRss: peakRss(),
  steps: progress.steps,
  extra,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
