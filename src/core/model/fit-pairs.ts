import type { PairCandidateSummary, PairTerm } from './additive-model.js';
import { binCount, type BinDefinition } from './bin-definition.js';
import type { BinIndices } from './binning.js';
import { boostTerms, type BoostSettings, type BoostTerm } from './boost-terms.js';
import { additiveLogits, cellWeights, gatherCells } from './cell-arrays.js';
import type { MainBag, TrainingData } from './fit-main-effects.js';
import { rowsOf } from './fit-main-effects.js';
import { axisMap, pairAxis } from './pair-axis.js';
import { rankPairs } from './rank-pairs.js';

export interface PairSettings extends BoostSettings {
  /** Candidate pairs to boost. */
  readonly pairs: number;
  readonly pairBins: number;
  readonly minPairGain: number;
  readonly minPairZ: number;
}

export interface PairFit {
  /** Kept pairs, scores averaged over bags (neither purified nor centred yet). */
  readonly terms: PairTerm[];
  readonly candidates: PairCandidateSummary[];
  readonly rounds: number[];
}

interface Candidate {
  readonly term: Omit<PairTerm, 'scores'>;
  readonly strength: number;
  readonly cells: BinIndices;
  readonly count: number;
}

/**
 * Pairwise terms on top of fixed main effects (the second stage of EBM's GA²M): ranks every
 * pair on the residuals of the bag-averaged main effects (`rankPairs`), boosts the strongest
 * `pairs` (those with positive strength) together in every bag, starting from that bag's own
 * main-effect logits so its validation rows stay unseen, and keeps a pair only if removing
 * it would raise validation log loss by more than `minPairGain` nats per row on average over
 * the bags. Dropping a pair needs no refit: the main effects never depended on it.
 *
 * Degenerate cases: without validation rows (validation fraction 0) every boosted candidate
 * is kept and its gain reported as NaN.
 */
export function fitPairs(
  data: TrainingData,
  bags: readonly MainBag[],
  main: { readonly intercept: number; readonly scores: readonly Float64Array[] },
  settings: PairSettings,
): PairFit {
  const candidates = pairCandidates(data, main, settings);
  if (candidates.length === 0) return { terms: [], candidates: [], rounds: [] };
  const sums = candidates.map((c) => new Float64Array(c.count));
  const evidence = candidates.map(() => new GainEvidence());
  const rounds = bags.map((bag) => {
    const fit = boostBag(data, bag, candidates, settings, evidence);
    fit.scores.forEach((scores, k) => scores.forEach((s, c) => (sums[k]![c]! += s)));
    return fit.rounds;
  });
  const summaries = candidates.map((candidate, k) => {
    const { gain, z } = evidence[k]!.summary();
    const kept = Number.isNaN(gain) || (gain > settings.minPairGain && z > settings.minPairZ);
    const scores = sums[k]!.map((s) => s / bags.length);
    return { candidate, validationGain: gain, validationZ: z, kept, scores };
  });
  return {
    terms: summaries.filter((s) => s.kept).map((s) => ({ ...s.candidate.term, scores: s.scores })),
    candidates: summaries.map((s) => ({
      features: s.candidate.term.features.map((f) => data.features[f]!.name) as [string, string],
      strength: s.candidate.strength,
      validationGain: s.validationGain,
      validationZ: s.validationZ,
      kept: s.kept,
    })),
    rounds,
  };
}

