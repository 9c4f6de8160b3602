import { foldOf } from './folds.js';
import { expit, logit } from './stats/logit.js';
import type { LeadMatrix } from './types.js';

/**
 * The transparent scorer: every interaction type and attribute value a lead has adds its
 * evidence, the log-odds of its close rate (shrunk toward the base rate by a prior worth
 * `priorStrength` leads) over the base log-odds. The sum is then recalibrated once:
 * estimate = expit(intercept + slope · sum). The slope is below 1 when pieces of evidence
 * overlap (leads who request a demo also view pricing), which is what keeps the estimates
 * calibrated; both are fitted on out-of-fold sums so a lead never vouches for itself.
 */
export interface LeadScorer {
  readonly baseRate: number;
  readonly priorStrength: number;
  readonly intercept: number;
  readonly slope: number;
  /** Per feature id. */
  readonly evidence: Float64Array;
  readonly shrunkRate: Float64Array;
}

export interface ScorerOptions {
  readonly featureCount: number;
  /** Candidate prior strengths (in leads); the one with the lowest out-of-fold log loss wins. */
  readonly priorStrengths: readonly number[];
  readonly folds: number;
  readonly seed: number;
}

export interface ScorerFit {
  readonly scorer: LeadScorer;
  /** Out-of-fold estimate per matrix row; NaN for leads not eligible for learning. */
  readonly outOfFold: Float64Array;
  readonly logLossByPrior: readonly { priorStrength: number; logLoss: number }[];
}

interface Counts {
  readonly leads: Float64Array;
  readonly wins: Float64Array;
  baseLeads: number;
  baseWins: number;
}

export function fitLeadScorer(matrix: LeadMatrix, options: ScorerOptions): ScorerFit {
  const fold = new Int32Array(matrix.count);
  for (let i = 0; i < matrix.count; i++) fold[i] = foldOf(matrix.group[i]!, options.seed, options.folds);
  const full = countFeatures(matrix, options.featureCount, () => true);
  const perFold = Array.from({ length: options.folds }, (_, k) =>
    subtract(full, countFeatures(matrix, options.featureCount, (i) => fold[i] === k)),
  );

  let best: { m: number; loss: number; a: number; b: number; oof: Float64Array } | undefined;
  const losses: { priorStrength: number; logLoss: number }[] = [];
  for (const m of options.priorStrengths) {
    const sums = new Float64Array(matrix.count).fill(Number.NaN);
    const evidence = perFold.map((c) => evidenceOf(c, m).evidence);
    for (let i = 0; i < matrix.count; i++) {
      if (matrix.eligible[i]) sums[i] = sumEvidence(matrix, i, evidence[fold[i]!]!);
    }
    const { a, b } = calibrate(sums, matrix);
    const oof = sums.map((s) => (Number.isNaN(s) ? Number.NaN : expit(a + b * s)));
    const loss = logLoss(oof, matrix);
    losses.push({ priorStrength: m, logLoss: loss });
    if (!best || loss < best.loss) best = { m, loss, a, b, oof };
  }
  const chosen = best!;
  const { evidence, shrunk, base } = evidenceOf(full, chosen.m);
  return {
    scorer: {
      baseRate: base,
      priorStrength: chosen.m,
      intercept: chosen.a,
      slope: chosen.b,
      evidence,
      shrunkRate: shrunk,
    },
    outOfFold: chosen.oof,
    logLossByPrior: losses,
  };
}

/** The estimated close rate of every lead in the matrix. */
export function scoreLeads(scorer: LeadScorer, matrix: LeadMatrix): Float64Array {
  const out = new Float64Array(matrix.count);
  for (let i = 0; i < matrix.count; i++) {
    out[i] = expit(scorer.intercept + scorer.slope * sumEvidence(matrix, i, scorer.evidence));
  }
  return out;
}

export interface Contribution {
  readonly featureId: number;
  /** Log-odds this feature adds to the lead's estimate. */
  readonly logOdds: number;
}

/** A lead's features by the log-odds each adds, largest first; with the intercept they sum to its score. */
export function contributions(scorer: LeadScorer, featureIds: ArrayLike<number>): Contribution[] {
  const out: Contribution[] = [];
  for (let j = 0; j < featureIds.length; j++) {
    const id = featureIds[j]!;
    out.push({ featureId: id, logOdds: scorer.slope * scorer.evidence[id]! });
  }
  return out.sort((x, y) => y.logOdds - x.logOdds);
}

function countFeatures(matrix: LeadMatrix, featureCount: number, keep: (i: number) => boolean): Counts {
  const counts: Counts = {
    leads: new Float64Array(featureCount),
    wins: new Float64Array(featureCount),
    baseLeads: 0,
    baseWins: 0,
  };
  for (let i = 0; i < matrix.count; i++) {
    if (!matrix.eligible[i] || !keep(i)) continue;
    const won = matrix.won[i]!;
    counts.baseLeads++;
    counts.baseWins += won;
    for (let j = matrix.offsets[i]!; j < matrix.offsets[i + 1]!; j++) {
      const id = matrix.featureIds[j]!;
      counts.leads[id]!++;
      counts.wins[id]! += won;
    }
  }
  return counts;
}

