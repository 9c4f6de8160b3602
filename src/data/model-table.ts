import { categoricalColumn } from '../core/categorical-column.js';
import type { FeatureColumn, FeatureTable } from '../core/model/feature-table.js';
import type { AttributeSpec } from './load-canonical.js';
import type { ColumnOptions } from './mapping.js';
import { ident, type Store } from './store.js';

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

export interface ModelTable {
  readonly table: FeatureTable;
  readonly leadIdx: Int32Array;
  readonly leadIds: readonly string[];
  readonly statuses: readonly ('won' | 'lost' | 'open')[];
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
 * the as-of instant, cut at `windowDays` after first contact when given: attribute columns as given (numbers stay numbers), and per interaction
 * type how many times it happened before then and how many days before then it last
 * happened. Learning a shape over those days is how the model learns each interaction's
 * decay, instead of assuming a half-life.
 */
export async function buildModelTable(store: Store, options: ModelTableOptions): Promise<ModelTable> {
  const facts = await store.rows<{
    lead_idx: number;
    lead_id: string;
    grp: number;
    status: 'won' | 'lost' | 'open';
    won: boolean;
    eligible: boolean;
    created: number | null;
    decided: number | null;
  }>(
    `SELECT f.lead_idx, l.lead_id, f.status, epoch_ms(l.created_at)::DOUBLE AS created,
       epoch_ms(f.decision_at)::DOUBLE AS decided, f.status = 'won' AS won, f.excluded IS NULL AS eligible,
       CAST(dense_rank() OVER (ORDER BY l.account_id NULLS LAST,
         CASE WHEN l.account_id IS NULL THEN l.lead_idx END) AS INTEGER) AS grp
     FROM lead_facts f JOIN leads l USING (lead_idx) ORDER BY f.lead_idx`,
  );
  const rows = facts.length;
  const position = new Map<number, number>(facts.map((f, i) => [f.lead_idx, i]));
  const columns: FeatureColumn[] = [];
  for (const spec of options.attributes) {
    columns.push(await attributeColumn(store, spec, options.columns[spec.name], rows));
  }
  const types = options.interactionTypes ?? (await store.column<string>(
    `SELECT DISTINCT type FROM interactions ORDER BY type`,
  ));
  columns.push(...(await interactionColumnsOf(store, types, position, rows, options.windowDays)));
  return {
    table: { rows, columns },
    leadIdx: Int32Array.from(facts, (f) => f.lead_idx),
    leadIds: facts.map((f) => f.lead_id),
    statuses: facts.map((f) => f.status),
    createdAt: Float64Array.from(facts, (f) => f.created ?? Number.NaN),
    decidedAt: Float64Array.from(facts, (f) => f.decided ?? Number.NaN),
    group: Int32Array.from(facts, (f) => f.grp),
    labels: Uint8Array.from(facts, (f) => (f.won ? 1 : 0)),
    eligible: Uint8Array.from(facts, (f) => (f.eligible ? 1 : 0)),
    interactionTypes: types,
  };
}

async function attributeColumn(
  store: Store,
  spec: AttributeSpec,
  settings: ColumnOptions | undefined,
  rows: number,
): Promise<FeatureColumn> {
  const column = ident(spec.column);
  const values = await store.column<string | null>(
    `SELECT ${column} FROM lead_attributes ORDER BY lead_idx`,
  );
  if (values.length !== rows) throw new Error(`lead_attributes has ${values.length} rows, expected ${rows}`);
  const labelled = new Set(Object.keys(settings?.labels ?? {}));
  const numbers = values.map((v) => (v === null || labelled.has(v) ? Number.NaN : Number(v)));
  const filled = values.filter((v) => v !== null && !labelled.has(v)).length;
  const numeric = numbers.filter((n) => Number.isFinite(n)).length;
  const isNumber = settings?.type
    ? settings.type === 'number'
    : filled > 0 && numeric >= 0.98 * filled && new Set(values).size > 10;
  if (isNumber && labelled.size === 0) {
    return { kind: 'numeric', name: spec.name, values: Float64Array.from(numbers, (n) => (Number.isFinite(n) ? n : Number.NaN)) };
  }
  return categoricalColumn(spec.name, values.map((v) => (v === null ? null : settings?.labels?.[v] ?? v)));
}

async function interactionColumnsOf(
  store: Store,
  types: readonly string[],
  position: ReadonlyMap<number, number>,
  rows: number,
  windowDays: number | undefined,
): Promise<FeatureColumn[]> {
  const reference =
    windowDays === undefined
      ? 'f.decision_at'
      : `least(f.decision_at, coalesce(f.created_at + INTERVAL (${Math.round(windowDays * 86400)}) SECOND, f.decision_at))`;
  const stats = await store.rows<{ lead_idx: number; type: string; n: number; days: number | null }>(
    `WITH seen AS (
       SELECT i.lead_idx, i.type, i.occurred_at, ${reference} AS reference_at, f.status, f.decision_at
       FROM interactions i JOIN lead_facts f USING (lead_idx)
     )
     SELECT lead_idx, type, count(*)::INTEGER AS n,
       date_diff('second', max(occurred_at), any_value(reference_at)) / 86400.0 AS days
     FROM seen
     WHERE occurred_at IS NULL OR occurred_at < reference_at
       OR (status = 'open' AND reference_at = decision_at AND occurred_at <= reference_at)
     GROUP BY lead_idx, type`,
  );
  const counts = new Map(types.map((t) => [t, new Float64Array(rows)]));
  const recency = new Map(types.map((t) => [t, new Float64Array(rows).fill(Number.NaN)]));
  for (const s of stats) {
    const row = position.get(s.lead_idx);
    const count = counts.get(s.type);
    if (row === undefined || !count) continue;
    count[row] = s.n;
    recency.get(s.type)![row] = s.days ?? Number.NaN;
  }
  return types.flatMap((type) => {
    const names = interactionColumns(type);
    return [
      { kind: 'numeric' as const, name: names.count, values: counts.get(type)! },
      { kind: 'numeric' as const, name: names.recency, values: recency.get(type)! },
    ];
  });
}
