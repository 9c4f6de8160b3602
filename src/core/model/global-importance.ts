import { termName, type AdditiveModel } from './additive-model.js';
import { binnedFor, termScore, type ScoringInput } from './predict.js';

export interface TermImportance {
  readonly term: string;
  readonly features: readonly string[];
  /** Mean |contribution| in logit points over the rows. */
  readonly importance: number;
}

/**
 * Global importance of each term: the (weighted) mean absolute contribution over the rows of
 * `input`, as EBM reports it (Nori et al. 2019). Because every term is centred on the
 * training rows, this is how far, on average, the term moves a lead's logit away from an
 * average lead's. Sorted from most to least important; ties keep the model's term order.
 *
 * Degenerate cases: no rows (or zero total weight) give NaN for every term.
 *
 * @throws RangeError when `weights` does not have one entry per row; as `predictLogit` for
 * input that does not fit the model.
 */
export function globalImportance(
  model: AdditiveModel,
  input: ScoringInput,
  weights?: ArrayLike<number>,
): TermImportance[] {
  const binned = binnedFor(model, input);
  if (weights && weights.length !== binned.rows) {
    throw new RangeError(`weights has ${weights.length} entries for ${binned.rows} rows`);
  }
  let total = 0;
  for (let i = 0; i < binned.rows; i++) total += weights ? (weights[i] as number) : 1;
  return model.terms
    .map((term) => {
      let sum = 0;
      for (let i = 0; i < binned.rows; i++) {
        sum += (weights ? (weights[i] as number) : 1) * Math.abs(termScore(term, binned, i));
      }
      const features = term.kind === 'main' ? [term.feature] : [...term.features];
      return {
        term: termName(model, term),
        features: features.map((f) => model.features[f]!.name),
        importance: total > 0 ? sum / total : Number.NaN,
      };
    })
    .sort((a, b) => b.importance - a.importance);
}
