import type { TimeRules } from '../core/time-rules.js';
import { SILENT, type Progress } from '../jobs/progress.js';
import { bandLabel, quantileBreaks } from '../core/stats/quantile-bands.js';
import { quantileSorted } from '../core/stats/quantile.js';
import type { AttributeSpec } from './load-canonical.js';
import type { ColumnOptions } from './mapping.js';
import { ident, literal, type Store } from './store.js';
import { tsLiteral } from './time-facts.js';

export interface FeatureBuildOptions {
  readonly rules: TimeRules;
  readonly attributes: readonly AttributeSpec[];
  readonly columns: Readonly<Record<string, ColumnOptions>>;
  /** Best customers close within this quantile of cycle times among eligible wins. */
  readonly bestQuantile: number;
  readonly defaultBands: number;
}

export interface AttributeEncoding {
  readonly name: string;
  readonly column: string;
  readonly role: 'fit' | 'activity';
  readonly type: 'number' | 'category';
  readonly breaks: readonly number[];
}

export interface FeatureBuild {
  readonly encodings: readonly AttributeEncoding[];
  /** Cycle time (days) at or under which a win counts as a best customer; null: all wins. */
  readonly bestCycleDays: number | null;
}

const BLANK = '(blank)';

/**
 * An interaction counts for a lead when it came before the lead's decision: strictly before
 * a win or loss, and up to the as-of instant for a lead still open. Undated interactions
 * cannot be placed and count (the summary says when a file has no dates).
 */
const BEFORE_DECISION = `(i.occurred_at IS NULL OR i.occurred_at < f.decision_at
  OR (f.status = 'open' AND i.occurred_at <= f.decision_at))`;

/**
 * Builds `lead_facts` (status, decision time, eligibility, best customer) and
 * `lead_features` (which interaction types and attribute values each lead has, and whether
 * they happened before its decision) with the dictionary `feature_defs`.
 */
export async function buildLeadFeatures(
  store: Store,
  options: FeatureBuildOptions,
  progress: Progress = SILENT,
): Promise<FeatureBuild> {
  await buildLeadFacts(store, options.rules);
  const bestCycleDays = await markBestCustomers(store, options.bestQuantile);
  progress.step('counting each lead\'s interactions before its decision');
  await store.run(
    `CREATE OR REPLACE TEMP TABLE lead_type_counts AS
     SELECT i.lead_idx, CAST(i.type AS VARCHAR) AS value,
       bool_or(${BEFORE_DECISION}) AS in_time,
       count(*) FILTER (WHERE ${BEFORE_DECISION})::INTEGER AS times
     FROM interactions i JOIN lead_facts f USING (lead_idx)
     GROUP BY i.lead_idx, i.type`,
  );
  progress.step('encoding the fit attributes');
  const encodings: AttributeEncoding[] = [];
  for (const spec of options.attributes) {
    encodings.push(await encodeAttribute(store, spec, options));
  }
  const parts = encodings.map((e) => ({ e, ...attributeSql(e, options.columns[e.name]) }));
  // The dictionary comes from the few distinct values of each attribute, and each lead's
  // value then finds its id through a join against that small table: no per-lead text is
  // ever stored or sorted, which at millions of leads was the slowest part of this step.
  await store.run(
    `CREATE OR REPLACE TABLE feature_defs AS
     SELECT CAST(row_number() OVER (ORDER BY kind DESC, attribute, sort_key, value) - 1 AS INTEGER)
       AS feature_id, kind, attribute, value, sort_key
     FROM (
       SELECT DISTINCT 'interaction' AS kind, 'interaction' AS attribute, value, 0 AS sort_key
       FROM lead_type_counts
       ${parts
         .map(
           (p) => `UNION SELECT DISTINCT ${literal(p.kind)}, ${literal(p.e.name)}, ${p.value},
             ${p.sortKey} FROM lead_attributes a`,
         )
         .join('\n')}
     )`,
  );
  await store.run(
    `CREATE OR REPLACE TABLE lead_features AS
     SELECT c.lead_idx, d.feature_id, c.in_time, c.times
     FROM lead_type_counts c JOIN feature_defs d ON d.kind = 'interaction'
       AND d.attribute = 'interaction' AND d.sort_key = 0 AND d.value = c.value;
     DROP TABLE lead_type_counts;`,
  );
  for (const p of parts) {
    await store.run(
      `INSERT INTO lead_features
       SELECT a.lead_idx, d.feature_id, true, 1
       FROM lead_attributes a JOIN feature_defs d ON d.kind = ${literal(p.kind)}
         AND d.attribute = ${literal(p.e.name)} AND d.value = ${p.value} AND d.sort_key = ${p.sortKey}`,
    );
  }
  return { encodings, bestCycleDays };
}

