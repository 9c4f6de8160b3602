/**
 * The model in the report: sections for a trained model (reliability, gains and lift, top
 * drivers, interaction decay, threshold trade-offs), each in plain sentences first, and two
 * standalone pages: `leadsift train --report` and `leadsift backtest --report`.
 *
 * `modelSections()` gives the sections in the shape of the analyze report's extension point
 * (`options.sections`); the standalone pages render the same sections plus the trade-off table
 * as an HTML table, with the analyze report's style, escaping and chart machinery.
 */
import type { ThresholdRule, TradeOff } from '../../core/threshold-choice.js';
import type { Backtest } from '../../jobs/backtest.js';
import { count, interval, pct } from '../format.js';
import { pageHtml, tableHtml, text } from './page.js';
import { basename, html, slug } from './escape.js';
import {
  decayChart,
  driversChart,
  gainsChart,
  reliabilityChart,
  topDecays,
  type ModelData,
  type QualityData,
} from './model-specs.js';
import { renderChartSvg, type ChartDef, type DataTable } from './render-chart.js';
import type { ReportSection } from './report.js';

/** A model file as the pages read it: what `leadsift train` writes, plus how it was judged. */
export type ModelReportData = ModelData & {
  readonly quality: ModelData['quality'] & { readonly method: string };
  readonly leakage?: { readonly excluded: readonly string[] };
};

/** A section of the model pages: the extension point's shape, and optionally an open table. */
export interface ModelSection extends ReportSection {
  /** Tables shown as they are (not folded under a chart), after the paragraphs. */
  readonly tables?: readonly { readonly table: DataTable; readonly markedRow?: number }[];
}

export interface ModelReportOptions {
  /** The page's heading. */
  readonly title?: string;
  /** Where the model was written, as the reader should look for it. */
  readonly modelFile?: string;
  /** The export the model learned from, named in the subtitle (a folder or file; only its last segment is shown). */
  readonly source?: string;
}

// ---------------------------------------------------------------------------------------------
// Sentences

function ruleWords(rule: ThresholdRule): string {
  if (rule.by === 'rate') return `an estimated close rate of at least ${pct(rule.rate)}`;
  if (rule.by === 'capacity') {
    return `as many leads as sales can work, ${count(rule.leadsPerWeek)} a week of about ${count(Math.round(rule.arrivalsPerWeek))} arriving`;
  }
  return `catching at least ${pct(rule.share, 0)} of past wins`;
}

/** "Leads the model put in its top tenth closed at X, Y times the average". */
function topTenthSentence(q: QualityData, what: string): string | null {
  const first = q.lift[0];
  if (!first || !Number.isFinite(first.lift) || q.rows === 0) return null;
  const base = q.wins / q.rows;
  return (
    `${what} the model put in its top tenth closed at ${pct(first.closeRate)}, ` +
    `${first.lift.toFixed(1)} times the average of ${pct(base)}, and held ${pct(first.shareOfWins, 0)} of the wins.`
  );
}

function calibrationSentence(q: QualityData): string {
  const bins = q.reliability.bins;
  const outside = bins.filter((b) => b.meanPredicted < b.interval.low || b.meanPredicted > b.interval.high).length;
  return (
    `Estimates and outcomes differ by ${pct(q.reliability.expectedCalibrationError, 2)} on average across ` +
    `${bins.length} groups of leads. The observed close rate's 95 % interval leaves the estimate out in ` +
    `${outside === 0 ? 'none' : `${outside}`} of them.`
  );
}

function chosenTradeOff(m: ModelData): TradeOff | undefined {
  return m.threshold.tradeOffs.find((t) => t.threshold === m.threshold.value);
}

// ---------------------------------------------------------------------------------------------
// Sections

