import { wordContribution } from '../core/explain-words.js';
import type { Explanation } from '../core/model/predict.js';
import type { Backtest } from '../jobs/backtest.js';
import type { ModelFile } from '../jobs/model-file.js';
import type { ScoreResult } from '../jobs/score.js';
import { count, interval, pct, table, wrap } from './format.js';

/** What training produced: quality out-of-fold, leaks left out, drivers and the threshold. */
export function renderTraining(file: ModelFile, path: string): string {
  const q = file.quality;
  const lines = [
    `Model written to ${path}`,
    '',
    `Quality (${q.method}), on ${count(q.rows)} leads with ${count(q.wins)} wins:`,
    `  ROC AUC ${q.rocAuc.toFixed(4)}, PR AUC ${q.prAuc.toFixed(4)}, Brier ${q.brier.toFixed(4)}, ` +
      `log loss ${q.logLoss.toFixed(4)}, calibration error ${pct(q.reliability.expectedCalibrationError, 2)}`,
    '',
    'Reliability by decile of the estimate (estimated vs observed close rate):',
    ...table(
      [
        { title: 'leads', width: 8, align: 'right' },
        { title: 'estimated', width: 10, align: 'right' },
        { title: 'observed', width: 9, align: 'right' },
        { title: 'interval', width: 12, align: 'right' },
      ],
      q.reliability.bins.map((b) => [
        count(b.count),
        pct(b.meanPredicted),
        pct(b.observedRate),
        interval(b.interval.low, b.interval.high),
      ]),
    ).map((l) => `  ${l}`),
    '',
    ...leakLines(file),
    'What moves the estimate most (mean |log-odds| per lead):',
    ...file.importance.slice(0, 10).map((t) => `  ${t.meanAbsContribution.toFixed(3).padStart(6)}  ${t.term}`),
    '',
    ...decayLines(file),
    ...thresholdLines(file),
  ];
  return lines.flatMap((l) => wrap(l)).join('\n');
}

/** The learned fading of the interactions that matter most, as close rates by days since. */
function decayLines(file: ModelFile): string[] {
  const rank = (type: string) =>
    file.importance.findIndex((t) => t.term === `${type}: days since last`);
  const top = file.decay
    .filter((d) => rank(d.type) >= 0)
    .sort((a, b) => rank(a.type) - rank(b.type))
    .slice(0, 3);
  if (top.length === 0) return [];
  const lines = ['How interactions fade (close rate of a typical lead, by days since last):'];
  for (const d of top) {
    const steps = d.steps.map((s) => `${s.days === 'never' ? 'never' : `${s.days} days`} ${pct(s.closeRate)}`);
    lines.push(`  ${d.type}: ${steps.join(', ')}`);
  }
  return [...lines, ''];
}

function leakLines(file: ModelFile): string[] {
  if (file.leakage.findings.length === 0) return ['Leakage guard: no column gives the outcome away.', ''];
  const kept = file.leakage.excluded.length === 0;
  return [
    `Leakage guard: ${kept ? 'kept (--keep-leaky)' : 'left out'} these columns:`,
    ...file.leakage.findings.map((f) => `  ${f.column}: ${f.detail}`),
    '',
  ];
}

function thresholdLines(file: ModelFile): string[] {
  const t = file.threshold;
  const rule =
    t.rule.by === 'rate'
      ? `estimated close rate ≥ ${pct(t.rule.rate)}`
      : t.rule.by === 'capacity'
        ? `${t.rule.leadsPerWeek} leads a week of ${t.rule.arrivalsPerWeek.toFixed(0)} arriving`
        : `catch ${pct(t.rule.share, 0)} of wins`;
  return [
    `Threshold: ${pct(t.value, 2)} (${rule}). Trade-offs on past leads, out-of-fold:`,
    ...table(
      [
        { title: 'threshold', width: 9, align: 'right' },
        { title: 'passed', width: 8, align: 'right' },
        { title: 'share', width: 7, align: 'right' },
        { title: 'close rate', width: 10, align: 'right' },
        { title: 'wins caught', width: 11, align: 'right' },
        { title: 'wins lost', width: 9, align: 'right' },
      ],
      t.tradeOffs.map((r) => [
        `${r.threshold === t.value ? '>' : ' '}${pct(r.threshold, 1)}`,
        count(r.passed),
        pct(r.passedShare, 0),
        pct(r.closeRate),
        pct(r.winsCaughtShare, 0),
        count(r.winsMissed),
      ]),
    ).map((l) => `  ${l}`),
  ];
}