function subtract(all: Counts, part: Counts): Counts {
  return {
    leads: all.leads.map((v, i) => v - part.leads[i]!),
    wins: all.wins.map((v, i) => v - part.wins[i]!),
    baseLeads: all.baseLeads - part.baseLeads,
    baseWins: all.baseWins - part.baseWins,
  };
}

/**
 * Evidence per feature with a Beta prior of strength m centred on the base rate: the
 * posterior mean (wins + m·base) / (leads + m). Rates are kept off 0 and 1 so the log-odds
 * stay finite when a fold holds no wins at all.
 */
function evidenceOf(c: Counts, m: number): { evidence: Float64Array; shrunk: Float64Array; base: number } {
  const base = clamp(c.baseLeads > 0 ? c.baseWins / c.baseLeads : 0.5);
  const baseLogit = logit(base);
  const shrunk = c.leads.map((n, i) => clamp((c.wins[i]! + m * base) / (n + m)));
  const evidence = shrunk.map((r) => logit(r) - baseLogit);
  return { evidence, shrunk, base };
}

function clamp(p: number): number {
  return Math.min(1 - 1e-9, Math.max(1e-9, p));
}

function sumEvidence(matrix: LeadMatrix, i: number, evidence: Float64Array): number {
  let sum = 0;
  for (let j = matrix.offsets[i]!; j < matrix.offsets[i + 1]!; j++) sum += evidence[matrix.featureIds[j]!]!;
  return sum;
}

/** Fits y ~ expit(a + b·s) by Newton's method on the eligible leads. */
export function calibrate(sums: Float64Array, matrix: LeadMatrix): { a: number; b: number } {
  // Packed once so that each of the passes below is a plain loop over dense arrays.
  let n = 0;
  for (let i = 0; i < sums.length; i++) if (!Number.isNaN(sums[i]!)) n++;
  const x = new Float64Array(n);
  const y = new Uint8Array(n);
  let wins = 0;
  for (let i = 0, k = 0; i < sums.length; i++) {
    if (Number.isNaN(sums[i]!)) continue;
    x[k] = sums[i]!;
    y[k] = matrix.won[i]!;
    wins += y[k]!;
    k++;
  }
  let a = logit(clamp(n > 0 ? wins / n : 0.5));
  let b = 1;
  let at = evaluate(x, y, a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    const det = at.haa * at.hbb - at.hab * at.hab;
    let da = (at.hbb * at.ga - at.hab * at.gb) / det;
    let db = (at.haa * at.gb - at.hab * at.ga) / det;
    // Plain Newton steps overshoot when sums are nearly separable; halving the step until the
    // loss drops keeps every iteration an improvement.
    let next = evaluate(x, y, a + da, b + db);
    for (let halving = 0; !(next.loss <= at.loss) && halving < 30; halving++) {
      da /= 2;
      db /= 2;
      next = evaluate(x, y, a + da, b + db);
    }
    if (!(next.loss <= at.loss)) break;
    a += da;
    b += db;
    const improvement = at.loss - next.loss;
    at = next;
    if (Math.abs(da) + Math.abs(db) < 1e-10 || improvement < 1e-14) break;
  }
  // A negative slope would rank leads backwards and turn below-base evidence into reasons;
  // when the evidence does not point the right way, the honest answer is the base rate.
  if (!(b > 0)) return { a: logit(clamp(n > 0 ? wins / n : 0.5)), b: 0 };
  return { a, b };
}

/**
 * The log loss of expit(a + b·x) and its gradient and Hessian in (a, b), in one pass and one
 * exponential per lead: the accepted point's derivatives are the next Newton step's, so each
 * iteration reads the leads once. A tiny ridge keeps the step defined when every x is equal.
 */
function evaluate(x: Float64Array, y: Uint8Array, a: number, b: number) {
  let loss = 0, ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
  for (let k = 0; k < x.length; k++) {
    const s = x[k]!;
    const z = a + b * s;
    const e = Math.exp(-Math.abs(z));
    // log(1 + e^z) − y·z and expit(z), both kept finite for large |z|.
    loss += (z > 0 ? z : 0) + Math.log1p(e) - y[k]! * z;
    const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    const r = y[k]! - p;
    const w = p * (1 - p);
    ga += r;
    gb += r * s;
    haa += w;
    hab += w * s;
    hbb += w * s * s;
  }
  return { loss, ga, gb, haa, hab, hbb };
}

function logLoss(p: Float64Array, matrix: LeadMatrix): number {
  let total = 0;
  let n = 0;
  for (let i = 0; i < matrix.count; i++) {
    const q = p[i]!;
    if (Number.isNaN(q)) continue;
    total -= matrix.won[i] ? Math.log(clamp(q)) : Math.log(clamp(1 - q));
    n++;
  }
  return n > 0 ? total / n : Number.NaN;
}
