import { assertScoredLabels } from './assert-scored-labels.js';
import { scoreGroups } from './score-groups.js';

/**
 * Area under the ROC curve: the probability that a random won lead scores above a random
 * lost one, ties counting one half.
 *
 * Method: the Mann–Whitney rank formula AUC = (R₁ − n₁(n₁ + 1)/2) / (n₁·n₀), where R₁ is
 * the sum of the positives' ranks in ascending score order and tied scores share their
 * average rank. This equals the trapezoidal area under the ROC curve, scikit-learn's
 * `roc_auc_score`. References: Mann & Whitney (1947), Ann. Math. Stat. 18, 50–60; Hanley &
 * McNeil (1982), Radiology 143, 29–36.
 *
 * Degenerate cases: NaN when either class is absent (including no rows), since the ranking
 * of won against lost leads is then undefined; all scores equal gives exactly 0.5.
 *
 * @throws RangeError on inputs `assertScoredLabels` rejects.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  assertScoredLabels(scores, labels);
  const groups = scoreGroups(scores, labels);
  let below = 0;
  let positives = 0;
  let rankSum = 0;
  for (let g = 0; g < groups.scores.length; g += 1) {
    const count = groups.counts[g] as number;
    const wins = groups.positives[g] as number;
    rankSum += wins * (below + (count + 1) / 2);
    positives += wins;
    below += count;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
