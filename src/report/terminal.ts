import type { Analysis } from '../core/analysis.js';
import type { CloseRate, Verdict } from '../core/close-rates.js';
import type { FitAttribute } from '../core/fit-profile.js';
import type { Mql } from '../jobs/analyze.js';
import { formatReason } from '../core/reasons.js';
import { count, day, interval, pct, table, wrap } from './format.js';
import { excludedWords } from './words.js';
import pc from 'picocolors';

const { createColors } = pc;
type Colors = ReturnType<typeof createColors>;

const VERDICT_WORDS: Record<Verdict, string> = {
  qualifies: 'QUALIFIES',
  promising: 'promising',
  below: 'below',
  not_enough_data: 'too few',
};

export interface SummaryOptions {
  readonly rows: number;
  readonly outDir?: string;
  /** Colour the verdicts; the caller decides (a terminal, and NO_COLOR unset). */
  readonly color?: boolean;
}

/** The readable summary of an analysis, in lines no wider than 80 columns. */
export function renderSummary(a: Analysis, mqls: readonly Mql[], options: SummaryOptions): string {
  return [
    ...header(a),
    ...timeSection(a),
    ...qualitySection(a),
    ...interactionSection(a, options.rows, createColors(options.color ?? false)),
    ...fitSection(a),
    ...thresholdSection(a, mqls, options.outDir),
  ]
    .flatMap((line) => wrap(line))
    .join('\n');
}

function header(a: Analysis): string[] {
  const inputs = a.inputs.map(
    (i) => `  ${i.role.padEnd(13)}${count(i.rows).padStart(10)} rows  ${basename(i.file)}`,
  );
  return [`leadsift analysis of ${count(a.totals.leads)} leads`, ...inputs, ''];
}

function timeSection(a: Analysis): string[] {
  const r = a.timeRules;
  const lines = ['Time rules'];
  if (!r.asOf) {
    lines.push('  No dates in the data: every lead with an outcome counts, no horizon applies.');
  } else {
    lines.push(`  As of ${day(r.asOf)}. Horizon ${r.horizonDays ?? '-'} days (${r.horizonSource}).`);
    if (r.outcomesFrom) {
      lines.push(`  Outcomes recorded only from ${day(r.outcomesFrom)} (${r.outcomesFromSource}).`);
    }
  }
  for (const e of a.totals.excluded) {
    lines.push(`  Left out: ${count(e.leads)} ${e.status} leads, ${excludedWords(e.reason)}.`);
  }
  const b = a.baseRate;
  const n = a.naiveBaseRate;
  lines.push(
    `  Learning from ${count(b.leads)} of ${count(a.totals.leads)} leads, ${count(b.wins)} won: ` +
      `base close rate ${pct(b.rate)} [${interval(b.low, b.high)}].`,
  );
  if (b.leads !== n.leads || b.wins !== n.wins) {
    lines.push(
      `  Ignoring the time rules it would read ${pct(n.rate)} (${count(n.wins)} of ` +
        `${count(n.leads)}); the largest shifts per interaction are below.`,
    );
  }
  return [...lines, ''];
}

function qualitySection(a: Analysis): string[] {
  const lines =
    a.rejects.length === 0
      ? ['Data quality: every row was usable.']
      : ['Data quality: rows that could not be used (details in rejects.csv)'];
  for (const r of a.rejects) {
    lines.push(`  ${count(r.rows).padStart(7)}  ${r.reason.padEnd(30)} ${basename(r.file)}`);
  }
  for (const note of a.notes) lines.push(`  Note: ${note}`);
  return [...lines, ''];
}

