/** Counts for one interaction type or attribute value; the core turns them into rates. */
export interface FeatureCounts {
  readonly featureId: number;
  readonly kind: 'interaction' | 'fit';
  readonly attribute: string;
  readonly value: string;
  readonly sortKey: number;
  /** Eligible leads that had it before their decision, and how many of them won. */
  readonly leads: number;
  readonly wins: number;
  /** Best customers that had it. */
  readonly best: number;
  /** The same counts ignoring every time rule: all leads, interactions at any time. */
  readonly naiveLeads: number;
  readonly naiveWins: number;
}

export interface Totals {
  readonly leads: number;
  readonly eligible: number;
  readonly wins: number;
  readonly best: number;
  readonly naiveWins: number;
  readonly byStatus: Readonly<Record<'won' | 'lost' | 'open', number>>;
  readonly excluded: readonly { reason: string; status: string; leads: number }[];
}

/**
 * Every lead's facts and its features present before the decision, as compact arrays for the
 * scorer: features are stored row-wise in `featureIds`, lead i's in
 * `featureIds[offsets[i] .. offsets[i + 1])`.
 */
export interface LeadMatrix {
  readonly count: number;
  readonly leadIdx: Int32Array;
  /**
   * Leads sharing a group (their account) go to the same cross-validation fold: they share
   * account attributes and often one deal, so splitting them would let a lead vouch for itself.
   */
  readonly group: Int32Array;
  /** 1 won, 0 lost or open. */
  readonly won: Uint8Array;
  readonly eligible: Uint8Array;
  readonly offsets: Int32Array;
  readonly featureIds: Int32Array;
}

