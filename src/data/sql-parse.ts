import { literal } from './store.js';

/**
 * SQL that turns a text cell into a TIMESTAMP: ISO 8601 first, then the mapping's formats.
 * Yields NULL for blanks and for text no format reads; callers tell the two apart to report
 * unparseable values instead of losing them.
 */
export function timestampSql(expr: string, formats: readonly string[]): string {
  const cell = `nullif(trim(${expr}), '')`;
  const iso = `try_cast(${cell} AS TIMESTAMP)`;
  if (formats.length === 0) return iso;
  return `coalesce(${iso}, try_strptime(${cell}, [${formats.map(literal).join(', ')}]))`;
}

export function blankSql(expr: string): string {
  return `(nullif(trim(${expr}), '') IS NULL)`;
}

export function textSql(expr: string): string {
  return `nullif(trim(${expr}), '')`;
}

export function inListSql(expr: string, values: readonly string[]): string {
  if (values.length === 0) return 'false';
  return `lower(trim(${expr})) IN (${values.map((v) => literal(v.trim().toLowerCase())).join(', ')})`;
}

export const DATE_HINT =
  'Use ISO 8601 (2024-03-31 or 2024-03-31 14:05:00) or add the format to date_formats in ' +
  "the mapping, e.g. '%d/%m/%Y'.";
