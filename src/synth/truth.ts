import {
  INTENTS,
  INTERACTION_TYPES,
  validateFunnelModel,
  type FunnelModel,
  type Intent,
  type InteractionType,
} from './model.js';
import { mixtureCells, type MixtureCell } from './mixture.js';

/** An exact conditional close rate and how common its condition is among leads. */
export interface RateCell {
  /** P(won | condition). */
  readonly closeRate: number;
  /** P(condition): the share of leads that meet it. */
  readonly share: number;
  /** P(condition | won) = share × closeRate / base: the share among winners. */
  readonly winnerShare: number;
}

/** Exact close rates by value, for each lead-level attribute (keyed by column name). */
export interface AttributeRates {
  readonly industry: Readonly<Record<string, RateCell>>;
  /** By the model's employee bands, e.g. '200-999'. */
  readonly employee_band: Readonly<Record<string, RateCell>>;
  readonly country: Readonly<Record<string, RateCell>>;
  readonly source: Readonly<Record<string, RateCell>>;
  /** Job titles have no effect in the model: every rate equals the base rate. */
  readonly job_title: Readonly<Record<string, RateCell>>;
}

/** The exact truth of a funnel model, over its lead population. */
export interface TrueCloseRates {
  /** P(won). */
  readonly base: number;
  /** P(won | the lead did this type at least once), with share = P(did it). */
  readonly interactions: Readonly<Record<InteractionType, RateCell>>;
  readonly attributes: AttributeRates;
  /** The latent intents, for reference: not observable in the export. */
  readonly intents: Readonly<Record<Intent, RateCell>>;
  /** Expected interactions per lead over its whole life, before the as-of cut. */
  readonly meanInteractionsPerLead: number;
  /** Expected number of distinct interaction types per lead. */
  readonly meanTypesPerLead: number;
}

/**
 * Computes the exact close rates implied by a model, by finite sums over every
 * (segment, source, intent) cell — no simulation. An interaction type's occurrence depends
 * only on intent, so P(did t | cell) = probability_t(intent) and
 * P(won | did t) = Σ w·q_t·p_win / Σ w·q_t over the cells.
 */
export function trueCloseRates(model: FunnelModel): TrueCloseRates {
  validateFunnelModel(model);
  const cells = mixtureCells(model);
  let total = 0;
  let won = 0;
  for (const cell of cells) {
    total += cell.weight;
    won += cell.weight * cell.winProbability;
  }
  const base = won / total;

  const rate = (select: (cell: MixtureCell) => number): RateCell => {
    let mass = 0;
    let wins = 0;
    for (const cell of cells) {
      const m = cell.weight * select(cell);
      mass += m;
      wins += m * cell.winProbability;
    }
    const closeRate = mass > 0 ? wins / mass : 0;
    const share = mass / total;
    return { closeRate, share, winnerShare: (share * closeRate) / base };
  };
  const byValue = <K extends string>(
    keys: readonly K[],
    matches: (cell: MixtureCell, index: number) => boolean,
  ): Record<K, RateCell> =>
    Object.fromEntries(
      keys.map((key, index) => [key, rate((cell) => (matches(cell, index) ? 1 : 0))]),
    ) as Record<K, RateCell>;

  const spec = specsByType(model);
  const interactions = byValue(INTERACTION_TYPES, () => false);
  for (const type of INTERACTION_TYPES) {
    const probability = spec[type].probability;
    interactions[type] = rate((cell) => probability[cell.intent]);
  }

  const titleTotal = model.jobTitles.reduce((s, t) => s + t.share, 0);
  const jobTitle = Object.fromEntries(
    model.jobTitles.map((t) => {
      const share = t.share / titleTotal;
      return [t.value, { closeRate: base, share, winnerShare: share }];
    }),
  );

  const { typesPerLead, repeatsAtScaleOne, scale } = activityMoments(model, cells);
  return {
    base,
    interactions,
    attributes: {
      industry: byValue(
        model.industries.map((v) => v.value),
        (cell, i) => cell.segment.industry === i,
      ),
      employee_band: byValue(
        model.employeeBands.map((v) => v.value),
        (cell, i) => cell.segment.band === i,
      ),
      country: byValue(
        model.countries.map((v) => v.value),
        (cell, i) => cell.segment.country === i,
      ),
      source: byValue(
        model.sources.map((v) => v.value),
        (cell, i) => cell.source === i,
      ),
      job_title: jobTitle,
    },
    intents: byValue(INTENTS, (cell, i) => cell.intent === INTENTS[i]),
    meanInteractionsPerLead: typesPerLead + scale * repeatsAtScaleOne,
    meanTypesPerLead: typesPerLead,
  };
}

/**
 * The factor applied to every type's `repeatMean` (times the intent's activity) so that a
 * lead has `model.meanInteractionsPerLead` interactions on average. It is 0 when the target
 * is below the expected number of distinct types, which each count once at least.
 */
export function repeatScale(model: FunnelModel): number {
  validateFunnelModel(model);
  return activityMoments(model, mixtureCells(model)).scale;
}

function activityMoments(model: FunnelModel, cells: readonly MixtureCell[]) {
  let typesPerLead = 0;
  let repeatsAtScaleOne = 0;
  for (const cell of cells) {
    for (const spec of model.interactions) {
      const happens = cell.weight * spec.probability[cell.intent];
      typesPerLead += happens;
      repeatsAtScaleOne += happens * spec.repeatMean * model.intent.activity[cell.intent];
    }
  }
  const room = model.meanInteractionsPerLead - typesPerLead;
  const scale = room > 0 && repeatsAtScaleOne > 0 ? room / repeatsAtScaleOne : 0;
  return { typesPerLead, repeatsAtScaleOne, scale };
}

function specsByType(model: FunnelModel) {
  return Object.fromEntries(model.interactions.map((s) => [s.type, s])) as Record<
    InteractionType,
    FunnelModel['interactions'][number]
  >;
}
