import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { explain } from '../core/model/predict.js';
import { modelToSql } from '../core/model/to-sql.js';
import { arrivalsPerWeek, type ThresholdRule } from '../core/threshold-choice.js';
import { LEAD_STATUSES, readLeadIds } from '../data/model-table.js';
import { openStore } from '../data/store.js';
import { InputError, UsageError } from '../errors.js';
import { backtest } from '../jobs/backtest.js';
import type { AdditiveModel } from '../core/model/additive-model.js';
import { buildModelFile, MODEL_FILE_FORMAT, readModelFile, type ModelFile } from '../jobs/model-file.js';
import { modelInputs, scoreExport, writeScoresCsv } from '../jobs/score.js';
import { trainModel } from '../jobs/train.js';
import { renderBacktest, renderExplanation, renderScores, renderTraining } from '../report/model-summary.js';
import { checkFolderOption, checkReportTarget } from './checks.js';
import { appendList, fraction, nonNegative, parseUtcDate, positiveInt } from './options.js';
import { mappingFromFlags, type MappingFlags } from './run-analyze.js';
import { progressFor } from './terminal-progress.js';

interface ExportFlags extends MappingFlags {
  readonly horizonDays?: number;
  readonly outcomesFrom?: Date;
  readonly asOf?: Date;
  readonly seed: number;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
}

interface RuleFlags {
  readonly threshold?: number;
  readonly capacity?: number;
  readonly catch?: number;
}

function exportOptions(command: Command): Command {
  return command
    .argument('<paths...>', 'a folder (or files) of a CRM export, as for analyze')
    .option('--mapping <file>', 'YAML or JSON file naming the files and columns (default: guessed)')
    .option('--outcome <column>', 'one wide file: the column holding the outcome')
    .option('--won <values>', 'with --outcome: the value(s) meaning won, comma-separated', appendList)
    .option('--horizon-days <days>', 'days a lead gets to close (default: 90th percentile of time to win)', nonNegative)
    .option('--outcomes-from <date>', 'outcomes were recorded only from this date on (default: detected)', parseUtcDate)
    .option('--as-of <date>', 'the moment of the export (default: the latest date in the data)', parseUtcDate)
    .option('--seed <n>', 'seed for cross-validation folds and training', positiveInt, 1)
    .option('--json', 'print JSON on stdout instead of the summary')
    .option('-q, --quiet', 'no progress bar')
    .option('-v, --verbose', 'print each step and its time (on stderr)');
}

function ruleOptions(command: Command): Command {
  return command
    .option('--threshold <rate>', 'MQL threshold: this estimated close rate (default 0.05)', fraction('a close rate', '0.05'))
    .option('--capacity <leads>', 'MQL threshold: as many leads per week as sales can work', positiveInt)
    .option('--catch <share>', 'MQL threshold: keep at least this share of past wins', fraction('a share', '0.8'));
}

function ruleOf(flags: RuleFlags, arrivalsPerWeek: number): ThresholdRule {
  const given = [flags.threshold, flags.capacity, flags.catch].filter((v) => v !== undefined);
  if (given.length > 1) {
    throw new UsageError('Give one of --threshold, --capacity or --catch, not several.');
  }
  if (flags.capacity !== undefined) {
    return { by: 'capacity', leadsPerWeek: flags.capacity, arrivalsPerWeek };
  }
  if (flags.catch !== undefined) return { by: 'wins', share: flags.catch };
  return { by: 'rate', rate: flags.threshold ?? 0.05 };
}

function prepareOptions(flags: ExportFlags) {
  return {
    now: new Date(),
    progress: progressFor(flags),
    ...(flags.horizonDays !== undefined && { horizonDays: flags.horizonDays }),
    ...(flags.outcomesFrom && { outcomesFrom: flags.outcomesFrom }),
    ...(flags.asOf && { asOf: flags.asOf }),
  };
}


/** Cross-validation needs two folds at least; past twenty each fold is too thin to judge. */
function foldCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2 || n > 20) {
    throw new InvalidArgumentError(`expected a whole number of folds from 2 to 20, got "${value}"`);
  }
  return n;
}

/** Refuses to replace a file that is not a leadsift model. */
function checkModelTarget(path: string): void {
  if (!existsSync(path)) return;
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as { format?: string };
    if (raw.format === MODEL_FILE_FORMAT) return;
  } catch {
    // Not JSON at all: refused below like any other foreign file.
  }
  throw new UsageError(`--model ${path} exists and is not a leadsift model file; choose another path.`);
}

/** Writes a report page, creating its folder. */
function writeReport(path: string, page: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, page);
}

