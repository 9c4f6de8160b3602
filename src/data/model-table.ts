import type { FeatureColumn, FeatureTable } from '../core/model/feature-table.js';
import type { AttributeSpec } from './load-canonical.js';
import type { ColumnOptions } from './mapping.js';
import { ident, literal, type Store } from './store.js';

export interface ModelTableOptions {
  readonly attributes: readonly AttributeSpec[];
  readonly columns: Readonly<Record<string, ColumnOptions>>;
  /**
   * The interaction types to make columns for. Training takes every type in the data;
   * scoring passes the model's own list so the columns line up.
   */
  readonly interactionTypes?: readonly string[];
  /**
   * Read each lead as it stood this many days after first contact (or at its decision, if
   * sooner). Training and scoring then see the same thing, a lead's first weeks, instead of
   * a won lead's last days before the signature against an open lead's months of silence.
   */
  readonly windowDays?: number;
}

/** A lead's status, as `ModelTable.status` codes it. */
export const LEAD_STATUSES = ['won', 'lost', 'open'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/**
 * One row per lead, in ascending `lead_idx`. Everything per lead is a typed array: at ten
 * million leads an object or a string per lead would cost more than the model. Lead ids are
 * read separately (`readLeadIds`), only by the jobs that print them.
 */
export interface ModelTable {
  readonly table: FeatureTable;
  readonly leadIdx: Int32Array;
  /** Index into `LEAD_STATUSES`. */
  readonly status: Uint8Array;
  /** Epoch milliseconds of first contact; NaN when unknown. */
  readonly createdAt: Float64Array;
  /** Epoch milliseconds of the decision (won, lost) or the as-of instant; NaN when unknown. */
  readonly decidedAt: Float64Array;
  /** Leads of one account share a group, hence a cross-validation fold. */
  readonly group: Int32Array;
  /** 1 won, 0 not (lost, or open past the horizon); meaningful where `eligible`. */
  readonly labels: Uint8Array;
  readonly eligible: Uint8Array;
  readonly interactionTypes: readonly string[];
}

/** Column names the model sees for an interaction type. */
export function interactionColumns(type: string): { count: string; recency: string } {
  return { count: `${type}: count`, recency: `${type}: days since last` };
}

/**
 * One row per lead, as it stood at its decision (won or lost) or, for a lead still open, at
 * the as-of instant, cut at `windowDays` after first contact when given: attribute columns
 * as given (numbers stay numbers), and per interaction type how many times it happened
 * before then and how many days before then it last happened. Learning a shape over those
 * days is how the model learns each interaction's decay, instead of assuming a half-life.
 *
 * Method: DuckDB aggregates and encodes; only numbers cross into JS, as typed arrays
 * (`Store.arrays`), and each result row carries its lead's row position, so no JS object or
 * map per lead is made and the cost stays linear in leads and interactions.
 */
export async function buildModelTable(store: Store, options: ModelTableOptions): Promise<ModelTable> {
  const positions = await leadPositions(store);
  const rows = positions.rows;
  // Codes and flags come as small integers: booleans and text would take Store.arrays' slow
  // path. A status other than won or lost reads as open, as the loader treats no outcome.
  const facts = await store.arrays(
    `SELECT ${positions.of('f')} AS pos, f.lead_idx,
       CAST(CASE f.status WHEN 'won' THEN 0 WHEN 'lost' THEN 1 ELSE 2 END AS UTINYINT) AS status,
       epoch_ms(l.created_at)::DOUBLE AS created, epoch_ms(f.decision_at)::DOUBLE AS decided,
       CAST(f.status = 'won' AS UTINYINT) AS won, CAST(f.excluded IS NULL AS UTINYINT) AS eligible,
       CAST(dense_rank() OVER (ORDER BY l.account_id NULLS LAST,
         CASE WHEN l.account_id IS NULL THEN l.lead_idx END) AS INTEGER) AS grp
     FROM lead_facts f JOIN leads l USING (lead_idx) ${positions.join('f')}`,
    {
      pos: 'int32',
      lead_idx: 'int32',
      status: 'uint8',
      created: 'float64',
      decided: 'float64',
      won: 'uint8',
      eligible: 'uint8',
      grp: 'int32',
    },
  );
  if (facts.rows !== rows) throw new Error(`lead_facts has ${rows} leads but ${facts.rows} join a lead`);
  const columns: FeatureColumn[] = [];
  for (const spec of options.attributes) {
    columns.push(await attributeColumn(store, spec, options.columns[spec.name], positions));
  }
  const types = options.interactionTypes ?? (await interactionTypes(store));
  columns.push(...(await interactionColumnsOf(store, types, positions, options.windowDays)));
  const at = facts.pos;
  return {
    table: { rows, columns },
    leadIdx: placed(facts.lead_idx, at, new Int32Array(rows)),
    status: placed(facts.status, at, new Uint8Array(rows)),
    createdAt: placed(facts.created, at, new Float64Array(rows)),
    decidedAt: placed(facts.decided, at, new Float64Array(rows)),
    group: placed(facts.grp, at, new Int32Array(rows)),
    labels: placed(facts.won, at, new Uint8Array(rows)),
    eligible: placed(facts.eligible, at, new Uint8Array(rows)),
    interactionTypes: types,
  };
}

/**
 * The lead ids of the model table's rows, in its order (`rows` of it when given, in that
 * order): one column, read only by jobs that print ids.
 */
export async function readLeadIds(store: Store, rows?: Int32Array): Promise<string[]> {
  const ids = await store.column<string>(
    `SELECT l.lead_id FROM lead_facts f JOIN leads l USING (lead_idx) ORDER BY f.lead_idx`,
  );
  return rows ? Array.from(rows, (r) => ids[r]!) : ids;
}

/**
 * How a query finds a lead's row in the model table (its rank by `lead_idx`): when the
 * indices are dense, as the loader numbers them, `lead_idx` − its minimum, which needs no
 * join; otherwise by joining a ranking of `lead_facts`.
 */
interface Positions {
  readonly rows: number;
  /** SQL for the row position of `alias.lead_idx`. */
  of(alias: string): string;
  /** The JOIN clause `of` needs, if any. */
  join(alias: string): string;
}

async function leadPositions(store: Store): Promise<Positions> {
  const shape = await store.arrays(
    `SELECT count(*)::INTEGER AS n, coalesce(min(lead_idx), 0)::INTEGER AS lo,
       coalesce(max(lead_idx), -1)::INTEGER AS hi, count(DISTINCT lead_idx)::INTEGER AS distinct_n
     FROM lead_facts`,
    { n: 'int32', lo: 'int32', hi: 'int32', distinct_n: 'int32' },
  );
  const [n, lo, hi, distinct] = [shape.n[0]!, shape.lo[0]!, shape.hi[0]!, shape.distinct_n[0]!];
  if (distinct !== n) throw new Error(`lead_facts repeats a lead_idx (${n} rows, ${distinct} leads)`);
  if (hi - lo + 1 === n) {
    return { rows: n, of: (alias) => `CAST(${alias}.lead_idx - ${lo} AS INTEGER)`, join: () => '' };
  }
  return {
    rows: n,
    of: () => '__rank.pos',
    join: (alias) =>
      `JOIN (SELECT lead_idx, CAST(row_number() OVER (ORDER BY lead_idx) - 1 AS INTEGER) AS pos
        FROM lead_facts) __rank ON __rank.lead_idx = ${alias}.lead_idx`,
  };
}

/** `values[k]` moved to row `at[k]` of `out`. */
function placed<T extends Int32Array | Uint8Array | Float64Array>(values: T, at: Int32Array, out: T): T {
  for (let k = 0; k < at.length; k++) out[at[k]!] = values[k]!;
  return out;
}

/**
 * An attribute column, numeric or categorical by the same rule as the analysis (or as the
 * mapping says). DuckDB builds the dictionary of distinct values, numbered by first
 * appearance in lead order, and each row's code; JS reads numbers from the dictionary with
 * `Number`, so a value is a number exactly when it was before, and a string per distinct
 * value is made, not per row.
 */
async function attributeColumn(
  store: Store,
  spec: AttributeSpec,
  settings: ColumnOptions | undefined,
  positions: Positions,
): Promise<FeatureColumn> {
  const rows = positions.rows;
  const dictionary = `__model_dictionary`;
  const values = `SELECT ${positions.of('a')} AS pos, a.${ident(spec.column)} AS value
    FROM lead_attributes a ${positions.join('a')}`;
  await store.run(
    `CREATE OR REPLACE TEMP TABLE ${dictionary} AS
     SELECT value, count(*)::INTEGER AS n,
       CAST(row_number() OVER (ORDER BY min(pos)) - 1 AS INTEGER) AS code
     FROM (${values}) WHERE value IS NOT NULL GROUP BY value`,
  );
  try {
    const texts = await store.column<string>(`SELECT value FROM ${dictionary} ORDER BY code`);
    const counts = (await store.arrays(`SELECT n FROM ${dictionary} ORDER BY code`, { n: 'int32' })).n;
    const coded = await store.arrays(
      `SELECT v.pos, coalesce(d.code, -1) AS code FROM (${values}) v LEFT JOIN ${dictionary} d USING (value)`,
      { pos: 'int32', code: 'int32' },
    );
    if (coded.rows !== rows) throw new Error(`lead_attributes has ${coded.rows} rows, expected ${rows}`);
    const codes = placed(coded.code, coded.pos, new Int32Array(rows));
    return encodeColumn(spec.name, settings, texts, counts, codes);
  } finally {
    await store.run(`DROP TABLE IF EXISTS ${dictionary}`);
  }
}

/**
 * The column from its dictionary (`texts[code]`, seen `counts[code]` times) and per-row codes
 * (−1 missing). A number when the mapping says so or, unlabelled, when at least 98 % of the
 * filled values read as finite numbers and there are over 10 distinct values (missing
 * counting as one); otherwise categories, with the mapping's labels applied.
 */
function encodeColumn(
  name: string,
  settings: ColumnOptions | undefined,
  texts: readonly string[],
  counts: Int32Array,
  codes: Int32Array,
): FeatureColumn {
  const labels = settings?.labels ?? {};
  const labelled = new Set(Object.keys(labels));
  const numbers = Float64Array.from(texts, (text) => (labelled.has(text) ? Number.NaN : Number(text)));
  let filled = 0;
  let numeric = 0;
  let present = 0;
  texts.forEach((text, code) => {
    present += counts[code]!;
    if (labelled.has(text)) return;
    filled += counts[code]!;
    if (Number.isFinite(numbers[code]!)) numeric += counts[code]!;
  });
  const distinct = texts.length + (present < codes.length ? 1 : 0);
  const isNumber = settings?.type
    ? settings.type === 'number'
    : filled > 0 && numeric >= 0.98 * filled && distinct > 10;
  if (isNumber && labelled.size === 0) {
    const finite = numbers.map((n) => (Number.isFinite(n) ? n : Number.NaN));
    return { kind: 'numeric', name, values: Float64Array.from(codes, (code) => (code < 0 ? Number.NaN : finite[code]!)) };
  }
  // Labels can send several raw values to one category: renumbered so the category keeps the
  // first appearance of any of its values.
  const categories: string[] = [];
  const index = new Map<string, number>();
  const recode = Int32Array.from(texts, (text) => {
    const category = labels[text] ?? text;
    let code = index.get(category);
    if (code === undefined) {
      code = categories.length;
      categories.push(category);
      index.set(category, code);
    }
    return code;
  });
  return {
    kind: 'categorical',
    name,
    codes: codes.map((code) => (code < 0 ? -1 : recode[code]!)),
    categories,
  };
}

/**
 * Count and recency columns per interaction type, from one GROUP BY over the interactions
 * returning (row position, type index, count, days) as typed arrays.
 */
async function interactionColumnsOf(
  store: Store,
  types: readonly string[],
  positions: Positions,
  windowDays: number | undefined,
): Promise<FeatureColumn[]> {
  const rows = positions.rows;
  const counts = types.map(() => new Float64Array(rows));
  const recency = types.map(() => new Float64Array(rows).fill(Number.NaN));
  if (types.length > 0) {
    const reference =
      windowDays === undefined
        ? 'f.decision_at'
        : `least(f.decision_at, coalesce(f.created_at + INTERVAL (${Math.round(windowDays * 86400)}) SECOND, f.decision_at))`;
    const typeList = types.map((type, k) => `(${literal(type)}, ${k})`).join(', ');
    // The reference instant is computed once per lead, before the join: per interaction it
    // took half the query's time.
    const stats = await store.arrays(
      `WITH f AS (
         SELECT f.lead_idx, ${positions.of('f')} AS pos, ${reference} AS reference_at, f.status, f.decision_at
         FROM lead_facts f ${positions.join('f')}
       ), seen AS (
         SELECT f.pos, i.type, count(*)::INTEGER AS n, max(i.occurred_at) AS last_at,
           any_value(f.reference_at) AS reference_at
         FROM interactions i JOIN f ON f.lead_idx = i.lead_idx
         WHERE i.occurred_at IS NULL OR i.occurred_at < f.reference_at
           OR (f.status = 'open' AND f.reference_at = f.decision_at AND i.occurred_at <= f.reference_at)
         GROUP BY f.pos, i.type
       )
       SELECT seen.pos, CAST(t.k AS INTEGER) AS k, seen.n,
         date_diff('second', seen.last_at, seen.reference_at) / 86400.0 AS days
       FROM seen JOIN (VALUES ${typeList}) t(type, k) ON t.type = seen.type`,
      { pos: 'int32', k: 'int32', n: 'int32', days: 'float64' },
    );
    const { pos, k, n, days } = stats;
    for (let j = 0; j < stats.rows; j++) {
      const type = k[j]!;
      counts[type]![pos[j]!] = n[j]!;
      recency[type]![pos[j]!] = days[j]!;
    }
  }
  return types.flatMap((type, k) => {
    const names = interactionColumns(type);
    return [
      { kind: 'numeric' as const, name: names.count, values: counts[k]! },
      { kind: 'numeric' as const, name: names.recency, values: recency[k]! },
    ];
  });
}

/**
 * The interaction types of the export: the list the loader kept, since a scan of the
 * interactions themselves may mean reading a file of hundreds of millions of rows again.
 * Tables built by hand, without the loader, are scanned.
 */
async function interactionTypes(store: Store): Promise<string[]> {
  const [kept] = await store.column<number>(
    `SELECT count(*)::INTEGER FROM duckdb_tables() WHERE table_name = 'interaction_types'`,
  );
  const from = kept ? 'interaction_types' : '(SELECT DISTINCT type FROM interactions)';
  return store.column<string>(`SELECT CAST(type AS VARCHAR) AS type FROM ${from} ORDER BY type`);
}
