/**
 * The pure half of `npm run bench:scale`: what a job reports, how the analyze job's step
 * names map to the table's rows, medians, the tables and the verdicts. No I/O here, so a
 * test can feed it made-up runs.
 */

export type JobName = 'floor' | 'analyze' | 'train' | 'score' | 'score-core';

/** The jobs of one round, in the order they run (train before the two that read its model). */
export const JOBS: readonly JobName[] = ['floor', 'analyze', 'train', 'score', 'score-core'];

/** One step as the child recorded it: the time to the next step, memory at both ends. */
export interface StepRecord {
  readonly name: string;
  readonly ms: number;
  /** Resident set at the step's start and end, bytes. */
  readonly rssStart: number;
  readonly rssEnd: number;
  /** The process's peak resident set by the end of the step, bytes. */
  readonly peakEnd: number;
  readonly ticks?: number;
}

/** The JSON line a child prints at its end. */
export interface JobReport {
  readonly job: JobName;
  /** In-process wall time of the job's work (Node and module start-up excluded). */
  readonly ms: number;
  /** The process's peak resident set, bytes (maxRSS, DuckDB's native memory included). */
  readonly peakRss: number;
  readonly steps: readonly StepRecord[];
  readonly extra: Readonly<Record<string, unknown>>;
}

/** One run of one job as the parent saw it. */
export type JobRun =
  | {
      readonly job: JobName;
      readonly ok: true;
      readonly processMs: number;
      readonly report: JobReport;
      /** Something the reader must know, e.g. that score used a model trained at another size. */
      readonly note?: string;
    }
  | {
      readonly job: JobName;
      readonly ok: false;
      readonly processMs: number;
      /** "exit code 1", "signal SIGKILL", "timed out after 60 min", "skipped: …". */
      readonly failure: string;
      readonly detail?: string;
    };

/**
 * The analyze job's steps → the table's rows, first match wins, matched case-insensitively
 * by substrings that must all occur in the step name. Step names are the jobs' own
 * (src/jobs/prepare.ts, src/jobs/analyze.ts) and may change: keep this table in step with
 * them. A step no entry matches lands in "other analyze steps", and the raw list of steps is
 * printed beside the table either way.
 */
export const STEP_ROWS: readonly { readonly row: string; readonly all: readonly string[] }[] = [
  { row: 'import', all: ['reading and checking'] },
  { row: 'import', all: ['import'] },
  { row: 'time rules and lead features', all: ['time rule'] },
  { row: 'time rules and lead features', all: ['interactions before'] },
  { row: 'time rules and lead features', all: ['encoding'] },
  // Before the close-rate entries: "estimating every lead's close rate" names a close rate too.
  { row: 'lead estimates and MQLs', all: ['every lead'] },
  { row: 'close rates + fit profile (one step)', all: ['close rate', 'fit profile'] },
  { row: 'close-rate analysis', all: ['close rate'] },
  { row: 'fit profile', all: ['fit profile'] },
  // The harness's own steps around the job's (bench/scale-step.ts).
  { row: 'guessing the mapping, checks', all: ['(bench) before the first step'] },
  { row: 'writing the outputs', all: ['(bench) after the last step'] },
];

export const OTHER_ANALYZE_ROW = 'other analyze steps';

export function rowOfStep(name: string): string {
  const lower = name.toLowerCase();
  return STEP_ROWS.find((r) => r.all.every((part) => lower.includes(part)))?.row ?? OTHER_ANALYZE_ROW;
}

/** The rows of the tables, in order; analyze's step rows come first. */
export const ROWS = {
  whole: 'whole analyze',
  train: 'training (whole train job)',
  score: 'scoring every lead (whole score job)',
  core: 'scoring built features (predict only)',
  floor: 'floor: DuckDB count by lead and type',
} as const;

