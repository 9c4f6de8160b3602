import type { TimeRules } from '../core/time-rules.js';
import { decideTimeRules } from '../core/time-rules.js';
import type { Totals } from '../core/types.js';
import { totals } from '../data/aggregates.js';
import { buildLeadFeatures, type FeatureBuild } from '../data/lead-features.js';
import { loadCanonical, type LoadSummary } from '../data/load-canonical.js';
import type { Mapping } from '../data/mapping.js';
import type { Store } from '../data/store.js';
import { gatherTimeFacts } from '../data/time-facts.js';
import { InputError } from '../errors.js';
import { SILENT, type Progress } from './progress.js';

/** Options shared by every job that reads an export and applies the time rules. */
export interface PrepareOptions {
  readonly horizonDays?: number;
  readonly horizonQuantile?: number;
  readonly outcomesFrom?: Date;
  readonly asOf?: Date;
  readonly now?: Date;
  readonly bestQuantile?: number;
  readonly bands?: number;
  /** Scoring needs no outcomes to learn from; every other job does. */
  readonly allowUnlearnable?: boolean;
  readonly progress?: Progress;
}

/** Steps `prepareStore` announces. */
export const PREPARE_STEPS = 4;

export interface Prepared {
  readonly load: LoadSummary;
  readonly timeRules: TimeRules;
  readonly build: FeatureBuild;
  readonly totals: Totals;
}

/**
 * Loads the export into the store, decides the time rules and builds each lead's facts and
 * features: the common first half of analyze, train, score and backtest. Fails with a clear
 * message when nothing is left to learn from.
 */
export async function prepareStore(
  store: Store,
  mapping: Mapping,
  options: PrepareOptions,
): Promise<Prepared> {
  const progress = options.progress ?? SILENT;
  progress.step('reading and checking the files');
  const load = await loadCanonical(store, mapping, options.now ? { now: options.now } : {});
  progress.step('applying the time rules');
  const timeRules = decideTimeRules(await gatherTimeFacts(store, options.asOf), {
    ...(options.horizonDays !== undefined && { horizonDays: options.horizonDays }),
    ...(options.horizonQuantile !== undefined && { horizonQuantile: options.horizonQuantile }),
    ...(options.outcomesFrom && { outcomesFrom: options.outcomesFrom }),
  });
  const build = await buildLeadFeatures(store, {
    rules: timeRules,
    attributes: load.attributes,
    columns: mapping.columns,
    bestQuantile: options.bestQuantile ?? 0.5,
    defaultBands: options.bands ?? 5,
  }, progress);
  const leadTotals = await totals(store);
  if (!options.allowUnlearnable) assertLearnable(leadTotals, await rejectSummary(store));
  return { load, timeRules, build, totals: leadTotals };
}

/** Leads left out, summed over statuses per reason: "1,834 before_outcome_window, …". */
function leftOut(t: Totals): string {
  const byReason = new Map<string, number>();
  for (const e of t.excluded) byReason.set(e.reason, (byReason.get(e.reason) ?? 0) + e.leads);
  return [...byReason].map(([reason, leads]) => `${leads} ${reason.replaceAll('_', ' ')}`).join(', ');
}

/**
 * The commonest reasons rows were rejected, for an error that would otherwise leave the user
 * guessing: the rejects file is not written when the run fails.
 */
async function rejectSummary(store: Store): Promise<string> {
  const rows = await store.rows<{ file: string; reason: string; n: number; example: string }>(
    `SELECT file, reason, count(*)::INTEGER AS n, min(message) AS example FROM rejects
     GROUP BY ALL ORDER BY n DESC LIMIT 3`,
  );
  if (rows.length === 0) return '';
  return ` Rows were rejected: ${rows
    .map((r) => `${r.n} in ${r.file} (${r.reason.replaceAll('_', ' ')}, e.g. ${r.example})`)
    .join('; ')}.`;
}

function assertLearnable(t: Totals, rejected: string): void {
  if (t.eligible === 0) {
    throw new InputError(
      'no_eligible_leads',
      `None of the ${t.leads} leads has a known outcome old enough to learn from` +
        `${t.leads > 0 ? ` (left out: ${leftOut(t)})` : ''}.${rejected} Check the outcome mapping; ` +
        "with --as-of or a backtest's --cutoff, choose a later date; or set --horizon-days.",
    );
  }
  if (t.wins === 0 || t.wins === t.eligible) {
    throw new InputError(
      'one_sided_outcomes',
      `All ${t.eligible} leads eligible to learn from are ` +
        `${t.wins === 0 ? 'not won' : 'won'}, so there is no contrast to learn ` +
        'from. Check the outcome values in the mapping (won, lost, open) against the ' +
        `values in the file.${rejected}`,
    );
  }
}
