import { quantileSorted } from '../stats/quantile.js';
import { wilsonInterval, type ProportionInterval } from '../stats/wilson-interval.js';
import { assertScoredLabels } from './assert-scored-labels.js';

/** One bin of predicted close rates and what actually happened in it. */
export interface ReliabilityBin {
  /** Lowest and highest predicted probability among the bin's rows. */
  readonly lowPredicted: number;
  readonly highPredicted: number;
  readonly count: number;
  readonly wins: number;
  readonly meanPredicted: number;
  readonly observedRate: number;
  /** Wilson interval for the observed rate. */
  readonly interval: ProportionInterval;
}

export interface Reliability {
  /** Non-empty bins, from the lowest predictions up. */
  readonly bins: readonly ReliabilityBin[];
  /** Count-weighted mean of |observed rate − mean predicted| over `bins`. */
  readonly expectedCalibrationError: number;
}

export interface ReliabilityOptions {
  /** Number of quantile bins; 10 gives deciles. */
  readonly bins?: number;
  /** Confidence of each bin's Wilson interval. */
  readonly confidence?: number;
}

/**
 * Reliability table by quantiles of predicted probability, and the expected calibration
 * error (ECE) over it.
 *
 * Binning, as scikit-learn's `calibration_curve(strategy='quantile')`: the edges are the
 * type 7 quantiles of the predictions at 0, 1/k, …, 1, and a row falls in bin b when
 * edge_b < p <= edge_{b+1} (the first bin takes everything up to its upper edge). Bins thus
 * hold about n/k rows each, but equal predictions are never split, so with many ties a bin
 * can hold more or fewer rows, and empty bins are dropped. Keeping ties together makes the
 * table independent of row order.
 *
 * ECE = Σ_b (n_b / n)·|observed_b − meanPredicted_b|. It is biased upwards by sampling noise
 * in small bins and depends on the binning, so compare it across models on the same rows
 * only. Reference: Naeini, Cooper & Hauskrecht (2015), AAAI, 2901–2907.
 *
 * Degenerate cases: no rows gives no bins and an ECE of NaN; all predictions equal give one
 * bin.
 *
 * @throws RangeError on inputs `assertScoredLabels` rejects, a probability outside [0, 1],
 * a bin count that is not a positive integer, or a confidence outside (0, 1).
 */
export function reliability(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: ReliabilityOptions = {},
): Reliability {
  const binCount = options.bins ?? 10;
  if (!Number.isInteger(binCount) || binCount < 1) {
    throw new RangeError(`bins must be a positive integer, got ${binCount}`);
  }
  assertScoredLabels(probabilities, labels, true);
  const edges = innerEdges(probabilities, binCount);
  const sums = binSums(probabilities, labels, edges);
  const bins = toBins(sums, options.confidence ?? 0.95);
  return { bins, expectedCalibrationError: calibrationError(bins, labels.length) };
}

/** The k − 1 edges between bins: type 7 quantiles at 1/k, …, (k − 1)/k. */
function innerEdges(probabilities: ArrayLike<number>, binCount: number): Float64Array {
  const sorted = Float64Array.from(probabilities).sort();
  const edges = new Float64Array(binCount - 1);
  for (let b = 1; b < binCount; b += 1) edges[b - 1] = quantileSorted(sorted, b / binCount);
  return edges;
}

/** The bin of `p`: how many inner edges lie strictly below it (numpy's `searchsorted`). */
function binOf(p: number, edges: Float64Array): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((edges[mid] as number) < p) low = mid + 1;
    else high = mid;
  }
  return low;
}

interface BinSums {
  count: number;
  wins: number;
  predicted: number;
  low: number;
  high: number;
}

function binSums(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  edges: Float64Array,
): BinSums[] {
  const sums = Array.from({ length: edges.length + 1 }, () => ({
    count: 0,
    wins: 0,
    predicted: 0,
    low: Infinity,
    high: -Infinity,
  }));
  for (let i = 0; i < labels.length; i += 1) {
    const p = probabilities[i] as number;
    const bin = sums[binOf(p, edges)] as BinSums;
    bin.count += 1;
    bin.wins += labels[i] as number;
    bin.predicted += p;
    bin.low = Math.min(bin.low, p);
    bin.high = Math.max(bin.high, p);
  }
  return sums;
}

function toBins(sums: readonly BinSums[], confidence: number): ReliabilityBin[] {
  return sums
    .filter((bin) => bin.count > 0)
    .map((bin) => ({
      lowPredicted: bin.low,
      highPredicted: bin.high,
      count: bin.count,
      wins: bin.wins,
      meanPredicted: bin.predicted / bin.count,
      observedRate: bin.wins / bin.count,
      interval: wilsonInterval(bin.wins, bin.count, confidence),
    }));
}

function calibrationError(bins: readonly ReliabilityBin[], rows: number): number {
  if (rows === 0) return Number.NaN;
  let sum = 0;
  for (const bin of bins) sum += bin.count * Math.abs(bin.observedRate - bin.meanPredicted);
  return sum / rows;
}
