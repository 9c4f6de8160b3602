import { rocAuc } from './evaluate/roc-auc.js';
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
  return rocAuc(scores, labels);
}
