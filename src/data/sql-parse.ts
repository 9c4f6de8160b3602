import { literal } from './store.js';

// Cells are text except a Parquet file's own dates and timestamps; the cast lets every text
// rule below read those too (as their ISO text), and costs nothing on text.
const asText = (expr: string) => `CAST(${expr} AS VARCHAR)`;


/**
 * SQL that turns a text cell into a UTC TIMESTAMP: ISO 8601 first (an explicit offset such as
 * +02:00 is honoured; the store's session runs in UTC), then the mapping's formats. Yields NULL
 * for blanks, for text no format reads and for implausible years (before 1900 or after 2200,
 * such as `24-03-01` read as year 24, or `infinity`); callers tell blank from unreadable to
 * report the value instead of losing it. A `typed` cell is already a timestamp (from Parquet)
 * and only gets the plausibility check.
 */
export function timestampSql(
  expr: string,
  formats: readonly string[],
  typed = false,
): string {
  if (typed) {
    return `(CASE WHEN ${expr} BETWEEN TIMESTAMP '1900-01-01' AND TIMESTAMP '2200-01-01'
      THEN ${expr} END)`;
  }
  const cell = `nullif(trim(${asText(expr)}), '')`;
  const iso = `CAST(try_cast(${cell} AS TIMESTAMPTZ) AS TIMESTAMP)`;
  const parsed =
    formats.length === 0
      ? iso
      : `coalesce(${iso}, CAST(try_strptime(${cell}, [${formats.map(literal).join(', ')}]) AS TIMESTAMP))`;
  return `(CASE WHEN ${parsed} BETWEEN TIMESTAMP '1900-01-01' AND TIMESTAMP '2200-01-01'
    THEN ${parsed} END)`;
}

export function blankSql(expr: string): string {
  return `(nullif(trim(${asText(expr)}), '') IS NULL)`;
}

/** A cell as trimmed text, NULL when blank; a typed timestamp reads as its ISO text. */
export function textSql(expr: string): string {
  return `nullif(trim(${asText(expr)}), '')`;
}

export function inListSql(expr: string, values: readonly string[]): string {
  if (values.length === 0) return 'false';
  return `lower(trim(${asText(expr)})) IN (${values.map((v) => literal(v.trim().toLowerCase())).join(', ')})`;
}

export const DATE_HINT =
  'Use ISO 8601 (2024-03-31 or 2024-03-31 14:05:00, optionally with an offset such as +02:00) ' +
  "or add the format to date_formats in the mapping, e.g. '%d/%m/%Y'. Years before 1900 or " +
  'after 2200 are taken as typos.';