function pairCandidates(
  data: TrainingData,
  main: { readonly intercept: number; readonly scores: readonly Float64Array[] },
  settings: PairSettings,
): Candidate[] {
  const { features, binned, labels, weights } = data;
  const ones = new Float64Array(binned.rows).fill(1);
  const axes: BinDefinition[] = features.map((bins, f) =>
    pairAxis(bins, cellWeights(binned.indices[f]!, binCount(bins), ones), settings.pairBins),
  );
  const maps = features.map((bins, f) => axisMap(bins, axes[f]!));
  const coarse = binned.indices.map((cells, f) => {
    const map = maps[f]!;
    return Uint8Array.from(cells, (bin) => map[bin]!);
  });
  const logits = additiveLogits(main.intercept, main.scores, binned.indices, binned.rows);
  const ranking = rankPairs(coarse, axes.map(binCount), logits, labels, weights, settings.l2);
  return ranking
    .filter((r) => r.strength > 0)
    .slice(0, settings.pairs)
    .map(({ a, b, strength }) => {
      const cols = binCount(axes[b]!);
      const count = binCount(axes[a]!) * cols;
      const cells = count > 256 ? new Uint16Array(binned.rows) : new Uint8Array(binned.rows);
      const [ca, cb] = [coarse[a]!, coarse[b]!];
      for (let i = 0; i < binned.rows; i++) cells[i] = ca[i]! * cols + cb[i]!;
      const term = {
        kind: 'pair' as const,
        features: [a, b] as const,
        axes: [axes[a]!, axes[b]!] as const,
        maps: [maps[a]!, maps[b]!] as const,
      };
      return { term, strength, cells, count };
    });
}

function boostBag(
  data: TrainingData,
  bag: MainBag,
  candidates: readonly Candidate[],
  settings: PairSettings,
  evidence: readonly GainEvidence[],
): { scores: Float64Array[]; rounds: number } {
  const { split } = bag;
  const mainLogits = (rows: Int32Array): Float64Array =>
    additiveLogits(
      bag.intercept,
      bag.scores,
      data.binned.indices.map((cells) => gatherCells(cells, rows)),
      rows.length,
    );
  const terms: BoostTerm[] = candidates.map((c) => ({
    train: gatherCells(c.cells, split.train),
    valid: gatherCells(c.cells, split.valid),
    cells: c.count,
    ordered: false,
  }));
  const train = { ...rowsOf(data, split.train, 0), logits: mainLogits(split.train) };
  const validStart = mainLogits(split.valid);
  const valid = { ...rowsOf(data, split.valid, 0), logits: validStart.slice() };
  const result = boostTerms(terms, train, valid, settings);
  const withAll = validStart;
  result.scores.forEach((scores, k) => {
    const cells = terms[k]!.valid;
    for (let i = 0; i < withAll.length; i++) withAll[i]! += scores[cells[i]!]!;
  });
  result.scores.forEach((scores, k) => {
    const cells = terms[k]!.valid;
    for (let i = 0; i < withAll.length; i++) {
      const s = withAll[i]!;
      const y = valid.labels[i]!;
      evidence[k]!.add(valid.weights[i]!, rowLoss(s - scores[cells[i]!]!, y) - rowLoss(s, y));
    }
  });
  return { scores: result.scores, rounds: result.rounds };
}

function rowLoss(logit: number, label: number): number {
  return Math.max(logit, 0) + Math.log1p(Math.exp(-Math.abs(logit))) - label * logit;
}

/**
 * Per-row drops in validation log loss that a pair brings, pooled over the bags: their
 * weighted mean (nats per row) and its z-score, mean / standard error with the effective
 * number of rows (Σw)² / Σw². A row validated in several bags counts once per bag.
 */
class GainEvidence {
  private weight = 0;
  private weightSquares = 0;
  private sum = 0;
  private sumSquares = 0;

  add(weight: number, drop: number): void {
    this.weight += weight;
    this.weightSquares += weight * weight;
    this.sum += weight * drop;
    this.sumSquares += weight * drop * drop;
  }

  summary(): { gain: number; z: number } {
    if (!(this.weight > 0)) return { gain: Number.NaN, z: Number.NaN };
    const gain = this.sum / this.weight;
    const variance = Math.max(0, this.sumSquares / this.weight - gain * gain);
    const rows = (this.weight * this.weight) / this.weightSquares;
    if (!(variance > 0)) return { gain, z: gain > 0 ? Infinity : 0 };
    return { gain, z: gain / Math.sqrt(variance / rows) };
  }
}
