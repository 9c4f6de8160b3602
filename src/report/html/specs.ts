/**
 * The report's charts as Vega-Lite specs, built from the plain `Analysis` data. Each builder
 * returns the spec with its words (title, text alternative) and the table of the numbers it
 * draws, so that the chart, its description and its fallback cannot disagree.
 *
 * Every chart is a column of rows: a line of text (the row's label on the left, its figures on
 * the right) above its marks. That keeps charts narrow enough to stay legible when scaled to a
 * phone's width, however long the labels. User-provided strings (labels, attribute names)
 * enter a spec only as data values or title text, never inside an expression; Vega escapes
 * them when it writes the SVG.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Analysis } from '../../core/analysis.js';
import type { CloseRate } from '../../core/close-rates.js';
import type { FitAttribute, FitValue } from '../../core/fit-profile.js';
import { count, interval, pct } from '../format.js';
import type { ChartDef } from './render-chart.js';
import { fitText, textWidth } from './text-width.js';
import { VERDICT_COLOURS, VERDICT_LABELS, VERDICT_ORDER, plural } from '../words.js';

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** DejaVu Sans first: text-width.ts measures with its widths, the widest of these fonts. */
export const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';
export const INK = '#222222';
export const MUTED = '#555555';
export const THRESHOLD_COLOUR = '#B2182B';
export const BASE_COLOUR = '#555555';
export const BEST_COLOUR = '#0072B2';
/** Plot width of every chart, in px; the SVG scales down from about this on a phone. */
export const WIDTH = 380;
export const TEXT = 12;
export const STEP = 38;

/** How many rows the charts draw; the rest are counted in the text and kept in analysis.json. */
export const CHART_LIMITS = { interactions: 40, fewInteractions: 10, fitValues: 15, common: 12 } as const;

export const CONFIG = {
  // The SVG is one image with a title and a description (see render-chart.ts); per-mark ARIA
  // attributes would only repeat the data table.
  aria: false,
  font: FONT,
  background: null,
  padding: 6,
  view: { stroke: null },
  axis: {
    labelFontSize: TEXT,
    titleFontSize: TEXT,
    labelColor: INK,
    titleColor: INK,
    gridColor: '#E3E3E3',
    domainColor: '#8C8C8C',
    tickColor: '#8C8C8C',
    labelLimit: 1000,
  },
  legend: {
    labelFontSize: TEXT,
    titleFontSize: TEXT,
    labelColor: INK,
    titleColor: INK,
    orient: 'top',
    direction: 'horizontal',
    labelLimit: 1000,
  },
  title: {
    fontSize: 15,
    subtitleFontSize: TEXT,
    anchor: 'start',
    color: '#111111',
    subtitleColor: '#444444',
    offset: 10,
    limit: 1000,
  },
  text: { limit: 0 },
} as const;

const verdictScale = {
  domain: VERDICT_ORDER.map((v) => VERDICT_LABELS[v]),
  range: VERDICT_ORDER.map((v) => VERDICT_COLOURS[v]),
};

const seriesColour = {
  domain: ['best customers', 'all leads'],
  range: [BEST_COLOUR, INK],
};
const seriesShape = { domain: ['best customers', 'all leads'], range: ['circle', 'diamond'] };

/** A row's key: its order, zero-padded, so rows never merge and sort as given. */
export function rowKey(i: number): string {
  return `r${String(i).padStart(4, '0')}`;
}

export const Y = {
  field: 'key',
  type: 'nominal',
  sort: 'ascending',
  scale: { paddingInner: 0, paddingOuter: 0.3 },
  axis: null,
} as const;

interface RowText {
  readonly key: string;
  readonly left: string;
  readonly right: string;
}

/** The text line of each row: label cut to the room the figures on its right leave. */
export function rowTexts(rows: readonly { key: string; label: string; right: string }[]): RowText[] {
  return rows.map((r) => {
    const room = WIDTH - textWidth(r.right, TEXT) - 12;
    return { key: r.key, left: fitText(r.label, room, TEXT), right: r.right };
  });
}

