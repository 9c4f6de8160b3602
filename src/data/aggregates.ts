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

/**
 * Every lead's features as compact arrays: lead-level columns in lead order, and the feature
 * ids each lead had in time, laid end to end with offsets. Fetched as typed columns because at
 * a million leads a JS object per lead cost more than all the SQL before it.
 */
export async function leadMatrix(store: Store): Promise<LeadMatrix> {
  const leads = await store.arrays(
    `WITH grouped AS (
       SELECT lead_idx, CAST(dense_rank() OVER (ORDER BY account_id NULLS LAST,
         CASE WHEN account_id IS NULL THEN lead_idx END) AS INTEGER) AS grp
       FROM leads
     )
     SELECT f.lead_idx, g.grp, CAST(f.status = 'won' AS UTINYINT) AS won,
       CAST(f.excluded IS NULL AS UTINYINT) AS eligible
     FROM lead_facts f JOIN grouped g USING (lead_idx) ORDER BY f.lead_idx`,
    { lead_idx: 'int32', grp: 'int32', won: 'uint8', eligible: 'uint8' },
  );
  // Unordered: sorting millions of pairs in SQL cost more than placing them here.
  const pairs = await store.arrays(
    `SELECT lead_idx, feature_id FROM lead_features WHERE in_time`,
    { lead_idx: 'int32', feature_id: 'int32' },
  );
  const count = leads.rows;
  // lead_idx numbers the leads 1..count, so it indexes a lookup table directly.
  const rowOf = new Int32Array(count + 1).fill(-1);
  for (let i = 0; i < count; i++) {
    const idx = leads.lead_idx[i]!;
    if (idx < 1 || idx > count) throw new Error(`lead_idx ${idx} outside 1..${count}`);
    rowOf[idx] = i;
  }
  const offsets = new Int32Array(count + 1);
  for (let k = 0; k < pairs.rows; k++) {
    const row = rowOf[pairs.lead_idx[k]!] ?? -1;
    if (row < 0) throw new Error('lead_features names leads missing from lead_facts');
    offsets[row + 1]!++;
  }
  for (let i = 0; i < count; i++) offsets[i + 1]! += offsets[i]!;
  const featureIds = new Int32Array(pairs.rows);
  const next = offsets.slice(0, count);
  for (let k = 0; k < pairs.rows; k++) {
    featureIds[next[rowOf[pairs.lead_idx[k]!]!]!++] = pairs.feature_id[k]!;
  }
  // Each lead's ids in ascending order, whatever order the store returned them in, so sums
  // of evidence add up in the same order on every run.
  for (let i = 0; i < count; i++) {
    for (let j = offsets[i]! + 1; j < offsets[i + 1]!; j++) {
      const id = featureIds[j]!;
      let at = j - 1;
      while (at >= offsets[i]! && featureIds[at]! > id) {
        featureIds[at + 1] = featureIds[at]!;
        at--;
      }
      featureIds[at + 1] = id;
    }
  }
  return {
    count,
    leadIdx: leads.lead_idx,
    group: leads.grp,
    won: leads.won,
    eligible: leads.eligible,
    offsets,
    featureIds,
  };
}
