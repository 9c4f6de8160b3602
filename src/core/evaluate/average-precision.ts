import { assertScoredLabels } from './assert-scored-labels.js';
import { scoreGroups } from './score-groups.js';

/**
 * Average precision, the summary of the precision–recall curve that peers.md reports as
 * "PR AUC".
 *
 * Method: scikit-learn's `average_precision_score`, AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the distinct
 * scores taken as thresholds from the highest down, where Pₙ and Rₙ are the precision and
 * recall of calling every row scoring at least the n-th threshold a win, and R₀ = 0. Tied
 * scores form one step, so the result does not depend on row order. It is a step-wise sum,
 * not the trapezoidal area, which is optimistic for precision–recall curves. Reference:
 * Davis & Goadrich (2006), ICML, 233–240; scikit-learn 1.2 user guide, section 3.3.2.9.
 *
 * Degenerate cases: NaN when there is no positive (recall is undefined), including no rows;
 * all scores equal gives the base rate; only positives gives 1.
 *
 * @throws RangeError on inputs `assertScoredLabels` rejects.
 */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  assertScoredLabels(scores, labels);
  const groups = scoreGroups(scores, labels);
  let totalPositives = 0;
  for (const wins of groups.positives) totalPositives += wins;
  if (totalPositives === 0) return Number.NaN;

  let truePositives = 0;
  let flagged = 0;
  let sum = 0;
  for (let g = groups.scores.length - 1; g >= 0; g -= 1) {
    const wins = groups.positives[g] as number;
    truePositives += wins;
    flagged += groups.counts[g] as number;
    sum += wins * (truePositives / flagged);
  }
  // Each step's recall gain is wins / totalPositives; dividing once at the end saves the
  // rounding of one division per threshold.
  return sum / totalPositives;
}