function basename(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function interactionSection(a: Analysis, limit: number, colors: Colors): string[] {
  const rows = a.interactions;
  if (rows.length === 0) {
    return ['No interactions or activity columns are mapped: close rates come from fit alone.', ''];
  }
  const lines = [
    `Close rate per interaction (threshold ${pct(a.settings.threshold)}, ` +
      `${Math.round(a.settings.confidence * 100)} % Wilson intervals)`,
    ...table(
      [
        { title: 'interaction', width: 26 },
        { title: 'leads', width: 8, align: 'right' },
        { title: 'won', width: 6, align: 'right' },
        { title: 'rate', width: 7, align: 'right' },
        { title: 'interval', width: 10, align: 'right' },
        { title: 'lift', width: 5, align: 'right' },
        { title: 'verdict', width: 11 },
      ],
      rows.slice(0, limit).map((r) => rateCells(r)),
    ).map((l, i) => `  ${i === 0 ? l : colourVerdict(l, rows[i - 1]!.verdict, colors)}`),
  ];
  if (rows.length > limit) lines.push(`  … ${count(rows.length - limit)} more in analysis.json`);
  const promising = rows.filter((r) => r.verdict === 'promising' && r.leadsToSettle !== null);
  for (const r of promising.slice(0, 3)) {
    lines.push(`  ${r.label} is promising: about ${count(r.leadsToSettle!)} more leads would settle it.`);
  }
  const shifts = [...rows]
    .filter((r) => r.leads >= a.settings.minLeads)
    .sort((x, y) => Math.abs(y.rate - y.naive.rate) - Math.abs(x.rate - x.naive.rate))
    .slice(0, 3)
    .filter((r) => Math.abs(r.rate - r.naive.rate) >= 0.001);
  for (const r of shifts) {
    lines.push(`  ${r.label}: ${pct(r.rate)} with time rules, ${pct(r.naive.rate)} without.`);
  }
  return [...lines, ''];
}

/** Colours the verdict ending a laid-out row, after layout, so widths stay those of the text. */
function colourVerdict(line: string, verdict: Verdict, colors: Colors): string {
  const word = VERDICT_WORDS[verdict];
  if (!line.endsWith(word)) return line;
  return line.slice(0, -word.length) + VERDICT_COLOURS[verdict](colors)(word);
}

const VERDICT_COLOURS: Record<Verdict, (c: Colors) => (text: string) => string> = {
  qualifies: (c) => c.green,
  promising: (c) => c.yellow,
  below: (c) => c.dim,
  not_enough_data: (c) => c.dim,
};

function rateCells(r: CloseRate): string[] {
  return [
    r.label,
    count(r.leads),
    count(r.wins),
    pct(r.rate),
    interval(r.low, r.high),
    r.lift.toFixed(1),
    VERDICT_WORDS[r.verdict],
  ];
}

function fitSection(a: Analysis): string[] {
  const b = a.bestCustomers;
  const lines = [`Best customers: ${count(b.count)}, ${b.definition}`];
  const best = b.activity.find((x) => x.group === 'best');
  const all = b.activity.find((x) => x.group === 'eligible');
  if (best && all && all.meanInteractions > 0) {
    lines.push(
      `  Active as leads: median ${best.medianInteractions} interactions before winning ` +
        `(all leads: ${all.medianInteractions}).`,
    );
    const common = b.commonInteractions.slice(0, 4).map((c) => `${c.label} ${pct(c.shareOfBest, 0)}`);
    lines.push(`  Most common among them: ${common.join(', ')}.`);
  }
  if (a.fit.length === 0) lines.push('  No fit attributes mapped.');
  for (const attribute of a.fit) lines.push(...fitAttributeLines(attribute, a.settings.minLeads));
  return [...lines, ''];
}

function fitAttributeLines(attribute: FitAttribute, minLeads: number): string[] {
  const enough = attribute.values.filter((v) => v.leads >= minLeads);
  const top = [...enough].sort((x, y) => y.representation - x.representation).slice(0, 4);
  const few = attribute.values.length - enough.length;
  const rows = table(
    [
      { title: attribute.attribute, width: 24 },
      { title: 'of best', width: 7, align: 'right' },
      { title: 'of leads', width: 8, align: 'right' },
      { title: 'ratio', width: 5, align: 'right' },
      { title: 'rate', width: 7, align: 'right' },
      { title: 'interval', width: 10, align: 'right' },
    ],
    top.map((v) => [
      v.value,
      pct(v.shareOfBest, 0),
      pct(v.shareOfLeads, 0),
      v.representation.toFixed(1),
      pct(v.rate),
      interval(v.low, v.high),
    ]),
  ).map((l) => `  ${l}`);
  if (few > 0) rows.push(`    (${few} more values with under ${minLeads} leads: not enough data)`);
  return rows;
}

function thresholdSection(a: Analysis, mqls: readonly Mql[], outDir?: string): string[] {
  const h = a.history;
  const qualifying = a.interactions.filter((r) => r.verdict === 'qualifies').map((r) => r.label);
  const lines = [
    `Threshold ${pct(a.settings.threshold)}: an MQL is a lead whose estimated close rate reaches it.`,
    qualifying.length
      ? `  Interactions that qualify on their own: ${qualifying.slice(0, 6).join(', ')}` +
        (qualifying.length > 6 ? ` and ${qualifying.length - 6} more.` : '.')
      : '  No interaction qualifies on its own.',
    `  On past leads (out-of-fold): sales would work ${pct(h.passedShare)} of leads ` +
      `(${count(h.mqls)} of ${count(h.leads)}) instead of all of them;`,
    `  MQLs closed at ${pct(h.mqlRate)} [${interval(h.mqlRateLow, h.mqlRateHigh)}] vs ${pct(h.baseRate)} ` +
      `overall, ${pct(h.heldBackRate)} for the rest,`,
    `  and included ${pct(h.winsCaughtShare)} of the wins (${count(h.mqlWins)} of ${count(h.wins)}).`,
    `  MQLs now: ${count(a.mqlSummary.total)}, of them ${count(a.mqlSummary.open)} still open.`,
  ];
  for (const m of mqls.filter((x) => x.status === 'open').slice(0, 3)) {
    lines.push(`    ${m.leadId.slice(0, 20)} ${pct(m.estimate)}  ${m.reasons.map(formatReason)[0] ?? ''}`);
  }
  if (outDir) lines.push(`  Written: ${outDir}/mqls.csv, analysis.json, rejects.csv`);
  return lines;
}
