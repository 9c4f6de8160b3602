import { assertScoredLabels } from './assert-scored-labels.js';
import { scoreGroups } from './score-groups.js';

/** The top `share` of leads by score, and the wins among them. */
export interface LiftRow {
  /** 1 for the top tenth (with 10 groups), up to 10 for all leads. */
  readonly decile: number;
  /** Leads in the top `decile` tenths: round(decile·n / groups). */
  readonly leads: number;
  readonly shareOfLeads: number;
  /** Wins among them; fractional when the cut falls inside a run of equal scores. */
  readonly wins: number;
  /** Share of all wins captured (cumulative gain). */
  readonly shareOfWins: number;
  /** Close rate of those leads. */
  readonly closeRate: number;
  /** closeRate / overall close rate, i.e. shareOfWins / shareOfLeads. */
  readonly lift: number;
}

/**
 * Cumulative gains and lift by decile: working the top 10 %, 20 %, … of leads by score,
 * what share of the wins would sales reach, and how much richer in wins are those leads than
 * the whole list (lift 1 means no better than random order).
 *
 * Method: leads sorted by descending score; the top `decile` share is the first
 * round(decile·n / groups) leads. When that cut falls inside a run of equal scores, the run
 * contributes its wins in proportion to the part of it taken, the expected count under a
 * random order of the tied leads, so the table does not depend on row order. Reference: the
 * gains chart and lift chart of direct marketing, e.g. Linoff & Berry (2011), Data Mining
 * Techniques, 3rd ed., ch. 5.
 *
 * Degenerate cases: no rows gives an empty table; no wins gives NaN shares of wins and lift;
 * a cut of zero leads (n < groups) gives a close rate and lift of NaN.
 *
 * @throws RangeError on inputs `assertScoredLabels` rejects, or a group count that is not a
 * positive integer.
 */
export function liftTable(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  groups = 10,
): LiftRow[] {
  if (!Number.isInteger(groups) || groups < 1) {
    throw new RangeError(`groups must be a positive integer, got ${groups}`);
  }
  assertScoredLabels(scores, labels);
  const rows = labels.length;
  if (rows === 0) return [];
  const winsAt = cumulativeWins(scores, labels);
  const totalWins = winsAt(rows);
  const table: LiftRow[] = [];
  for (let decile = 1; decile <= groups; decile += 1) {
    const leads = Math.round((decile * rows) / groups);
    const wins = winsAt(leads);
    const shareOfLeads = leads / rows;
    const shareOfWins = totalWins === 0 ? Number.NaN : wins / totalWins;
    const closeRate = leads === 0 ? Number.NaN : wins / leads;
    table.push({
      decile,
      leads,
      shareOfLeads,
      wins,
      shareOfWins,
      closeRate,
      lift: closeRate / (totalWins / rows),
    });
  }
  return table;
}

/** Wins among the top `leads` rows by score, ties shared in proportion. */
function cumulativeWins(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): (leads: number) => number {
  const groups = scoreGroups(scores, labels);
  return (leads) => {
    let taken = 0;
    let wins = 0;
    for (let g = groups.scores.length - 1; g >= 0 && taken < leads; g -= 1) {
      const count = groups.counts[g] as number;
      const part = Math.min(count, leads - taken);
      wins += ((groups.positives[g] as number) * part) / count;
      taken += part;
    }
    return wins;
  };
}
