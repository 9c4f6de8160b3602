import { INTENTS, valueAt, type FunnelModel, type Intent } from './model.js';

/**
 * The formulas that turn a lead's segment, source and intent into probabilities. The
 * generator draws with them and the exact truth sums over them, so the two cannot drift.
 */

/** Logistic function σ(x) = 1 / (1 + e^(−x)), arranged so e^x never overflows. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Indices of a lead's fit values in the model's lists. */
export interface Segment {
  readonly industry: number;
  readonly band: number;
  readonly country: number;
}

/** P(intent) for a lead of this segment and source, in the order of `INTENTS`. */
export function intentProbabilities(
  model: FunnelModel,
  segment: Segment,
  source: number,
): [number, number, number] {
  const eta =
    valueAt(model.industries, segment.industry).intentLogit +
    valueAt(model.employeeBands, segment.band).intentLogit +
    valueAt(model.countries, segment.country).intentLogit +
    valueAt(model.sources, source).intentLogit;
  const atLeastWarm = sigmoid(model.intent.cutpoints.warm + eta);
  const hot = sigmoid(model.intent.cutpoints.hot + eta);
  return [1 - atLeastWarm, atLeastWarm - hot, hot];
}

/** P(won) for a lead of this segment and intent. */
export function winProbability(model: FunnelModel, segment: Segment, intent: Intent): number {
  return sigmoid(
    model.intent.winLogit[intent] +
      valueAt(model.industries, segment.industry).winLogit +
      valueAt(model.employeeBands, segment.band).winLogit +
      valueAt(model.countries, segment.country).winLogit,
  );
}

/** One cell of the latent mixture over leads: a segment, a source and an intent. */
export interface MixtureCell {
  readonly segment: Segment;
  readonly source: number;
  readonly intent: Intent;
  /** The share of all leads in this cell; the cells' weights sum to 1. */
  readonly weight: number;
  readonly winProbability: number;
}

/**
 * Every (segment, source, intent) cell with its share of leads. A lead's segment is its
 * account's, and an account of band b has 1 + `extraLeadsMean`(b) leads on average, so
 * segments are weighted by account share × expected leads per account.
 */
export function mixtureCells(model: FunnelModel): MixtureCell[] {
  const norm = (values: readonly { share: number }[]) => {
    const total = values.reduce((s, v) => s + v.share, 0);
    return values.map((v) => v.share / total);
  };
  const industry = norm(model.industries);
  const country = norm(model.countries);
  const source = norm(model.sources);
  const bandShares = norm(model.employeeBands);
  const leadsPerBand = model.employeeBands.map(
    (b, i) => (bandShares[i] ?? 0) * (1 + b.extraLeadsMean),
  );
  const band = norm(leadsPerBand.map((share) => ({ share })));

  const cells: MixtureCell[] = [];
  industry.forEach((pi, i) =>
    band.forEach((pb, b) =>
      country.forEach((pc, c) => {
        const segment: Segment = { industry: i, band: b, country: c };
        const win = INTENTS.map((intent) => winProbability(model, segment, intent));
        source.forEach((ps, s) => {
          const pIntent = intentProbabilities(model, segment, s);
          INTENTS.forEach((intent, k) => {
            cells.push({
              segment,
              source: s,
              intent,
              weight: pi * pb * pc * ps * (pIntent[k] ?? 0),
              winProbability: win[k] ?? 0,
            });
          });
        });
      }),
    ),
  );
  return cells;
}
