/**
 * Assigns item `index` to one of `folds` cross-validation folds, reproducibly for a seed and
 * independent of row order elsewhere. Uses the splitmix32 finaliser as an integer hash, so no
 * random generator state is needed.
 */
export function foldOf(index: number, seed: number, folds: number): number {
  let x = (index ^ Math.imul(seed | 0, 0x9e3779b9)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  return x % folds;
}
