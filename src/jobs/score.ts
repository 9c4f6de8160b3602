import { open } from 'node:fs/promises';
import { wordContribution, type WordedContribution } from '../core/explain-words.js';
import { termName, type AdditiveModel } from '../core/model/additive-model.js';
import { applyBins, type BinnedTable } from '../core/model/binning.js';
import { predictProba, termCell, termCellLabel } from '../core/model/predict.js';
import { descendingOrder } from '../core/model/sort-order.js';
import type { FeatureTable } from '../core/model/feature-table.js';
import { buildModelTable, LEAD_STATUSES, readLeadIds, type LeadStatus, type ModelTable } from '../data/model-table.js';
import type { Mapping } from '../data/mapping.js';
import type { Store } from '../data/store.js';
import { InputError } from '../errors.js';
import { conformTable, type Unreadable } from '../core/conform-table.js';
import { csvCell } from '../report/write-outputs.js';
import type { ModelFile } from './model-file.js';
import { PREPARE_STEPS, prepareStore, type PrepareOptions, type Prepared } from './prepare.js';
import { SILENT, type Progress } from './progress.js';

export interface ScoredLead {
  readonly leadId: string;
  readonly status: LeadStatus;
  readonly estimate: number;
  readonly mql: boolean;
  readonly up: readonly WordedContribution[];
  readonly down: readonly WordedContribution[];
}

export interface ScoreResult {
  readonly prepared: Prepared;
  readonly threshold: number;
  /**
   * Highest estimate first. Each lead is a small view over `scored`, made when the list is
   * first read, whose reasons are worded when read: at millions of leads, worded reasons
   * held for all of them would not fit.
   */
  readonly leads: readonly ScoredLead[];
  /** The same leads as typed arrays, which `writeScoresCsv` streams from. */
  readonly scored: ScoredLeads;
  /** Model inputs the export lacks: they score as missing. */
  readonly missingInputs: readonly string[];
  /** Inputs the model reads as numbers holding text: those values score as missing. */
  readonly unreadable: readonly Unreadable[];
}

/** Every lead's estimate, by model-table row, with its reasons worked out on demand. */
export interface ScoredLeads {
  readonly rows: number;
  readonly leadIds: readonly string[];
  /** Index into `LEAD_STATUSES`. */
  readonly status: Uint8Array;
  readonly estimates: Float64Array;
  /** Rows by falling estimate; equal estimates stay in lead order. */
  readonly order: Int32Array;
  readonly threshold: number;
  readonly reasons: Reasons;
}

/**
 * Scores every lead of an export with a trained model, each as it stands at the as-of
 * instant within the model's window of days after first contact (or at its decision, for
 * leads already won or lost, if sooner), with its top reasons.
 */
export async function scoreExport(
  store: Store,
  mapping: Mapping,
  file: ModelFile,
  model: AdditiveModel,
  options: PrepareOptions & { readonly threshold?: number },
): Promise<ScoreResult> {
  const progress = options.progress ?? SILENT;
  progress.begin(PREPARE_STEPS + 2);
  try {
    return await score(store, mapping, file, model, options, progress);
  } finally {
    progress.end();
  }
}

async function score(
  store: Store,
  mapping: Mapping,
  file: ModelFile,
  model: AdditiveModel,
  options: PrepareOptions & { readonly threshold?: number },
  progress: Progress,
): Promise<ScoreResult> {
  const { prepared, modelTable, table, missingInputs, unreadable } = await modelInputs(
    store,
    mapping,
    file,
    model,
    options,
  );
  progress.step('scoring and explaining every lead');
  const binned = applyBins(model.features, table);
  const estimates = predictProba(model, binned);
  const threshold = options.threshold ?? file.threshold.value;
  const scored: ScoredLeads = {
    rows: binned.rows,
    leadIds: await readLeadIds(store),
    status: modelTable.status,
    estimates,
    order: descendingOrder(estimates),
    threshold,
    reasons: new Reasons(model, binned),
  };
  let leads: ScoredLead[] | undefined;
  return {
    prepared,
    threshold,
    get leads() {
      leads ??= Array.from(scored.order, (row) => new LeadView(scored, row));
      return leads;
    },
    scored,
    missingInputs,
    unreadable,
  };
}

