/**
 * Centres one term's scores to weighted mean 0 over the training rows and returns the mean
 * removed, for the caller to add to the intercept: predictions do not change, but each score
 * then reads as "effect versus an average lead".
 *
 * Degenerate cases: bins without training weight are set to 0 (no evidence: an average lead),
 * so e.g. a missing value never seen in training neither raises nor lowers an estimate. Zero
 * total weight leaves every score 0 and returns 0.
 */
export function centerScores(scores: Float64Array, binWeights: Float64Array): number {
  let total = 0;
  let weighted = 0;
  for (let b = 0; b < scores.length; b++) {
    total += binWeights[b]!;
    weighted += binWeights[b]! * scores[b]!;
  }
  const mean = total > 0 ? weighted / total : 0;
  for (let b = 0; b < scores.length; b++) {
    scores[b] = binWeights[b]! > 0 ? scores[b]! - mean : 0;
  }
  return mean;
}

/** A pair's table with the main-effect tables of its two features and the bin maps. */
export interface PairParts {
  readonly scores: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly cellWeights: Float64Array;
  readonly mainRows: Float64Array;
  readonly mainCols: Float64Array;
  readonly mapRows: Uint16Array;
  readonly mapCols: Uint16Array;
}

/**
 * Purifies a pair term (Lengerich, Tan, Chang, Hooker & Caruana, "Purifying interaction
 * effects with the functional ANOVA", AISTATS 2020): moves every weighted row and column mean
 * of the pair's table into the main effect of that feature, alternating until no mean exceeds
 * 1e-12, so the pair keeps only what neither feature explains alone. Predictions do not
 * change, since a row mean m moves from every cell of axis bin r to every main bin that maps
 * to r. Cells without training weight are set to 0 at the end (no interaction where none was
 * seen). Mutates the three tables.
 */
export function purifyPair(parts: PairParts): void {
  for (let sweep = 0; sweep < 1000; sweep++) {
    const moved = Math.max(moveMeans(parts, 'rows'), moveMeans(parts, 'cols'));
    if (moved <= 1e-12) break;
  }
  for (let c = 0; c < parts.scores.length; c++) {
    if (!(parts.cellWeights[c]! > 0)) parts.scores[c] = 0;
  }
}

function moveMeans(parts: PairParts, along: 'rows' | 'cols'): number {
  const { scores, rows, cols, cellWeights } = parts;
  const outer = along === 'rows' ? rows : cols;
  const inner = along === 'rows' ? cols : rows;
  const cellOf = (o: number, k: number): number =>
    along === 'rows' ? o * cols + k : k * cols + o;
  const main = along === 'rows' ? parts.mainRows : parts.mainCols;
  const map = along === 'rows' ? parts.mapRows : parts.mapCols;
  let largest = 0;
  for (let o = 0; o < outer; o++) {
    let total = 0;
    let weighted = 0;
    for (let k = 0; k < inner; k++) {
      total += cellWeights[cellOf(o, k)]!;
      weighted += cellWeights[cellOf(o, k)]! * scores[cellOf(o, k)]!;
    }
    if (!(total > 0)) continue;
    const mean = weighted / total;
    for (let k = 0; k < inner; k++) scores[cellOf(o, k)]! -= mean;
    for (let bin = 0; bin < map.length; bin++) if (map[bin] === o) main[bin]! += mean;
    largest = Math.max(largest, Math.abs(mean));
  }
  return largest;
}
