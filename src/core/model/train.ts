import { createRandom } from '../../synth/random.js';
import type { AdditiveModel, MainTerm, ModelTerm, PairTerm } from './additive-model.js';
import { binCount } from './bin-definition.js';
import { applyBins, fitBins } from './binning.js';
import { cellWeights } from './cell-arrays.js';
import { centerScores, purifyPair } from './center-terms.js';
import type { FeatureTable } from './feature-table.js';
import {
  fitMainEffects,
  weightedRate,
  type MainBag,
  type TrainingData,
} from './fit-main-effects.js';
import { fitPairs, type PairFit } from './fit-pairs.js';
import { stratifiedSplit } from './stratified-split.js';
import { resolveTrainOptions, type TrainOptions } from './train-options.js';

export type { ResolvedTrainOptions, TrainOptions } from './train-options.js';

/**
 * Trains an explainable boosting machine (EBM; Lou, Caruana & Gehrke, KDD 2012; Lou et al.,
 * KDD 2013; Nori et al., "InterpretML", 2019): an additive model on the logit scale whose
 * terms are lookup tables over binned features, so its output is a calibrated close rate
 * that splits exactly into per-feature (and per-pair) contributions.
 *
 * Method: (1) bins every column (`fitBins`); (2) in each of `bags` outer bags, draws a
 * stratified validation split with the seeded generator and boosts one table per feature
 * under log loss, cyclically, with per-bin Newton steps pooled over runs of adjacent numeric
 * bins and early stopping (`boostTerms`); (3) averages the bags' tables, which keeps the
 * model additive; (4) when `pairs` > 0, ranks feature pairs on each bag's residuals, boosts
 * the strongest on coarse bins and keeps those that lower held-out log loss (`fitPairs`);
 * (5) purifies the pairs into the main effects and centres every term to weighted mean 0
 * over the training rows, moving the means into the intercept, so each contribution reads
 * as the effect versus an average lead.
 *
 * Deterministic for a seed (no clock, no global randomness). `labels` are 1 (won) and 0.
 *
 * Degenerate cases: a feature with one value gets a table of zeros; a bag's table stays at 0
 * if early stopping finds no round better than the base rate.
 *
 * @throws RangeError when labels or weights do not match the table, labels are not 0/1 or
 * not both present, weights are negative or not finite, or an option is out of range.
 */
export function trainAdditiveModel(
  table: FeatureTable,
  labels: Uint8Array,
  options: TrainOptions = {},
): AdditiveModel {
  const resolved = resolveTrainOptions(options);
  const weights = checkInputs(table, labels, options.weights);
  const features = fitBins(table, resolved);
  const data: TrainingData = { features, binned: applyBins(features, table), labels, weights };
  const random = createRandom(resolved.seed);
  const bags = Array.from({ length: resolved.bags }, () => {
    const split = stratifiedSplit(labels, resolved.validationFraction, random);
    return fitMainEffects(data, split, resolved);
  });
  const main = averageBags(bags);
  const pairs: PairFit =
    resolved.pairs > 0 && features.length >= 2
      ? fitPairs(data, bags, { ...resolved, learningRate: resolved.pairLearningRate })
      : { terms: [], candidates: [], rounds: [] };
  const { intercept, terms } = finishTerms(data, main, pairs.terms, resolved.purify);
  return {
    intercept,
    features,
    terms,
    training: {
      rows: table.rows,
      seed: resolved.seed,
      baseRate: weightedRate(data),
      options: resolved,
      weighted: options.weights !== undefined,
      mainRounds: bags.map((bag) => bag.rounds),
      pairRounds: pairs.rounds,
      pairs: pairs.candidates,
    },
  };
}

function checkInputs(
  table: FeatureTable,
  labels: Uint8Array,
  weights: Float64Array | undefined,
): Float64Array {
  if (labels.length !== table.rows) {
    throw new RangeError(`labels has ${labels.length} entries for ${table.rows} rows`);
  }
  let positives = 0;
  for (const label of labels) {
    if (label > 1) throw new RangeError(`labels must be 0 or 1, got ${label}`);
    positives += label;
  }
  if (positives === 0 || positives === labels.length) {
    throw new RangeError('labels must hold both outcomes (some 1, some 0) to learn a rate');
  }
  if (weights === undefined) return new Float64Array(table.rows).fill(1);
  if (weights.length !== table.rows) {
    throw new RangeError(`weights has ${weights.length} entries for ${table.rows} rows`);
  }
  if (!weights.every((w) => w >= 0 && Number.isFinite(w)) || !weights.some((w) => w > 0)) {
    throw new RangeError('weights must be finite, non-negative and not all 0');
  }
  return weights;
}

function averageBags(bags: readonly MainBag[]): { intercept: number; scores: Float64Array[] } {
  const scores = (bags[0] as MainBag).scores.map((s) => new Float64Array(s.length));
  let intercept = 0;
  for (const bag of bags) {
    intercept += bag.intercept;
    bag.scores.forEach((s, f) => s.forEach((v, b) => (scores[f]![b]! += v)));
  }
  for (const s of scores) for (let b = 0; b < s.length; b++) s[b]! /= bags.length;
  return { intercept: intercept / bags.length, scores };
}

/** Purifies the pairs into the mains, then centres every term into the intercept. */
function finishTerms(
  data: TrainingData,
  main: { intercept: number; scores: Float64Array[] },
  pairs: readonly PairTerm[],
  purify: boolean,
): { intercept: number; terms: ModelTerm[] } {
  const { features, binned, weights } = data;
  const mainWeights = features.map((bins, f) =>
    cellWeights(binned.indices[f]!, binCount(bins), weights),
  );
  const pairWeights = pairs.map((pair) => pairCellWeights(data, pair));
  if (purify) {
    pairs.forEach((pair, k) => {
      const [a, b] = pair.features;
      purifyPair({
        scores: pair.scores,
        rows: binCount(pair.axes[0]),
        cols: binCount(pair.axes[1]),
        cellWeights: pairWeights[k]!,
        mainRows: main.scores[a]!,
        mainCols: main.scores[b]!,
        mapRows: pair.maps[0],
        mapCols: pair.maps[1],
      });
    });
  }
  let intercept = main.intercept;
  const mains: MainTerm[] = main.scores.map((scores, f) => {
    intercept += centerScores(scores, mainWeights[f]!);
    return { kind: 'main', feature: f, scores };
  });
  pairs.forEach((pair, k) => (intercept += centerScores(pair.scores, pairWeights[k]!)));
  return { intercept, terms: [...mains, ...pairs] };
}

function pairCellWeights(data: TrainingData, pair: PairTerm): Float64Array {
  const [a, b] = pair.features;
  const cols = binCount(pair.axes[1]);
  const out = new Float64Array(binCount(pair.axes[0]) * cols);
  const [ia, ib] = [data.binned.indices[a]!, data.binned.indices[b]!];
  const [ma, mb] = pair.maps;
  for (let i = 0; i < data.binned.rows; i++) {
    out[ma[ia[i]!]! * cols + mb[ib[i]!]!]! += data.weights[i]!;
  }
  return out;
}


