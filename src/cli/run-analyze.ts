import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { guessMapping } from '../data/guess-mapping.js';
import { loadMapping, type Mapping } from '../data/mapping.js';
import { openStore } from '../data/store.js';
import { analyze, type AnalyzeOptions } from '../jobs/analyze.js';
import { renderSummary } from '../report/terminal.js';
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
}

export interface AnalyzeFlags extends AnalysisFlags {
  readonly mapping?: string;
  readonly outcome?: string;
  readonly won: string[];
}

export async function runAnalyze(paths: string[], flags: AnalyzeFlags): Promise<void> {
  const mapping = await resolveMapping(paths, flags);
  await analyzeAndWrite(mapping, flags);
}

async function resolveMapping(paths: string[], flags: AnalyzeFlags): Promise<Mapping> {
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
      flags.outcome ? { column: flags.outcome, won: flags.won } : undefined,
    );
  } finally {
    scratch.close();
  }
}

/** Runs the analysis and writes the summary, files and (with --json) JSON. */
export async function analyzeAndWrite(mapping: Mapping, flags: AnalysisFlags): Promise<void> {
  guardInputs(mapping, flags.out);
  const { analysis, mqls, store } = await analyze(mapping, toOptions(flags));
  try {
    await writeOutputs(flags.out, analysis, mqls, store);
  } finally {
    store.close();
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(analysis, null, 2)}\n`);
  } else {
    process.stdout.write(`${renderSummary(analysis, mqls, { rows: flags.rows, outDir: flags.out })}\n`);
  }
}

function toOptions(flags: AnalysisFlags): AnalyzeOptions {
  return {
    threshold: flags.threshold,
    confidence: flags.confidence,
    minLeads: flags.minLeads,
    bestQuantile: flags.bestQuantile,
    seed: flags.seed,
    ...(flags.horizonDays !== undefined && { horizonDays: flags.horizonDays }),
    ...(flags.outcomesFrom && { outcomesFrom: flags.outcomesFrom }),
    ...(flags.asOf && { asOf: flags.asOf }),
    ...(flags.store && { storePath: flags.store }),
  };
}

/** Refuses to write an output over one of the user's input files. */
function guardInputs(mapping: Mapping, out: string): void {
  const inputs = [mapping.leads, mapping.accounts, mapping.interactions, mapping.outcomes]
    .filter((s) => s !== undefined)
    .map((s) => resolve(s.file));
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
