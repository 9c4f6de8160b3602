import type { CategoricalColumn } from './model/feature-table.js';

/**
 * Encodes text values as a categorical column: codes in order of first appearance, -1 for
 * a missing value (null).
 */
export function categoricalColumn(name: string, values: Iterable<string | null>): CategoricalColumn {
  const categories: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (value) => {
    if (value === null) return -1;
    let code = index.get(value);
    if (code === undefined) {
      code = categories.length;
      categories.push(value);
      index.set(value, code);
    }
    return code;
  });
  return { kind: 'categorical', name, codes, categories };
}