export function rowTextLayers(texts: readonly RowText[]): object[] {
  const line = { type: 'text', baseline: 'bottom', dy: -9, fontSize: TEXT, color: INK };
  return [
    {
      data: { values: texts },
      mark: { ...line, align: 'left' },
      encoding: { y: Y, x: { value: 0 }, text: { field: 'left' } },
    },
    {
      data: { values: texts },
      mark: { ...line, align: 'right', color: MUTED },
      encoding: { y: Y, x: { value: 'width' }, text: { field: 'right' } },
    },
  ];
}

/**
 * Threshold and base-rate rules across the plot, their labels on two lines below it; the rules
 * go over the marks and under the row texts, the labels anywhere.
 */
function referenceLayers(
  threshold: number,
  base: number,
  domainMax: number,
): { rules: object[]; labels: object[] } {
  const lines = [
    { x: threshold, text: `threshold ${pct(threshold)}`, colour: THRESHOLD_COLOUR, dash: [6, 3], dy: 6 },
    { x: base, text: `base rate ${pct(base)}`, colour: BASE_COLOUR, dash: [2, 2], dy: 21 },
  ];
  return {
    rules: lines.map((l) => ({
      data: { values: [{ x: l.x }] },
      mark: { type: 'rule', color: l.colour, strokeDash: l.dash, strokeWidth: 1.5 },
      encoding: { x: { field: 'x', type: 'quantitative' } },
    })),
    labels: lines.map((l) => {
      const at = (l.x / domainMax) * WIDTH;
      const left = at + textWidth(l.text, 11, true) + 3 <= WIDTH;
      return {
        data: { values: [{ x: l.x, text: l.text }] },
        mark: {
          type: 'text',
          align: left ? 'left' : 'right',
          dx: left ? 3 : -3,
          dy: l.dy,
          baseline: 'top',
          color: l.colour,
          fontSize: 11,
          fontWeight: 'bold',
        },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { value: 'height' }, text: { field: 'text' } },
      };
    }),
  };
}

/** A share in whole percent, or with one decimal under 10 % so that small shares still differ. */
function share(p: number): string {
  return pct(p, p < 0.1 ? 1 : 0);
}

/** Subtitle lines, each short enough not to widen the chart. */
export function lines(...text: string[]): string[] {
  return text;
}

/** A rate axis from 0 to a round 5 % above the largest value shown. */
export function rateDomainMax(values: readonly number[]): number {
  const top = Math.max(0.01, ...values);
  return Math.min(1, Math.ceil((top * 1.04) / 0.05) * 0.05);
}

// ---------------------------------------------------------------------------------------------
// Close rate per interaction

/** The interactions the chart draws: the best-supported first, then some with too few leads. */
export function chartedInteractions(a: Analysis): { shown: CloseRate[]; enough: number; few: number } {
  const enough = a.interactions.filter((r) => r.verdict !== 'not_enough_data');
  const few = a.interactions
    .filter((r) => r.verdict === 'not_enough_data')
    .map((r, i) => ({ r, i }))
    .sort((x, y) => y.r.leads - x.r.leads || x.i - y.i)
    .slice(0, CHART_LIMITS.fewInteractions)
    .map((x) => x.r);
  return {
    shown: [...enough.slice(0, CHART_LIMITS.interactions), ...few],
    enough: enough.length,
    few: a.interactions.length - enough.length,
  };
}

