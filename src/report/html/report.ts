import type { Analysis } from '../../core/analysis.js';
import { formatReason } from '../../core/reasons.js';
import type { Mql } from '../../jobs/analyze.js';
import { count, day, interval, pct } from '../format.js';
import { SORT_SCRIPT } from './assets.js';
import { pageHtml, tableHtml, text } from './page.js';
import { basename, html, slug } from './escape.js';
import { renderChartSvg, type ChartDef } from './render-chart.js';
import { commonInteractionsChart, fitChart, funnelChart, interactionChart } from './specs.js';
import { excludedWords, plural } from '../words.js';

/**
 * A section added to the report by a caller, e.g. the model's reliability diagram, lift curve
 * and top drivers once `train`/`backtest` feed the report. Paragraphs are plain text (escaped
 * here), charts are Vega-Lite specs rendered like the report's own, with their data tables.
 */
export interface ReportSection {
  /** Our own name for the anchor, e.g. "model"; made safe for an id. */
  readonly id: string;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly charts: readonly ChartDef[];
}

export interface HtmlReportOptions {
  /** The page's heading; default "leadsift report". */
  readonly title?: string;
  /** Rows of the MQL table; default 500. The rest are in mqls.csv. */
  readonly mqlRows?: number;
  /** Where the CSV and JSON outputs were written, as the reader should look for them. */
  readonly files?: { readonly mqls?: string; readonly analysis?: string; readonly rejects?: string };
  /**
   * Extension point: sections placed after the funnel and before the MQL table. The model's
   * reliability and lift charts belong here once the model feeds the report.
   */
  readonly sections?: readonly ReportSection[];
}

const DEFAULT_MQL_ROWS = 500;

/**
 * The analysis as one self-contained HTML page: inline CSS, charts rendered to inline SVG at
 * build time, a small inline script for sorting tables, no request to anywhere (a Content
 * Security Policy forbids any). The same analysis gives the same bytes.
 */
export async function renderHtmlReport(
  analysis: Analysis,
  mqls: readonly Mql[],
  options: HtmlReportOptions = {},
): Promise<string> {
  const files = {
    mqls: options.files?.mqls ?? 'mqls.csv',
    analysis: options.files?.analysis ?? 'analysis.json',
    rejects: options.files?.rejects ?? 'rejects.csv',
  };
  const title = options.title ?? 'leadsift report';
  const extra = options.sections ?? [];
  const sections: { id: string; heading: string; body: string }[] = [
    { id: 'headline', heading: 'In short', body: headline(analysis) },
    { id: 'interactions', heading: 'Close rate per interaction', body: await interactionsSection(analysis, files.analysis) },
    { id: 'fit', heading: 'Best-customer fit profile', body: await fitSection(analysis) },
    { id: 'funnel', heading: 'Call everyone, or call the MQLs', body: await funnelSection(analysis) },
    // Model sections (reliability, lift, top drivers) go here, through options.sections.
    ...(await Promise.all(extra.map(async (s, i) => ({
      id: `extra-${i + 1}-${slug(s.id)}`,
      heading: s.heading,
      body: s.paragraphs.map((p) => `<p>${text(p)}</p>`).join('\n') + (await figures(s.charts)),
    })))),
    { id: 'mqls', heading: 'The MQLs', body: mqlSection(analysis, mqls, options.mqlRows ?? DEFAULT_MQL_ROWS, files.mqls) },
    { id: 'data', heading: 'Data quality and time rules', body: dataSection(analysis, files.rejects) },
  ];
  return pageHtml({
    title,
    subtitle: html(subtitle(analysis)),
    sections,
    footer:
      `Made by leadsift from ${html(inputWords(analysis))}. Every figure is in ${html(files.analysis)}, ` +
      `every MQL in ${html(files.mqls)}, every row that could not be used in ${html(files.rejects)}.`,
    script: SORT_SCRIPT,
  });
}

