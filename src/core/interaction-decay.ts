import type { AdditiveModel } from './model/additive-model.js';
import type { FeatureTable } from './model/feature-table.js';
import { binnedFor, termScore } from './model/predict.js';
import { expit } from './stats/logit.js';

export interface DecayStep {
  /** Days since the interaction last happened: "0-1", "1-7", …, "90+", or "never". */
  readonly days: string;
  readonly leads: number;
  /** Mean log-odds this recency adds for those leads. */
  readonly contribution: number;
  /** The close rate of an otherwise typical lead with this recency. */
  readonly closeRate: number;
}

export interface InteractionDecay {
  readonly type: string;
  readonly steps: readonly DecayStep[];
}

const STEPS = [
  { days: '0-1', below: 1 },
  { days: '1-7', below: 7 },
  { days: '7-30', below: 30 },
  { days: '30-90', below: 90 },
  { days: '90+', below: Number.POSITIVE_INFINITY },
] as const;

/**
 * How an interaction's effect fades, read off the model's learned shape for "days since
 * last": the model's own bins are fine-grained, so leads are grouped into readable spans of
 * days and each span shows the mean contribution of its leads, worded as the close rate of an
 * otherwise average lead. Main effect only: pairs with the same feature are not folded in.
 */
export function interactionDecay(
  model: AdditiveModel,
  type: string,
  table: FeatureTable,
): InteractionDecay | undefined {
  const name = `${type}: days since last`;
  const feature = model.features.findIndex((f) => f.name === name);
  const term = model.terms.find((t) => t.kind === 'main' && t.feature === feature);
  const column = table.columns.find((c) => c.name === name);
  if (!term || !column || column.kind !== 'numeric') return undefined;
  const binned = binnedFor(model, table);
  const sums = new Float64Array(STEPS.length + 1);
  const counts = new Float64Array(STEPS.length + 1);
  for (let i = 0; i < table.rows; i++) {
    const days = column.values[i]!;
    const step = Number.isNaN(days) ? STEPS.length : STEPS.findIndex((s) => days < s.below);
    sums[step]! += termScore(term, binned, i);
    counts[step]!++;
  }
  const labels = [...STEPS.map((s) => s.days), 'never'];
  const steps = labels
    .map((days, k) => {
      const contribution = counts[k]! > 0 ? sums[k]! / counts[k]! : 0;
      return { days, leads: counts[k]!, contribution, closeRate: expit(model.intercept + contribution) };
    })
    .filter((s) => s.leads > 0);
  return { type, steps };
}
