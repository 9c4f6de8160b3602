import type { BinIndices } from './binning.js';
import { additiveLogits } from './cell-arrays.js';
import { meanLogLoss } from './mean-log-loss.js';

/** One lookup-table term being boosted: the cell of every training and validation row. */
export interface BoostTerm {
  readonly train: BinIndices;
  readonly valid: BinIndices;
  readonly cells: number;
  /**
   * Cells 1 … cells − 1 are ordered intervals (cell 0 being "missing"), so a step may pool
   * runs of neighbouring cells (`maxLeaves`).
   */
  readonly ordered: boolean;
}

/**
 * Rows of one side of a split. `logits` hold the offset to boost from; the validation rows'
 * are updated in place as the terms move, the training rows' are left as they were.
 */
export interface BoostRows {
  readonly labels: Uint8Array;
  readonly weights: Float64Array;
  readonly logits: Float64Array;
}

export interface BoostSettings {
  readonly learningRate: number;
  readonly maxRounds: number;
  /** Stop after this many rounds without a lower validation loss. */
  readonly earlyStoppingRounds: number;
  /** A round counts as better only if it lowers the best loss by more than this share. */
  readonly earlyStoppingTolerance: number;
  readonly l2: number;
  /** Cells whose hessian sum is below this get no step: too little data to move them. */
  readonly minHessian: number;
  /** Ordered cells move in at most this many runs of equal step (a 1-D tree); 0 = per cell. */
  readonly maxLeaves: number;
  /** Smallest hessian sum of such a run. */
  readonly minLeafHessian: number;
  /** Smallest gain (twice the log-likelihood gain of a Newton step) for a split. */
  readonly minSplitGain: number;
}

export interface BoostResult {
  /** Scores per term and cell at the round with the lowest validation loss. */
  readonly scores: Float64Array[];
  readonly rounds: number;
  readonly validLoss: number;
}

/**
 * Cyclic gradient boosting of lookup-table terms under log loss, as in EBM (Lou, Caruana &
 * Gehrke 2012; Nori et al. 2019, InterpretML): each round visits the terms in turn and moves
 * every cell of the term by a damped Newton step computed on the current predictions,
 * stepᶜ = −learningRate · Gᶜ / (Hᶜ + l2), with Gᶜ and Hᶜ the sums of wᵢ(pᵢ − yᵢ) and
 * wᵢpᵢ(1 − pᵢ) over the training rows in cell c. Ordered cells (numeric bins) are smoothed
 * when `maxLeaves` > 0: they take the step of their run of adjacent cells, the runs being
 * the leaves of a small regression tree on the sums (`treeStep`), so a bin with few rows
 * borrows strength from its neighbours instead of chasing its own noise. The scores kept are
 * those of the last round that lowered the validation loss by more than
 * `earlyStoppingTolerance` of it (early stopping, which ends the run `earlyStoppingRounds`
 * later); with no validation rows every round is kept.
 *
 * Performance: one pass over the training rows per term and round, in which the previous
 * term's step is applied and the current term's sums gathered, plus a pass over the
 * validation rows; typed arrays only, and no exp per row (see `RoundState`).
 */
export function boostTerms(
  terms: readonly BoostTerm[],
  train: BoostRows,
  valid: BoostRows,
  settings: BoostSettings,
): BoostResult {
  const scores = terms.map((term) => new Float64Array(term.cells));
  let best = scores.map((s) => s.slice());
  const hasValid = valid.labels.length > 0;
  let bestLoss = hasValid ? meanLogLoss(valid.logits, valid.labels, valid.weights) : Infinity;
  let bestRound = 0;
  const state = roundState(train, terms);
  for (let round = 1; round <= settings.maxRounds && terms.length > 0; round++) {
    boostRound(terms, state, scores, valid, settings);
    if (!hasValid) {
      best = scores;
      bestRound = round;
      continue;
    }
    const loss = meanLogLoss(valid.logits, valid.labels, valid.weights);
    if (loss < bestLoss * (1 - settings.earlyStoppingTolerance)) {
      bestLoss = loss;
      bestRound = round;
      best = scores.map((s) => s.slice());
    } else if (round - bestRound >= settings.earlyStoppingRounds) break;
  }
  return { scores: best, rounds: bestRound, validLoss: bestLoss };
}

