import { foldOf } from './folds.js';

/**
 * ROC AUC of one grouped column used alone: each group's close rate, learned on the other
 * half of the rows (two folds, seeded), scores the rows of this half. Cross-fitting keeps a
 * column of unique ids from looking perfect just because every id is its own group.
 * Missing values (code -1) form a group of their own.
 */
export function rocAucOfCodes(codes: Int32Array, labels: Uint8Array, seed: number): number {
  const scores = new Float64Array(labels.length);
  const fold = Uint8Array.from(labels, (_, i) => foldOf(i, seed, 2));
  for (const held of [0, 1]) {
    const wins = new Map<number, number>();
    const leads = new Map<number, number>();
    let baseWins = 0;
    let baseLeads = 0;
    for (let i = 0; i < labels.length; i++) {
      if (fold[i] === held) continue;
      const code = codes[i]!;
      leads.set(code, (leads.get(code) ?? 0) + 1);
      wins.set(code, (wins.get(code) ?? 0) + labels[i]!);
      baseLeads++;
      baseWins += labels[i]!;
    }
    const base = baseLeads > 0 ? baseWins / baseLeads : 0;
    for (let i = 0; i < labels.length; i++) {
      if (fold[i] !== held) continue;
      const code = codes[i]!;
      // A prior worth one lead at the base rate keeps unseen and tiny groups near the base.
      scores[i] = ((wins.get(code) ?? 0) + base) / ((leads.get(code) ?? 0) + 1);
    }
  }
  return rankAuc(scores, labels);
}

/** Mann–Whitney ROC AUC with average ranks for ties; NaN when one class is absent. */
export function rankAuc(scores: Float64Array, labels: Uint8Array): number {
  const order = Array.from(scores.keys()).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k]!]) {
        positives++;
        rankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
