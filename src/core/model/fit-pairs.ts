import type { PairCandidateSummary, PairTerm } from './additive-model.js';
import { binCount, type BinDefinition } from './bin-definition.js';
import type { BinIndices } from './binning.js';
import {
  boostTerms,
  type BoostRows,
  type BoostSettings,
  type BoostTerm,
} from './boost-terms.js';
import { additiveLogits, cellWeights, gatherCells } from './cell-arrays.js';
import { rowsOf, type MainBag, type TrainingData } from './fit-main-effects.js';
import { GainEvidence } from './gain-evidence.js';
import { axisMap, pairAxis } from './pair-axis.js';
import { rankPairs } from './rank-pairs.js';

export interface PairSettings extends BoostSettings {
  /** Candidate pairs boosted per bag. */
  readonly pairs: number;
  readonly pairBins: number;
  readonly minPairGain: number;
  readonly minPairZ: number;
}

export interface PairFit {
  /** Kept pairs, best first, scores averaged over all bags (not yet purified or centred). */
  readonly terms: PairTerm[];
  readonly candidates: PairCandidateSummary[];
  readonly rounds: number[];
}

/** Coarse pair axes of every feature, with each row's axis bin. */
interface Axes {
  readonly axes: readonly BinDefinition[];
  readonly maps: readonly Uint16Array[];
  readonly rows: readonly Uint8Array[];
}

/** What the bags found about one pair. */
interface Found {
  readonly a: number;
  readonly b: number;
  readonly scores: Float64Array;
  readonly evidence: GainEvidence;
  strength: number;
  bags: number;
}

/**
 * Pairwise terms on top of fixed main effects (the second stage of EBM's GA²M), found and
 * judged on different rows: in every bag the pairs are ranked on the residuals of that bag's
 * own main effects over its training rows only (`rankPairs`), the strongest `pairs` with
 * positive strength are boosted together from those main-effect logits with early stopping
 * on half of the bag's validation rows, and each pair records how much removing it would
 * raise the log loss of the other half (`GainEvidence`). A pair is kept if, pooled over the
 * bags that boosted it, that drop exceeds `minPairGain` nats per row and `minPairZ` standard
 * errors: "pairs only where they pay". Its table is the mean over all bags, a bag that did
 * not boost it counting as 0, which shrinks pairs that only some bags found. Dropping a pair
 * needs no refit: the main effects never depended on it.
 *
 * Degenerate cases: without validation rows (validation fraction 0) every boosted pair is
 * kept, boosted for `maxRounds`, and its gain reported as NaN.
 */
export function fitPairs(
  data: TrainingData,
  bags: readonly MainBag[],
  settings: PairSettings,
): PairFit {
  const axes = pairAxes(data, settings.pairBins);
  const found = new Map<string, Found>();
  const rounds = bags.map((bag) => boostBag(data, bag, axes, settings, found));
  const judged = [...found.values()].map((f) => {
    const { gain, z } = f.evidence.summary();
    const kept = Number.isNaN(gain) || (gain > settings.minPairGain && z > settings.minPairZ);
    return { ...f, gain, z, kept };
  });
  judged.sort((x, y) => (y.gain || 0) - (x.gain || 0) || x.a - y.a || x.b - y.b);
  const name = (f: number): string => data.features[f]!.name;
  return {
    terms: judged
      .filter((f) => f.kept)
      .map(({ a, b, scores }) => ({
        kind: 'pair',
        features: [a, b],
        axes: [axes.axes[a]!, axes.axes[b]!],
        maps: [axes.maps[a]!, axes.maps[b]!],
        scores: scores.map((s) => s / bags.length),
      })),
    candidates: judged.map((f) => ({
      features: [name(f.a), name(f.b)],
      strength: f.strength / f.bags,
      bags: f.bags,
      validationGain: f.gain,
      validationZ: f.z,
      kept: f.kept,
    })),
    rounds,
  };
}

function pairAxes(data: TrainingData, pairBins: number): Axes {
  const { features, binned } = data;
  const ones = new Float64Array(binned.rows).fill(1);
  const axes = features.map((bins, f) =>
    pairAxis(bins, cellWeights(binned.indices[f]!, binCount(bins), ones), pairBins),
  );
  const maps = features.map((bins, f) => axisMap(bins, axes[f]!));
  const rows = binned.indices.map((cells, f) => {
    const map = maps[f]!;
    return Uint8Array.from(cells, (bin) => map[bin]!);
  });
  return { axes, maps, rows };
}