/**
 * Scratch arrays of one boosting run. Each term's step reaches the training rows by
 * multiplying their e^−s with e^−step inside the next term's pass (one exp per cell, not per
 * row: the exp per row dominated the run time). Every `REFRESH_ROUNDS` rounds e^−s is
 * recomputed exactly from the start logits and the scores, so rounding cannot drift and an
 * overflow to Infinity cannot stick.
 */
interface RoundState {
  readonly rows: BoostRows;
  readonly negExp: Float64Array;
  readonly factors: Float64Array[];
  readonly step: Float64Array;
  /** Gradient and hessian sums per cell, interleaved: [G₀, H₀, G₁, H₁, …]. */
  readonly sums: Float64Array;
  readonly unitFactor: Float64Array;
  readonly noCells: Uint8Array;
  readonly unitWeights: boolean;
  round: number;
}

const REFRESH_ROUNDS = 16;

function roundState(rows: BoostRows, terms: readonly BoostTerm[]): RoundState {
  const width = Math.max(1, ...terms.map((t) => t.cells));
  return {
    rows,
    negExp: new Float64Array(rows.logits.length),
    factors: terms.map((term) => new Float64Array(term.cells).fill(1)),
    step: new Float64Array(width),
    sums: new Float64Array(2 * width),
    unitFactor: new Float64Array(1).fill(1),
    noCells: new Uint8Array(rows.logits.length),
    unitWeights: rows.weights.every((w) => w === 1),
    round: 0,
  };
}

function boostRound(
  terms: readonly BoostTerm[],
  state: RoundState,
  scores: Float64Array[],
  valid: BoostRows,
  settings: BoostSettings,
): void {
  const { rows, negExp, factors, step, sums } = state;
  const refresh = state.round % REFRESH_ROUNDS === 0;
  if (refresh) {
    const logits = additiveLogits(0, scores, terms.map((t) => t.train), negExp.length);
    for (let i = 0; i < negExp.length; i++) {
      negExp[i] = Math.exp(-(rows.logits[i]! + logits[i]!));
    }
  }
  state.round += 1;
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t]!;
    sums.fill(0);
    const before = t > 0 ? t - 1 : refresh ? -1 : terms.length - 1;
    const previous = before >= 0 ? terms[before]!.train : state.noCells;
    const factor = before >= 0 ? factors[before]! : state.unitFactor;
    gatherSums(rows, negExp, previous, factor, term.train, sums, state.unitWeights);
    newtonStep(term, sums, settings, step);
    const own = scores[t]!;
    const ownFactor = factors[t]!;
    for (let c = 0; c < term.cells; c++) {
      own[c]! += step[c]!;
      ownFactor[c] = Math.exp(-step[c]!);
    }
    applyStep(valid.logits, term.valid, step);
  }
}

/**
 * Brings e^−s up to date with the previous term's step (`factor` per cell of `previous`),
 * then adds gradient and hessian per cell of `cells` into `sums` (interleaved, so both sit in
 * one cache line). Unit weights get a loop of their own, the common case.
 */