const CSV_HEADER = 'lead_id,status,estimated_close_rate,mql,raises_1,raises_2,raises_3,lowers_1,lowers_2';

/**
 * Writes scores.csv, highest estimate first, a chunk at a time: at ten million leads the
 * whole text would pass the longest string JavaScript can hold. Reason texts are worded
 * once per term and bin, not per lead.
 */
export async function writeScoresCsv(scored: ScoredLeads, path: string): Promise<void> {
  const file = await open(path, 'w');
  try {
    const { reasons, estimates, leadIds, status, threshold } = scored;
    let chunk = `${CSV_HEADER}\n`;
    for (const row of scored.order) {
      reasons.pick(row);
      const estimate = estimates[row]!;
      chunk +=
        `${csvCell(leadIds[row]!)},${LEAD_STATUSES[status[row]!]},${estimate.toFixed(6)},` +
        `${estimate >= threshold ? 'yes' : 'no'},${reasons.upCsv(0)},${reasons.upCsv(1)},` +
        `${reasons.upCsv(2)},${reasons.downCsv(0)},${reasons.downCsv(1)}\n`;
      if (chunk.length >= 1 << 20) {
        await file.write(chunk);
        chunk = '';
      }
    }
    await file.write(chunk);
  } finally {
    await file.close();
  }
}

/** A lead of a `ScoredLeads`, read through: nothing is copied or worded until asked. */
class LeadView implements ScoredLead {
  constructor(
    private readonly scored: ScoredLeads,
    private readonly row: number,
  ) {}

  get leadId(): string {
    return this.scored.leadIds[this.row]!;
  }

  get status(): LeadStatus {
    return LEAD_STATUSES[this.scored.status[this.row]!]!;
  }

  get estimate(): number {
    return this.scored.estimates[this.row]!;
  }

  get mql(): boolean {
    return this.estimate >= this.scored.threshold;
  }

  get up(): readonly WordedContribution[] {
    return this.scored.reasons.worded(this.row).up;
  }

  get down(): readonly WordedContribution[] {
    return this.scored.reasons.worded(this.row).down;
  }

  toJSON(): ScoredLead {
    const { up, down } = this.scored.reasons.worded(this.row);
    return { leadId: this.leadId, status: this.status, estimate: this.estimate, mql: this.mql, up, down };
  }
}

/** Contributions under this size (in logit points) are not worth a reason. */
const REASON_FLOOR = 0.01;
const REASON_LIMIT = 3;

/**
 * A row's largest raising and lowering terms, as `topReasons(explain(…))` gives them (the
 * same floor, order and ties) but without an object per term and row: a term's contribution
 * and wording depend on the row only through its cell, so each (term, cell) is worded once.
 */
export class Reasons {
  private readonly names: string[];
  private readonly words: Map<number, { worded: WordedContribution; csv: string }>[];
  private readonly upTerms = new Int32Array(REASON_LIMIT);
  private readonly upCells = new Int32Array(REASON_LIMIT);
  private readonly upScores = new Float64Array(REASON_LIMIT);
  private readonly downTerms = new Int32Array(REASON_LIMIT);
  private readonly downCells = new Int32Array(REASON_LIMIT);
  private readonly downScores = new Float64Array(REASON_LIMIT);
  private ups = 0;
  private downs = 0;

  constructor(
    private readonly model: AdditiveModel,
    private readonly binned: BinnedTable,
  ) {
    this.names = model.terms.map((term) => termName(model, term));
    this.words = model.terms.map(() => new Map());
  }

