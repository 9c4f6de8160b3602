import { createRandom, type Random } from './random.js';
import {
  DEFAULT_FUNNEL_MODEL,
  INTENTS,
  valueAt,
  validateFunnelModel,
  type DurationSpec,
  type FunnelModel,
} from './model.js';
import { intentProbabilities, winProbability, type Segment } from './mixture.js';
import { repeatScale } from './truth.js';
import { DAY_SECONDS, createTimestampFormatter, parseDay } from './timestamps.js';
import type { FunnelSink, LeadFate } from './rows.js';

/** What to generate. Only the seed is required. */
export interface FunnelOptions {
  readonly seed: number;
  /** Number of leads; default 40 000. */
  readonly leads?: number;
  /** First day of the period, `YYYY-MM-DD` (UTC); default '2024-01-01'. */
  readonly start?: string;
  /** Length of the period in days; the export is taken as of start + days. Default 730. */
  readonly days?: number;
  /** Default `DEFAULT_FUNNEL_MODEL`. */
  readonly model?: FunnelModel;
}

/** The options with their defaults filled in, and the as-of instant they imply. */
export interface ResolvedFunnelOptions {
  readonly seed: number;
  readonly leads: number;
  readonly start: string;
  readonly days: number;
  readonly model: FunnelModel;
  /** start + days, `YYYY-MM-DD HH:MM:SS`: nothing at or after it is in the export. */
  readonly asOf: string;
}

/** How many rows of each kind were emitted. */
export interface FunnelCounts {
  readonly accounts: number;
  readonly leads: number;
  readonly interactions: number;
  readonly deals: number;
}

/** Fills in the defaults and checks the options, throwing a RangeError on bad ones. */
export function resolveFunnelOptions(options: FunnelOptions): ResolvedFunnelOptions {
  const leads = options.leads ?? 40_000;
  const start = options.start ?? '2024-01-01';
  const days = options.days ?? 730;
  const model = options.model ?? DEFAULT_FUNNEL_MODEL;
  if (!Number.isSafeInteger(options.seed)) throw new RangeError('seed must be a safe integer');
  if (!(Number.isInteger(leads) && leads >= 0)) {
    throw new RangeError(`leads must be an integer ≥ 0, got ${leads}`);
  }
  if (!(Number.isInteger(days) && days >= 1)) {
    throw new RangeError(`days must be an integer ≥ 1, got ${days}`);
  }
  validateFunnelModel(model);
  const asOf = createTimestampFormatter()(parseDay(start) + days * DAY_SECONDS);
  return { seed: options.seed, leads, start, days, model, asOf };
}

/**
 * Generates a synthetic funnel and streams its rows to `sink`, returning the row counts.
 * Deterministic: the same options give the same rows in the same order.
 *
 * The export is taken as of start + days. Interactions at or after that instant are
 * dropped; a deal created before it but closing after it is exported as `open` with no
 * closed_at; a deal created after it is not exported at all. Every outcome is settled within
 * `maturityDays(model)` of the lead's creation, so for leads created at least that long
 * before the as-of instant the export is complete and their observed close rates estimate
 * `trueCloseRates(model)` without bias.
 */
export function generateFunnel(options: FunnelOptions, sink: FunnelSink): FunnelCounts {
  const generator = createFunnelGenerator(options);
  let more = true;
  while (more) more = generator.next(sink);
  return generator.counts();
}

/**
 * The generator behind `generateFunnel`, one account (with all its leads) per `next` call,
 * so that an asynchronous writer can wait for its streams to drain between accounts.
 */
export interface FunnelGenerator {
  readonly options: ResolvedFunnelOptions;
  /** Emits the next account and its leads; false once all leads have been emitted. */
  next(sink: FunnelSink): boolean;
  counts(): FunnelCounts;
}