function gatherSums(
  rows: BoostRows,
  negExp: Float64Array,
  previous: BinIndices,
  factor: Float64Array,
  cells: BinIndices,
  sums: Float64Array,
  unitWeights: boolean,
): void {
  const { labels, weights } = rows;
  const n = negExp.length;
  if (unitWeights) {
    for (let i = 0; i < n; i++) {
      const e = negExp[i]! * factor[previous[i]!]!;
      negExp[i] = e;
      const p = 1 / (1 + e);
      const c = cells[i]! << 1;
      sums[c]! += p - labels[i]!;
      sums[c + 1]! += p * (1 - p);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const e = negExp[i]! * factor[previous[i]!]!;
    negExp[i] = e;
    const p = 1 / (1 + e);
    const w = weights[i]!;
    const c = cells[i]! << 1;
    sums[c]! += w * (p - labels[i]!);
    sums[c + 1]! += w * p * (1 - p);
  }
}

function applyStep(logits: Float64Array, cells: BinIndices, step: Float64Array): void {
  for (let i = 0; i < logits.length; i++) logits[i]! += step[cells[i]!]!;
}

function newtonStep(
  term: BoostTerm,
  sums: Float64Array,
  settings: BoostSettings,
  out: Float64Array,
): void {
  if (term.ordered && settings.maxLeaves > 0) {
    treeStep(term, sums, settings, out);
    return;
  }
  for (let c = 0; c < term.cells; c++) {
    out[c] = cellStep(sums[2 * c]!, sums[2 * c + 1]!, settings);
  }
}

/** −learningRate · G / (H + l2), or 0 when H is below `minHessian`. */
function cellStep(g: number, h: number, settings: BoostSettings): number {
  if (!(h >= settings.minHessian && h > 0)) return 0;
  return (-settings.learningRate * g) / (h + settings.l2);
}

/**
 * A step constant on runs of adjacent ordered cells: the runs are the leaves of a greedy
 * best-first regression tree on the cells' gradient and hessian sums (split gain
 * G_L²/(H_L + l2) + G_R²/(H_R + l2) − G²/(H + l2), each side holding at least
 * `minLeafHessian`), as EBM boosts each feature with trees of few leaves. Cell 0 (missing)
 * gets its own Newton step.
 */
function treeStep(
  term: BoostTerm,
  sums: Float64Array,
  settings: BoostSettings,
  out: Float64Array,
): void {
  out[0] = cellStep(sums[0]!, sums[1]!, settings);
  const cells = term.cells;
  const prefixG = new Float64Array(cells + 1);
  const prefixH = new Float64Array(cells + 1);
  for (let c = 1; c < cells; c++) {
    prefixG[c + 1] = prefixG[c]! + sums[2 * c]!;
    prefixH[c + 1] = prefixH[c]! + sums[2 * c + 1]!;
  }
  const leaves = [bestSplit(1, cells, prefixG, prefixH, settings)];
  while (leaves.length < settings.maxLeaves) {
    let pick = -1;
    leaves.forEach((leaf, k) => {
      if (leaf.gain > 0 && (pick < 0 || leaf.gain > leaves[pick]!.gain)) pick = k;
    });
    if (pick < 0) break;
    const leaf = leaves[pick]!;
    leaves.splice(
      pick,
      1,
      bestSplit(leaf.start, leaf.split, prefixG, prefixH, settings),
      bestSplit(leaf.split, leaf.end, prefixG, prefixH, settings),
    );
  }
  for (const { start, end } of leaves) {
    const g = prefixG[end]! - prefixG[start]!;
    const value = cellStep(g, prefixH[end]! - prefixH[start]!, settings);
    for (let c = start; c < end; c++) out[c] = value;
  }
}

interface Leaf {
  readonly start: number;
  readonly end: number;
  readonly split: number;
  readonly gain: number;
}

function bestSplit(
  start: number,
  end: number,
  prefixG: Float64Array,
  prefixH: Float64Array,
  settings: BoostSettings,
): Leaf {
  const { l2, minLeafHessian } = settings;
  const g = prefixG[end]! - prefixG[start]!;
  const h = prefixH[end]! - prefixH[start]!;
  const whole = (g * g) / (h + l2);
  let best: Leaf = { start, end, split: start, gain: 0 };
  const { minSplitGain } = settings;
  for (let k = start + 1; k < end; k++) {
    const gl = prefixG[k]! - prefixG[start]!;
    const hl = prefixH[k]! - prefixH[start]!;
    const hr = h - hl;
    if (hl < minLeafHessian || hr < minLeafHessian) continue;
    const gr = g - gl;
    const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - whole;
    if (gain > best.gain && gain > minSplitGain) best = { start, end, split: k, gain };
  }
  return best;
}