/** Reliability and gains sections of any quality figures: a model's out-of-fold, or a backtest's. */
function qualitySections(q: QualityData, idPrefix: string, what: string, how: string): ModelSection[] {
  const sections: ModelSection[] = [];
  const reliability = reliabilityChart(q, idPrefix, what);
  if (reliability) {
    sections.push({
      id: 'reliability',
      heading: 'Does the estimate mean what it says?',
      paragraphs: [
        `The ${count(q.rows)} ${what}, ${how}, are split into ${q.reliability.bins.length} groups by their estimated ` +
          'close rate; each group\'s share that actually closed is set against its estimate.',
        calibrationSentence(q),
      ],
      charts: [reliability],
    });
  }
  const gains = gainsChart(q, idPrefix, what);
  if (gains) {
    const top = topTenthSentence(q, what.charAt(0).toUpperCase() + what.slice(1));
    const third = q.lift.find((r) => r.decile === 3);
    sections.push({
      id: 'gains',
      heading: 'Working the best-ranked leads first',
      paragraphs: [
        ...(top ? [top] : []),
        ...(third && Number.isFinite(third.shareOfWins)
          ? [`Working the top ${pct(third.shareOfLeads, 0)} would have reached ${pct(third.shareOfWins, 0)} of the wins; in random order, ${pct(third.shareOfLeads, 0)}.`]
          : []),
      ],
      charts: [gains],
    });
  }
  return sections;
}

function tradeOffTable(m: ModelData): DataTable {
  return {
    caption: 'What each threshold would have meant on past leads (out-of-fold)',
    columns: [
      { title: 'threshold', numeric: true },
      { title: 'leads passed', numeric: true },
      { title: 'share passed', numeric: true },
      { title: 'close rate', numeric: true },
      { title: '95 % interval', numeric: true },
      { title: 'wins caught', numeric: true },
      { title: 'share of wins', numeric: true },
      { title: 'wins missed', numeric: true },
    ],
    rows: m.threshold.tradeOffs.map((t) => [
      `${pct(t.threshold, 1)}${t.threshold === m.threshold.value ? ' (chosen)' : ''}`,
      count(t.passed),
      pct(t.passedShare, 0),
      pct(t.closeRate),
      interval(t.closeRateLow, t.closeRateHigh),
      count(t.winsCaught),
      pct(t.winsCaughtShare, 0),
      count(t.winsMissed),
    ]),
  };
}

function thresholdSection(m: ModelData): ModelSection {
  const t = m.threshold;
  const chosen = chosenTradeOff(m);
  const paragraphs = [
    `The threshold is ${pct(t.value, 2)}, set by ${ruleWords(t.rule)}. A lead whose estimate reaches it is an MQL.`,
  ];
  if (chosen) {
    paragraphs.push(
      `On past leads, each scored by a model that did not see it, that threshold passes ${pct(chosen.passedShare, 0)} ` +
        `of leads to sales (${count(chosen.passed)}); they closed at ${pct(chosen.closeRate)} ` +
        `[${interval(chosen.closeRateLow, chosen.closeRateHigh)}] and included ${pct(chosen.winsCaughtShare, 0)} of the wins, ` +
        `missing ${count(chosen.winsMissed)}.`,
    );
    const higher = t.tradeOffs.find((r) => r.threshold > t.value && r.passed > 0);
    if (higher) {
      paragraphs.push(
        `Raised to ${pct(higher.threshold, 1)}, sales would work ${pct(higher.passedShare, 0)} of leads at a close rate of ` +
          `${pct(higher.closeRate)} and catch ${pct(higher.winsCaughtShare, 0)} of the wins.`,
      );
    }
  }
  paragraphs.push('Each row of the table is one threshold: the higher it is, the fewer leads sales work, the more often they close and the more wins are missed.');
  const table = tradeOffTable(m);
  const marked = m.threshold.tradeOffs.findIndex((r) => r.threshold === t.value);
  return {
    id: 'threshold',
    heading: 'Choosing the threshold',
    paragraphs,
    charts: [],
    tables: [{ table, ...(marked >= 0 && { markedRow: marked }) }],
  };
}

/**
 * The model's sections, in reading order: reliability, gains and lift, top drivers,
 * interaction decay, threshold trade-offs. Usable as `renderHtmlReport(..., { sections })`
 * (which shows paragraphs and charts; the trade-off table is then in the paragraphs' words)
 * and by the standalone model page, which shows the table too.
 */