export function renderScores(result: ScoreResult, path: string): string {
  const open = result.leads.filter((l) => l.status === 'open');
  const mqls = open.filter((l) => l.mql);
  const lines = [
    `Scored ${count(result.leads.length)} leads; ${count(open.length)} open, of them ` +
      `${count(mqls.length)} MQLs at ${pct(result.threshold, 2)}. Written to ${path}.`,
    ...(result.missingInputs.length
      ? [`Note: the export lacks ${result.missingInputs.join(', ')}; scored as missing.`]
      : []),
    ...result.unreadable.map(
      (u) =>
        `Note: ${count(u.rows)} values of ${u.name} are not numbers (e.g. "${u.example}"); ` +
        'they score as missing. Fix them in the export.',
    ),
    '',
    open.length ? 'Top open leads:' : 'No open leads in this export: every lead is won or lost.',
  ];
  for (const lead of open.slice(0, 10)) {
    lines.push(`  ${lead.leadId}  ${pct(lead.estimate)}${lead.mql ? '  MQL' : ''}`);
    for (const up of lead.up.slice(0, 2)) lines.push(`      + ${up.text}`);
  }
  return lines.flatMap((l) => wrap(l)).join('\n');
}

export function renderExplanation(
  lead: string,
  status: string,
  e: Explanation,
  threshold: number,
): string {
  const terms = [...e.contributions]
    .filter((c) => Math.abs(c.contribution) > 1e-6)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const lines = [
    `Lead ${lead} (${status}): estimated close rate ${pct(e.probability, 2)}, ` +
      `${e.probability >= threshold ? 'an MQL' : 'not an MQL'} at ${pct(threshold, 2)}.`,
    `A typical lead (every term at its average) closes at ${pct(1 / (1 + Math.exp(-e.intercept)), 2)}; each term moves it:`,
    ...table(
      [
        { title: 'log-odds', width: 8, align: 'right' },
        { title: 'alone', width: 17 },
        { title: 'term = this lead\'s value', width: 50 },
      ],
      terms.map((c) => {
        const w = wordContribution(e.intercept, c);
        return [
          `${c.contribution >= 0 ? '+' : ''}${c.contribution.toFixed(3)}`,
          `${pct(w.from)} → ${pct(w.to)}`,
          `${c.term} = ${c.bin}`,
        ];
      }),
    ).map((l) => `  ${l}`),
    `  Sum: ${e.intercept.toFixed(3)} + terms = ${e.logit.toFixed(3)} log-odds = ${pct(e.probability, 2)}.`,
  ];
  return lines.join('\n');
}

export function renderBacktest(b: Backtest): string {
  const o = b.outcome;
  const q = b.quality;
  const lines = [
    `Backtest: trained on what was known on ${b.cutoff.toISOString().slice(0, 10)} ` +
      `(${count(b.trainedOn.leads)} leads, ${count(b.trainedOn.wins)} wins); tested on ` +
      `${count(o.leads)} later leads with ${count(o.wins)} wins.`,
    `At the threshold ${pct(b.threshold, 2)} sales would have worked ${pct(o.passedShare)} of ` +
      `the later leads (${count(o.mqls)}); they closed at ${pct(o.mqlRate)} ` +
      `[${interval(o.mqlRateLow, o.mqlRateHigh)}] against ${pct(o.baseRate)} overall and ` +
      `${pct(o.heldBackRate)} for the rest, and included ${pct(o.winsCaughtShare)} of the wins.`,
    `ROC AUC ${q.rocAuc.toFixed(4)}, Brier ${q.brier.toFixed(4)}, calibration error ` +
      `${pct(q.reliability.expectedCalibrationError, 2)}.`,
    '',
    'Gains by decile of the estimate:',
    ...table(
      [
        { title: 'top', width: 5, align: 'right' },
        { title: 'wins caught', width: 11, align: 'right' },
        { title: 'lift', width: 5, align: 'right' },
      ],
      q.lift.map((r) => [pct(r.shareOfLeads, 0), pct(r.shareOfWins, 0), r.lift.toFixed(2)]),
    ).map((l) => `  ${l}`),
    '',
    'Reliability (estimated vs observed):',
    ...q.reliability.bins.map(
      (r) => `  ${pct(r.meanPredicted).padStart(7)} vs ${pct(r.observedRate).padStart(7)} on ${count(r.count)}`,
    ),
  ];
  return lines.flatMap((l) => wrap(l)).join('\n');
}
