/**
 * The model's charts as Vega-Lite specs, built from the plain data of a model file (or a
 * backtest): reliability diagram, cumulative gains and lift, top drivers and the learned
 * interaction decay. Like specs.ts, each builder returns the spec with its words (title, text
 * alternative) and the table of the numbers it draws. Data strings (term names, interaction
 * types) enter a spec only as data values or title text, never inside an expression.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { InteractionDecay } from '../../core/interaction-decay.js';
import type { ModelFile } from '../../jobs/model-file.js';
import type { Quality } from '../../jobs/model-report.js';
import { count, interval, pct } from '../format.js';
import type { ChartDef } from './render-chart.js';
import {
  BEST_COLOUR,
  CONFIG,
  INK,
  SCHEMA,
  STEP,
  TEXT,
  WIDTH,
  Y,
  lines,
  rowKey,
  rowTextLayers,
  rowTexts,
} from './specs.js';
import { fitText } from './text-width.js';
import { plural } from '../words.js';

/** What the quality charts read: a model file's out-of-fold quality, or a backtest's. */
export type QualityData = Pick<Quality, 'rows' | 'wins' | 'reliability' | 'lift'>;

/** What the model sections read from a model file. */
export type ModelData = Pick<ModelFile, 'quality' | 'threshold' | 'importance' | 'decay'>;

/** How many rows the model charts draw; the rest stay in the model file. */
export const MODEL_CHART_LIMITS = { drivers: 12, decayTypes: 3 } as const;

const DIAGONAL_COLOUR = '#8C8C8C';
/** Okabe-Ito blue, vermillion, bluish green: told apart by colour-blind readers, with shapes too. */
const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73'];
const SERIES_SHAPES = ['circle', 'square', 'triangle-up'];
const SQUARE = 300;

/** Round rates for a square-root axis: dense near zero, where most estimates are. */
const RATE_TICKS = [0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1];

function rateAxisMax(values: readonly number[]): number {
  const top = Math.max(0.01, ...values.filter(Number.isFinite));
  // Steps of 1 % below 10 %, so that small close rates fill the plot.
  const step = top < 0.095 ? 0.01 : 0.05;
  return Math.min(1, Math.ceil((top * 1.04) / step) * step);
}

/** "4.3" / "0.9": a lift or an odds ratio, two significant figures is all it carries. */
function times(x: number): string {
  return Number.isFinite(x) ? x.toFixed(1) : '-';
}

// ---------------------------------------------------------------------------------------------
// Reliability

