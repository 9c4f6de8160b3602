import { z } from 'zod';
import type {
  AdditiveModel,
  ModelTerm,
  PairCandidateSummary,
  TrainingSummary,
} from './additive-model.js';
import {
  binCount,
  binLabel,
  MISSING_BIN,
  OTHER_BIN,
  type BinDefinition,
} from './bin-definition.js';
import { axisMap } from './pair-axis.js';

/** Thrown by `fromModelJson` for text that is not a valid leadsift model. */
export class ModelFormatError extends Error {
  override readonly name = 'ModelFormatError';
}

export const MODEL_FORMAT = 'leadsift-model';
export const MODEL_VERSION = 1;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const axisBin = z.strictObject({
  label: z.string(),
  missing: z.literal(true).optional(),
  other: z.literal(true).optional(),
  lower: finite.optional(),
  upper: finite.optional(),
  categories: z.array(z.string()).min(1).optional(),
});
const scoredBin = axisBin.extend({ score: finite });
const kind = z.enum(['numeric', 'categorical']);
const mainTerm = z.strictObject({
  kind: z.literal('main'),
  features: z.tuple([z.string().min(1)]),
  type: kind,
  bins: z.array(scoredBin).min(1),
});
const axis = z.strictObject({ type: kind, bins: z.array(axisBin).min(1) });
const pairTerm = z.strictObject({
  kind: z.literal('pair'),
  features: z.tuple([z.string().min(1), z.string().min(1)]),
  axes: z.tuple([axis, axis]),
  scores: z.array(z.array(finite)),
});
const training = z.strictObject({
  rows: z.number().int().min(0),
  seed: z.number().int(),
  baseRate: z.number().min(0).max(1),
  weighted: z.boolean(),
  options: z.record(z.string(), z.union([z.number(), z.boolean()])),
  mainRounds: z.array(z.number().int().min(0)),
  pairRounds: z.array(z.number().int().min(0)),
  pairs: z.array(
    z.strictObject({
      features: z.tuple([z.string(), z.string()]),
      strength: finite,
      bags: z.number().int().min(1),
      validationGain: finite.nullable(),
      validationZ: z.number().nullable(),
      kept: z.boolean(),
    }),
  ),
});
const modelSchema = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_VERSION),
  intercept: finite,
  terms: z.array(z.discriminatedUnion('kind', [mainTerm, pairTerm])),
  training,
});

/** The JSON form of a model (version 1), as `toModelJson` writes it. */
export type ModelJson = z.infer<typeof modelSchema>;
type AxisBinJson = z.infer<typeof axisBin>;

/**
 * The model as plain JSON-ready data: `{ format: 'leadsift-model', version: 1, intercept,
 * terms, training }`. Each main term lists its bins in index order (missing first, then
 * "other" for categories, then the intervals or categories) with a readable label, the
 * interval bounds (`lower` ≤ x < `upper`) or categories, and the score in logit points. A
 * pair lists its two axes the same way and `scores[a][b]`. Numbers are written as JavaScript
 * writes them, the shortest text that reads back to the same double, so a round trip through
 * `JSON.stringify` and `fromModelJson` predicts bit for bit alike.
 */
export function toModelJson(model: AdditiveModel): ModelJson {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    intercept: model.intercept,
    terms: model.terms.map((term) => termJson(model, term)),
    training: {
      ...model.training,
      options: { ...model.training.options },
      mainRounds: [...model.training.mainRounds],
      pairRounds: [...model.training.pairRounds],
      pairs: model.training.pairs.map((p) => ({
        features: [p.features[0], p.features[1]],
        strength: p.strength,
        bags: p.bags,
        validationGain: Number.isNaN(p.validationGain) ? null : p.validationGain,
        validationZ: Number.isFinite(p.validationZ) ? p.validationZ : null,
        kept: p.kept,
      })),
    },
  };
}

