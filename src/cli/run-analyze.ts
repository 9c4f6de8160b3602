import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { checkFolderOption, checkReportTarget, checkStoreOption, clearEmptyStore, inputFiles } from './checks.js';
import { splitList } from './options.js';
import { guessMapping } from '../data/guess-mapping.js';
import { loadMapping, type Mapping } from '../data/mapping.js';
import { openStore } from '../data/store.js';
import { analyze, type AnalyzeOptions } from '../jobs/analyze.js';
import { renderSummary } from '../report/terminal.js';
import { progressFor } from './terminal-progress.js';
import { writeOutputs } from '../report/write-outputs.js';

export interface AnalysisFlags {
  readonly threshold: number;
  readonly out: string;
  readonly json?: boolean;
  readonly minLeads: number;
  readonly bestQuantile: number;
  readonly horizonDays?: number;
  readonly outcomesFrom?: Date;
  readonly asOf?: Date;
  readonly confidence: number;
  readonly seed: number;
  readonly store?: string;
  readonly rows: number;
  /** Also write the HTML report to this file. */
  readonly report?: string;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
}

export interface AnalyzeFlags extends AnalysisFlags {
  readonly mapping?: string;
  readonly outcome?: string;
  /** Comma-separated values of --outcome meaning won; DEFAULT_WON when not given. */
  readonly won?: string;
}

/** The values of a wide file's outcome column that mean won, unless --won names others. */
export const DEFAULT_WON = 'yes,won,1,true';

export async function runAnalyze(paths: string[], flags: AnalyzeFlags): Promise<void> {
  const won = wonValues(flags);
  await checkAnalysisFlags(flags);
  const mapping = await resolveMapping(paths, flags, won);
  await analyzeAndWrite(mapping, flags);
}

/** How the export's files and columns are named: --mapping, or guessed (with --outcome/--won). */
export interface MappingFlags {
  readonly mapping?: string;
  readonly outcome?: string;
  readonly won?: string;
}

/** The mapping the flags describe, as analyze reads it; shared by every command on an export. */
export async function mappingFromFlags(paths: string[], flags: MappingFlags): Promise<Mapping> {
  return resolveMapping(paths, flags, wonValues(flags));
}

/**
 * --outcome and --won describe one wide file when the mapping is guessed; anywhere else they
 * would be silently ignored, so they are refused. Returns the won values, split and trimmed.
 */
function wonValues(flags: MappingFlags): string[] {
  if (flags.mapping && (flags.outcome !== undefined || flags.won !== undefined)) {
    throw new UsageError(
      `${flags.outcome !== undefined ? '--outcome' : '--won'} does not apply with --mapping: ` +
        'put the outcome column and its won values in the mapping file (leads.outcome), ' +
        'or drop --mapping.',
    );
  }
  if (flags.won !== undefined && flags.outcome === undefined) {
    throw new UsageError(
      `--won ${flags.won} needs --outcome naming the wide file's outcome column, e.g. ` +
        '--outcome y --won yes.',
    );
  }
  const won = splitList(flags.won ?? DEFAULT_WON);
  if (won.length === 0) {
    throw new UsageError(
      `--won "${flags.won}" names no value. Give the outcome value(s) meaning won, ` +
        'comma-separated, e.g. --won yes or --won yes,true.',
    );
  }
  return won;
}

/**
 * Checks --out and --store before any work: --out must be a folder (or missing), --store new,
 * empty or an earlier leadsift store.
 */
export async function checkAnalysisFlags(flags: AnalysisFlags): Promise<void> {
  checkFolderOption('--out', flags.out);
  if (flags.store !== undefined) await checkStoreOption(flags.store);
}

