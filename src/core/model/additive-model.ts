import type { BinDefinition } from './bin-definition.js';

/**
 * A trained additive model on the logit scale: logit = intercept + Σ term contributions,
 * and the estimated close rate is expit(logit). Each term is a lookup table, so every
 * estimate can be read back as a sum of named pieces.
 */
export interface AdditiveModel {
  /** The logit of an average lead: every term is centred to mean 0 over the training rows. */
  readonly intercept: number;
  /** Bins of every input feature, in the order `applyBins` returns their indices. */
  readonly features: readonly BinDefinition[];
  /**
   * In summation order. One main effect per feature; as trained, the main effects come first
   * in feature order, then the kept pairs, best first.
   */
  readonly terms: readonly ModelTerm[];
  readonly training: TrainingSummary;
}

export type ModelTerm = MainTerm | PairTerm;

/** The effect of one feature: `scores[bin]` for each of its bins. */
export interface MainTerm {
  readonly kind: 'main';
  /** Index into `AdditiveModel.features`. */
  readonly feature: number;
  readonly scores: Float64Array;
}

/**
 * The interaction of two features on coarser bins ("axes"): each axis merges whole main bins
 * (a subset of the cut points, or the most frequent categories), so `maps[k][mainBin]` gives
 * the axis bin. The score of axis bins (a, b) is `scores[a · binCount(axes[1]) + b]`.
 */
export interface PairTerm {
  readonly kind: 'pair';
  readonly features: readonly [number, number];
  readonly axes: readonly [BinDefinition, BinDefinition];
  readonly maps: readonly [Uint16Array, Uint16Array];
  readonly scores: Float64Array;
}

/** What a model was trained on and how, kept with it for reproducibility and audit. */
export interface TrainingSummary {
  readonly rows: number;
  readonly seed: number;
  /** Weighted share of positive labels in the training rows. */
  readonly baseRate: number;
  /** Every option as resolved (defaults filled in), sample weights excepted. */
  readonly options: Readonly<Record<string, number | boolean>>;
  readonly weighted: boolean;
  /** Boosting rounds kept (best validation loss) per bag, main effects then pairs. */
  readonly mainRounds: readonly number[];
  readonly pairRounds: readonly number[];
  /** Every pair some bag boosted, by falling validation gain, and whether it was kept. */
  readonly pairs: readonly PairCandidateSummary[];
}

export interface PairCandidateSummary {
  readonly features: readonly [string, string];
  /**
   * Interaction statistic on the main-effect residuals less its degrees of freedom, averaged
   * over the bags that boosted the pair.
   */
  readonly strength: number;
  /** How many bags ranked the pair among their candidates and boosted it. */
  readonly bags: number;
  /** Mean drop in held-out log loss (nats per row) the pair brings in those bags. */
  readonly validationGain: number;
  /** That mean over its standard error across the held-out rows. */
  readonly validationZ: number;
  readonly kept: boolean;
}

/** Display name of a term: the feature name, or "a × b" for a pair. */
export function termName(model: Pick<AdditiveModel, 'features'>, term: ModelTerm): string {
  const name = (index: number): string => (model.features[index] as BinDefinition).name;
  return term.kind === 'main'
    ? name(term.feature)
    : `${name(term.features[0])} × ${name(term.features[1])}`;
}