export function modelSections(m: ModelReportData): ModelSection[] {
  const q = m.quality;
  const sections = qualitySections(q, 'chart-model', 'past leads', 'each scored by a model that did not see it');
  const drivers = driversChart(m.importance);
  if (drivers) {
    const top = m.importance.slice(0, 3).map((t) => `${t.term} (${t.meanAbsContribution.toFixed(2)})`);
    sections.push({
      id: 'drivers',
      heading: 'What moves the estimate most',
      paragraphs: [
        `The terms that change a lead's estimate most, on average over the training leads: ${top.join(', ')}, ` +
          'in log-odds. A term of 0.40 multiplies or divides a typical lead\'s odds of closing by about 1.5; it says how much a term matters, not in which direction.',
      ],
      charts: [drivers],
    });
  }
  const decay = decayChart(m);
  const decays = topDecays(m);
  if (decay) {
    const words = decays.map((d) => {
      const first = d.steps.find((s) => s.days !== 'never');
      const never = d.steps.find((s) => s.days === 'never');
      return (
        `a typical lead whose last ${d.type} was ${first ? `${first.days} days ago closes at ${pct(first.closeRate)}` : 'long ago'}` +
        (never ? ` (${pct(never.closeRate)} if it never did it)` : '')
      );
    });
    sections.push({
      id: 'decay',
      heading: 'How interactions fade',
      paragraphs: [
        'What the model learned about time since an interaction: ' + words.join('; ') + '.',
      ],
      charts: [decay],
    });
  } else {
    sections.push({
      id: 'decay',
      heading: 'How interactions fade',
      paragraphs: [
        m.decay.length === 0
          ? 'The export has no dated interactions, so the model learned nothing about how their effect fades.'
          : 'The model found no effect of how long ago an interaction happened among its terms.',
      ],
      charts: [],
    });
  }
  sections.push(thresholdSection(m));
  return sections;
}

// ---------------------------------------------------------------------------------------------
// Pages

async function figure(chart: ChartDef): Promise<string> {
  const { svg } = await renderChartSvg(chart);
  return [
    `<figure class="chart" id="${chart.id}">`,
    svg,
    `<figcaption>${text(chart.description)}</figcaption>`,
    `<details><summary>The numbers behind “${html(chart.title)}”</summary>`,
    tableHtml(chart.table),
    `</details>`,
    `</figure>`,
  ].join('\n');
}

async function sectionBody(s: ModelSection): Promise<string> {
  const parts = s.paragraphs.map((p) => `<p>${text(p)}</p>`);
  for (const t of s.tables ?? []) parts.push(tableHtml(t.table, t.markedRow));
  for (const c of s.charts) parts.push(await figure(c));
  return parts.join('\n');
}

type Card = readonly [term: string, figure: string, note: string];

function headlineHtml(sentences: readonly string[], cards: readonly Card[]): string {
  return [
    ...sentences.map((s) => `<p>${text(s)}</p>`),
    '<dl class="figures">',
    ...cards.map(([dt, dd, small]) => `<div><dt>${text(dt)}</dt><dd>${text(dd)}<small>${text(small)}</small></dd></div>`),
    '</dl>',
  ].join('\n');
}

/** The chosen threshold's row is marked in words ("(chosen)") and, for sighted readers, in bold. */
const MODEL_STYLE = 'tr.chosen th, tr.chosen td { font-weight: 700; background: #EEF5FB; }';

async function page(
  title: string,
  subtitle: string,
  headline: string,
  sections: readonly ModelSection[],
  footer: string,
): Promise<string> {
  const all = [
    { id: 'headline', heading: 'In short', body: headline },
    ...(await Promise.all(sections.map(async (s) => ({ id: slug(s.id), heading: s.heading, body: await sectionBody(s) })))),
  ];
  return pageHtml({ title, subtitle: text(subtitle), sections: all, footer: text(footer), extraStyle: `${MODEL_STYLE}\n` });
}

/**
 * The page `leadsift train --report` writes: the quality figures and the threshold in
 * sentences, then the model sections. The same model file gives the same bytes.
 */