async function resolveMapping(paths: string[], flags: MappingFlags, won: string[]): Promise<Mapping> {
  if (flags.mapping) {
    if (paths.length > 1) {
      throw new UsageError('With --mapping, give the one folder the mapping\'s file names are in.');
    }
    const path = paths[0]!;
    return loadMapping(flags.mapping, isFolder(path) ? path : dirname(path));
  }
  const scratch = await openStore();
  try {
    return await guessMapping(
      scratch,
      paths,
      flags.outcome !== undefined ? { column: flags.outcome, won } : undefined,
    );
  } finally {
    scratch.close();
  }
}

/** Runs the analysis and writes the summary, files and (with --json) JSON. */
export async function analyzeAndWrite(mapping: Mapping, flags: AnalysisFlags): Promise<void> {
  guardInputs(mapping, flags.out);
  if (flags.report !== undefined) {
    checkReportTarget(
      mapping,
      flags.report,
      ['mqls.csv', 'analysis.json', 'rejects.csv'].map((name) => ({
        what: `one of the files written into --out ${flags.out}`,
        path: join(flags.out, name),
      })),
    );
  }
  if (flags.store !== undefined) clearEmptyStore(flags.store);
  const { analysis, mqls, store } = await analyze(mapping, toOptions(flags));
  try {
    await writeOutputs(flags.out, analysis, mqls, store);
  } finally {
    store.close();
  }
  if (flags.report !== undefined) {
    // Loaded only when asked for: the charting libraries add a tenth of a second to start-up.
    const { renderHtmlReport } = await import('../report/html/index.js');
    const page = await renderHtmlReport(analysis, mqls, {
      files: {
        mqls: join(flags.out, 'mqls.csv'),
        analysis: join(flags.out, 'analysis.json'),
        rejects: join(flags.out, 'rejects.csv'),
      },
    });
    mkdirSync(dirname(resolve(flags.report)), { recursive: true });
    writeFileSync(flags.report, page);
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(analysis, null, 2)}\n`);
  } else if (flags.quiet) {
    process.stdout.write(
      `${analysis.mqlSummary.total} MQLs (${analysis.mqlSummary.open} open) written to ` +
        `${join(flags.out, 'mqls.csv')}\n`,
    );
  } else {
    const color = useColour();
    process.stdout.write(`${renderSummary(analysis, mqls, { rows: flags.rows, outDir: flags.out, color })}\n`);
    if (flags.report !== undefined) process.stdout.write(`  Report: ${flags.report}\n`);
  }
}

function toOptions(flags: AnalysisFlags): AnalyzeOptions {
  return {
    threshold: flags.threshold,
    confidence: flags.confidence,
    minLeads: flags.minLeads,
    bestQuantile: flags.bestQuantile,
    seed: flags.seed,
    // The clock is read here, at the edge, and handed to the job.
    now: new Date(),
    ...(flags.horizonDays !== undefined && { horizonDays: flags.horizonDays }),
    ...(flags.outcomesFrom && { outcomesFrom: flags.outcomesFrom }),
    ...(flags.asOf && { asOf: flags.asOf }),
    ...(flags.store && { storePath: flags.store }),
    progress: progressFor(flags),
  };
}

/** Colour only on a terminal, and never when NO_COLOR is set (to anything). */
export function useColour(): boolean {
  return Boolean(process.stdout.isTTY) && process.env['NO_COLOR'] === undefined;
}

/** Refuses to write an output over one of the user's input files. */
function guardInputs(mapping: Mapping, out: string): void {
  const inputs = inputFiles(mapping);
  const target = resolve(out);
  if (inputs.some((file) => dirname(file) === target)) {
    throw new UsageError(
      `--out ${out} is the folder of the input files; results there could overwrite or be ` +
        'read back as data. Choose another folder.',
    );
  }
  for (const name of ['mqls.csv', 'analysis.json', 'rejects.csv']) {
    const target = resolve(out, name);
    if (inputs.includes(target)) {
      throw new UsageError(`--out ${out} would overwrite the input ${target}. Choose another folder.`);
    }
  }
}


function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