/** Ranks, boosts and judges one bag's pairs; returns the rounds kept. */
function boostBag(
  data: TrainingData,
  bag: MainBag,
  axes: Axes,
  settings: PairSettings,
  found: Map<string, Found>,
): number {
  const { split } = bag;
  const [stopRows, judgeRows] = halves(split.valid, data.labels);
  const sizes = axes.axes.map(binCount);
  const at = (rows: Int32Array) => axes.rows.map((column) => gatherCells(column, rows));
  const [trainAxes, stopAxes, judgeAxes] = [at(split.train), at(stopRows), at(judgeRows)];
  const train = { ...rowsOf(data, split.train, 0), logits: mainLogits(data, bag, split.train) };
  const stop = { ...rowsOf(data, stopRows, 0), logits: mainLogits(data, bag, stopRows) };
  const { labels, weights, logits } = train;
  const chosen = rankPairs(trainAxes, sizes, logits, labels, weights, settings.l2)
    .filter((r) => r.strength > 0)
    .slice(0, settings.pairs);
  if (chosen.length === 0) return 0;
  const cellsOf = (rowAxes: BinIndices[], a: number, b: number): BinIndices =>
    pairCells(rowAxes[a]!, rowAxes[b]!, sizes[b]!, sizes[a]! * sizes[b]!);
  const terms: BoostTerm[] = chosen.map(({ a, b }) => ({
    train: cellsOf(trainAxes, a, b),
    valid: cellsOf(stopAxes, a, b),
    cells: sizes[a]! * sizes[b]!,
    ordered: false,
  }));
  const result = boostTerms(terms, train, stop, settings);
  const judge = { ...rowsOf(data, judgeRows, 0), logits: mainLogits(data, bag, judgeRows) };
  const judgeCells = chosen.map(({ a, b }) => cellsOf(judgeAxes, a, b));
  const drops = validationDrops(result.scores, judgeCells, judge);
  chosen.forEach(({ a, b, strength }, k) => {
    const key = `${a},${b}`;
    const entry = found.get(key) ?? {
      a,
      b,
      scores: new Float64Array(terms[k]!.cells),
      evidence: new GainEvidence(),
      strength: 0,
      bags: 0,
    };
    found.set(key, entry);
    entry.strength += strength;
    entry.bags += 1;
    result.scores[k]!.forEach((s, c) => (entry.scores[c]! += s));
    drops[k]!.forEach((drop, i) => entry.evidence.add(judge.weights[i]!, drop));
  });
  return result.rounds;
}

/**
 * Validation rows split in two, alternating within each label: the first half stops the
 * boosting, the second judges the pairs. Judging on the rows that chose the stopping round
 * would favour every pair, since a round is kept only when it happened to help them.
 */
function halves(rows: Int32Array, labels: Uint8Array): [Int32Array, Int32Array] {
  const seen = [0, 0];
  const first: number[] = [];
  const second: number[] = [];
  for (const row of rows) {
    const label = labels[row]!;
    (seen[label]! % 2 === 0 ? first : second).push(row);
    seen[label]! += 1;
  }
  return [Int32Array.from(first), Int32Array.from(second)];
}

function mainLogits(data: TrainingData, bag: MainBag, rows: Int32Array): Float64Array {
  const cells = data.binned.indices.map((column) => gatherCells(column, rows));
  return additiveLogits(bag.intercept, bag.scores, cells, rows.length);
}

function pairCells(
  rowsA: BinIndices,
  rowsB: BinIndices,
  cols: number,
  count: number,
): BinIndices {
  const cells = count > 256 ? new Uint16Array(rowsA.length) : new Uint8Array(rowsA.length);
  for (let i = 0; i < cells.length; i++) cells[i] = rowsA[i]! * cols + rowsB[i]!;
  return cells;
}

/** Per pair and judging row: log loss without the pair − log loss with every pair. */
function validationDrops(
  scores: readonly Float64Array[],
  cells: readonly BinIndices[],
  rows: BoostRows,
): Float64Array[] {
  const withAll = rows.logits.slice();
  scores.forEach((table, k) => {
    const own = cells[k]!;
    for (let i = 0; i < withAll.length; i++) withAll[i]! += table[own[i]!]!;
  });
  return scores.map((table, k) => {
    const own = cells[k]!;
    return withAll.map((s, i) => {
      const y = rows.labels[i]!;
      return rowLoss(s - table[own[i]!]!, y) - rowLoss(s, y);
    });
  });
}

function rowLoss(logit: number, label: number): number {
  return Math.max(logit, 0) + Math.log1p(Math.exp(-Math.abs(logit))) - label * logit;
}
