import { existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';

import { UsageError } from '../errors.js';
import type { Progress } from '../jobs/progress.js';
import { FUNNEL_FILES, writeFunnelCsv, type FunnelCsvResult } from '../synth/csv.js';
import { DEFAULT_FUNNEL_MODEL } from '../synth/model.js';
import {
  FUNNEL_PARQUET_FILES,
  FUNNEL_PARQUET_MAX_DAYS,
  FUNNEL_PARQUET_MAX_LEADS,
  FUNNEL_TEMP_PREFIX,
  writeFunnelParquet,
} from '../synth/parquet.js';
import { parseDay } from '../synth/timestamps.js';
import { trueCloseRates } from '../synth/truth.js';
import type { FunnelOptions } from '../synth/generate.js';
import { checkFolderOption } from './checks.js';
import { progressFor } from './terminal-progress.js';

export type GenerateFormat = 'parquet' | 'csv';
export const GENERATE_FORMATS: readonly GenerateFormat[] = ['parquet', 'csv'];

export interface GenerateFlags {
  readonly out: string;
  readonly leads: number;
  readonly seed: number;
  readonly interactionsPerLead: number;
  readonly start?: string;
  readonly days?: number;
  readonly format: GenerateFormat;
  readonly quiet?: boolean;
}

// The bar advances once per this share of the leads while generating.
const GENERATE_STEPS = 20;

/** --seed: any whole number from 0 up, as the generator takes it. */
export function seedOption(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < 0) {
    throw new InvalidArgumentError(`Expected a whole number ≥ 0, got "${value}".`);
  }
  return n;
}

/** --interactions-per-lead: a positive number, not necessarily whole. */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError(`Expected a number > 0 such as 30, got "${value}".`);
  }
  return n;
}

/**
 * Writes a seeded synthetic funnel of any size into --out: Parquet by default (one file per
 * table, typed), CSV with --format csv, and truth.json with the exact close rates either way.
 */
export async function runGenerate(flags: GenerateFlags): Promise<void> {
  const options = checkGenerateFlags(flags);
  checkFolderOption('--out', flags.out);
  // A killed run leaves only its temporary folder, which is ours by name: cleared first, so
  // the folder reads as empty again instead of as someone else's.
  await removeLeftovers(flags.out);
  guardGeneratedFolder('--out', flags.out, 'generator', isGeneratedFile);

  const started = performance.now();
  let result: FunnelCsvResult;
  if (flags.format === 'csv') {
    result = await withInterrupts((signal) => writeCsvInPlace(options, flags.out, signal));
  } else {
    result = await withInterrupts((signal) =>
      withProgress(progressFor({ quiet: flags.quiet === true }), flags.leads, (onProgress) =>
        writeFunnelParquet(options, flags.out, { signal, onProgress }),
      ),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  // An earlier run in the other format left files that analyze would read as well.
  const written = new Set<string>(Object.values(flags.format === 'csv' ? FUNNEL_FILES : FUNNEL_PARQUET_FILES));
  for (const name of [...Object.values(FUNNEL_FILES), ...Object.values(FUNNEL_PARQUET_FILES)]) {
    if (!written.has(name)) await rm(join(flags.out, name), { force: true });
  }

  if (flags.quiet) return;
  const { counts } = result;
  const files = Object.values(flags.format === 'csv' ? FUNNEL_FILES : FUNNEL_PARQUET_FILES).filter(
    (name) => name !== FUNNEL_FILES.truth,
  );
  process.stdout.write(
    `Generated ${n(counts.leads)} leads, ${n(counts.accounts)} accounts, ` +
      `${n(counts.interactions)} interactions and ${n(counts.deals)} deals ` +
      `(seed ${flags.seed}) in ${seconds.toFixed(1)} s:\n` +
      `  ${files.map((name) => join(flags.out, name)).join(', ')}\n` +
      `The true close rates are in ${join(flags.out, FUNNEL_FILES.truth)}.\n`,
  );
}

const MAX_INTERACTIONS_PER_LEAD = 10_000;

/** The flags as generator options, or a UsageError naming the flag that is wrong. */
function checkGenerateFlags(flags: GenerateFlags): FunnelOptions {
  if (flags.format === 'parquet' && flags.leads > FUNNEL_PARQUET_MAX_LEADS) {
    throw new UsageError(
      `--leads ${flags.leads} is too many for Parquet output (at most ${n(FUNNEL_PARQUET_MAX_LEADS)}).`,
    );
  }
  if (flags.start !== undefined) {
    try {
      parseDay(flags.start);
    } catch {
      throw new UsageError(
        `--start ${flags.start} is not a calendar date; write it as YYYY-MM-DD, e.g. 2024-01-01.`,
      );
    }
  }
  if (flags.days !== undefined && flags.format === 'parquet' && flags.days > FUNNEL_PARQUET_MAX_DAYS) {
    throw new UsageError(
      `--days ${flags.days} is too long for Parquet output (at most ${FUNNEL_PARQUET_MAX_DAYS}); ` +
        'use --format csv or a shorter period.',
    );
  }
  if (flags.interactionsPerLead > MAX_INTERACTIONS_PER_LEAD) {
    throw new UsageError(
      `--interactions-per-lead ${flags.interactionsPerLead} is more than a lead can hold in ` +
        `memory while it is generated; give at most ${n(MAX_INTERACTIONS_PER_LEAD)}.`,
    );
  }
  // analyze takes dates before 1900 or after today for typos, so such a period would be
  // generated only to be rejected row by row.
  const start = parseDay(flags.start ?? '2024-01-01');
  const end = start + (flags.days ?? 730) * 86_400;
  if (start < Date.UTC(1900, 0, 1) / 1000 || end > Date.now() / 1000) {
    throw new UsageError(
      `--start ${flags.start ?? '2024-01-01'} with --days ${flags.days ?? 730} runs outside ` +
        '1900 to today, and leadsift rejects such dates as typos. Choose an earlier or later start, or fewer days.',
    );
  }
  const model = { ...DEFAULT_FUNNEL_MODEL, meanInteractionsPerLead: flags.interactionsPerLead };
  // Every type a lead does, it does at least once: that sets a floor on the average.
  const floor = Object.values(trueCloseRates(model).interactions).reduce((sum, c) => sum + c.share, 0);
  if (flags.interactionsPerLead < floor) {
    throw new UsageError(
      `--interactions-per-lead ${flags.interactionsPerLead} is below what the model can make: ` +
        `a lead does ${floor.toFixed(1)} different kinds of interaction on average, each at least ` +
        `once. Give at least ${Math.ceil(floor * 10) / 10}.`,
    );
  }
  return {
    seed: flags.seed,
    leads: flags.leads,
    model,
    ...(flags.start !== undefined && { start: flags.start }),
    ...(flags.days !== undefined && { days: flags.days }),
  };
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}

/**
 * The CSV files are written into a temporary folder beside their destination and moved in
 * only once complete, truth.json last, as the Parquet writer does: an interrupted run must
 * not leave truncated files that analyze would read as a smaller export.
 */
async function writeCsvInPlace(
  options: FunnelOptions,
  out: string,
  signal: AbortSignal,
): Promise<FunnelCsvResult> {
  await mkdir(out, { recursive: true });
  const temp = await mkdtemp(join(out, FUNNEL_TEMP_PREFIX));
  try {
    const result = await writeFunnelCsv(options, temp, { signal });
    const names = Object.values(FUNNEL_FILES).filter((name) => name !== FUNNEL_FILES.truth);
    for (const name of [...names, FUNNEL_FILES.truth]) await rename(join(temp, name), join(out, name));
    return { ...result, dir: out };
  } finally {
    // Synchronous, so that a signal raised again right after cannot end the process halfway.
    rmSync(temp, { recursive: true, force: true });
  }
}

/** The files generate and demo write, and the temporary folder of a run that was killed. */
function isGeneratedFile(name: string): boolean {
  return (
    (Object.values(FUNNEL_FILES) as string[]).includes(name) ||
    (Object.values(FUNNEL_PARQUET_FILES) as string[]).includes(name) ||
    name.startsWith(FUNNEL_TEMP_PREFIX)
  );
}

async function removeLeftovers(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(FUNNEL_TEMP_PREFIX)) await rm(join(dir, name), { recursive: true, force: true });
  }
}