async function buildLeadFacts(store: Store, rules: TimeRules): Promise<void> {
  const asOf = rules.asOf ? tsLiteral(rules.asOf) : 'NULL::TIMESTAMP';
  const young =
    rules.asOf && rules.horizonDays !== null
      ? `created_at > ${asOf} - INTERVAL (${rules.horizonDays * 86400}) SECOND`
      : 'false';
  const early = rules.outcomesFrom ? `created_at < ${tsLiteral(rules.outcomesFrom)}` : 'false';
  // Outcomes after the as-of instant had not happened yet as of then: such leads were open.
  const decidedByAsOf = rules.asOf ? `o.closed_at IS NULL OR o.closed_at <= ${asOf}` : 'true';
  await store.run(
    `CREATE OR REPLACE TABLE lead_facts AS
     WITH seen AS (
       SELECT l.lead_idx, l.created_at, o.outcome_rejected,
         CASE WHEN ${decidedByAsOf} THEN o.status ELSE 'open' END AS status,
         CASE WHEN ${decidedByAsOf} THEN o.closed_at END AS closed_at
       FROM leads l JOIN outcomes o USING (lead_idx)
     )
     SELECT lead_idx, status, created_at, closed_at,
       CASE WHEN status IN ('won', 'lost') THEN coalesce(closed_at, ${asOf}) ELSE ${asOf} END
         AS decision_at,
       date_diff('second', created_at, closed_at) / 86400.0 AS cycle_days,
       CASE WHEN outcome_rejected THEN 'outcome_rejected'
            WHEN ${rules.asOf ? `created_at > ${asOf}` : 'false'} THEN 'created_after_as_of'
            WHEN status = 'open' AND created_at IS NULL THEN 'open_undated'
            WHEN ${early} THEN 'before_outcome_window'
            WHEN ${young} THEN 'younger_than_horizon' END AS excluded,
       false AS best
     FROM seen
     ORDER BY lead_idx`,
  );
}

async function markBestCustomers(store: Store, quantile: number): Promise<number | null> {
  const cycles = await store.column<number>(
    `SELECT cycle_days FROM lead_facts
     WHERE excluded IS NULL AND status = 'won' AND cycle_days IS NOT NULL ORDER BY 1`,
  );
  const cutoff = cycles.length > 0 ? quantileSorted(Float64Array.from(cycles), quantile) : null;
  await store.run(
    `UPDATE lead_facts SET best = excluded IS NULL AND status = 'won'
       AND ${cutoff === null ? 'true' : `cycle_days <= ${cutoff}`}`,
  );
  return cutoff;
}