export function interactionChart(a: Analysis): ChartDef | null {
  if (a.interactions.length === 0) return null;
  const { threshold, confidence, minLeads } = a.settings;
  const { shown, enough, few } = chartedInteractions(a);
  const conf = `${Math.round(confidence * 100)} %`;
  const rows = shown.map((r, i) => ({
    key: rowKey(i),
    label: r.label,
    right: `${pct(r.rate)} of ${count(r.leads)}, ${VERDICT_LABELS[r.verdict]}`,
    rate: r.rate,
    low: r.low,
    high: r.high,
    verdict: VERDICT_LABELS[r.verdict],
  }));
  const max = rateDomainMax([...rows.map((r) => r.high), threshold, a.baseRate.rate]);
  const reference = referenceLayers(threshold, a.baseRate.rate, max);
  const shownEnough = Math.min(enough, CHART_LIMITS.interactions);
  const shownFew = shown.length - shownEnough;
  const spec = {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: 'Close rate per interaction',
      subtitle: lines(
        `Bar: close rate of the leads who did it. Whisker: ${conf} interval.`,
        `${shownEnough} of ${count(enough)} with at least ${minLeads} leads` +
          (shownFew > 0 ? `, then ${shownFew} of ${count(few)} with fewer.` : '.'),
      ),
    },
    width: WIDTH,
    height: { step: STEP },
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar', height: 12, stroke: '#6F6F6F', strokeWidth: 0.5 },
        encoding: {
          y: Y,
          x: {
            field: 'rate',
            type: 'quantitative',
            title: 'close rate',
            scale: { domain: [0, max] },
            axis: { format: '.0%', orient: 'top', grid: true, tickCount: 6 },
          },
          color: { field: 'verdict', type: 'nominal', scale: verdictScale, legend: { title: 'verdict' } },
        },
      },
      {
        data: { values: rows },
        mark: { type: 'errorbar', ticks: { size: 10 }, color: INK, thickness: 1.5 },
        encoding: { y: Y, x: { field: 'low', type: 'quantitative', title: 'close rate' }, x2: { field: 'high' } },
      },
      ...reference.rules,
      ...rowTextLayers(rowTexts(rows)),
      ...reference.labels,
    ],
  } as unknown as TopLevelSpec;
  const qualifying = shown.filter((r) => r.verdict === 'qualifies').length;
  const top = shown[0]!;
  return {
    id: 'chart-interactions',
    title: 'Close rate per interaction',
    description:
      `Horizontal bars of the close rate of ${shown.length} ${plural(shown.length, 'interaction')}, ` +
      `highest first, each with its ${conf} Wilson interval, against the threshold of ` +
      `${pct(threshold)} and the base close rate of ${pct(a.baseRate.rate)}. ` +
      `${qualifying} of those shown ${qualifying === 1 ? 'qualifies' : 'qualify'} on ${qualifying === 1 ? 'its' : 'their'} own. ` +
      `The highest is ${top.label} at ${pct(top.rate)} [${interval(top.low, top.high)}] on ` +
      `${count(top.leads)} leads (${VERDICT_LABELS[top.verdict]}).`,
    spec,
    table: {
      caption: 'Close rate per interaction, as drawn',
      columns: [
        { title: 'interaction' },
        { title: 'leads', numeric: true },
        { title: 'won', numeric: true },
        { title: 'close rate', numeric: true },
        { title: `${conf} interval`, numeric: true },
        { title: 'lift', numeric: true },
        { title: 'verdict' },
      ],
      rows: shown.map((r) => [
        r.label,
        count(r.leads),
        count(r.wins),
        pct(r.rate),
        interval(r.low, r.high),
        r.lift.toFixed(1),
        VERDICT_LABELS[r.verdict],
      ]),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Fit profile

/** The values of one attribute the fit chart draws, in the profile's order. */
export function chartedFitValues(attribute: FitAttribute, minLeads: number): FitValue[] {
  if (attribute.values.length <= CHART_LIMITS.fitValues) return [...attribute.values];
  return attribute.values.filter((v) => v.leads >= minLeads).slice(0, CHART_LIMITS.fitValues);
}

function shareDomainMax(values: readonly number[]): number {
  return Math.min(1, Math.ceil((Math.max(0.05, ...values) * 1.04) / 0.05) * 0.05);
}

export function fitChart(a: Analysis, attribute: FitAttribute, index: number): ChartDef {
  const { threshold, confidence, minLeads } = a.settings;
  const values = chartedFitValues(attribute, minLeads);
  const conf = `${Math.round(confidence * 100)} %`;
  const rows = values.map((v, i) => ({
    key: rowKey(i),
    label: v.value,
    shareOfBest: v.shareOfBest,
    bestLow: v.shareOfBestLow,
    bestHigh: v.shareOfBestHigh,
    shareOfLeads: v.shareOfLeads,
    rate: v.rate,
    low: v.low,
    high: v.high,
    verdict: VERDICT_LABELS[v.verdict],
  }));
  const shares = rows.flatMap((r) => [
    { key: r.key, series: 'best customers', share: r.shareOfBest },
    { key: r.key, series: 'all leads', share: r.shareOfLeads },
  ]);
  const shareTexts = rowTexts(
    values.map((v, i) => ({
      key: rowKey(i),
      label: v.value,
      right: `×${v.representation.toFixed(1)}: ${share(v.shareOfBest)} of best, ${share(v.shareOfLeads)} of leads`,
    })),
  );
  const rateTexts = rowTexts(
    values.map((v, i) => ({
      key: rowKey(i),
      label: v.value,
      right: `${pct(v.rate)} of ${count(v.leads)}, ${VERDICT_LABELS[v.verdict]}`,
    })),
  );
  const shareMax = shareDomainMax([...rows.map((r) => r.bestHigh), ...rows.map((r) => r.shareOfLeads)]);
  const rateMax = rateDomainMax([...rows.map((r) => r.high), threshold, a.baseRate.rate]);
  const reference = referenceLayers(threshold, a.baseRate.rate, rateMax);
  const representation = {
    title: { text: 'Over-represented among best customers?', fontSize: 13, subtitle: [`Circle: share of best customers (whisker: ${conf} interval).`, 'Diamond: share of all leads.'] },
    width: WIDTH,
    height: { step: STEP },
    layer: [
      {
        data: { values: rows },
        mark: { type: 'rule', color: '#B0B0B0', strokeWidth: 1 },
        encoding: {
          y: Y,
          x: {
            field: 'shareOfLeads',
            type: 'quantitative',
            title: 'share',
            scale: { domain: [0, shareMax] },
            axis: { format: '.0%', grid: true, orient: 'top', tickCount: 6 },
          },
          x2: { field: 'shareOfBest' },
        },
      },
      {
        data: { values: rows },
        mark: { type: 'errorbar', ticks: { size: 10 }, color: BEST_COLOUR, thickness: 1.5 },
        encoding: { y: Y, x: { field: 'bestLow', type: 'quantitative', title: 'share' }, x2: { field: 'bestHigh' } },
      },
      {
        data: { values: shares },
        mark: { type: 'point', filled: true, size: 80, opacity: 1 },
        encoding: {
          y: Y,
          x: { field: 'share', type: 'quantitative', title: 'share' },
          color: { field: 'series', type: 'nominal', scale: seriesColour, legend: { title: null } },
          shape: { field: 'series', type: 'nominal', scale: seriesShape, legend: { title: null } },
        },
      },
      ...rowTextLayers(shareTexts),
    ],
  };
  const closeRates = {
    title: { text: 'Close rate', fontSize: 13, subtitle: ['Dot: close rate of leads with this value.', `Whisker: ${conf} interval.`] },
    width: WIDTH,
    height: { step: STEP },
    layer: [
      {
        data: { values: rows },
        mark: { type: 'errorbar', ticks: { size: 10 }, color: INK, thickness: 1.5 },
        encoding: {
          y: Y,
          x: {
            field: 'low',
            type: 'quantitative',
            title: 'close rate',
            scale: { domain: [0, rateMax] },
            axis: { format: '.0%', grid: true, orient: 'top', tickCount: 6 },
          },
          x2: { field: 'high' },
        },
      },
      {
        data: { values: rows },
        mark: { type: 'point', filled: true, size: 90, stroke: INK, strokeWidth: 0.75, opacity: 1 },
        encoding: {
          y: Y,
          x: { field: 'rate', type: 'quantitative', title: 'close rate' },
          color: { field: 'verdict', type: 'nominal', scale: verdictScale, legend: { title: 'verdict' } },
        },
      },
      ...reference.rules,
      ...rowTextLayers(rateTexts),
      ...reference.labels,
    ],
  };
  const title = `Fit: ${attribute.attribute}`;
  const spec = {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: fitText(title, WIDTH, 15, true),
      subtitle: lines(`Best customers: ${count(a.bestCustomers.count)}. Leads: ${count(a.baseRate.leads)}.`),
    },
    vconcat: [representation, closeRates],
    spacing: 28,
    resolve: { scale: { color: 'independent', shape: 'independent', x: 'independent' }, legend: { color: 'independent' } },
  } as unknown as TopLevelSpec;

  const omitted = attribute.values.length - values.length;
  const over = values.filter((v) => v.leads >= minLeads).sort((x, y) => y.representation - x.representation)[0];
  return {
    id: `chart-fit-${index + 1}`,
    title,
    description:
      `For ${values.length} ${plural(values.length, 'value')} of ${attribute.attribute}: first its share among ` +
      `best customers (with a ${conf} interval) next to its share among all leads, then its close ` +
      `rate with a ${conf} interval against the threshold of ${pct(threshold)}.` +
      (over
        ? ` Most over-represented: ${over.value}, ${pct(over.shareOfBest, 0)} of best customers against ` +
          `${pct(over.shareOfLeads, 0)} of leads, closing at ${pct(over.rate)} [${interval(over.low, over.high)}].`
        : '') +
      (omitted > 0 ? ` ${omitted} more ${plural(omitted, 'value')} with under ${minLeads} leads ${omitted === 1 ? 'is' : 'are'} not drawn.` : ''),
    spec,
    table: {
      caption: `Fit profile of ${attribute.attribute}, as drawn`,
      columns: [
        { title: attribute.attribute },
        { title: 'of best', numeric: true },
        { title: `${conf} interval`, numeric: true },
        { title: 'of leads', numeric: true },
        { title: 'ratio', numeric: true },
        { title: 'leads', numeric: true },
        { title: 'close rate', numeric: true },
        { title: `${conf} interval`, numeric: true },
        { title: 'verdict' },
      ],
      rows: values.map((v) => [
        v.value,
        pct(v.shareOfBest),
        interval(v.shareOfBestLow, v.shareOfBestHigh),
        pct(v.shareOfLeads),
        v.representation.toFixed(1),
        count(v.leads),
        pct(v.rate),
        interval(v.low, v.high),
        VERDICT_LABELS[v.verdict],
      ]),
    },
  };
}

/** What best customers did as leads: the interactions most common among them, against all leads. */
export function commonInteractionsChart(a: Analysis): ChartDef | null {
  const common = a.bestCustomers.commonInteractions.slice(0, CHART_LIMITS.common);
  if (common.length === 0) return null;
  const ratio = (c: (typeof common)[number]) => (c.shareOfLeads > 0 ? c.shareOfBest / c.shareOfLeads : 0);
  const rows = common.map((c, i) => ({ key: rowKey(i), best: c.shareOfBest, leads: c.shareOfLeads }));
  const shares = common.flatMap((c, i) => [
    { key: rowKey(i), series: 'best customers', share: c.shareOfBest },
    { key: rowKey(i), series: 'all leads', share: c.shareOfLeads },
  ]);
  const texts = rowTexts(
    common.map((c, i) => ({
      key: rowKey(i),
      label: c.label,
      right: `${share(c.shareOfBest)} of best, ${share(c.shareOfLeads)} of leads`,
    })),
  );
  const spec = {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: 'What best customers did as leads',
      subtitle: lines(`The interactions most common among the ${count(a.bestCustomers.count)} best customers.`),
    },
    width: WIDTH,
    height: { step: STEP },
    layer: [
      {
        data: { values: rows },
        mark: { type: 'rule', color: '#B0B0B0', strokeWidth: 1.5 },
        encoding: {
          y: Y,
          x: {
            field: 'leads',
            type: 'quantitative',
            title: 'share',
            scale: { domain: [0, shareDomainMax(common.flatMap((c) => [c.shareOfBest, c.shareOfLeads]))] },
            axis: { format: '.0%', grid: true, orient: 'top', tickCount: 6 },
          },
          x2: { field: 'best' },
        },
      },
      {
        data: { values: shares },
        mark: { type: 'point', filled: true, size: 80, opacity: 1 },
        encoding: {
          y: Y,
          x: { field: 'share', type: 'quantitative', title: 'share' },
          color: { field: 'series', type: 'nominal', scale: seriesColour, legend: { title: null } },
          shape: { field: 'series', type: 'nominal', scale: seriesShape, legend: { title: null } },
        },
      },
      ...rowTextLayers(texts),
    ],
  } as unknown as TopLevelSpec;
  const first = common[0]!;
  return {
    id: 'chart-common-interactions',
    title: 'What best customers did as leads',
    description:
      `Dot plot of the ${common.length} interactions most common among best customers: a circle ` +
      'for their share among best customers, a diamond for their share among all leads. ' +
      `The most common is ${first.label}: ${pct(first.shareOfBest, 0)} of best customers against ` +
      `${pct(first.shareOfLeads, 0)} of leads.`,
    spec,
    table: {
      caption: 'Interactions most common among best customers',
      columns: [
        { title: 'interaction' },
        { title: 'of best', numeric: true },
        { title: 'of leads', numeric: true },
        { title: 'ratio', numeric: true },
      ],
      rows: common.map((c) => [
        c.label,
        pct(c.shareOfBest),
        pct(c.shareOfLeads),
        c.shareOfLeads > 0 ? ratio(c).toFixed(1) : '-',
      ]),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Funnel

/** The history check as a funnel: calling every lead against calling the MQLs only. */
export function funnelChart(a: Analysis): ChartDef | null {
  const h = a.history;
  if (h.leads === 0) return null;
  const heldBack = h.leads - h.mqls;
  const heldBackWins = h.wins - h.mqlWins;
  const rate = (won: number, worked: number) => (worked > 0 ? won / worked : 0);
  const strategies = [
    { label: 'Call everyone', worked: h.leads, won: h.wins },
    { label: 'MQL rule: passed to sales', worked: h.mqls, won: h.mqlWins },
    { label: 'MQL rule: held back', worked: heldBack, won: heldBackWins },
  ].map((s, i) => ({ ...s, key: rowKey(i) }));
  const bars = strategies.flatMap((s) => [
    { key: s.key, measure: 'leads', n: s.worked },
    { key: s.key, measure: 'of them won', n: s.won },
  ]);
  const texts = rowTexts(
    strategies.map((s) => ({
      key: s.key,
      label: s.label,
      right: `${count(s.worked)} leads, ${count(s.won)} won (${pct(rate(s.won, s.worked))})`,
    })),
  );
  const spec = {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: 'Call everyone, or call the MQLs',
      subtitle: lines(
        'Past leads whose outcome is known, each scored',
        `without seeing itself (out-of-fold). Threshold ${pct(a.settings.threshold)}.`,
      ),
    },
    width: WIDTH,
    height: { step: STEP + 6 },
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar', height: 16 },
        encoding: {
          y: Y,
          x: {
            field: 'n',
            type: 'quantitative',
            stack: null,
            title: 'leads',
            axis: { format: ',d', grid: true, orient: 'top', tickMinStep: 1, tickCount: 5 },
          },
          color: {
            field: 'measure',
            type: 'nominal',
            scale: { domain: ['leads', 'of them won'], range: ['#A6CEE3', '#08519C'] },
            legend: { title: null },
          },
        },
      },
      ...rowTextLayers(texts),
    ],
  } as unknown as TopLevelSpec;
  return {
    id: 'chart-funnel',
    title: 'Call everyone, or call the MQLs',
    description:
      `Bars of leads worked and, inside them, leads won. Calling everyone: ${count(h.leads)} leads, ` +
      `${count(h.wins)} won (${pct(h.baseRate)}). With the MQL rule sales work ${count(h.mqls)} ` +
      `(${pct(h.passedShare)} of leads) and win ${count(h.mqlWins)} (${pct(h.mqlRate)}), ` +
      `${pct(h.winsCaughtShare)} of all wins; the ${count(heldBack)} leads held back would have ` +
      `brought ${count(heldBackWins)} ${plural(heldBackWins, 'win')} (${pct(h.heldBackRate)}).`,
    spec,
    table: {
      caption: 'Call everyone against the MQL rule, on past leads (out-of-fold)',
      columns: [
        { title: 'strategy' },
        { title: 'leads', numeric: true },
        { title: 'won', numeric: true },
        { title: 'close rate', numeric: true },
        { title: 'share of wins', numeric: true },
      ],
      rows: strategies.map((s) => [
        s.label,
        count(s.worked),
        count(s.won),
        pct(rate(s.won, s.worked)),
        pct(rate(s.won, h.wins)),
      ]),
    },
  };
}
