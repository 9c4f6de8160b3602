import type { Contribution, Explanation } from './model/predict.js';
import { expit } from './stats/logit.js';

export interface WordedContribution {
  readonly term: string;
  readonly bin: string;
  readonly contribution: number;
  /** A typical lead's close rate, and the same lead's with only this term changed. */
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/**
 * A contribution in close-rate terms: what this term alone does to a typical lead's
 * estimate ("demo_request: count = 1: 2.4 % → 7.7 %"). Log-odds add up but are hard to read;
 * the two close rates are what a sales manager can weigh.
 */
export function wordContribution(intercept: number, c: Contribution): WordedContribution {
  const from = expit(intercept);
  const to = expit(intercept + c.contribution);
  return {
    term: c.term,
    bin: c.bin,
    contribution: c.contribution,
    from,
    to,
    text: `${c.term} = ${c.bin}: ${rate(from)} → ${rate(to)}`,
  };
}

/** The largest raising and lowering contributions of an explanation, worded. */
export function topReasons(
  explanation: Explanation,
  limit = 3,
): { readonly up: WordedContribution[]; readonly down: WordedContribution[] } {
  const sorted = [...explanation.contributions].sort((a, b) => b.contribution - a.contribution);
  const word = (c: Contribution) => wordContribution(explanation.intercept, c);
  return {
    up: sorted.filter((c) => c.contribution > 0.01).slice(0, limit).map(word),
    down: sorted.reverse().filter((c) => c.contribution < -0.01).slice(0, limit).map(word),
  };
}

function rate(p: number): string {
  return `${(p * 100).toFixed(p < 0.1 ? 1 : 0)} %`;
}
