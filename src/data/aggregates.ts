import type { FeatureCounts, LeadMatrix, Totals } from '../core/types.js';
import type { Store } from './store.js';

/** Close-rate counts per feature, computed inside DuckDB. */
export async function featureCounts(store: Store): Promise<FeatureCounts[]> {
  return store.rows<FeatureCounts>(
    `SELECT d.feature_id AS "featureId", d.kind, d.attribute, d.value,
       CAST(d.sort_key AS INTEGER) AS "sortKey",
       count(*) FILTER (WHERE f.excluded IS NULL AND lf.in_time)::INTEGER AS leads,
       count(*) FILTER (WHERE f.excluded IS NULL AND lf.in_time AND f.status = 'won')::INTEGER
         AS wins,
       count(*) FILTER (WHERE f.best AND lf.in_time)::INTEGER AS best,
       count(*)::INTEGER AS "naiveLeads",
       count(*) FILTER (WHERE f.status = 'won')::INTEGER AS "naiveWins"
     FROM lead_features lf JOIN lead_facts f USING (lead_idx) JOIN feature_defs d USING (feature_id)
     GROUP BY ALL ORDER BY d.feature_id`,
  );
}

export async function totals(store: Store): Promise<Totals> {
  const [row] = await store.rows<Omit<Totals, 'byStatus' | 'excluded'>>(
    `SELECT count(*)::INTEGER AS leads,
       count(*) FILTER (WHERE excluded IS NULL)::INTEGER AS eligible,
       count(*) FILTER (WHERE excluded IS NULL AND status = 'won')::INTEGER AS wins,
       count(*) FILTER (WHERE best)::INTEGER AS best,
       count(*) FILTER (WHERE status = 'won')::INTEGER AS "naiveWins"
     FROM lead_facts`,
  );
  const statuses = await store.rows<{ status: 'won' | 'lost' | 'open'; n: number }>(
    `SELECT status, count(*)::INTEGER AS n FROM lead_facts GROUP BY 1`,
  );
  const excluded = await store.rows<{ reason: string; status: string; leads: number }>(
    `SELECT excluded AS reason, status, count(*)::INTEGER AS leads FROM lead_facts
     WHERE excluded IS NOT NULL GROUP BY ALL ORDER BY 1, 2`,
  );
  const byStatus = { won: 0, lost: 0, open: 0 };
  for (const s of statuses) byStatus[s.status] = s.n;
  return { ...row!, byStatus, excluded };
}

/** How active leads were before their decision: interactions counted per lead. */
export interface ActivityLevel {
  readonly group: 'best' | 'won' | 'eligible';
  readonly leads: number;
  readonly medianInteractions: number;
  readonly meanInteractions: number;
  readonly medianDistinctTypes: number;
}

export async function activityLevels(store: Store): Promise<ActivityLevel[]> {
  return store.rows<ActivityLevel>(
    `WITH per_lead AS (
       SELECT f.lead_idx, f.best, f.excluded IS NULL AS eligible, f.status = 'won' AS won,
         coalesce(sum(lf.times), 0)::DOUBLE AS n, count(lf.feature_id)::DOUBLE AS types
       FROM lead_facts f
       LEFT JOIN (SELECT lf.* FROM lead_features lf JOIN feature_defs d USING (feature_id)
                  WHERE d.attribute = 'interaction' AND lf.in_time) lf USING (lead_idx)
       GROUP BY ALL
     ), groups AS (
       SELECT 'best' AS "group", * FROM per_lead WHERE best
       UNION ALL SELECT 'won', * FROM per_lead WHERE eligible AND won
       UNION ALL SELECT 'eligible', * FROM per_lead WHERE eligible
     )
     SELECT "group", count(*)::INTEGER AS leads,
       coalesce(median(n), 0)::DOUBLE AS "medianInteractions",
       coalesce(avg(n), 0)::DOUBLE AS "meanInteractions",
       coalesce(median(types), 0)::DOUBLE AS "medianDistinctTypes"
     FROM groups GROUP BY 1 ORDER BY 1`,
  );
}

export async function leadMatrix(store: Store): Promise<LeadMatrix> {
  const rows = await store.rows<{
    lead_idx: number;
    grp: number;
    won: boolean;
    eligible: boolean;
    ids: number[] | null;
  }>(
    `WITH grouped AS (
       SELECT lead_idx, CAST(dense_rank() OVER (ORDER BY account_id NULLS LAST,
         CASE WHEN account_id IS NULL THEN lead_idx END) AS INTEGER) AS grp
       FROM leads
     )
     SELECT f.lead_idx, g.grp, f.status = 'won' AS won, f.excluded IS NULL AS eligible,
       list(lf.feature_id ORDER BY lf.feature_id) FILTER (WHERE lf.in_time) AS ids
     FROM lead_facts f JOIN grouped g USING (lead_idx) LEFT JOIN lead_features lf USING (lead_idx)
     GROUP BY ALL ORDER BY f.lead_idx`,
  );
  const count = rows.length;
  const leadIdx = new Int32Array(count);
  const group = new Int32Array(count);
  const won = new Uint8Array(count);
  const eligible = new Uint8Array(count);
  const offsets = new Int32Array(count + 1);
  let total = 0;
  for (const r of rows) total += r.ids?.length ?? 0;
  const featureIds = new Int32Array(total);
  let at = 0;
  rows.forEach((r, i) => {
    leadIdx[i] = r.lead_idx;
    group[i] = r.grp;
    won[i] = r.won ? 1 : 0;
    eligible[i] = r.eligible ? 1 : 0;
    offsets[i] = at;
    for (const id of r.ids ?? []) featureIds[at++] = id;
  });
  offsets[count] = at;
  return { count, leadIdx, group, won, eligible, offsets, featureIds };
}
