import { generateFunnel, type FunnelCounts, type FunnelOptions } from './generate.js';
import type { AccountRow, DealRow, InteractionRow, LeadFate, LeadRow } from './rows.js';

/** A whole generated funnel held in memory. */
export interface FunnelData {
  readonly accounts: AccountRow[];
  readonly leads: LeadRow[];
  readonly interactions: InteractionRow[];
  readonly deals: DealRow[];
  /** One per lead, in lead order: what the export does not show. */
  readonly fates: LeadFate[];
  readonly counts: FunnelCounts;
}

/**
 * Generates a funnel into arrays. For small funnels (tests, examples); a large one belongs
 * in a streaming sink or `writeFunnelCsv`, since each interaction becomes an object here.
 */
export function collectFunnel(options: FunnelOptions): FunnelData {
  const data = {
    accounts: [] as AccountRow[],
    leads: [] as LeadRow[],
    interactions: [] as InteractionRow[],
    deals: [] as DealRow[],
    fates: [] as LeadFate[],
  };
  const counts = generateFunnel(options, {
    account: (row) => data.accounts.push(row),
    lead: (row) => data.leads.push(row),
    interaction: (row) => data.interactions.push(row),
    deal: (row) => data.deals.push(row),
    fate: (row) => data.fates.push(row),
  });
  return { ...data, counts };
}
