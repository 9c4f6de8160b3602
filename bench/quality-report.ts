import type { QualityFigures } from './quality-metrics.js';
import type { PeerRow } from './quality-peers.js';
import { AUC_MARGIN, BRIER_MARGIN, compareWithPeers } from './quality-targets.js';

/** Everything printed for one dataset. */
export interface DatasetResult {
  readonly name: string;
  readonly rows: number;
  readonly baseRate: number;
  readonly folds: number;
  readonly leadsift: QualityFigures;
  /** Median wall time of training on one fold's training rows, in milliseconds. */
  readonly medianTrainMs: number;
  readonly peers: readonly PeerRow[];
}

const HEADER = ['model', 'ROC AUC', 'PR AUC', 'Brier', 'log loss', 'ECE', 'train/fold'];

/** A Markdown table: leadsift's row, then the peers' rows from peers.md, then the verdict. */
export function formatDatasetResult(result: DatasetResult): string {
  const { leadsift } = result;
  const seconds = `${(result.medianTrainMs / 1000).toFixed(2)} s`;
  const rows = [
    ['leadsift', ...figures(leadsift), f4(leadsift.ece), seconds],
    ...result.peers.map((p) => [p.model, ...figures(p), '', '']),
  ];
  return [
    `## ${result.name}: ${result.rows.toLocaleString('en-US')} rows, base rate ` +
      `${f4(result.baseRate)}, ${result.folds}-fold CV on the peers' folds`,
    '',
    ...markdownTable([HEADER, ...rows]),
    '',
    verdict(leadsift, result.peers),
  ].join('\n');
}

function figures(f: Pick<QualityFigures, 'rocAuc' | 'prAuc' | 'brier' | 'logLoss'>): string[] {
  return [f4(f.rocAuc), f4(f.prAuc), f4(f.brier), f4(f.logLoss)];
}

function verdict(leadsift: QualityFigures, peers: readonly PeerRow[]): string {
  const c = compareWithPeers(leadsift, peers);
  return [
    `vs best peer: ROC AUC ${signed(c.aucDifference)} against ${c.bestAuc.model} ` +
      `(${f4(c.bestAuc.rocAuc)}); target ≥ −${AUC_MARGIN}: ${holds(c.aucHolds)}`,
    `              Brier ${signed(c.brierDifference)} against ${c.bestBrier.model} ` +
      `(${f4(c.bestBrier.brier)}); target ≤ +${BRIER_MARGIN}: ${holds(c.brierHolds)}`,
  ].join('\n');
}

/** Columns padded to a common width, so the table reads in a terminal as well. */
function markdownTable(rows: readonly (readonly string[])[]): string[] {
  const widths = HEADER.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${widths.map((width, c) => pad(cells[c] ?? '', width, c > 0)).join(' | ')} |`;
  const [header, ...body] = rows;
  return [line(header ?? []), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
}

/** Text left-aligned, figures right-aligned. */
function pad(cell: string, width: number, right: boolean): string {
  return right ? cell.padStart(width) : cell.padEnd(width);
}

function f4(value: number): string {
  return Number.isNaN(value) ? 'NA' : value.toFixed(4);
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(4)}`;
}

function holds(ok: boolean): string {
  return ok ? 'holds' : 'MISSED';
}