  /**
   * Finds the reasons of `row`, for `upCsv` and `downCsv`. Raising terms are kept largest
   * first, the earlier term first among equals; lowering terms most negative first, the
   * later term first among equals, which is the order of the reversed stable sort.
   */
  pick(row: number): void {
    this.ups = 0;
    this.downs = 0;
    const terms = this.model.terms;
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t]!;
      const cell = termCell(term, this.binned, row);
      const c = term.scores[cell]!;
      if (c > REASON_FLOOR) {
        this.ups = insert(this.upTerms, this.upCells, this.upScores, this.ups, t, cell, c, true);
      } else if (c < -REASON_FLOOR) {
        this.downs = insert(this.downTerms, this.downCells, this.downScores, this.downs, t, cell, c, false);
      }
    }
  }

  upCsv(k: number): string {
    return k < this.ups ? this.entry(this.upTerms[k]!, this.upCells[k]!).csv : '';
  }

  downCsv(k: number): string {
    return k < this.downs ? this.entry(this.downTerms[k]!, this.downCells[k]!).csv : '';
  }

  /** The worded reasons of `row`, as `topReasons` words them. */
  worded(row: number): { up: WordedContribution[]; down: WordedContribution[] } {
    this.pick(row);
    const up = Array.from({ length: this.ups }, (_, k) => this.entry(this.upTerms[k]!, this.upCells[k]!).worded);
    const down = Array.from({ length: this.downs }, (_, k) => this.entry(this.downTerms[k]!, this.downCells[k]!).worded);
    return { up, down };
  }

  private entry(t: number, cell: number): { worded: WordedContribution; csv: string } {
    const cached = this.words[t]!.get(cell);
    if (cached) return cached;
    const term = this.model.terms[t]!;
    const worded = wordContribution(this.model.intercept, {
      term: this.names[t]!,
      features: [],
      bin: termCellLabel(this.model, term, cell),
      contribution: term.scores[cell]!,
    });
    const made = { worded, csv: csvCell(worded.text) };
    this.words[t]!.set(cell, made);
    return made;
  }
}

/**
 * Puts (t, cell, score) into the first `count` entries, kept largest first (`raising`) or
 * smallest first, after the equal scores kept when raising and before them when lowering;
 * drops whatever falls past the limit. Returns the new count.
 */
function insert(
  terms: Int32Array,
  cells: Int32Array,
  scores: Float64Array,
  count: number,
  t: number,
  cell: number,
  score: number,
  raising: boolean,
): number {
  let at = 0;
  while (at < count && (raising ? scores[at]! >= score : scores[at]! < score)) at++;
  if (at >= terms.length) return count;
  for (let k = Math.min(count, terms.length - 1); k > at; k--) {
    terms[k] = terms[k - 1]!;
    cells[k] = cells[k - 1]!;
    scores[k] = scores[k - 1]!;
  }
  terms[at] = t;
  cells[at] = cell;
  scores[at] = score;
  return Math.min(count + 1, terms.length);
}

/** The model's input table for an export, shaped to the model's features. */
export async function modelInputs(
  store: Store,
  mapping: Mapping,
  file: ModelFile,
  model: AdditiveModel,
  options: PrepareOptions,
): Promise<{
  prepared: Prepared;
  modelTable: ModelTable;
  table: FeatureTable;
  missingInputs: string[];
  unreadable: Unreadable[];
}> {
  const prepared = await prepareStore(store, mapping, { ...options, allowUnlearnable: true });
  options.progress?.step('building the model table');
  const modelTable = await buildModelTable(store, {
    attributes: prepared.load.attributes,
    columns: file.inputs.columns as Mapping['columns'],
    interactionTypes: file.inputs.interactionTypes,
    windowDays: file.inputs.windowDays,
  });
  const { table, missing, unreadable } = conformTable(modelTable.table, model.features);
  const attributesMissing = file.inputs.attributes.filter((a) => missing.includes(a));
  if (file.inputs.attributes.length > 0 && attributesMissing.length === file.inputs.attributes.length) {
    throw new InputError(
      'model_inputs_missing',
      `None of the model's attributes (${file.inputs.attributes.join(', ')}) is in this export. ` +
        'Score an export mapped the same way as the one the model was trained on.',
    );
  }
  // Interaction columns are always built, as zero counts when the export has no interactions:
  // that silence would read as "never happened", so it is reported like a missing input.
  const interactions = (await store.column<number>('SELECT count(*)::INTEGER FROM interactions'))[0];
  const noInteractions = file.inputs.interactionTypes.length > 0 && !interactions;
  return {
    prepared,
    modelTable,
    table,
    missingInputs: noInteractions ? [...missing, 'interactions (none in this export)'] : missing,
    unreadable,
  };
}