/** The step rows in the order of the job (STEP_ROWS is in matching order). */
const STEP_ROW_ORDER = [
  ...new Set([
    'guessing the mapping, checks',
    'import',
    'time rules and lead features',
    'close-rate analysis',
    'fit profile',
    'close rates + fit profile (one step)',
    'lead estimates and MQLs',
    'writing the outputs',
    ...STEP_ROWS.map((r) => r.row),
    OTHER_ANALYZE_ROW,
  ]),
];

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One cell of a row at one size: medians over the runs that succeeded. */
export interface Cell {
  readonly ms: number;
  readonly peakRss: number;
  readonly runs: number;
  /** Failures (and skips) of the job behind the row, e.g. "timed out after 60 min". */
  readonly failures: readonly string[];
  /** Notes of the runs behind the row (JobRun.note). */
  readonly notes: readonly string[];
}

/** Everything measured at one size. */
export interface SizeResult {
  readonly label: string;
  readonly leads: number;
  readonly interactions: number | null;
  readonly generation: string;
  readonly runs: readonly JobRun[];
}

const okReports = (runs: readonly JobRun[], job: JobName): JobReport[] =>
  runs.flatMap((r) => (r.job === job && r.ok ? [r.report] : []));

const failuresOf = (runs: readonly JobRun[], job: JobName): string[] =>
  runs.flatMap((r) => (r.job === job && !r.ok ? [r.failure] : []));

function cellOf(runs: readonly JobRun[], job: JobName, pick: (r: JobReport) => { ms: number; peakRss: number } | undefined): Cell | undefined {
  const picked = okReports(runs, job).flatMap((r) => {
    const p = pick(r);
    return p ? [p] : [];
  });
  const failures = failuresOf(runs, job);
  if (picked.length === 0 && failures.length === 0) return undefined;
  const notes = [...new Set(runs.flatMap((r) => (r.job === job && r.ok && r.note ? [r.note] : [])))];
  return {
    ms: median(picked.map((p) => p.ms)),
    peakRss: median(picked.map((p) => p.peakRss)),
    runs: picked.length,
    failures,
    notes,
  };
}

/** The analyze job's time per row, in one run (a row's steps are summed). */
export function stepRows(report: JobReport): Map<string, { ms: number; peakRss: number }> {
  const rows = new Map<string, { ms: number; peakRss: number }>();
  for (const step of report.steps) {
    const row = rowOfStep(step.name);
    const had = rows.get(row);
    rows.set(row, { ms: (had?.ms ?? 0) + step.ms, peakRss: Math.max(had?.peakRss ?? 0, step.peakEnd) });
  }
  return rows;
}

/** Every row's cell at one size; rows with nothing measured are absent. */
export function cellsOf(size: SizeResult): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const set = (row: string, cell: Cell | undefined) => {
    if (cell) cells.set(row, cell);
  };
  for (const row of STEP_ROW_ORDER) {
    const cell = cellOf(size.runs, 'analyze', (r) => stepRows(r).get(row));
    if (cell && cell.runs > 0) cells.set(row, cell);
  }
  const whole = (r: JobReport) => ({ ms: r.ms, peakRss: r.peakRss });
  set(ROWS.whole, cellOf(size.runs, 'analyze', whole));
  set(ROWS.train, cellOf(size.runs, 'train', whole));
  set(ROWS.score, cellOf(size.runs, 'score', whole));
  set(
    ROWS.core,
    cellOf(size.runs, 'score-core', (r) =>
      typeof r.extra['predictMedianMs'] === 'number' ? { ms: r.extra['predictMedianMs'], peakRss: r.peakRss } : undefined,
    ),
  );
  set(ROWS.floor, cellOf(size.runs, 'floor', whole));
  return cells;
}

/** Median leads per second of the predict call (the median run of score-core). */
export function leadsPerSecond(size: SizeResult): number | undefined {
  const rates = okReports(size.runs, 'score-core').flatMap((r) =>
    typeof r.extra['leadsPerSecond'] === 'number' ? [r.extra['leadsPerSecond']] : [],
  );
  return rates.length ? median(rates) : undefined;
}

