import { literal, type Store } from './store.js';

/** What the data says about time, gathered for the pure core's time rules. */
export interface TimeFacts {
  readonly asOf: Date | null;
  /** Days from first contact to the win, for won leads with both dates. */
  readonly wonCycleDays: Float64Array;
  /** Days from first contact to the decision, for won and lost leads. */
  readonly closedCycleDays: Float64Array;
  readonly firstOutcomeAt: Date | null;
  /** Leads created before the first outcome, by whole days before it. */
  readonly createdBeforeFirstOutcome: readonly { daysBefore: number; leads: number }[];
  /** Share of leads created on or after the first outcome that reached won or lost. */
  readonly decidedShareAfterFirstOutcome: number;
}

export async function gatherTimeFacts(store: Store, asOfOverride?: Date): Promise<TimeFacts> {
  const [bounds] = await store.rows<{ as_of: Date | null; first_outcome: Date | null }>(
    `SELECT greatest(
        (SELECT max(created_at) FROM leads),
        (SELECT last_at FROM interaction_summary),
        (SELECT max(closed_at) FROM outcomes)) AS as_of,
      (SELECT min(closed_at) FROM outcomes WHERE status IN ('won', 'lost')) AS first_outcome`,
  );
  const asOf = asOfOverride ?? bounds?.as_of ?? null;
  const cycles = (status: string) =>
    store.column<number>(
      `SELECT date_diff('second', l.created_at, o.closed_at) / 86400.0
       FROM outcomes o JOIN leads l USING (lead_idx)
       WHERE o.status IN (${status}) AND l.created_at IS NOT NULL AND o.closed_at IS NOT NULL
         ${asOf ? `AND o.closed_at <= ${tsLiteral(asOf)}` : ''}
       ORDER BY 1`,
    );
  const firstOutcomeAt = bounds?.first_outcome ?? null;
  const before = firstOutcomeAt
    ? await store.rows<{ daysBefore: number; leads: number }>(
        `SELECT CAST(date_diff('day', created_at, ${tsLiteral(firstOutcomeAt)}) AS INTEGER)
           AS "daysBefore", count(*)::INTEGER AS leads
         FROM leads WHERE created_at < ${tsLiteral(firstOutcomeAt)} GROUP BY 1 ORDER BY 1`,
      )
    : [];
  const [decided] = firstOutcomeAt
    ? await store.column<number>(
        `SELECT coalesce(avg(CAST(o.status IN ('won', 'lost') AS DOUBLE)), 0)
         FROM leads l JOIN outcomes o USING (lead_idx)
         WHERE l.created_at >= ${tsLiteral(firstOutcomeAt)}`,
      )
    : [0];
  return {
    asOf,
    decidedShareAfterFirstOutcome: decided ?? 0,
    wonCycleDays: Float64Array.from(await cycles(`'won'`)),
    closedCycleDays: Float64Array.from(await cycles(`'won', 'lost'`)),
    firstOutcomeAt,
    createdBeforeFirstOutcome: before,
  };
}

export function tsLiteral(date: Date): string {
  return `TIMESTAMP ${literal(date.toISOString().replace('T', ' ').replace('Z', ''))}`;
}
