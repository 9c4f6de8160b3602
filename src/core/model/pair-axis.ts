import { bandIndex } from '../stats/quantile-bands.js';
import { binCount, MISSING_BIN, OTHER_BIN, type BinDefinition } from './bin-definition.js';
import { equalFrequencyBreaks } from './equal-frequency-breaks.js';

/**
 * Coarse bins of a feature for pair terms, made by merging whole main bins so that a pair's
 * cell follows from the main bin indices alone: numeric features keep a subset of their cut
 * points, chosen by `equalFrequencyBreaks` over the main bins' training counts, for at most
 * `maxBins` intervals; categorical features keep their `maxBins − 1` most frequent groups
 * and send the rest to "other". The missing bin always stays apart.
 *
 * `counts[bin]` is the training count of each main bin.
 */
export function pairAxis(
  main: BinDefinition,
  counts: ArrayLike<number>,
  maxBins: number,
): BinDefinition {
  if (main.kind === 'numeric') {
    const intervals = Array.from({ length: main.cuts.length + 1 }, (_, i) => counts[i + 1]!);
    const cuts = equalFrequencyBreaks(intervals, maxBins).map((j) => main.cuts[j] as number);
    return { kind: 'numeric', name: main.name, cuts };
  }
  const ranked = main.groups
    .map((group, g) => ({ group, count: counts[g + 2] ?? 0 }))
    .filter(({ count }) => count > 0)
    .sort((a, b) => b.count - a.count);
  const kept = new Set(ranked.slice(0, Math.max(0, maxBins - 1)).map(({ group }) => group));
  const groups = main.groups.filter((g) => kept.has(g));
  return { kind: 'categorical', name: main.name, groups };
}

/**
 * For every main bin of a feature, its bin on a pair axis of the same feature.
 *
 * Method: numeric interval [c, next) maps to the axis interval holding c (the first interval
 * to the first); a categorical group maps to the axis group holding its categories, else to
 * "other"; missing maps to missing.
 *
 * @throws Error when the axis does not merge whole main bins: an axis cut point that is not a
 * main cut point, an axis category without a main group, or a main group whose categories
 * fall in different axis bins.
 */
export function axisMap(main: BinDefinition, axis: BinDefinition): Uint16Array {
  if (main.kind !== axis.kind || main.name !== axis.name) {
    throw new Error(`pair axis "${axis.name}" (${axis.kind}) does not match "${main.name}"`);
  }
  const map = new Uint16Array(binCount(main));
  map[MISSING_BIN] = MISSING_BIN;
  if (main.kind === 'numeric' && axis.kind === 'numeric') {
    const mainCuts = new Set(main.cuts);
    const stray = axis.cuts.find((cut) => !mainCuts.has(cut));
    if (stray !== undefined) {
      throw new Error(`pair axis "${axis.name}": cut point ${stray} is not a main cut point`);
    }
    map[1] = 1;
    main.cuts.forEach((cut, i) => (map[i + 2] = 1 + bandIndex(cut, axis.cuts)));
    return map;
  }
  if (main.kind === 'categorical' && axis.kind === 'categorical') {
    const axisBin = new Map<string, number>();
    axis.groups.forEach((group, g) => group.forEach((c) => axisBin.set(c, g + 2)));
    const mainCategories = new Set(main.groups.flat());
    const strayCategory = [...axisBin.keys()].find((c) => !mainCategories.has(c));
    if (strayCategory !== undefined) {
      throw new Error(`pair axis "${axis.name}": "${strayCategory}" has no main bin`);
    }
    map[OTHER_BIN] = OTHER_BIN;
    main.groups.forEach((group, g) => {
      const bins = new Set(group.map((c) => axisBin.get(c) ?? OTHER_BIN));
      if (bins.size !== 1) {
        throw new Error(`pair axis "${axis.name}" splits main group "${group.join(' | ')}"`);
      }
      map[g + 2] = [...bins][0] as number;
    });
    return map;
  }
  throw new Error(`pair axis "${axis.name}" does not match its feature`);
}