/**
 * Generated data goes only into a new or empty folder, or over an earlier run's output: a
 * folder holding truth.json and nothing but files `ours` accepts. `owner` names the command
 * in the messages ('demo' reads "not the demo's").
 */
export function guardGeneratedFolder(
  flag: string,
  dir: string,
  owner: string,
  ours: (name: string) => boolean,
): void {
  if (!existsSync(dir)) return;
  const names = readdirSync(dir).sort();
  if (names.length === 0) return;
  const foreign = names.filter((name) => !ours(name));
  if (foreign.length > 0) {
    throw new UsageError(
      `${flag} ${dir} already holds files that are not the ${owner}'s (${listSome(foreign)}); the ` +
        `${owner} would mix with them. Pass ${flag} with a new or empty folder.`,
    );
  }
  if (!names.includes(FUNNEL_FILES.truth)) {
    throw new UsageError(
      `${flag} ${dir} holds ${names.join(', ')} but no ${FUNNEL_FILES.truth}, so it is not an ` +
        `earlier ${owner}'s output, and the ${owner} would overwrite ${names.length === 1 ? 'it' : 'them'}. ` +
        `Pass ${flag} with a new or empty folder.`,
    );
  }
}

function listSome(names: readonly string[]): string {
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/**
 * Runs `work` so that Ctrl-C (or a TERM) stops it cleanly: the writer removes its temporary
 * folder, then the signal is raised again so the process ends as an interrupted one would.
 * A second Ctrl-C ends the process at once.
 */
async function withInterrupts<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    received = signal;
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await work(controller.signal);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (received) process.kill(process.pid, received);
  }
}

/** Shows the run on `progress`: a step per share of the leads generated, then one per file. */
async function withProgress<T>(
  progress: Progress,
  leads: number,
  work: (onProgress: (step: string, leadsDone: number) => void) => Promise<T>,
): Promise<T> {
  progress.begin(GENERATE_STEPS + 4);
  let steps = 0;
  const advanceTo = (value: number, name: string) => {
    for (; steps <= value; steps++) progress.step(name);
  };
  let tables = 0;
  try {
    return await work((step, done) => {
      if (step === 'generate') {
        advanceTo(Math.min(GENERATE_STEPS - 1, Math.floor((done / leads) * GENERATE_STEPS)), 'generating leads');
      }
      else advanceTo(GENERATE_STEPS + tables++, `writing ${step}.parquet`);
    });
  } finally {
    progress.end();
  }
}