async function runTrain(
  paths: string[],
  flags: ExportFlags &
    RuleFlags & {
      model: string;
      folds: number;
      keepLeaky?: boolean;
      pairs?: number;
      windowDays: number;
      maxTrainLeads?: number;
      report?: string;
    },
): Promise<void> {
  checkModelTarget(flags.model);
  const mapping = await mappingFromFlags(paths, flags);
  if (flags.report !== undefined) checkReportTarget(mapping, flags.report, [{ what: 'also the --model file', path: flags.model }]);
  const store = await openStore();
  try {
    const trained = await trainModel(store, mapping, {
      ...prepareOptions(flags),
      seed: flags.seed,
      folds: flags.folds,
      ...(flags.keepLeaky && { keepLeaky: true }),
      windowDays: flags.windowDays,
      ...(flags.maxTrainLeads !== undefined && { maxTrainLeads: flags.maxTrainLeads }),
      ...(flags.pairs !== undefined && { model: { pairs: flags.pairs } }),
    });
    const rule = ruleOf(flags, arrivalsPerWeek(trained.modelTable.createdAt));
    const file = buildModelFile(trained, mapping.columns, rule, flags.folds);
    mkdirSync(dirname(flags.model), { recursive: true });
    writeFileSync(flags.model, `${JSON.stringify(file, null, 2)}\n`);
    if (flags.report !== undefined) {
      // Loaded only when asked for: the charting libraries add a tenth of a second to start-up.
      const { renderModelReport } = await import('../report/html/index.js');
      writeReport(flags.report, await renderModelReport(file, { modelFile: flags.model, ...(paths[0] !== undefined && { source: paths[0] }) }));
    }
    process.stdout.write(flags.json ? `${JSON.stringify(file, null, 2)}\n` : `${renderTraining(file, flags.model)}\n`);
    if (flags.report !== undefined && !flags.json) process.stdout.write(`Report: ${flags.report}\n`);
  } finally {
    store.close();
  }
}

async function runScore(paths: string[], flags: ExportFlags & { model: string; out: string; threshold?: number }): Promise<void> {
  checkFolderOption('--out', flags.out);
  const { file, model } = readModelFile(flags.model);
  const mapping = await mappingFromFlags(paths, flags);
  const store = await openStore();
  try {
    const result = await scoreExport(store, mapping, file, model, {
      ...prepareOptions(flags),
      ...(flags.threshold !== undefined && { threshold: flags.threshold }),
    });
    mkdirSync(flags.out, { recursive: true });
    await writeScoresCsv(result.scored, join(flags.out, 'scores.csv'));
    process.stdout.write(
      flags.json ? `${JSON.stringify(result.leads, null, 2)}\n` : `${renderScores(result, join(flags.out, 'scores.csv'))}\n`,
    );
  } finally {
    store.close();
  }
}

async function runExplain(lead: string, paths: string[], flags: ExportFlags & { model: string }): Promise<void> {
  const { file, model } = readModelFile(flags.model);
  const mapping = await mappingFromFlags(paths, flags);
  const store = await openStore();
  try {
    const { modelTable, table } = await modelInputs(store, mapping, file, model, prepareOptions(flags));
    const leadIds = await readLeadIds(store);
    const row = leadIds.indexOf(lead);
    if (row < 0) {
      const near = leadIds.find((id) => id.toLowerCase() === lead.toLowerCase());
      throw new InputError(
        'unknown_lead',
        `No lead "${lead}" in this export.` +
          (near ? ` Did you mean "${near}"? Ids are case-sensitive.` : ' Give a lead id as it appears in the leads file.'),
      );
    }
    const explanation = explain(model, table, row);
    process.stdout.write(
      flags.json
        ? `${JSON.stringify({ lead, ...explanation }, null, 2)}\n`
        : `${renderExplanation(lead, LEAD_STATUSES[modelTable.status[row]!]!, explanation, file.threshold.value)}\n`,
    );
  } finally {
    store.close();
  }
}

async function runBacktest(
  paths: string[],
  flags: ExportFlags & RuleFlags & { cutoff: Date; folds: number; report?: string; windowDays: number },
): Promise<void> {
  const mapping = await mappingFromFlags(paths, flags);
  if (flags.report !== undefined) checkReportTarget(mapping, flags.report);
  const result = await backtest(mapping, {
    ...prepareOptions(flags),
    seed: flags.seed,
    folds: flags.folds,
    cutoff: flags.cutoff,
    windowDays: flags.windowDays,
    // Arrivals per week come from the training leads, once the job has read them.
    rule: ruleOf(flags, 0),
  });
  if (flags.report !== undefined) {
    const { renderBacktestReport } = await import('../report/html/index.js');
    writeReport(flags.report, await renderBacktestReport(result, paths[0] !== undefined ? { source: paths[0] } : {}));
  }
  process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderBacktest(result)}\n`);
  if (flags.report !== undefined && !flags.json) process.stdout.write(`Report: ${flags.report}\n`);
}

function runExportSql(flags: { model: string; dialect: string; table: string }): void {
  if (flags.dialect !== 'duckdb' && flags.dialect !== 'postgres') {
    throw new UsageError(`--dialect must be duckdb or postgres, got "${flags.dialect}".`);
  }
  const { file, model } = readModelFile(flags.model);
  const expression = modelToSql(model, {
    dialect: flags.dialect,
    column: sqlInput(model, file, flags.dialect),
  });
  process.stdout.write(
    `-- Estimated close rate per row of ${flags.table}, whose columns carry the model's inputs.\n` +
      `SELECT *, ${expression} AS estimated_close_rate\nFROM ${flags.table};\n`,
  );
}