function binnedLeadsPerSecond(size: SizeResult): number | undefined {
  const rates = okReports(size.runs, 'score-core').flatMap((r) =>
    typeof r.extra['binnedLeadsPerSecond'] === 'number' ? [r.extra['binnedLeadsPerSecond']] : [],
  );
  return rates.length ? median(rates) : undefined;
}

// ---------- formatting ----------

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  if (ms < 100_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${(ms / 1000).toFixed(0)} s`;
}

/** Decimal units (1 GB = 10⁹ bytes), so the 8 GB target reads as it is written. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(0)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  return `${(perSecond / 1e3).toFixed(0)} k/s`;
}

const leadsRate = (perSecond: number) => formatRate(perSecond).replace('/s', ' leads/s');

export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  return `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}×`;
}

/** "100k", "1M", "2.5M", "10M" ⇄ numbers. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kKmM]?)$/.exec(text.trim());
  if (!match) throw new Error(`not a size: "${text}" (write 100k, 1M, 10M or a number)`);
  const n = Number(match[1]) * ({ k: 1e3, m: 1e6 }[match[2]!.toLowerCase()] ?? 1);
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a whole number of leads: "${text}"`);
  return n;
}

export function sizeLabel(n: number): string {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 100 === 0) return `${n / 1e3}k`;
  return String(n);
}

/** A plain text table: the first column left-aligned, the others right-aligned. */
export function textTable(header: readonly (readonly string[])[], rows: readonly (readonly string[])[]): string {
  const all = [...header, ...rows];
  const widths = all[0]!.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [...header.map(line), rule, ...rows.map(line)].join('\n');
}

function cellText(cell: Cell | undefined): { time: string; rss: string } {
  if (!cell) return { time: '', rss: '' };
  if (cell.runs === 0) return { time: failedText(cell.failures), rss: '' };
  const partial = cell.failures.length ? ` (${cell.failures.length} failed)` : '';
  const noted = cell.notes.length ? ' *' : '';
  return { time: formatMs(cell.ms) + partial + noted, rss: formatBytes(cell.peakRss) };
}

function failedText(failures: readonly string[]): string {
  const first = failures[0] ?? 'failed';
  return first.startsWith('skipped') ? 'skipped' : `FAILED (${first})`;
}

function orderedRows(sizes: readonly SizeResult[]): { row: string; indent: boolean }[] {
  const present = new Set(sizes.flatMap((s) => [...cellsOf(s).keys()]));
  return [
    ...STEP_ROW_ORDER.filter((r) => present.has(r)).map((row) => ({ row, indent: true })),
    ...Object.values(ROWS).filter((r) => present.has(r)).map((row) => ({ row, indent: false })),
  ];
}

/**
 * The combined table: per size the time, peak RSS and ratio to the same size's floor;
 * then the growth of time between consecutive sizes beside the growth of the data.
 */