export async function renderModelReport(m: ModelReportData, options: ModelReportOptions = {}): Promise<string> {
  const q = m.quality;
  const chosen = chosenTradeOff(m);
  const sentences = [
    `The model learned from ${count(q.rows)} past leads, ${count(q.wins)} of them won (a close rate of ${pct(q.rows > 0 ? q.wins / q.rows : 0)}). ` +
      `Every figure on this page comes from leads scored by a model that did not see them: ${q.method}.`,
  ];
  const top = topTenthSentence(q, 'Leads');
  if (top) sentences.push(top);
  sentences.push(
    `Ranking: a won lead outranks a lost one ${pct(q.rocAuc, 0)} of the time (ROC AUC ${q.rocAuc.toFixed(3)}). ` +
      calibrationSentence(q),
  );
  if (chosen) {
    sentences.push(
      `At the threshold of ${pct(m.threshold.value, 2)} sales would have worked ${pct(chosen.passedShare, 0)} of past leads; ` +
        `they closed at ${pct(chosen.closeRate)} [${interval(chosen.closeRateLow, chosen.closeRateHigh)}] and included ` +
        `${pct(chosen.winsCaughtShare, 0)} of the wins.`,
    );
  } else {
    sentences.push(`The threshold is ${pct(m.threshold.value, 2)}.`);
  }
  const excluded = m.leakage?.excluded ?? [];
  if (excluded.length > 0) {
    sentences.push(`Left out because they give the outcome away: ${excluded.join(', ')}.`);
  }
  const first = q.lift[0];
  const cards: Card[] = [
    ['Past leads', count(q.rows), `${count(q.wins)} won`],
    ['Top tenth closes at', first ? pct(first.closeRate) : '-', first && Number.isFinite(first.lift) ? `${first.lift.toFixed(1)}× the average` : ''],
    ['ROC AUC', q.rocAuc.toFixed(3), '0.5 is a coin toss'],
    ['Threshold', pct(m.threshold.value, 2), 'estimated close rate an MQL reaches'],
    ['Wins caught', chosen ? pct(chosen.winsCaughtShare, 0) : '-', chosen ? `working ${pct(chosen.passedShare, 0)} of leads` : ''],
  ];
  const source = options.source ? ` from ${basename(options.source.replace(/[\\/]+$/, ''))}` : '';
  return page(
    options.title ?? 'leadsift model report',
    `A close-rate model trained${source} on ${count(q.rows)} leads; quality by ${q.method}.`,
    headlineHtml(sentences, cards),
    modelSections(m),
    `Made by leadsift${options.modelFile ? ` from the model file ${basename(options.modelFile)}` : ''}, which holds every figure on this page.`,
  );
}

/**
 * The page `leadsift backtest --report` writes: what the backtest found in sentences, then
 * the reliability and gains of the later leads' estimates.
 */
export async function renderBacktestReport(b: Backtest, options: Pick<ModelReportOptions, 'title' | 'source'> = {}): Promise<string> {
  const o = b.outcome;
  const q = b.quality;
  const cutoff = b.cutoff.toISOString().slice(0, 10);
  const sentences = [
    `Trained only on what was known on ${cutoff}: ${count(b.trainedOn.leads)} leads, ${count(b.trainedOn.wins)} of them won.`,
    `Tested on the ${count(o.leads)} leads created after it whose outcome is known, ${count(o.wins)} of them won (${pct(o.baseRate)}).`,
    `At the threshold of ${pct(b.threshold, 2)} sales would have worked ${pct(o.passedShare)} of those later leads ` +
      `(${count(o.mqls)} of ${count(o.leads)}).`,
    `Those MQLs closed at ${pct(o.mqlRate)} [${interval(o.mqlRateLow, o.mqlRateHigh)}] against ${pct(o.baseRate)} for all ` +
      `later leads and ${pct(o.heldBackRate)} for the leads held back.`,
    `They included ${pct(o.winsCaughtShare)} of the wins (${count(o.mqlWins)} of ${count(o.wins)}).`,
  ];
  const top = topTenthSentence(q, 'Later leads');
  if (top) sentences.push(top);
  const cards: Card[] = [
    ['Trained on', count(b.trainedOn.leads), `leads known on ${cutoff}`],
    ['Tested on', count(o.leads), `later leads, ${count(o.wins)} won`],
    ['Passed to sales', pct(o.passedShare), `${count(o.mqls)} of ${count(o.leads)}`],
    ['MQL close rate', pct(o.mqlRate), `vs ${pct(o.baseRate)} overall`],
    ['Wins caught', pct(o.winsCaughtShare), `${count(o.mqlWins)} of ${count(o.wins)} wins`],
  ];
  const source = options.source ? ` of ${basename(options.source.replace(/[\\/]+$/, ''))}` : '';
  return page(
    options.title ?? 'leadsift backtest report',
    `A model trained on the leads${source} known on ${cutoff}, judged on the leads that came after.`,
    headlineHtml(sentences, cards),
    qualitySections(q, 'chart-backtest', 'later leads', `scored by the model trained up to ${cutoff}`),
    'Made by leadsift backtest; leadsift backtest --json prints every figure on this page.',
  );
}
