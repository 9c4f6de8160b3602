import type { Intent, InteractionType } from './model.js';

/**
 * The rows of the synthetic CRM export, one interface per file, with the files' column names
 * as keys. Timestamps are `YYYY-MM-DD HH:MM:SS` in UTC, so they also sort as strings.
 */

/** A row of `accounts.csv`. */
export interface AccountRow {
  readonly account_id: string;
  readonly industry: string;
  readonly employees: number;
  readonly country: string;
  /** Annual revenue in whole currency units. */
  readonly revenue: number;
}

/** A row of `leads.csv`. */
export interface LeadRow {
  readonly lead_id: string;
  readonly created_at: string;
  readonly account_id: string;
  readonly source: string;
  readonly job_title: string;
}

/** A row of `interactions.csv`. */
export interface InteractionRow {
  readonly lead_id: string;
  readonly type: InteractionType;
  readonly occurred_at: string;
  readonly detail: string;
}

/** A deal's status as of the export: one still open at the as-of instant is `open`. */
export type DealStatus = 'won' | 'lost' | 'open';

/** A row of `deals.csv`. */
export interface DealRow {
  readonly deal_id: string;
  readonly lead_id: string;
  readonly status: DealStatus;
  readonly created_at: string;
  /** null while the deal is open. */
  readonly closed_at: string | null;
  readonly amount: number;
}

/**
 * What really happened to a lead, including what the export cannot show yet: the latent
 * intent, the eventual fate and when it is settled (possibly after the as-of instant). For
 * tests and diagnostics; it is not written to the CSV files.
 */
export interface LeadFate {
  readonly lead_id: string;
  readonly intent: Intent;
  readonly fate: 'won' | 'lost' | 'no_deal';
  /** The model's P(won) for this lead's segment and intent. */
  readonly win_probability: number;
  /** The deal's close, or the end of the nurture window for a lead that never gets a deal. */
  readonly decided_at: string;
}

/**
 * Receives the generated rows as they are made, so a large funnel never sits in memory.
 * For each account the generator calls `account` once, then for each of its leads `lead`,
 * that lead's `interaction`s in time order, its `deal` if it has one in the export, and
 * `fate` if the sink has it. `fate` is thus the last call for a lead; without it, a lead is
 * complete when the next `lead` or `account` call arrives (or generation ends).
 */
export interface FunnelSink {
  account(row: AccountRow): void;
  lead(row: LeadRow): void;
  interaction(row: InteractionRow): void;
  deal(row: DealRow): void;
  fate?(row: LeadFate): void;
}
