import type { BinIndices } from './binning.js';
import { meanLogLoss } from './mean-log-loss.js';

/** One lookup-table term being boosted: the cell of every training and validation row. */
export interface BoostTerm {
  readonly train: BinIndices;
  readonly valid: BinIndices;
  readonly cells: number;
  /**
   * Cells 1 … cells − 1 are ordered intervals (cell 0 being "missing"), so a smoothed step
   * may borrow strength from neighbouring cells.
   */
  readonly ordered: boolean;
}

/** Rows of one side of a split; `logits` start at the offset to boost from and are updated. */
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
  readonly l2: number;
  /** Cells whose hessian sum is below this get no step: too little data to move them. */
  readonly minHessian: number;
  /** Weight of each neighbour's gradient and hessian in an ordered cell's step; 0 = none. */
  readonly smoothing: number;
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
 * wᵢpᵢ(1 − pᵢ) over the training rows in cell c. With `smoothing` s > 0, an ordered cell's
 * sums are Gᶜ + s(Gᶜ⁻¹ + Gᶜ⁺¹) (likewise H), a kernel-smoothed step that keeps shapes from
 * jagging on noise. The scores kept are those of the round with the lowest validation loss
 * (early stopping); with no validation rows every round is kept.
 *
 * Performance: one pass over the training rows per term and round, in which the previous
 * term's step is applied and the current term's sums gathered, plus a pass over the
 * validation rows; typed arrays only, and one exp per row and round (see `trainState`).
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
    if (loss < bestLoss) {
      bestLoss = loss;
      bestRound = round;
      best = scores.map((s) => s.slice());
    } else if (round - bestRound >= settings.earlyStoppingRounds) break;
  }
  return { scores: best, rounds: bestRound, validLoss: bestLoss };
}

/**
 * Scratch arrays of one boosting run. Within a round, each term's step reaches the training
 * rows by multiplying their e^−s with e^−step inside the next term's pass (one exp per cell,
 * not per row: the exp per row dominated the run time); at the start of the next round the
 * steps are added to s in term order and e^−s recomputed exactly, so rounding cannot drift.
 */
interface RoundState {
  readonly rows: BoostRows;
  readonly negExp: Float64Array;
  readonly steps: Float64Array[];
  readonly factors: Float64Array[];
  readonly gradient: Float64Array;
  readonly hessian: Float64Array;
  readonly unitFactor: Float64Array;
  readonly noCells: Uint8Array;
}

function roundState(rows: BoostRows, terms: readonly BoostTerm[]): RoundState {
  const width = Math.max(1, ...terms.map((t) => t.cells));
  return {
    rows,
    negExp: new Float64Array(rows.logits.length),
    steps: terms.map((term) => new Float64Array(term.cells)),
    factors: terms.map((term) => new Float64Array(term.cells)),
    gradient: new Float64Array(width),
    hessian: new Float64Array(width),
    unitFactor: new Float64Array(1).fill(1),
    noCells: new Uint8Array(rows.logits.length),
  };
}

function boostRound(
  terms: readonly BoostTerm[],
  state: RoundState,
  scores: Float64Array[],
  valid: BoostRows,
  settings: BoostSettings,
): void {
  const { rows, negExp, steps, factors, gradient, hessian } = state;
  for (let t = 0; t < terms.length; t++) applyStep(rows.logits, terms[t]!.train, steps[t]!);
  for (let i = 0; i < negExp.length; i++) negExp[i] = Math.exp(-rows.logits[i]!);
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t]!;
    const step = steps[t]!;
    gradient.fill(0);
    hessian.fill(0);
    const previous = t > 0 ? terms[t - 1]!.train : state.noCells;
    const factor = t > 0 ? factors[t - 1]! : state.unitFactor;
    gatherSums(rows, negExp, previous, factor, term.train, gradient, hessian);
    newtonStep(term, gradient, hessian, settings, step);
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
 * then sums gradient and hessian per cell of `cells`.
 */
function gatherSums(
  rows: BoostRows,
  negExp: Float64Array,
  previous: BinIndices,
  factor: Float64Array,
  cells: BinIndices,
  gradient: Float64Array,
  hessian: Float64Array,
): void {
  const { labels, weights } = rows;
  const n = negExp.length;
  for (let i = 0; i < n; i++) {
    const e = negExp[i]! * factor[previous[i]!]!;
    negExp[i] = e;
    const p = 1 / (1 + e);
    const w = weights[i]!;
    const c = cells[i]!;
    gradient[c]! += w * (p - labels[i]!);
    hessian[c]! += w * p * (1 - p);
  }
}

function applyStep(logits: Float64Array, cells: BinIndices, step: Float64Array): void {
  for (let i = 0; i < logits.length; i++) logits[i]! += step[cells[i]!]!;
}

function newtonStep(
  term: BoostTerm,
  gradient: Float64Array,
  hessian: Float64Array,
  settings: BoostSettings,
  out: Float64Array,
): void {
  const { learningRate, l2, minHessian, smoothing } = settings;
  const smooth = term.ordered && smoothing > 0;
  for (let c = 0; c < term.cells; c++) {
    let g = gradient[c]!;
    let h = hessian[c]!;
    if (smooth && c > 0) {
      if (c > 1) {
        g += smoothing * gradient[c - 1]!;
        h += smoothing * hessian[c - 1]!;
      }
      if (c + 1 < term.cells) {
        g += smoothing * gradient[c + 1]!;
        h += smoothing * hessian[c + 1]!;
      }
    }
    out[c] = h >= minHessian && h > 0 ? (-learningRate * g) / (h + l2) : 0;
  }
}