export function reliabilityChart(q: QualityData, idPrefix: string, what: string): ChartDef | null {
  const bins = q.reliability.bins;
  if (bins.length === 0) return null;
  const rows = bins.map((b, i) => ({
    bin: i + 1,
    estimated: b.meanPredicted,
    observed: b.observedRate,
    low: b.interval.low,
    high: b.interval.high,
    leads: b.count,
  }));
  const max = rateAxisMax(rows.flatMap((r) => [r.estimated, r.high]));
  const ticks = RATE_TICKS.filter((t) => t <= max + 1e-9);
  const axis = { format: '.0%', grid: true, values: ticks };
  const scale = { type: 'sqrt', domain: [0, max], zero: true, nice: false };
  const spec = {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: 'Does the estimate mean what it says?',
      subtitle: lines(
        `${bins.length} groups of ${what}, by estimated close rate.`,
        'Dot: how often they closed. Whisker: 95 % interval.',
        'On the dashed diagonal, estimate and outcome agree.',
      ),
    },
    width: SQUARE,
    height: SQUARE,
    layer: [
      {
        data: { values: [{ x: 0, y: 0 }, { x: max, y: max }] },
        mark: { type: 'line', color: DIAGONAL_COLOUR, strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale, axis, title: 'estimated close rate (mean of the group)' },
          y: { field: 'y', type: 'quantitative', scale, axis, title: 'observed close rate' },
        },
      },
      {
        data: { values: rows },
        mark: { type: 'rule', color: INK, strokeWidth: 1.5 },
        encoding: {
          x: { field: 'estimated', type: 'quantitative' },
          y: { field: 'low', type: 'quantitative' },
          y2: { field: 'high' },
        },
      },
      {
        data: { values: rows },
        mark: { type: 'point', filled: true, size: 70, color: BEST_COLOUR, stroke: INK, strokeWidth: 0.75, opacity: 1 },
        encoding: {
          x: { field: 'estimated', type: 'quantitative' },
          y: { field: 'observed', type: 'quantitative' },
        },
      },
    ],
  } as unknown as TopLevelSpec;
  const worst = [...bins].sort(
    (a, b) => Math.abs(b.observedRate - b.meanPredicted) - Math.abs(a.observedRate - a.meanPredicted),
  )[0]!;
  const outside = bins.filter((b) => b.meanPredicted < b.interval.low || b.meanPredicted > b.interval.high).length;
  const top = bins[bins.length - 1]!;
  return {
    id: `${idPrefix}-reliability`,
    title: 'Does the estimate mean what it says?',
    description:
      `Reliability diagram: ${bins.length} groups of ${count(q.rows)} ${what}, from the lowest estimates ` +
      `to the highest, each drawn at its mean estimated close rate across and its observed close rate ` +
      `up, with a 95 % Wilson interval, against the diagonal where the two agree. ` +
      `The highest group was estimated at ${pct(top.meanPredicted)} and closed at ${pct(top.observedRate)} ` +
      `[${interval(top.interval.low, top.interval.high)}]. ` +
      `The largest gap: estimated ${pct(worst.meanPredicted)}, observed ${pct(worst.observedRate)}. ` +
      `${outside} of ${bins.length} ${plural(bins.length, 'interval')} miss the diagonal; ` +
      `mean gap ${pct(q.reliability.expectedCalibrationError, 2)}. Both axes are square-root scaled ` +
      'so that low close rates stay apart.',
    spec,
    table: {
      caption: `Estimated against observed close rate, by group of the estimate`,
      columns: [
        { title: 'group' },
        { title: 'leads', numeric: true },
        { title: 'estimates from', numeric: true },
        { title: 'estimated', numeric: true },
        { title: 'won', numeric: true },
        { title: 'observed', numeric: true },
        { title: '95 % interval', numeric: true },
      ],
      rows: bins.map((b, i) => [
        `${i + 1}`,
        count(b.count),
        `${pct(b.lowPredicted)}-${pct(b.highPredicted)}`,
        pct(b.meanPredicted),
        count(b.wins),
        pct(b.observedRate),
        interval(b.interval.low, b.interval.high),
      ]),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Cumulative gains and lift

export function gainsChart(q: QualityData, idPrefix: string, what: string): ChartDef | null {
  const lift = q.lift.filter((r) => Number.isFinite(r.shareOfWins));
  if (lift.length === 0 || q.wins === 0) return null;
  const model = [{ share: 0, wins: 0, series: 'model' }, ...lift.map((r) => ({ share: r.shareOfLeads, wins: r.shareOfWins, series: 'model' }))];
  const random = [
    { share: 0, wins: 0, series: 'random order' },
    { share: 1, wins: 1, series: 'random order' },
  ];
  const liftRows = lift.map((r) => ({ cut: `${Math.round(r.shareOfLeads * 100)}%`, lift: r.lift }));
  const first = lift[0]!;
  const gainsLabel = [{ share: first.shareOfLeads, wins: first.shareOfWins, text: `top ${pct(first.shareOfLeads, 0)}: ${pct(first.shareOfWins, 0)} of wins` }];
  const shareAxis = { format: '.0%', grid: true, values: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] };
  const seriesScale = { domain: ['model', 'random order'], range: [BEST_COLOUR, DIAGONAL_COLOUR] };
  const gains = {
    title: { text: 'Cumulative gains', fontSize: 13, subtitle: ['Share of all wins among the top-ranked leads.'] },
    width: SQUARE,
    height: SQUARE,
    layer: [
      {
        data: { values: random },
        mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: {
          x: { field: 'share', type: 'quantitative', scale: { domain: [0, 1] }, axis: shareAxis, title: 'leads worked, best-ranked first' },
          y: { field: 'wins', type: 'quantitative', scale: { domain: [0, 1] }, axis: shareAxis, title: 'share of wins reached' },
          color: { field: 'series', type: 'nominal', scale: seriesScale, legend: { title: null } },
        },
      },
      {
        data: { values: model },
        mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 40 } },
        encoding: {
          x: { field: 'share', type: 'quantitative' },
          y: { field: 'wins', type: 'quantitative' },
          color: { field: 'series', type: 'nominal', scale: seriesScale, legend: { title: null } },
        },
      },
      {
        data: { values: gainsLabel },
        mark: { type: 'text', align: 'left', dx: 8, dy: 4, fontSize: 11, fontWeight: 'bold', color: INK },
        encoding: { x: { field: 'share', type: 'quantitative' }, y: { field: 'wins', type: 'quantitative' }, text: { field: 'text' } },
      },
    ],
  };
  const liftMax = Math.max(2, Math.ceil(Math.max(...lift.map((r) => (Number.isFinite(r.lift) ? r.lift : 1))) + 0.5));
  const liftPanel = {
    title: { text: 'Lift', fontSize: 13, subtitle: ['Close rate of the top-ranked leads over the average.', 'Dashed: 1, no better than random order.'] },
    width: SQUARE,
    height: 160,
    layer: [
      {
        data: { values: liftRows },
        mark: { type: 'bar', color: '#A6CEE3', stroke: '#6F6F6F', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'cut', type: 'ordinal', sort: null, axis: { labelAngle: 0 }, scale: { paddingInner: 0.25 }, title: 'top share of leads' },
          y: { field: 'lift', type: 'quantitative', scale: { domain: [0, liftMax] }, axis: { grid: true, tickCount: 5 }, title: 'lift' },
        },
      },
      {
        data: { values: liftRows },
        mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 10, color: INK },
        encoding: {
          x: { field: 'cut', type: 'ordinal', sort: null },
          y: { field: 'lift', type: 'quantitative' },
          text: { field: 'lift', type: 'quantitative', format: '.1f' },
        },
      },
      {
        data: { values: [{ y: 1 }] },
        mark: { type: 'rule', color: DIAGONAL_COLOUR, strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { y: { field: 'y', type: 'quantitative' } },
      },
    ],
  };
  const spec = {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: 'Working the best-ranked leads first',
      subtitle: lines(`${count(q.rows)} ${what}, ${count(q.wins)} won, ranked by the estimate.`),
    },
    vconcat: [gains, liftPanel],
    spacing: 28,
    resolve: { scale: { x: 'independent', y: 'independent', color: 'independent' } },
  } as unknown as TopLevelSpec;
  const half = lift.find((r) => r.shareOfWins >= 0.5);
  return {
    id: `${idPrefix}-gains`,
    title: 'Working the best-ranked leads first',
    description:
      `Cumulative gains curve: working the top 10 %, 20 %, … of ${what} by estimated close rate, the ` +
      `share of all wins reached, against the diagonal of random order; below it, the lift of each cut. ` +
      `The top ${pct(first.shareOfLeads, 0)} held ${pct(first.shareOfWins, 0)} of the wins, a lift of ${times(first.lift)}.` +
      (half ? ` Half of the wins are reached within the top ${pct(half.shareOfLeads, 0)}.` : ''),
    spec,
    table: {
      caption: 'Cumulative gains and lift by tenth of the ranking',
      columns: [
        { title: 'top share of leads' },
        { title: 'leads', numeric: true },
        { title: 'wins', numeric: true },
        { title: 'share of wins', numeric: true },
        { title: 'close rate', numeric: true },
        { title: 'lift', numeric: true },
      ],
      rows: lift.map((r) => [
        pct(r.shareOfLeads, 0),
        count(r.leads),
        count(Math.round(r.wins)),
        pct(r.shareOfWins, 0),
        pct(r.closeRate),
        times(r.lift),
      ]),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Top drivers

export function driversChart(importance: ModelData['importance'], idPrefix = 'chart-model'): ChartDef | null {
  const shown = importance.slice(0, MODEL_CHART_LIMITS.drivers);
  if (shown.length === 0) return null;
  const rows = shown.map((t, i) => ({
    key: rowKey(i),
    label: t.term,
    right: `${t.meanAbsContribution.toFixed(2)} log-odds, odds ×${Math.exp(t.meanAbsContribution).toFixed(2)}`,
    value: t.meanAbsContribution,
  }));
  const max = Math.max(0.05, ...rows.map((r) => r.value)) * 1.05;
  const spec = {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: 'What moves the estimate most',
      subtitle: lines(
        'Bar: how far the term moves a lead\'s estimate, on average',
        `(mean |contribution| in log-odds). Top ${shown.length} of ${count(importance.length)} terms.`,
      ),
    },
    width: WIDTH,
    height: { step: STEP },
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar', height: 12, color: BEST_COLOUR, stroke: '#6F6F6F', strokeWidth: 0.5 },
        encoding: {
          y: Y,
          x: {
            field: 'value',
            type: 'quantitative',
            title: 'mean |contribution| (log-odds)',
            scale: { domain: [0, max], nice: false },
            axis: { format: '.2f', orient: 'top', grid: true, tickCount: 5 },
          },
        },
      },
      ...rowTextLayers(rowTexts(rows)),
    ],
  } as unknown as TopLevelSpec;
  const top = shown[0]!;
  const omitted = importance.length - shown.length;
  return {
    id: `${idPrefix}-drivers`,
    title: 'What moves the estimate most',
    description:
      `Horizontal bars of the ${shown.length} terms that move a lead's estimate most, largest first, ` +
      'measured as the mean absolute contribution in log-odds over the training leads. ' +
      `The largest is ${top.term}: ${top.meanAbsContribution.toFixed(2)} log-odds, which multiplies or divides ` +
      `a typical lead's odds of closing by about ${Math.exp(top.meanAbsContribution).toFixed(2)}.` +
      (omitted > 0 ? ` ${omitted} smaller ${plural(omitted, 'term')} ${omitted === 1 ? 'is' : 'are'} not drawn.` : ''),
    spec,
    table: {
      caption: 'Mean absolute contribution per term, as drawn',
      columns: [
        { title: 'term' },
        { title: 'mean |contribution| (log-odds)', numeric: true },
        { title: 'odds factor', numeric: true },
      ],
      rows: shown.map((t) => [t.term, t.meanAbsContribution.toFixed(3), `×${Math.exp(t.meanAbsContribution).toFixed(2)}`]),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Interaction decay

const DAY_ORDER = ['0-1', '1-7', '7-30', '30-90', '90+', 'never'];

function dayLabel(days: string): string {
  return days === 'never' ? 'never' : `${days} days`;
}

/** Short tick labels: the axis title says they are days. */
function dayTick(days: string): string {
  return days;
}

/** The interaction types whose recency matters most, by the rank of their "days since last" term. */
export function topDecays(m: Pick<ModelData, 'importance' | 'decay'>): InteractionDecay[] {
  const rank = (type: string) => m.importance.findIndex((t) => t.term === `${type}: days since last`);
  return m.decay
    .filter((d) => rank(d.type) >= 0 && d.steps.length > 0)
    .sort((a, b) => rank(a.type) - rank(b.type))
    .slice(0, MODEL_CHART_LIMITS.decayTypes);
}

export function decayChart(m: Pick<ModelData, 'importance' | 'decay'>, idPrefix = 'chart-model'): ChartDef | null {
  const top = topDecays(m);
  if (top.length === 0) return null;
  // A numbered, shortened name per series: two long types cut alike stay two series.
  const names = top.map((d, i) => `${i + 1}. ${fitText(d.type, 150, TEXT)}`);
  const points = top.flatMap((d, i) =>
    d.steps.map((s) => ({ series: names[i]!, days: dayTick(s.days), rate: s.closeRate, leads: s.leads })),
  );
  // Only the spans some lead falls in, in order: an empty span would sit on the axis unexplained.
  const present = DAY_ORDER.filter((d) => top.some((t) => t.steps.some((s) => s.days === d))).map(dayTick);
  const dated = points.filter((p) => p.days !== 'never');
  const max = rateAxisMax(points.map((p) => p.rate));
  const seriesScale = { domain: names, range: SERIES_COLOURS.slice(0, names.length) };
  const shapeScale = { domain: names, range: SERIES_SHAPES.slice(0, names.length) };
  const x = {
    field: 'days',
    type: 'ordinal',
    sort: present,
    scale: { domain: present },
    axis: { labelAngle: 0, grid: false },
    title: 'days since the lead last did it',
  };
  const spec = {
    $schema: SCHEMA,
    config: { ...CONFIG, legend: { ...CONFIG.legend, direction: 'vertical', orient: 'top' } },
    title: {
      text: 'How interactions fade',
      subtitle: lines(
        'Close rate of an otherwise typical lead, by days since',
        `it last did the interaction; the ${top.length} whose recency matters most.`,
      ),
    },
    width: WIDTH,
    height: 240,
    layer: [
      {
        data: { values: dated },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x,
          y: {
            field: 'rate',
            type: 'quantitative',
            title: 'close rate of a typical lead',
            scale: { domain: [0, max] },
            axis: { format: '.1%', grid: true, tickCount: 5 },
          },
          color: { field: 'series', type: 'nominal', scale: seriesScale, legend: { title: null } },
          detail: { field: 'series', type: 'nominal' },
        },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 70, opacity: 1, stroke: '#ffffff', strokeWidth: 0.75 },
        encoding: {
          x: { field: 'days', type: 'ordinal', sort: present },
          y: { field: 'rate', type: 'quantitative' },
          color: { field: 'series', type: 'nominal', scale: seriesScale, legend: { title: null } },
          shape: { field: 'series', type: 'nominal', scale: shapeScale, legend: { title: null } },
        },
      },
    ],
  } as unknown as TopLevelSpec;
  const sentences = top.map((d) => {
    const first = d.steps.find((s) => s.days !== 'never');
    const last = [...d.steps].reverse().find((s) => s.days !== 'never');
    const never = d.steps.find((s) => s.days === 'never');
    return (
      `${d.type}: ` +
      (first ? `${pct(first.closeRate)} within ${dayLabel(first.days)}` : '') +
      (last && last !== first ? `, ${pct(last.closeRate)} at ${dayLabel(last.days)}` : '') +
      (never ? `${first ? ', ' : ''}${pct(never.closeRate)} if never` : '') +
      '.'
    );
  });
  return {
    id: `${idPrefix}-decay`,
    title: 'How interactions fade',
    description:
      `Lines of the close rate of an otherwise typical lead by days since it last did each of the ` +
      `${top.length} interactions whose recency moves the estimate most, from within a day to over 90 days, ` +
      `and for leads who never did it (a point apart, not joined by the line). ${sentences.join(' ')}`,
    spec,
    table: {
      caption: 'Close rate of an otherwise typical lead, by days since the interaction',
      columns: [
        { title: 'interaction' },
        { title: 'days since last' },
        { title: 'leads', numeric: true },
        { title: 'close rate', numeric: true },
        { title: 'log-odds', numeric: true },
      ],
      rows: top.flatMap((d) =>
        d.steps.map((s) => [
          d.type,
          dayLabel(s.days),
          count(s.leads),
          pct(s.closeRate),
          `${s.contribution >= 0 ? '+' : ''}${s.contribution.toFixed(2)}`,
        ]),
      ),
    },
  };
}
