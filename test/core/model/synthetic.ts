import type { FeatureTable } from '../../../src/core/model/feature-table.js';
import { expit } from '../../../src/core/stats/logit.js';
import { createRandom } from '../../../src/synth/random.js';

/** A generated table with its labels and every row's true close rate. */
export interface SyntheticData {
  readonly table: FeatureTable;
  readonly labels: Uint8Array;
  readonly truth: Float64Array;
}

export const SEGMENTS = ['retail', 'software', "O'Brien & Co", 'health', 'energy'] as const;
/** True logit effect of each segment (before centring). */
export const SEGMENT_EFFECT = [-1, -0.4, 0, 0.5, 1.2] as const;
export const BASE_LOGIT = -2;

/** True logit effect of `size`: linear, 0.3 per unit. */
export function sizeEffect(size: number): number {
  return 0.3 * (size - 5);
}

/**
 * Additive data with known probabilities: logit = −2 + segment effect + 0.3·(size − 5),
 * segment uniform over five categories, size uniform on [0, 10), and `noise` uniform on
 * [0, 1) with no effect. 2 % of sizes are missing (NaN) with no effect of their own.
 */
export function additiveData(rows: number, seed: number): SyntheticData {
  const random = createRandom(seed);
  const codes = new Int32Array(rows);
  const size = new Float64Array(rows);
  const noise = new Float64Array(rows);
  const labels = new Uint8Array(rows);
  const truth = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const segment = random.integer(SEGMENTS.length);
    const x = random.uniform() * 10;
    codes[i] = segment;
    size[i] = random.uniform() < 0.02 ? Number.NaN : x;
    noise[i] = random.uniform();
    truth[i] = expit(BASE_LOGIT + SEGMENT_EFFECT[segment]! + sizeEffect(x));
    labels[i] = random.bernoulli(truth[i]!) ? 1 : 0;
  }
  return {
    table: {
      rows,
      columns: [
        { kind: 'categorical', name: 'segment', codes, categories: [...SEGMENTS] },
        { kind: 'numeric', name: 'size', values: size },
        { kind: 'numeric', name: 'noise', values: noise },
      ],
    },
    labels,
    truth,
  };
}

/**
 * A pure interaction (XOR): logit = +2 when x and y have the same sign, −2 otherwise, with x
 * and y uniform on [−1, 1) and `noise` uniform on [0, 1). Neither feature alone says anything.
 */
export function xorData(rows: number, seed: number): SyntheticData {
  const random = createRandom(seed);
  const x = new Float64Array(rows);
  const y = new Float64Array(rows);
  const noise = new Float64Array(rows);
  const labels = new Uint8Array(rows);
  const truth = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    x[i] = 2 * random.uniform() - 1;
    y[i] = 2 * random.uniform() - 1;
    noise[i] = random.uniform();
    truth[i] = expit(x[i]! * y[i]! > 0 ? 2 : -2);
    labels[i] = random.bernoulli(truth[i]!) ? 1 : 0;
  }
  return {
    table: {
      rows,
      columns: [
        { kind: 'numeric', name: 'x', values: x },
        { kind: 'numeric', name: 'y', values: y },
        { kind: 'numeric', name: 'noise', values: noise },
      ],
    },
    labels,
    truth,
  };
}

/** ROC AUC by the rank-sum (Mann–Whitney) formula, ties given their mean rank. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const meanRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!]) {
        rankSum += meanRank;
        positives += 1;
      }
    }
    i = j + 1;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
