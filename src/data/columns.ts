import { closest } from 'fastest-levenshtein';
import { InputError } from '../errors.js';
import type { FileColumns } from './read-table.js';

/**
 * Finds a mapped column in a file, forgiving case and surrounding spaces, and otherwise
 * fails with the closest real column name as a suggestion.
 */
export function requireColumn(table: FileColumns, wanted: string, role: string): string {
  const found = findColumn(table, wanted);
  if (found) return found;
  const suggestion = table.columns.length ? closest(wanted, [...table.columns]) : undefined;
  throw new InputError(
    'missing_column',
    `${table.file}: no column "${wanted}" (mapped as ${role}).` +
      (suggestion ? ` Did you mean "${suggestion}"?` : '') +
      ` Columns in the file: ${table.columns.map((c) => `"${c}"`).join(', ')}.` +
      ' Fix the name in the mapping file.',
    { file: table.file, column: wanted },
  );
}

export function findColumn(table: FileColumns, wanted: string): string | undefined {
  const key = normalise(wanted);
  return (
    table.columns.find((c) => c === wanted) ?? table.columns.find((c) => normalise(c) === key)
  );
}

function normalise(name: string): string {
  return name.trim().toLowerCase();
}
