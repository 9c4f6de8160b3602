import type { AdditiveModel, ModelTerm } from './additive-model.js';
import { binCount, MISSING_BIN, OTHER_BIN, type BinDefinition } from './bin-definition.js';

export type SqlDialect = 'duckdb' | 'postgres';

export interface SqlOptions {
  readonly dialect: SqlDialect;
  /**
   * The SQL expression of a feature's input column, e.g. `(name) => '"' + name + '"'`,
   * already quoted. Numeric features must be SQL numbers (NULL or NaN when missing);
   * categorical features text equal to the category strings (NULL when missing).
   */
  readonly column: (featureName: string) => string;
  /** 'probability' (default): the close rate; 'logit': the log-odds. */
  readonly output?: 'probability' | 'logit';
}

/**
 * One SQL expression that scores a row as the TypeScript scorer does, for scoring inside a
 * warehouse: 1 / (1 + exp(−(intercept + Σ term))), each term a CASE over its bins.
 *
 * Method: numeric terms read `CASE WHEN x IS NULL OR x is NaN THEN s_missing WHEN x < c₁ THEN
 * s₁ … ELSE s_last END`, the first matching `x < c` giving the `bandIndex` convention (a value
 * equal to a cut point falls in the bin above); categorical terms `CASE WHEN x IS NULL THEN …
 * WHEN x = 'a' THEN … ELSE s_other END`, so unseen categories score as "other"; pairs nest
 * one CASE in another. Every number is written as the shortest decimal that reads back to
 * the same double and cast from text (`CAST('0.1' AS DOUBLE PRECISION)`), since a bare
 * decimal literal is a DECIMAL in both engines and could round differently; the terms are
 * added left to right in the model's order, as `predictLogit` adds them, so the logit matches
 * bit for bit and the probability to within the engines' `exp` (about 1e-16). The logit is
 * floored at −709 before `exp`, where PostgreSQL would raise an overflow; that changes the
 * probability by under 1e-307.
 *
 * Assumptions: strings are quoted by doubling single quotes, which needs PostgreSQL's default
 * `standard_conforming_strings = on`; a category containing a NUL character cannot be
 * matched in PostgreSQL.
 */
export function modelToSql(model: AdditiveModel, options: SqlOptions): string {
  const terms = model.terms.map((term) => `(${termSql(model, term, options)})`);
  const logit = [number(model.intercept), ...terms].join('\n  + ');
  if ((options.output ?? 'probability') === 'logit') return logit;
  return `1 / (1 + exp(-GREATEST(\n  ${logit},\n  ${number(-709)})))`;
}

function termSql(model: AdditiveModel, term: ModelTerm, options: SqlOptions): string {
  if (term.kind === 'main') {
    const bins = model.features[term.feature]!;
    const values = Array.from(term.scores, number);
    return binCase(bins, options.column(bins.name), values, options.dialect);
  }
  const [a, b] = term.axes;
  const cols = binCount(b);
  const inner = Array.from({ length: binCount(a) }, (_, r) =>
    binCase(
      b,
      options.column(b.name),
      Array.from(term.scores.subarray(r * cols, (r + 1) * cols), number),
      options.dialect,
    ),
  );
  return binCase(a, options.column(a.name), inner, options.dialect);
}

/** CASE giving `values[bin]` for the bin of `x`. */
function binCase(
  bins: BinDefinition,
  x: string,
  values: readonly string[],
  dialect: SqlDialect,
): string {
  const value = (bin: number): string => values[bin]!;
  if (bins.kind === 'numeric') {
    const xd = `CAST(${x} AS DOUBLE PRECISION)`;
    const nan = dialect === 'duckdb' ? `isnan(${xd})` : `${xd} = ${number(Number.NaN)}`;
    const whens = bins.cuts.map((cut, i) => `WHEN ${xd} < ${number(cut)} THEN ${value(i + 1)}`);
    return [
      `CASE WHEN ${xd} IS NULL OR ${nan} THEN ${value(MISSING_BIN)}`,
      ...whens,
      `ELSE ${value(bins.cuts.length + 1)} END`,
    ].join(' ');
  }
  const whens = bins.groups.map((group, g) => {
    const test =
      group.length === 1
        ? `${x} = ${text(group[0]!)}`
        : `${x} IN (${group.map(text).join(', ')})`;
    return `WHEN ${test} THEN ${value(g + 2)}`;
  });
  return [
    `CASE WHEN ${x} IS NULL THEN ${value(MISSING_BIN)}`,
    ...whens,
    `ELSE ${value(OTHER_BIN)} END`,
  ].join(' ');
}

function number(value: number): string {
  return `CAST('${String(value)}' AS DOUBLE PRECISION)`;
}

function text(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