function inputWords(a: Analysis): string {
  const names = a.inputs.map((i) => basename(i.file));
  if (names.length === 0) return 'no files';
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function subtitle(a: Analysis): string {
  const asOf = a.timeRules.asOf ? `, as of ${day(a.timeRules.asOf)}` : '';
  return `${count(a.totals.leads)} leads from ${inputWords(a)}${asOf}.`;
}

// ---------------------------------------------------------------------------------------------
// Headline

function headline(a: Analysis): string {
  const b = a.baseRate;
  const n = a.naiveBaseRate;
  const h = a.history;
  const t = a.settings.threshold;
  const timeEffect =
    b.leads !== n.leads || b.wins !== n.wins
      ? `Ignoring the time rules it would read ${pct(n.rate)} (${count(n.wins)} of ${count(n.leads)} leads), ` +
        `${Math.abs(n.rate - b.rate) < 0.0005 ? 'about the same' : n.rate < b.rate ? 'too low' : 'too high'}: ` +
        'leads that could not yet close, or whose outcomes were never recorded, would count as losses or be missing.'
      : 'The time rules left every lead in, so the rate reads the same without them.';
  const sentences = [
    `leadsift learned from ${count(b.leads)} of ${count(a.totals.leads)} leads, ${count(b.wins)} of them won: ` +
      `a base close rate of ${pct(b.rate)} [${interval(b.low, b.high)}]. ${timeEffect}`,
    `A lead is a marketing-qualified lead (MQL) when its estimated close rate reaches the threshold of ${pct(t)}.`,
  ];
  if (h.leads > 0) {
    sentences.push(
      `Replayed on past leads, each scored without seeing itself (out-of-fold), the rule passes ` +
        `${pct(h.passedShare)} of leads to sales (${count(h.mqls)} of ${count(h.leads)}) instead of all of them. ` +
        `Those MQLs closed at ${pct(h.mqlRate)} [${interval(h.mqlRateLow, h.mqlRateHigh)}] against ` +
        `${pct(h.baseRate)} overall and ${pct(h.heldBackRate)} for the leads held back, and included ` +
        `${pct(h.winsCaughtShare)} of the wins (${count(h.mqlWins)} of ${count(h.wins)}).`,
    );
  } else {
    sentences.push('No past lead had a known outcome and an estimate, so the rule could not be replayed on history.');
  }
  sentences.push(
    `MQLs now: ${count(a.mqlSummary.total)}, ${count(a.mqlSummary.open)} of them still open.`,
  );
  const cards = [
    ['Base close rate', pct(b.rate), `[${interval(b.low, b.high)}] on ${count(b.leads)} leads`],
    ['Threshold', pct(t), 'estimated close rate an MQL reaches'],
    ['Passed to sales', pct(h.passedShare), `${count(h.mqls)} of ${count(h.leads)} past leads`],
    ['MQL close rate', pct(h.mqlRate), `vs ${pct(h.baseRate)} overall`],
    ['Wins caught', pct(h.winsCaughtShare), `${count(h.mqlWins)} of ${count(h.wins)} wins`],
  ];
  const notes =
    a.notes.length > 0
      ? `<div class="callout" role="note"><p>${count(a.notes.length)} ${plural(a.notes.length, 'note')} on what ` +
        `weakens these figures: see <a href="#data">Data quality and time rules</a>.</p></div>`
      : '';
  return [
    ...sentences.map((s) => `<p>${text(s)}</p>`),
    `<dl class="figures">`,
    ...cards.map(([dt, dd, small]) => `<div><dt>${text(dt!)}</dt><dd>${text(dd!)}<small>${text(small!)}</small></dd></div>`),
    `</dl>`,
    notes,
  ]
    .filter(Boolean)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Charts

async function figure(chart: ChartDef, caption: string): Promise<string> {
  const { svg } = await renderChartSvg(chart);
  return [
    `<figure class="chart" id="${chart.id}">`,
    svg,
    `<figcaption>${text(caption)}</figcaption>`,
    `<details><summary>The numbers behind “${html(chart.title)}”</summary>`,
    tableHtml(chart.table),
    `</details>`,
    `</figure>`,
  ].join('\n');
}

async function figures(charts: readonly ChartDef[]): Promise<string> {
  const out: string[] = [];
  for (const c of charts) out.push(await figure(c, c.description));
  return out.join('\n');
}

async function interactionsSection(a: Analysis, analysisFile: string): Promise<string> {
  const chart = interactionChart(a);
  if (!chart) {
    return '<p>No interactions or activity columns are mapped: close rates come from fit alone.</p>';
  }
  const s = a.settings;
  const counts = { qualifies: 0, promising: 0, below: 0, not_enough_data: 0 };
  for (const r of a.interactions) counts[r.verdict]++;
  const parts = [
    `<p>${text(
      `Every interaction a lead can have before its outcome, with the share of the leads who did it that went on to close. ` +
        `An interaction qualifies when the lower end of its ${Math.round(s.confidence * 100)} % Wilson interval reaches ` +
        `the threshold of ${pct(s.threshold)}; a rate above the threshold whose interval still reaches below it is promising; ` +
        `under ${s.minLeads} leads is too few to say.`,
    )}</p>`,
    `<p>${text(
      `Of ${count(a.interactions.length)} ${plural(a.interactions.length, 'interaction')}: ${counts.qualifies} qualify, ` +
        `${counts.promising} promising, ${counts.below} below, ${counts.not_enough_data} with too few leads.` +
        (a.interactions.length > chart.table.rows.length
          ? ` The chart draws ${chart.table.rows.length}; all are in ${analysisFile}.`
          : ''),
    )}</p>`,
    await figure(
      chart,
      'How to read it: the longer the bar, the more often those leads closed; the whisker is how sure that is. ' +
        'Each bar is labelled with its rate and verdict; colour repeats the verdict.',
    ),
  ];
  const promising = a.interactions.filter((r) => r.verdict === 'promising' && r.leadsToSettle !== null).slice(0, 5);
  const shifts = [...a.interactions]
    .filter((r) => r.leads >= s.minLeads)
    .sort((x, y) => Math.abs(y.rate - y.naive.rate) - Math.abs(x.rate - x.naive.rate))
    .slice(0, 3)
    .filter((r) => Math.abs(r.rate - r.naive.rate) >= 0.001);
  if (promising.length > 0) {
    parts.push(
      '<h3>Promising, not yet settled</h3>',
      '<ul>',
      ...promising.map(
        (r) =>
          `<li>${text(
            `${r.label}: ${pct(r.rate)} [${interval(r.low, r.high)}] on ${count(r.leads)} leads; about ` +
              `${count(r.leadsToSettle!)} more leads would settle it.`,
          )}</li>`,
      ),
      '</ul>',
    );
  }
  if (shifts.length > 0) {
    parts.push(
      '<h3>What the time rules change</h3>',
      '<ul>',
      ...shifts.map(
        (r) =>
          `<li>${text(`${r.label}: ${pct(r.rate)} with the time rules, ${pct(r.naive.rate)} without (${count(r.naive.wins)} of ${count(r.naive.leads)}).`)}</li>`,
      ),
      '</ul>',
    );
  }
  return parts.join('\n');
}

const FIT_CAPTION =
  'How to read it: in the upper panel, a circle to the right of its diamond means the value is more common ' +
  'among best customers than among leads (ratio above 1). The lower panel says how often leads with the ' +
  'value closed, against the threshold (dashed) and the base rate (dotted).';

async function fitSection(a: Analysis): Promise<string> {
  const b = a.bestCustomers;
  const parts = [
    `<p>${text(
      `Best customers: ${count(b.count)}, ${b.definition}. For each fit attribute, how over-represented each value ` +
        'is among them (share of best customers over share of all leads: above 1 means over-represented), ' +
        'and the close rate of the leads with that value.',
    )}</p>`,
  ];
  const best = b.activity.find((x) => x.group === 'best');
  const all = b.activity.find((x) => x.group === 'eligible');
  if (best && all && all.meanInteractions > 0) {
    parts.push(
      `<p>${text(
        `Active as leads: a median of ${best.medianInteractions} interactions before winning ` +
          `(all leads: ${all.medianInteractions}).`,
      )}</p>`,
    );
  }
  if (a.fit.length === 0) parts.push('<p>No fit attributes (industry, size, country, source, …) are mapped.</p>');
  for (const [i, attribute] of a.fit.entries()) {
    const chart = fitChart(a, attribute, i);
    parts.push(`<h3>${html(attribute.attribute)}</h3>`, await figure(chart, FIT_CAPTION));
  }
  const common = commonInteractionsChart(a);
  if (common) {
    parts.push(
      '<h3>What best customers did as leads</h3>',
      await figure(
        common,
        'How to read it: a circle to the right of its diamond means best customers did this more often than leads in general.',
      ),
    );
  }
  return parts.join('\n');
}

async function funnelSection(a: Analysis): Promise<string> {
  const chart = funnelChart(a);
  if (!chart) return '<p>No past lead had a known outcome and an estimate: there is no history to replay the rule on.</p>';
  const h = a.history;
  return [
    `<p>${text(
      `What the MQL rule would have done on the ${count(h.leads)} past leads whose outcome is known, each lead ` +
        'scored by a model that did not see it. Calling everyone works every lead; the rule works only the MQLs ' +
        `and holds back the rest, which closed at ${pct(h.heldBackRate)}.`,
    )}</p>`,
    await figure(
      chart,
      'How to read it: the dark bar is the wins, the light bar the leads worked to get them. A good rule ' +
        'makes the light bar much shorter while the dark bar stays nearly as long.',
    ),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// MQL table

function mqlSection(a: Analysis, mqls: readonly Mql[], limit: number, mqlsFile: string): string {
  if (mqls.length === 0) return '<p>No lead reaches the threshold: there are no MQLs.</p>';
  const shown = mqls.slice(0, limit);
  const more = mqls.length - shown.length;
  const intro =
    `${count(mqls.length)} ${plural(mqls.length, 'MQL')}, ${count(a.mqlSummary.open)} of them still open, ` +
    'highest estimated close rate first, each with up to three reasons in close-rate terms. ' +
    (more > 0
      ? `The first ${count(shown.length)} are below; ${count(more)} more are in ${mqlsFile}.`
      : `All are below, and in ${mqlsFile}.`) +
    ' Click a column heading to sort.';
  // The rows come highest estimate first: the header says so until a reader sorts otherwise.
  const columns = [
    { title: '#', type: 'number', sort: '' },
    { title: 'lead', type: 'text', sort: '' },
    { title: 'status', type: 'text', sort: '' },
    { title: 'created', type: 'text', sort: '' },
    { title: 'estimated close rate', type: 'number', sort: ' aria-sort="descending"' },
    { title: 'reasons', type: 'text', sort: '' },
  ];
  const head = columns
    .map(
      (c) =>
        `<th scope="col" data-type="${c.type}"${c.type === 'number' ? ' class="num"' : ''}${c.sort}><button type="button">${html(c.title)}</button></th>`,
    )
    .join('');
  const rows = shown.map((m, i) => {
    const reasons = m.reasons.map(formatReason);
    const created = m.createdAt ? m.createdAt.toISOString().slice(0, 10) : '';
    return (
      `<tr data-i="${i}">` +
      `<td class="num" data-sort="${i + 1}">${i + 1}</td>` +
      `<th scope="row" class="id">${html(m.leadId)}</th>` +
      `<td>${html(m.status)}</td>` +
      `<td class="num" data-sort="${created}">${created || '<span class="empty">unknown</span>'}</td>` +
      `<td class="num" data-sort="${m.estimate.toFixed(6)}">${text(pct(m.estimate))}</td>` +
      `<td>${reasons.length ? `<ul class="reasons">${reasons.map((r) => `<li>${text(r)}</li>`).join('')}</ul>` : '<span class="empty">none above the base rate</span>'}</td>` +
      '</tr>'
    );
  });
  return [
    `<p>${text(intro)}</p>`,
    '<div class="table-wrap"><table class="sortable" id="mql-table">',
    `<caption>MQLs at ${html(pct(a.settings.threshold))}${more > 0 ? `, first ${html(count(shown.length))} of ${html(count(mqls.length))}` : ''}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table></div>',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Data quality

function dataSection(a: Analysis, rejectsFile: string): string {
  const parts: string[] = [];
  parts.push(
    '<h3>Inputs</h3>',
    tableHtml({
      caption: 'Files read',
      columns: [{ title: 'file' }, { title: 'role' }, { title: 'rows', numeric: true }],
      rows: a.inputs.map((i) => [basename(i.file), i.role, count(i.rows)]),
    }),
  );
  parts.push('<h3>Rows that could not be used</h3>');
  if (a.rejects.length === 0) {
    parts.push('<p>Every row was usable.</p>');
  } else {
    const total = a.rejects.reduce((s, r) => s + r.rows, 0);
    parts.push(
      `<p>${text(`${count(total)} ${plural(total, 'row')} could not be used; each is listed in ${rejectsFile} with its file, row, column, value, reason and what to do. Rows are never dropped silently.`)}</p>`,
      tableHtml({
        caption: 'Rejected rows by reason',
        columns: [{ title: 'reason' }, { title: 'file' }, { title: 'rows', numeric: true }],
        rows: a.rejects.map((r) => [r.reason, basename(r.file), count(r.rows)]),
      }),
    );
  }
  const r = a.timeRules;
  const rules: string[] = [];
  if (!r.asOf) {
    rules.push('No dates in the data: every lead with an outcome counts, no horizon applies.');
  } else {
    rules.push(
      `As of ${day(r.asOf)}: outcomes and interactions after it are not counted.`,
      r.horizonDays !== null
        ? `Horizon ${r.horizonDays} days (${r.horizonSource}): younger leads are left out of the close rates, older open leads count as not closed.`
        : `No horizon (${r.horizonSource}).`,
    );
    if (r.outcomesFrom) rules.push(`Outcomes recorded only from ${day(r.outcomesFrom)} (${r.outcomesFromSource}): leads created earlier are left out.`);
  }
  parts.push('<h3>Time rules</h3>', '<ul>', ...rules.map((x) => `<li>${text(x)}</li>`), '</ul>');
  parts.push('<h3>Leads left out by the time rules</h3>');
  if (a.totals.excluded.length === 0) {
    parts.push('<p>None: every lead counts in the close rates.</p>');
  } else {
    const left = a.totals.excluded.reduce((s, e) => s + e.leads, 0);
    parts.push(
      `<p>${text(`${count(left)} of ${count(a.totals.leads)} leads are left out of the close rates:`)}</p>`,
      tableHtml({
        caption: 'Leads left out, and why',
        columns: [{ title: 'why' }, { title: 'status' }, { title: 'leads', numeric: true }],
        rows: a.totals.excluded.map((e) => [excludedWords(e.reason), e.status, count(e.leads)]),
      }),
    );
  }
  parts.push(
    `<p>${text(
      `Base close rate with the time rules ${pct(a.baseRate.rate)} (${count(a.baseRate.wins)} of ${count(a.baseRate.leads)}); ` +
        `without them ${pct(a.naiveBaseRate.rate)} (${count(a.naiveBaseRate.wins)} of ${count(a.naiveBaseRate.leads)}).`,
    )}</p>`,
  );
  parts.push('<h3>Notes</h3>');
  if (a.notes.length === 0) {
    parts.push('<p>Nothing about the data or the settings weakens the figures.</p>');
  } else {
    parts.push('<div class="callout" role="note">', ...a.notes.map((n) => `<p>${text(n)}</p>`), '</div>');
  }
  return parts.join('\n');
}