function termJson(model: AdditiveModel, term: ModelTerm): ModelJson['terms'][number] {
  if (term.kind === 'main') {
    const bins = model.features[term.feature]!;
    return {
      kind: 'main',
      features: [bins.name],
      type: bins.kind,
      bins: binsJson(bins).map((bin, b) => ({ ...bin, score: term.scores[b]! })),
    };
  }
  const [a, b] = term.axes;
  const cols = binCount(b);
  return {
    kind: 'pair',
    features: [a.name, b.name],
    axes: [
      { type: a.kind, bins: binsJson(a) },
      { type: b.kind, bins: binsJson(b) },
    ],
    scores: Array.from({ length: binCount(a) }, (_, r) =>
      Array.from(term.scores.subarray(r * cols, (r + 1) * cols)),
    ),
  };
}

function binsJson(bins: BinDefinition): AxisBinJson[] {
  return Array.from({ length: binCount(bins) }, (_, b) => {
    const label = binLabel(bins, b);
    if (b === MISSING_BIN) return { label, missing: true as const };
    if (bins.kind === 'categorical') {
      return b === OTHER_BIN
        ? { label, other: true as const }
        : { label, categories: [...bins.groups[b - 2]!] };
    }
    const lower = bins.cuts[b - 2];
    const upper = bins.cuts[b - 1];
    return {
      label,
      ...(lower === undefined ? {} : { lower }),
      ...(upper === undefined ? {} : { upper }),
    };
  });
}

/**
 * Reads a model written by `toModelJson`, from JSON text or already parsed data, checking
 * its shape (zod) and its meaning: bins in index order with contiguous intervals and
 * distinct categories, exactly one main term per feature, pairs over known features whose
 * axes merge whole main bins, score tables of the right size.
 *
 * @throws ModelFormatError naming the first problem and where it is (e.g.
 * `terms[2].bins[3]: lower 30 does not continue the previous bin's upper 29`).
 */
export function fromModelJson(input: unknown): AdditiveModel {
  const data = typeof input === 'string' ? parseText(input) : input;
  checkHeader(data);
  const parsed = modelSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ModelFormatError(`invalid model: ${pathText(issue.path)}: ${issue.message}`);
  }
  return buildModel(parsed.data);
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ModelFormatError(`invalid model: not JSON (${(error as Error).message})`);
  }
}

function checkHeader(data: unknown): void {
  const header = (
    typeof data === 'object' && data !== null ? data : {}
  ) as Record<string, unknown>;
  if (header['format'] !== MODEL_FORMAT) {
    throw new ModelFormatError(`not a leadsift model: "format" must be "${MODEL_FORMAT}"`);
  }
  if (header['version'] !== MODEL_VERSION) {
    throw new ModelFormatError(
      `unsupported model version ${String(header['version'])}: this leadsift reads version ` +
        `${MODEL_VERSION}`,
    );
  }
}

function buildModel(json: ModelJson): AdditiveModel {
  const features: BinDefinition[] = [];
  const featureIndex = new Map<string, number>();
  json.terms.forEach((term, t) => {
    if (term.kind !== 'main') return;
    const name = term.features[0];
    if (featureIndex.has(name)) fail(`terms[${t}]`, `a second main term for "${name}"`);
    featureIndex.set(name, features.length);
    features.push(binsFromJson(`terms[${t}]`, name, term.type, term.bins));
  });
  const terms = json.terms.map((term, t): ModelTerm => {
    const where = `terms[${t}]`;
    if (term.kind === 'main') {
      return {
        kind: 'main',
        feature: featureIndex.get(term.features[0])!,
        scores: Float64Array.from(term.bins, (bin) => bin.score),
      };
    }
    const indices = term.features.map((name) => {
      const index = featureIndex.get(name);
      if (index === undefined) fail(where, `pair feature "${name}" has no main term`);
      return index;
    }) as [number, number];
    const axes = term.axes.map((a, k) =>
      binsFromJson(`${where}.axes[${k}]`, term.features[k]!, a.type, a.bins),
    ) as [BinDefinition, BinDefinition];
    const maps = axes.map((a, k) => {
      try {
        return axisMap(features[indices[k]!]!, a);
      } catch (error) {
        return fail(`${where}.axes[${k}]`, (error as Error).message);
      }
    }) as [Uint16Array, Uint16Array];
    const scores = pairScores(where, axes, term.scores);
    return { kind: 'pair', features: indices, axes, maps, scores };
  });
  const training = trainingFromJson(json.training);
  return { intercept: json.intercept, features, terms, training };
}

