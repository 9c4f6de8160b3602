#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { InputError, UsageError } from '../errors.js';
import { removeOpenSpills } from '../data/store.js';
import { appendList, fraction, nonNegative, parseUtcDate, positiveInt } from './options.js';
import { DEFAULT_WON, runAnalyze, type AnalyzeFlags } from './run-analyze.js';
import { runDemo, type DemoFlags } from './run-demo.js';
import {
  GENERATE_FORMATS,
  positiveNumber,
  runGenerate,
  seedOption,
  type GenerateFlags,
} from './run-generate.js';
import { addModelCommands } from './model-commands.js';

const EXIT = { ok: 0, input: 1, usage: 2 } as const;

function version(): string {
  // src/cli/main.ts and dist/cli/main.js both sit two folders below package.json.
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? 'unknown';
}

const DATES_HELP = `
Dates (--as-of, --outcomes-from): YYYY-MM-DD, meaning 00:00 UTC, or
YYYY-MM-DD HH:MM[:SS] with a space or T, read as UTC unless it ends in Z or an
offset such as +02:00. Impossible dates such as 2024-02-30 are refused.`;

function analysisOptions(command: Command, seedHelp: string): Command {
  return command
    .option('--threshold <rate>', 'a lead is an MQL when its estimated close rate reaches this', fraction('a close rate', '0.05'), 0.05)
    .option('--out <dir>', 'folder for mqls.csv, analysis.json and rejects.csv, created if missing; files of those names in it are replaced', 'leadsift-out')
    .option('--json', 'print the analysis as JSON on stdout instead of the summary')
    .option('--min-leads <n>', 'a close rate on fewer leads than this is "not enough data"', positiveInt, 30)
    .option('--best-quantile <q>', 'best customers: the wins whose sales cycle is in this fastest share (0.5 = faster half)', fraction('a share', '0.5'), 0.5)
    .option('--horizon-days <days>', 'days a lead gets to close: younger leads are left out of the close rates, older open leads count as not closed (default: 90th percentile of time to win)', nonNegative)
    .option('--outcomes-from <date>', 'outcomes were recorded only from this date on; leads created earlier are left out (default: detected)', parseUtcDate)
    .option('--as-of <date>', 'the moment of the export: outcomes after it are ignored, lead ages count up to it (default: the latest date in the data)', parseUtcDate)
    .option('--confidence <level>', 'confidence level of the intervals', fraction('a confidence level', '0.95'), 0.95)
    .option('--seed <n>', seedHelp, positiveInt, 1)
    .option('--store <file>', 'keep the canonical tables in this DuckDB file: a new or empty file, or the store of an earlier run, whose tables are replaced; any other file is refused (default: in memory)')
    .option('--rows <n>', 'rows of the close-rate table to print', positiveInt, 15)
    .option('-q, --quiet', 'print only where the MQLs were written; no progress')
    .option('-v, --verbose', 'also print each step and its time (on stderr)')
    .option('--report <file>', 'also write the analysis as one self-contained HTML page (charts, MQL table, data quality) that opens offline; replaced if it exists');
}

export function buildProgram(): Command {
  const program = new Command('leadsift')
    .description('Find the leads worth a salesperson\'s time, from your own CRM history.')
    .version(version(), '-V, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', '\nExit codes: 0 ok, 1 bad input (files, columns, values), 2 bad usage (options, paths).')
    .exitOverride();

  analysisOptions(
    program
      .command('analyze')
      .description('close rates per interaction, best-customer fit profile, threshold and MQLs')
      .argument('<paths...>', 'a folder (or files) of a CRM export: leads, interactions, deals, optional accounts; or one wide file with --outcome. CSV, JSON lines or Parquet')
      .option('--mapping <file>', 'YAML or JSON file naming the files and columns (default: guessed from their names)')
      .option('--outcome <column>', 'one wide file, a row per lead: the column holding the outcome')
      .option('--won <values>', `with --outcome: the value(s) meaning won, comma-separated, case-insensitive; other non-blank values mean lost (default: ${DEFAULT_WON})`, appendList)
      .action(async (paths: string[], flags: AnalyzeFlags) => {
        await runAnalyze(paths, flags);
      }),
    'seed for the cross-validation folds',
  ).addHelpText(
    'after',
    `${DATES_HELP}

Examples:
  leadsift analyze export/          a folder with leads.csv, deals.csv, ...
  leadsift analyze bank.csv --outcome y --won yes,true
  leadsift analyze export/ --mapping mapping.yaml --out results/`,
  );

  analysisOptions(
    program
      .command('demo')
      .description('generate a seeded synthetic B2B funnel with known close rates, then analyze it')
      .option('--leads <n>', 'number of leads', positiveInt, 40000)
      .option('--data <dir>', 'folder for the generated CSV files and truth.json: new, empty, or an earlier demo\'s', 'leadsift-demo')
      .action(async (flags: DemoFlags) => {
        await runDemo(flags);
      }),
    'seed for the generated data and the cross-validation folds',
  ).addHelpText('after', DATES_HELP);

  program
    .command('generate')
    .description('write a seeded synthetic B2B funnel of any size, with its exact close rates, for analyze or other tools')
    .requiredOption('--out <dir>', 'folder for the files and truth.json: new, empty, or an earlier generate or demo output (replaced)')
    .option('--leads <n>', 'number of leads', positiveInt, 40000)
    .option('--seed <n>', 'seed: the same seed and options give the same rows', seedOption, 1)
    .option('--interactions-per-lead <n>', 'average interactions per lead over its life (fewer are exported for leads still open at the end)', positiveNumber, 30)
    .option('--start <date>', 'first day of the period, YYYY-MM-DD (UTC) (default: 2024-01-01)')
    .option('--days <n>', 'length of the period in days; the export is as of start + days (default: 730)', positiveInt)
    .addOption(new Option('--format <format>', 'parquet: typed columns, one file per table; csv: the demo\'s CSV files').choices(GENERATE_FORMATS).default('parquet'))
    .option('-q, --quiet', 'print nothing; no progress')
    .addHelpText(
      'after',
      `
Memory stays flat however many leads: Parquet output is staged in a temporary folder
inside --out, removed at the end (also after an error or Ctrl-C).

Examples:
  leadsift generate --leads 1000000 --seed 7 --out big/
  leadsift generate --leads 5000 --format csv --start 2023-01-01 --days 365 --out small/
  leadsift analyze big/`,
    )
    .action(async (flags: GenerateFlags) => {
      await runGenerate(flags);
    });
  addModelCommands(program);
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
    if (error instanceof Error && /out of memory/i.test(error.message)) {
      process.stderr.write(
        `leadsift: DuckDB ran out of the memory it may use (${error.message.split('\n')[0]}). ` +
          'Raise LEADSIFT_MEMORY_LIMIT (by default an eighth of the machine\'s memory, e.g. ' +
          'LEADSIFT_MEMORY_LIMIT=8GB) or free memory, and run again.\n',
      );
      return EXIT.input;
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

// `leadsift export-sql | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// Ctrl-C or a TERM ends the process without closing the store, so its spill folder would stay
// behind in the temp directory. A command with its own handler (generate) cleans up first and
// raises the signal again, which then ends here.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    removeOpenSpills();
    if (process.listenerCount(signal) === 1) process.exit(code);
  });
}

process.exitCode = await main(process.argv);
