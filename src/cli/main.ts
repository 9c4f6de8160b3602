#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { InputError, UsageError } from '../errors.js';
import { runAnalyze, type AnalyzeFlags } from './run-analyze.js';
import { runDemo, type DemoFlags } from './run-demo.js';

const EXIT = { ok: 0, input: 1, usage: 2 } as const;

function rate(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n >= 1) {
    throw new InvalidArgumentError(`expected a close rate between 0 and 1 such as 0.05, got "${value}"`);
  }
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number ≥ 1, got "${value}"`);
  return n;
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number ≥ 0, got "${value}"`);
  return n;
}

function date(value: string): Date {
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError(`expected a date like 2024-06-30, got "${value}"`);
  return d;
}

function analysisOptions(command: Command): Command {
  return command
    .option('--threshold <rate>', 'threshold close rate for an MQL', rate, 0.05)
    .option('--out <dir>', 'folder for mqls.csv, analysis.json and rejects.csv', 'leadsift-out')
    .option('--json', 'print the analysis as JSON on stdout instead of the summary')
    .option('--min-leads <n>', 'fewer leads than this is "not enough data"', positiveInt, 30)
    .option('--best-quantile <q>', 'best customers: wins in this faster share of cycle times', rate, 0.5)
    .option('--horizon-days <days>', 'days after which an open lead counts as not closing (default: 90th percentile of time to win)', nonNegative)
    .option('--outcomes-from <date>', 'outcomes were recorded from this date on (default: detected)', date)
    .option('--as-of <date>', 'the moment of the export (default: the latest date in the data)', date)
    .option('--confidence <level>', 'confidence level of the intervals', rate, 0.95)
    .option('--seed <n>', 'seed for the cross-validation folds', positiveInt, 1)
    .option('--store <file>', 'keep the canonical tables in this DuckDB file (default: memory)')
    .option('--rows <n>', 'rows of the close-rate table to print', positiveInt, 15);
}

export function buildProgram(): Command {
  const program = new Command('leadsift')
    .description('Find the leads worth a salesperson\'s time, from your own CRM history.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  analysisOptions(
    program
      .command('analyze')
      .description('close rates per interaction, best-customer fit profile, threshold and MQLs')
      .argument('<paths...>', 'data files or folders (CSV, JSON lines, Parquet)')
      .option('--mapping <file>', 'YAML or JSON file naming the columns (default: guessed)')
      .addOption(new Option('--outcome <column>', 'one wide file: the outcome column'))
      .addOption(new Option('--won <values...>', 'one wide file: value(s) meaning won').default(['yes', 'won', '1', 'true']))
      .action(async (paths: string[], flags: AnalyzeFlags) => {
        await runAnalyze(paths, flags);
      }),
  );

  analysisOptions(
    program
      .command('demo')
      .description('generate a seeded synthetic B2B funnel with known close rates, then analyze it')
      .option('--leads <n>', 'number of leads', positiveInt, 40000)
      .option('--data <dir>', 'where to write the generated CSV files', 'leadsift-demo')
      .action(async (flags: DemoFlags) => {
        await runDemo(flags);
      }),
  );
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ||
        error.exitCode === 0
        ? EXIT.ok
        : EXIT.usage;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`leadsift: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof InputError) {
      process.stderr.write(`leadsift: ${error.message}\n`);
      return EXIT.input;
    }
    // Anything else (a folder where a file was expected, a full disk, an engine error on
    // odd data) is still the user's to fix or report: one line, no stack trace.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`leadsift: ${message}\n`);
    if (process.env['LEADSIFT_DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return EXIT.input;
  }
}

process.exitCode = await main(process.argv);