/**
 * The SQL that reads one model input from the warehouse table. Categorical inputs are read
 * as text whatever their column type, and the mapping's labels (pdays 999 → "never
 * contacted") are applied, since the model learned the labelled values.
 */
function sqlInput(model: AdditiveModel, file: ModelFile, dialect: 'duckdb' | 'postgres') {
  const kinds = new Map(model.features.map((f) => [f.name, f.kind]));
  const text = dialect === 'postgres' ? 'TEXT' : 'VARCHAR';
  const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const quoteText = (value: string) => `'${value.replaceAll("'", "''")}'`;
  return (name: string): string => {
    if (kinds.get(name) !== 'categorical') return quoteName(name);
    const raw = `CAST(${quoteName(name)} AS ${text})`;
    const labels = Object.entries(file.inputs.columns[name]?.labels ?? {});
    if (labels.length === 0) return raw;
    const cases = labels.map(([value, label]) => `WHEN ${quoteText(value)} THEN ${quoteText(label)}`);
    return `(CASE ${raw} ${cases.join(' ')} ELSE ${raw} END)`;
  };
}

/** train, score, explain, backtest and export-sql: the model's commands. */
export function addModelCommands(program: Command): void {
  ruleOptions(exportOptions(program.command('train')))
    .description('learn a calibrated, explainable close-rate model from an export and save it')
    .option('--model <file>', 'where to write the model (JSON)', 'leadsift-model.json')
    .option('--folds <n>', 'cross-validation folds for the quality figures, 2 to 20', foldCount, 5)
    .option('--pairs <n>', 'most pairwise terms to try (0: main effects only)', (v) => Number(v))
    .option('--keep-leaky', 'train on columns the leakage guard flags instead of leaving them out')
    .option('--window-days <days>', 'read each lead as it stood this many days after first contact, or at its decision if sooner', nonNegative, 30)
    .option('--max-train-leads <n>', 'learn from at most this many eligible leads; past it, a seeded sample of whole accounts, recorded in the model (default 1000000)', positiveInt)
    .option('--report <file>', 'also write the model as one self-contained HTML page (reliability, gains, drivers, decay, threshold trade-offs) that opens offline; replaced if it exists')
    .action(async (paths: string[], flags) => runTrain(paths, flags));

  exportOptions(program.command('score'))
    .description('score every lead of an export with a trained model, with reasons')
    .requiredOption('--model <file>', 'a model written by leadsift train')
    .option('--out <dir>', 'folder for scores.csv', 'leadsift-out')
    .option('--threshold <rate>', 'MQL threshold (default: the model\'s)', fraction('a close rate', '0.05'))
    .action(async (paths: string[], flags) => runScore(paths, flags));

  exportOptions(program.command('explain').argument('<lead>', 'the lead id'))
    .description('one lead\'s estimate, term by term')
    .requiredOption('--model <file>', 'a model written by leadsift train')
    .action(async (lead: string, paths: string[], flags) => runExplain(lead, paths, flags));

  ruleOptions(exportOptions(program.command('backtest')))
    .description('train on leads before a cut-off date, score the later ones, compare with what happened')
    .requiredOption('--cutoff <date>', 'train on what was known at this date', parseUtcDate)
    .option('--folds <n>', 'cross-validation folds for choosing the threshold, 2 to 20', foldCount, 5)
    .option('--window-days <days>', 'read each lead as it stood this many days after first contact, or at its decision if sooner', nonNegative, 30)
    .option('--report <file>', 'also write the backtest as one self-contained HTML page (headline, reliability, gains) that opens offline; replaced if it exists')
    .action(async (paths: string[], flags) => runBacktest(paths, flags));

  program
    .command('export-sql')
    .description('print the model as one SQL expression, to score leads inside a warehouse')
    .requiredOption('--model <file>', 'a model written by leadsift train')
    .option('--dialect <name>', 'duckdb or postgres', 'duckdb')
    .option('--table <name>', 'the table holding one row per lead with the model\'s input columns', 'lead_features')
    .action((flags) => runExportSql(flags));
}