export function combinedTable(sizes: readonly SizeResult[]): string {
  const cells = sizes.map(cellsOf);
  const floors = cells.map((c) => c.get(ROWS.floor));
  const header1 = ['', ...sizes.flatMap((s) => [`${s.label} leads`, '', '']), ...growthPairs(sizes).map(() => 'growth')];
  const header2 = [
    'step',
    ...sizes.flatMap(() => ['time', 'peak RSS', '× floor']),
    ...growthPairs(sizes).map(([a, b]) => `${a.label}→${b.label} (data ${formatRatio(b.leads / a.leads)})`),
  ];
  const rows = orderedRows(sizes).map(({ row, indent }) => {
    const perSize = cells.flatMap((c, i) => {
      const cell = c.get(row);
      const { time, rss } = cellText(cell);
      const floor = floors[i];
      const ratio = cell && cell.runs > 0 && floor && floor.runs > 0 ? formatRatio(cell.ms / floor.ms) : '';
      return [time, rss, ratio];
    });
    const growth = growthPairs(sizes).map(([a, b]) => {
      const ca = cells[sizes.indexOf(a)]!.get(row);
      const cb = cells[sizes.indexOf(b)]!.get(row);
      return ca && cb && ca.runs > 0 && cb.runs > 0 ? formatRatio(cb.ms / ca.ms) : '';
    });
    return [indent ? `  ${row}` : row, ...perSize, ...growth];
  });
  const rateRow = [
    'built features, leads per second',
    ...sizes.flatMap((s) => {
      const rate = leadsPerSecond(s);
      return [rate === undefined ? '' : formatRate(rate), '', ''];
    }),
    ...growthPairs(sizes).map(() => ''),
  ];
  const binnedRow = [
    '  of which pre-binned (no binning)',
    ...sizes.flatMap((s) => {
      const rate = binnedLeadsPerSecond(s);
      return [rate === undefined ? '' : formatRate(rate), '', ''];
    }),
    ...growthPairs(sizes).map(() => ''),
  ];
  const rated = sizes.some((s) => leadsPerSecond(s) !== undefined);
  const notes = sizes.flatMap((s, i) =>
    [...cells[i]!].flatMap(([row, cell]) => cell.notes.map((n) => `  * ${s.label}, ${row}: ${n}`)),
  );
  const table = textTable([header1, header2], rated ? [...rows, rateRow, binnedRow] : rows);
  return notes.length ? `${table}\n${[...new Set(notes)].join('\n')}` : table;
}

function growthPairs(sizes: readonly SizeResult[]): [SizeResult, SizeResult][] {
  return sizes.slice(1).map((b, i) => [sizes[i]!, b]);
}

/** The raw steps of every job at one size: median time and peak-so-far per step name. */
export function rawSteps(size: SizeResult): string {
  const lines: string[] = [];
  for (const job of JOBS) {
    const reports = okReports(size.runs, job);
    const failures = size.runs.filter((r) => r.job === job && !r.ok);
    if (reports.length === 0 && failures.length === 0) continue;
    const runs = `${reports.length} run${reports.length === 1 ? '' : 's'}`;
    lines.push(
      reports.length
        ? `  ${job} (${runs}, median): ${formatMs(median(reports.map((r) => r.ms)))}, ` +
            `peak RSS ${formatBytes(median(reports.map((r) => r.peakRss)))}, process incl. start-up ` +
            `${formatMs(median(size.runs.flatMap((r) => (r.job === job && r.ok ? [r.processMs] : []))))}`
        : `  ${job}: no successful run`,
    );
    const names = reports[0]?.steps.map((s) => s.name) ?? [];
    for (const name of names) {
      const steps = reports.flatMap((r) => r.steps.filter((s) => s.name === name));
      const row = job === 'analyze' ? `  → ${rowOfStep(name)}` : '';
      lines.push(
        `      ${formatMs(median(steps.map((s) => s.ms))).padStart(8)}  ` +
          `rss ${formatBytes(median(steps.map((s) => s.rssEnd))).padStart(8)}  ` +
          `peak ${formatBytes(median(steps.map((s) => s.peakEnd))).padStart(8)}  ${name}${row}`,
      );
    }
    for (const note of new Set(size.runs.flatMap((r) => (r.job === job && r.ok && r.note ? [r.note] : [])))) {
      lines.push(`      note: ${note}`);
    }
    for (const f of failures) {
      if (!f.ok) lines.push(`      ${f.failure}${f.detail ? `: ${f.detail}` : ''}`);
    }
    if (job === 'score-core' && reports[0]) {
      const e = reports[0].extra;
      lines.push(
        `      ${String(e['predict'])} over ${String(e['leads'])} leads × ${String(e['features'])} features ` +
          `(${String(e['terms'])} terms), ms per call over all runs: ${(reports.flatMap((r) => r.extra['predictMs'] as number[]))
            .map((ms) => ms.toFixed(0))
            .join(', ')}`,
      );
    }
  }
  return lines.join('\n');
}

