import type { Verdict } from '../core/close-rates.js';

/** The verdict as the report writes it next to every bar and in every table: never colour alone. */
export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  qualifies: 'qualifies',
  promising: 'promising',
  below: 'below',
  not_enough_data: 'too few leads',
};

/** Colour-blind-safe (Okabe-Ito blue and orange, greys), in verdict order. */
export const VERDICT_COLOURS: Readonly<Record<Verdict, string>> = {
  qualifies: '#0072B2',
  promising: '#E69F00',
  below: '#8C8C8C',
  not_enough_data: '#D9D9D9',
};

export const VERDICT_ORDER: readonly Verdict[] = ['qualifies', 'promising', 'below', 'not_enough_data'];

/** Why leads were left out of the close rates, as the terminal summary says it. */
export function excludedWords(reason: string): string {
  switch (reason) {
    case 'before_outcome_window':
      return 'created before outcomes were recorded';
    case 'younger_than_horizon':
      return 'younger than the horizon (their chance to close is not over)';
    case 'created_after_as_of':
      return 'created after the as-of date';
    case 'outcome_rejected':
      return 'whose outcome row was rejected (their outcome is unknown)';
    case 'open_undated':
      return 'open with no created date (their age is unknown)';
    default:
      return reason;
  }
}

/** "1 lead" / "2 leads". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