function pairScores(
  where: string,
  axes: [BinDefinition, BinDefinition],
  rows: number[][],
): Float64Array {
  const [nRows, nCols] = [binCount(axes[0]), binCount(axes[1])];
  if (rows.length !== nRows || rows.some((row) => row.length !== nCols)) {
    fail(`${where}.scores`, `must be ${nRows} rows of ${nCols} scores, one per pair of bins`);
  }
  return Float64Array.from(rows.flat());
}

function trainingFromJson(json: ModelJson['training']): TrainingSummary {
  const pairs: PairCandidateSummary[] = json.pairs.map((p) => ({
    ...p,
    validationGain: p.validationGain ?? Number.NaN,
    validationZ: p.validationZ ?? Number.NaN,
  }));
  return { ...json, pairs };
}

function binsFromJson(
  where: string,
  name: string,
  type: 'numeric' | 'categorical',
  bins: readonly AxisBinJson[],
): BinDefinition {
  const first = bins[0]!;
  if (!first.missing) fail(`${where}.bins[0]`, 'the first bin must be the missing bin');
  const rest = bins.slice(1);
  rest.forEach((bin, k) => {
    if (bin.missing) fail(`${where}.bins[${k + 1}]`, 'only the first bin may be missing');
  });
  return type === 'numeric'
    ? numericFromJson(where, name, rest)
    : categoricalFromJson(where, name, rest);
}

function numericFromJson(
  where: string,
  name: string,
  bins: readonly AxisBinJson[],
): BinDefinition {
  if (bins.length === 0) fail(`${where}.bins`, 'a numeric feature needs at least one interval');
  const cuts: number[] = [];
  bins.forEach((bin, k) => {
    const at = `${where}.bins[${k + 1}]`;
    if (bin.other || bin.categories) fail(at, 'a numeric bin holds an interval, no categories');
    const last = k === bins.length - 1;
    if (k === 0 && bin.lower !== undefined) fail(at, 'the first interval has no lower bound');
    if (last && bin.upper !== undefined) fail(at, 'the last interval has no upper bound');
    if (k > 0 && bin.lower !== cuts[k - 1]) {
      fail(at, `lower ${bin.lower} does not continue the previous bin's upper ${cuts[k - 1]}`);
    }
    if (!last) {
      if (bin.upper === undefined) fail(at, 'only the last interval may lack an upper bound');
      if (k > 0 && !(bin.upper > cuts[k - 1]!)) fail(at, `upper ${bin.upper} is below lower`);
      cuts.push(bin.upper);
    }
  });
  return { kind: 'numeric', name, cuts };
}

function categoricalFromJson(
  where: string,
  name: string,
  bins: readonly AxisBinJson[],
): BinDefinition {
  if (!bins[0]?.other) fail(`${where}.bins[1]`, 'the second categorical bin must be "other"');
  const seen = new Set<string>();
  const groups = bins.slice(1).map((bin, k) => {
    const at = `${where}.bins[${k + 2}]`;
    if (!bin.categories || bin.other) fail(at, 'must list categories (only bin 1 is "other")');
    if (bin.lower !== undefined || bin.upper !== undefined) fail(at, 'has bounds: not numeric');
    for (const category of bin.categories) {
      if (seen.has(category)) fail(at, `category "${category}" is in two bins`);
      seen.add(category);
    }
    return [...bin.categories];
  });
  return { kind: 'categorical', name, groups };
}

function fail(where: string, message: string): never {
  throw new ModelFormatError(`invalid model: ${where}: ${message}`);
}

function pathText(path: readonly PropertyKey[]): string {
  const text = path
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .join('')
    .replace(/^\./, '');
  return text || '(top level)';
}
