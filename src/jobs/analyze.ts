import type { Analysis, RateSummary } from '../core/analysis.js';
import { closeRate, rankCloseRates, type CloseRate } from '../core/close-rates.js';
import { fitProfile } from '../core/fit-profile.js';
import { historyCheck } from '../core/history-check.js';
import { contributions, fitLeadScorer, scoreLeads } from '../core/lead-scorer.js';
import { reasonsFor, type Reason } from '../core/reasons.js';
import { wilsonInterval } from '../core/stats/wilson-interval.js';
import { activityLevels, featureCounts, leadMatrix } from '../data/aggregates.js';
import type { Mapping } from '../data/mapping.js';
import { openStore, type Store } from '../data/store.js';
import { PREPARE_STEPS, prepareStore, type PrepareOptions } from './prepare.js';
import { SILENT } from './progress.js';

export interface AnalyzeOptions extends PrepareOptions {
  readonly threshold?: number;
  readonly confidence?: number;
  readonly minLeads?: number;
  readonly seed?: number;
  readonly folds?: number;
  /** A DuckDB file to keep the canonical tables in; memory by default. */
  readonly storePath?: string;
}

export interface Mql {
  readonly leadId: string;
  readonly status: 'won' | 'lost' | 'open';
  readonly createdAt: Date | null;
  readonly estimate: number;
  readonly reasons: readonly Reason[];
}

export interface AnalyzeResult {
  readonly analysis: Analysis;
  /** Sorted by estimated close rate, highest first. */
  readonly mqls: readonly Mql[];
  /** The store, still open, for writing rejects; the caller closes it. */
  readonly store: Store;
}

/** The main job: canonical tables, the three steps, the MQL list and its check on history. */
export async function analyze(mapping: Mapping, options: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const settings = {
    threshold: options.threshold ?? 0.05,
    confidence: options.confidence ?? 0.95,
    minLeads: options.minLeads ?? 30,
    bestQuantile: options.bestQuantile ?? 0.5,
    seed: options.seed ?? 1,
    folds: options.folds ?? 5,
  };
  const progress = options.progress ?? SILENT;
  progress.begin(PREPARE_STEPS + 2);
  const store = await openStore(options.storePath);
  try {
    const { load, timeRules, build, totals: leadTotals } = await prepareStore(store, mapping, {
      ...options,
      bestQuantile: settings.bestQuantile,
    });
    progress.step('close rates and fit profile');
    const counts = await featureCounts(store);
    const base = { leads: leadTotals.eligible, wins: leadTotals.wins };
    const rates = counts.map((c) => closeRate(c, base, settings));
    const rateById = new Map(rates.map((r) => [r.featureId, r]));
    const fit = fitProfile(counts, { ...base, best: leadTotals.best }, settings);

    progress.step('estimating every lead\'s close rate');
    const matrix = await leadMatrix(store);
    const fitted = fitLeadScorer(matrix, {
      featureCount: counts.length,
      priorStrengths: [5, 20, 50, 150, 500],
      folds: settings.folds,
      seed: settings.seed,
    });
    const estimates = scoreLeads(fitted.scorer, matrix);
    const history = historyCheck(fitted.outOfFold, matrix, settings.threshold, settings.confidence);
    const mqls = await listMqls(store, matrix, estimates, settings.threshold, (i) =>
      reasonsFor(
        contributions(fitted.scorer, matrix.featureIds.subarray(matrix.offsets[i], matrix.offsets[i + 1])),
        rateById,
      ),
    );

    const interactionRates = rankCloseRates(rates.filter((r) => r.kind === 'interaction'));
    const analysis: Analysis = {
      version: 1,
      settings,
      inputs: load.files,
      rejects: await rejectCounts(store),
      notes: [
        ...(await dataNotes(store, mapping)),
        ...thresholdNotes(settings.threshold, leadTotals.wins / leadTotals.eligible),
      ],
      timeRules,
      totals: leadTotals,
      baseRate: rateSummary(leadTotals.wins, leadTotals.eligible, settings.confidence),
      naiveBaseRate: rateSummary(leadTotals.naiveWins, leadTotals.leads, settings.confidence),
      interactions: interactionRates,
      fit,
      bestCustomers: {
        count: leadTotals.best,
        cycleDaysAtMost: build.bestCycleDays,
        definition:
          build.bestCycleDays === null
            ? 'all won leads (no cycle times to tell fast from slow)'
            : `won within ${build.bestCycleDays.toFixed(1)} days of first contact ` +
              `(the faster ${Math.round(settings.bestQuantile * 100)} % of wins)`,
        activity: await activityLevels(store),
        commonInteractions: commonAmongBest(interactionRates, leadTotals.best, leadTotals.eligible, counts),
      },
      scorer: {
        method:
          'sum of shrunk log-odds evidence per interaction type and attribute value, ' +
          `recalibrated by out-of-fold logistic fit (${settings.folds} folds, seed ${settings.seed})`,
        baseRate: fitted.scorer.baseRate,
        priorStrength: fitted.scorer.priorStrength,
        intercept: fitted.scorer.intercept,
        slope: fitted.scorer.slope,
        logLossByPrior: fitted.logLossByPrior,
      },
      history,
      mqlSummary: { total: mqls.length, open: mqls.filter((m) => m.status === 'open').length },
    };
    return { analysis, mqls, store };
  } catch (error) {
    store.close();
    throw error;
  } finally {
    progress.end();
  }
}

