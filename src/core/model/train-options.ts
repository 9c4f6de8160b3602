import { DEFAULT_BINNING, type BinningOptions } from './binning.js';

/** Options of `trainAdditiveModel`; every field has a default (see `DEFAULT_TRAINING`). */
export interface TrainOptions extends BinningOptions {
  /** Seed of every random choice (validation splits); the same seed gives the same model. */
  readonly seed?: number;
  /** Shrinkage of each Newton step. */
  readonly learningRate?: number;
  readonly maxRounds?: number;
  /** Stop once this many rounds pass without a lower validation loss. */
  readonly earlyStoppingRounds?: number;
  /** Share of each bag's rows held out (stratified) for early stopping and pair checks. */
  readonly validationFraction?: number;
  /** Ridge penalty added to each cell's hessian sum: pulls thin cells toward 0. */
  readonly l2?: number;
  /** Cells with a smaller hessian sum (≈ rows · p(1 − p)) are not moved at all. */
  readonly minHessian?: number;
  /** Weight of neighbouring numeric bins in each step (0 = no smoothing). */
  readonly smoothing?: number;
  /** Models fitted on different validation splits and averaged (outer bags). */
  readonly bags?: number;
  /** Candidate pairs to boost; 0 disables pairs. */
  readonly pairs?: number;
  /** Most intervals or categories per feature on a pair's coarse axis. */
  readonly pairBins?: number;
  /** A pair is kept only if it lowers validation log loss by more than this (nats per row). */
  readonly minPairGain?: number;
  /** …and only if that drop is this many standard errors above 0 (a one-sided z-test). */
  readonly minPairZ?: number;
  /** Move pairs' row and column means into the main effects (functional ANOVA purity). */
  readonly purify?: boolean;
  /** Non-negative sample weights, one per row; default 1 each. */
  readonly weights?: Float64Array;
}

export type ResolvedTrainOptions = Required<Omit<TrainOptions, 'weights'>>;

/** Defaults, tuned on UCI bank marketing (see the model's tests and README notes). */
export const DEFAULT_TRAINING: ResolvedTrainOptions = {
  ...DEFAULT_BINNING,
  seed: 1,
  learningRate: 0.05,
  maxRounds: 2000,
  earlyStoppingRounds: 30,
  validationFraction: 0.15,
  l2: 1,
  minHessian: 1e-3,
  smoothing: 0,
  bags: 8,
  pairs: 10,
  pairBins: 8,
  minPairGain: 0,
  minPairZ: 2,
  purify: true,
};

/**
 * Fills in defaults and checks ranges.
 *
 * @throws RangeError naming the first option out of range.
 */
export function resolveTrainOptions(options: TrainOptions): ResolvedTrainOptions {
  const resolved: ResolvedTrainOptions = { ...DEFAULT_TRAINING };
  for (const key of Object.keys(DEFAULT_TRAINING) as (keyof ResolvedTrainOptions)[]) {
    const value = options[key];
    if (value !== undefined) (resolved as Record<string, unknown>)[key] = value;
  }
  const r = resolved;
  check('seed', Number.isSafeInteger(r.seed), 'a safe integer');
  check('learningRate', r.learningRate > 0 && r.learningRate <= 1, 'in (0, 1]');
  check('maxRounds', Number.isInteger(r.maxRounds) && r.maxRounds >= 0, 'an integer >= 0');
  check('earlyStoppingRounds', Number.isInteger(r.earlyStoppingRounds) && r.earlyStoppingRounds >= 1, 'an integer >= 1');
  check('validationFraction', r.validationFraction >= 0 && r.validationFraction < 1, 'in [0, 1)');
  check('l2', r.l2 >= 0 && Number.isFinite(r.l2), 'a finite number >= 0');
  check('minHessian', r.minHessian >= 0 && Number.isFinite(r.minHessian), 'a finite number >= 0');
  check('smoothing', r.smoothing >= 0 && r.smoothing <= 1, 'in [0, 1]');
  check('bags', Number.isInteger(r.bags) && r.bags >= 1 && r.bags <= 1000, 'an integer from 1 to 1000');
  check('pairs', Number.isInteger(r.pairs) && r.pairs >= 0, 'an integer >= 0');
  check('pairBins', Number.isInteger(r.pairBins) && r.pairBins >= 2 && r.pairBins <= 64, 'an integer from 2 to 64');
  check('minPairGain', Number.isFinite(r.minPairGain), 'a finite number');
  check('minPairZ', Number.isFinite(r.minPairZ), 'a finite number');
  check('purify', typeof r.purify === 'boolean', 'true or false');
  return resolved;
}

function check(name: string, ok: boolean, expected: string): void {
  if (!ok) throw new RangeError(`option ${name} must be ${expected}`);
}