async function encodeAttribute(
  store: Store,
  spec: AttributeSpec,
  options: FeatureBuildOptions,
): Promise<AttributeEncoding> {
  const column = ident(spec.column);
  const settings = options.columns[spec.name] ?? {};
  const labelled = Object.keys(settings.labels ?? {});
  const notLabelled = labelled.length
    ? `AND ${column} NOT IN (${labelled.map(literal).join(', ')})`
    : '';
  const [shape] = await store.rows<{ filled: number; numeric: number; distinct: number }>(
    `SELECT count(${column})::INTEGER AS filled,
       count(try_cast(${column} AS DOUBLE))::INTEGER AS numeric,
       count(DISTINCT ${column})::INTEGER AS distinct
     FROM lead_attributes WHERE ${column} IS NOT NULL ${notLabelled}`,
  );
  const looksNumeric =
    !!shape && shape.filled > 0 && shape.numeric >= 0.98 * shape.filled && shape.distinct > 10;
  const type = settings.type ?? (looksNumeric ? 'number' : 'category');
  if (type === 'category') {
    return { name: spec.name, column: spec.column, role: spec.role, type, breaks: [] };
  }
  const { value } = await store.arrays(
    `SELECT try_cast(${column} AS DOUBLE) AS value FROM lead_attributes
     WHERE try_cast(${column} AS DOUBLE) IS NOT NULL ${notLabelled}`,
    { value: 'float64' },
  );
  const breaks = quantileBreaks(value, settings.bands ?? options.defaultBands);
  return { name: spec.name, column: spec.column, role: spec.role, type, breaks };
}

/**
 * SQL over `lead_attributes a` giving a lead's feature value for an attribute: its category,
 * or for numbers its quantile band. Labelled sentinel values and text in a numeric column
 * keep their own category.
 */
function attributeSql(
  encoding: AttributeEncoding,
  settings: ColumnOptions | undefined,
): { kind: string; value: string; sortKey: string } {
  // Qualified: an attribute may be called like one of leadsift's own columns.
  const column = `a.${ident(encoding.column)}`;
  const kind = encoding.role === 'fit' ? 'fit' : 'interaction';
  const labels = Object.entries(settings?.labels ?? {});
  const labelCases = labels.map(([raw, label]) => `WHEN ${column} = ${literal(raw)} THEN ${literal(label)}`);
  if (encoding.type !== 'number') {
    const value = `(CASE ${labelCases.join(' ')} WHEN ${column} IS NULL THEN '${BLANK}' ELSE ${column} END)`;
    return { kind, value, sortKey: '0' };
  }
  const number = `try_cast(${column} AS DOUBLE)`;
  const bandNames = bandLabels(encoding.breaks);
  const bands = encoding.breaks.map(
    (b, i) => `WHEN ${number} < ${b} THEN ${literal(bandNames[i]!)}`,
  );
  const last = literal(bandNames[encoding.breaks.length]!);
  const value = `(CASE ${labelCases.join(' ')} WHEN ${column} IS NULL THEN '${BLANK}'
    WHEN ${number} IS NULL THEN ${column} ${bands.join(' ')} ELSE ${last} END)`;
  const bandKeys = encoding.breaks.map((b, i) => `WHEN ${number} < ${b} THEN ${i + 1}`);
  const sortKey = `(CASE WHEN ${number} IS NULL OR ${labels.length ? `${column} IN (${labels.map(([r]) => literal(r)).join(', ')})` : 'false'}
    THEN 1000 ${bandKeys.join(' ')} ELSE ${encoding.breaks.length + 1} END)`;
  return { kind, value, sortKey };
}

/**
 * Band labels with numbers abbreviated for reading (74.2M rather than 74200000). Labels are
 * also the bands' keys, so when abbreviation would make two bands look alike the exact
 * numbers are used instead.
 */
function bandLabels(breaks: readonly number[]): string[] {
  const indices = Array.from({ length: breaks.length + 1 }, (_, i) => i);
  const short = indices.map((i) => bandLabel(i, breaks, abbreviate));
  if (new Set(short).size === short.length) return short;
  return indices.map((i) => bandLabel(i, breaks, String));
}

function abbreviate(value: number): string {
  const size = Math.abs(value);
  for (const [unit, scale] of [['B', 1e9], ['M', 1e6], ['k', 1e3]] as const) {
    if (size >= scale) return `${Number((value / scale).toPrecision(3))}${unit}`;
  }
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
}