async function dataNotes(store: Store, mapping: Mapping): Promise<string[]> {
  const notes: string[] = [];
  if (mapping.interactions && !mapping.interactions.occurred_at) {
    notes.push(
      'Interactions have no dates, so every one counts, including any that came after the ' +
        'outcome: interaction close rates may read high. Map interactions.occurred_at.',
    );
  }
  const [row] = await store.rows<{ undated: number; unlinked: number; unknown: number }>(
    `SELECT count(*) FILTER (WHERE created_at IS NULL)::INTEGER AS undated,
       count(*) FILTER (WHERE account_id IS NULL)::INTEGER AS unlinked,
       ${mapping.accounts
         ? `count(*) FILTER (WHERE account_id IS NOT NULL AND account_id NOT IN
              (SELECT account_key FROM accounts))::INTEGER`
         : '0'} AS unknown
     FROM leads`,
  );
  if (mapping.leads.created_at && row && row.undated > 0) {
    notes.push(`${row.undated} leads have no created date: their age, and so the time rules, cannot apply to them.`);
  }
  if (mapping.accounts && row && row.unlinked > 0) {
    notes.push(`${row.unlinked} leads have no account id: their account attributes read "(blank)".`);
  }
  if (row && row.unknown > 0) {
    notes.push(
      `${row.unknown} leads name an account that is not in the accounts file: their account ` +
        'attributes read "(blank)". Export accounts and leads together.',
    );
  }
  return notes;
}

function thresholdNotes(threshold: number, baseRate: number): string[] {
  if (threshold > baseRate) return [];
  return [
    `The threshold (${(threshold * 100).toFixed(1)} %) is at or below the base close rate ` +
      `(${(baseRate * 100).toFixed(1)} %): nearly every lead and interaction clears it. Raise ` +
      '--threshold to a rate well above the base rate to single out the best leads.',
  ];
}

function rateSummary(wins: number, leads: number, confidence: number): RateSummary {
  const { low, high } = wilsonInterval(wins, leads, confidence);
  return { leads, wins, rate: leads > 0 ? wins / leads : 0, low, high };
}

function commonAmongBest(
  rates: readonly CloseRate[],
  best: number,
  eligible: number,
  counts: readonly { featureId: number; best: number; leads: number }[],
): Analysis['bestCustomers']['commonInteractions'] {
  const byId = new Map(counts.map((c) => [c.featureId, c]));
  return rates
    .map((r) => ({
      label: r.label,
      shareOfBest: best > 0 ? (byId.get(r.featureId)?.best ?? 0) / best : 0,
      shareOfLeads: eligible > 0 ? r.leads / eligible : 0,
    }))
    .sort((a, b) => b.shareOfBest - a.shareOfBest)
    .slice(0, 8);
}

async function rejectCounts(store: Store): Promise<Analysis['rejects']> {
  return store.rows(
    `SELECT file, reason, count(*)::INTEGER AS rows FROM rejects GROUP BY ALL ORDER BY file, rows DESC`,
  );
}

async function listMqls(
  store: Store,
  matrix: Awaited<ReturnType<typeof leadMatrix>>,
  estimates: Float64Array,
  threshold: number,
  explain: (row: number) => Reason[],
): Promise<Mql[]> {
  const picked: number[] = [];
  for (let i = 0; i < matrix.count; i++) if (estimates[i]! >= threshold) picked.push(i);
  picked.sort((a, b) => estimates[b]! - estimates[a]! || matrix.leadIdx[a]! - matrix.leadIdx[b]!);
  // Only the MQLs' ids travel back from the store, in the order they were picked.
  await store.load('picked_leads', {
    lead_idx: Int32Array.from(picked, (i) => matrix.leadIdx[i]!),
    position: Int32Array.from(picked.keys()),
  });
  const leads = await store.rows<{ lead_id: string; created_at: Date | null; status: Mql['status'] }>(
    `SELECT l.lead_id, l.created_at, o.status
     FROM picked_leads p JOIN leads l USING (lead_idx) JOIN outcomes o USING (lead_idx)
     ORDER BY p.position`,
  );
  await store.run('DROP TABLE picked_leads');
  return picked.map((i, k) => {
    const lead = leads[k]!;
    return {
      leadId: lead.lead_id,
      status: lead.status,
      createdAt: lead.created_at,
      estimate: estimates[i]!,
      reasons: explain(i),
    };
  });
}