/** Creates a generator for `options`; see `generateFunnel` for what it emits. */
export function createFunnelGenerator(options: FunnelOptions): FunnelGenerator {
  const resolved = resolveFunnelOptions(options);
  const { model } = resolved;
  const random = createRandom(resolved.seed);
  const format = createTimestampFormatter();
  const startSeconds = parseDay(resolved.start);
  const periodSeconds = resolved.days * DAY_SECONDS;
  const asOfSeconds = startSeconds + periodSeconds;
  const scale = repeatScale(model);
  const industryShares = model.industries.map((v) => v.share);
  const bandShares = model.employeeBands.map((v) => v.share);
  const countryShares = model.countries.map((v) => v.share);
  const sourceShares = model.sources.map((v) => v.share);
  const titleShares = model.jobTitles.map((v) => v.share);
  const nurtureSeconds = Math.round(model.timing.nurtureWindowDays * DAY_SECONDS);

  // Per-lead scratch space, reused so millions of interactions allocate only their rows.
  const times: number[] = [];
  const kinds: number[] = [];
  const details: number[] = [];
  const order: number[] = [];
  const byTime = (a: number, b: number) => (times[a] ?? 0) - (times[b] ?? 0);

  let accounts = 0;
  let leads = 0;
  let interactions = 0;
  let deals = 0;

  const emitLead = (
    sink: FunnelSink,
    accountId: string,
    segment: Segment,
    dealMedian: number,
  ): void => {
    leads += 1;
    const leadId = `L${pad(leads)}`;
    const created = startSeconds + Math.floor(random.uniform() * periodSeconds);
    const source = random.pick(sourceShares);
    const title = random.pick(titleShares);
    const intent = valueAt(INTENTS, random.pick(intentProbabilities(model, segment, source)));
    const pWin = winProbability(model, segment, intent);
    const won = random.bernoulli(pWin);
    const fate = won ? 'won' : random.bernoulli(model.lostShare) ? 'lost' : 'no_deal';

    let decided = created + nurtureSeconds;
    let dealCreated = 0;
    if (fate !== 'no_deal') {
      const cycle = fate === 'won' ? model.timing.wonCycle : model.timing.lostCycle;
      const cycleDays = truncatedDays(random, cycle);
      // At least an hour, so the deal's creation and the interactions fit strictly inside.
      const cycleSeconds = Math.max(3600, Math.round(cycleDays * DAY_SECONDS));
      decided = created + cycleSeconds;
      const { min, max } = model.timing.dealCreatedFraction;
      dealCreated = created + Math.round((min + (max - min) * random.uniform()) * cycleSeconds);
    }

    sink.lead({
      lead_id: leadId,
      created_at: format(created),
      account_id: accountId,
      source: valueAt(model.sources, source).value,
      job_title: valueAt(model.jobTitles, title).value,
    });

    times.length = 0;
    kinds.length = 0;
    details.length = 0;
    const span = decided - created;
    model.interactions.forEach((spec, kind) => {
      if (!random.bernoulli(spec.probability[intent])) return;
      const repeats = scale * spec.repeatMean * model.intent.activity[intent];
      const count = 1 + random.geometric(repeats);
      for (let i = 0; i < count; i++) {
        const position = Math.pow(random.uniform(), 1 / spec.lateness);
        // In [created + 1, decided − 1]: strictly inside the lead's active window.
        times.push(created + 1 + Math.floor(position * (span - 1)));
        kinds.push(kind);
        details.push(random.integer(spec.details.length));
      }
    });
    order.length = 0;
    for (let i = 0; i < times.length; i++) order.push(i);
    order.sort(byTime);
    for (const i of order) {
      const time = times[i] ?? 0;
      if (time >= asOfSeconds) break;
      const spec = valueAt(model.interactions, kinds[i] ?? 0);
      interactions += 1;
      sink.interaction({
        lead_id: leadId,
        type: spec.type,
        occurred_at: format(time),
        detail: valueAt(spec.details, details[i] ?? 0),
      });
    }

    if (fate !== 'no_deal') {
      const amount = roundTo(dealMedian * random.lognormal(0, model.dealAmountSigma), 100);
      if (dealCreated < asOfSeconds) {
        deals += 1;
        const closed = decided < asOfSeconds;
        sink.deal({
          deal_id: `D${pad(deals)}`,
          lead_id: leadId,
          status: closed ? fate : 'open',
          created_at: format(dealCreated),
          closed_at: closed ? format(decided) : null,
          amount,
        });
      }
    }

    if (sink.fate) {
      const row: LeadFate = {
        lead_id: leadId,
        intent,
        fate,
        win_probability: pWin,
        decided_at: format(decided),
      };
      sink.fate(row);
    }
  };

  return {
    options: resolved,
    next(sink: FunnelSink): boolean {
      if (leads >= resolved.leads) return false;
      accounts += 1;
      const accountId = `A${pad(accounts)}`;
      const segment: Segment = {
        industry: random.pick(industryShares),
        band: random.pick(bandShares),
        country: random.pick(countryShares),
      };
      const industry = valueAt(model.industries, segment.industry);
      const band = valueAt(model.employeeBands, segment.band);
      // Log-uniform within the band: many small firms, few large ones, as in real data.
      const logMin = Math.log(band.min);
      const logMax = Math.log(band.max + 1);
      const employees = Math.min(
        band.max,
        Math.floor(Math.exp(logMin + (logMax - logMin) * random.uniform())),
      );
      const revenue = roundTo(
        employees * industry.revenuePerEmployee * random.lognormal(0, model.revenueSigma),
        1000,
      );
      sink.account({
        account_id: accountId,
        industry: industry.value,
        employees,
        country: valueAt(model.countries, segment.country).value,
        revenue,
      });
      // Cutting the last account short to hit the lead count exactly biases nothing but
      // that one account's size.
      const count = Math.min(1 + random.geometric(band.extraLeadsMean), resolved.leads - leads);
      for (let i = 0; i < count; i++) emitLead(sink, accountId, segment, band.dealMedian);
      return leads < resolved.leads;
    },
    counts: () => ({ accounts, leads, interactions, deals }),
  };
}

/** A log-normal number of days, redrawn until it is at most the cap. */
function truncatedDays(random: Random, spec: DurationSpec): number {
  const mu = Math.log(spec.medianDays);
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const days = random.lognormal(mu, spec.sigma);
    if (days <= spec.maxDays) return days;
  }
  throw new RangeError(
    `cannot draw a duration ≤ ${spec.maxDays} days from ${JSON.stringify(spec)}`,
  );
}

function roundTo(value: number, step: number): number {
  return Math.max(step, Math.round(value / step) * step);
}

function pad(n: number): string {
  return String(n).padStart(7, '0');
}