// ---------- verdicts ----------

export const TARGETS = {
  analyzeFloorRatio: 3,
  peakRssBytes: 8e9,
  leadsPerSecond: 1e6,
} as const;

/** One line per target, with the measured figure, the target and met / missed / not measured. */
export function verdicts(sizes: readonly SizeResult[]): string[] {
  const find = (leads: number) => sizes.find((s) => s.leads === leads);
  const lines: string[] = [];
  const m1 = find(1e6);
  const m10 = find(1e7);
  const whole = (s: SizeResult | undefined) => (s ? cellsOf(s).get(ROWS.whole) : undefined);
  const floor = (s: SizeResult | undefined) => (s ? cellsOf(s).get(ROWS.floor) : undefined);
  const failed = (c: Cell | undefined) => (c && c.runs === 0 ? failedText(c.failures) : 'not measured');

  const a1 = whole(m1);
  const f1 = floor(m1);
  if (a1 && a1.runs > 0 && f1 && f1.runs > 0) {
    const ratio = a1.ms / f1.ms;
    lines.push(
      `analyze 1M: ${formatMs(a1.ms)} = ${formatRatio(ratio)} floor (${formatMs(f1.ms)}) ` +
        `(target ≤ ${TARGETS.analyzeFloorRatio}×): ${ratio <= TARGETS.analyzeFloorRatio ? 'met' : 'missed'}`,
    );
  } else {
    lines.push(`analyze 1M within ${TARGETS.analyzeFloorRatio}× floor: ${!m1 ? 'not measured (1M not in --sizes)' : a1?.runs ? `floor ${failed(f1)}` : failed(a1)}`);
  }

  const a10 = whole(m10);
  if (!m10) {
    lines.push('analyze 10M completes, peak RSS < 8 GB, growth ≤ linear: not measured (10M not in --sizes)');
  } else if (!a10 || a10.runs === 0) {
    lines.push(`analyze 10M completes (target: completes): missed, ${failed(a10)}`);
  } else {
    lines.push(`analyze 10M completes (target: completes): met, in ${formatMs(a10.ms)}`);
    lines.push(
      `analyze 10M peak RSS: ${formatBytes(a10.peakRss)} (target < ${formatBytes(TARGETS.peakRssBytes)}): ` +
        `${a10.peakRss < TARGETS.peakRssBytes ? 'met' : 'missed'}`,
    );
    if (a1 && a1.runs > 0 && m1) {
      const growth = a10.ms / a1.ms;
      const data = m10.leads / m1.leads;
      lines.push(
        `analyze growth 1M→10M: ${formatRatio(growth)} the time for ${formatRatio(data)} the leads ` +
          `(target ≤ ${formatRatio(data)}, linear): ${growth <= data ? 'met' : 'missed'}`,
      );
    } else {
      lines.push('analyze growth 1M→10M (target ≤ linear): not measured (no 1M analyze)');
    }
  }

  const big = [...sizes].filter((s) => s.leads >= 1e6).sort((a, b) => b.leads - a.leads);
  const rated = big.find((s) => leadsPerSecond(s) !== undefined);
  if (rated) {
    const rate = leadsPerSecond(rated)!;
    lines.push(
      `scoring built features at ${rated.label}: ${leadsRate(rate)} ` +
        `(target ≥ ${leadsRate(TARGETS.leadsPerSecond)}): ${rate >= TARGETS.leadsPerSecond ? 'met' : 'missed'}`,
    );
  } else {
    const small = sizes.find((s) => leadsPerSecond(s) !== undefined);
    lines.push(
      `scoring built features ≥ 1M leads/s at ≥ 1M leads: not measured` +
        (small ? ` (at ${small.label}: ${leadsRate(leadsPerSecond(small)!)}, for information)` : ''),
    );
  }
  return lines;
}
