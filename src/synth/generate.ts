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
import type { DealStatus, FunnelSink, LeadFate } from './rows.js';

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
  /** `next` for a sink that takes the rows unformatted; the two give the same rows. */
  nextEncoded(sink: EncodedFunnelSink): boolean;
  counts(): FunnelCounts;
}

/**
 * The same rows as `FunnelSink` gets, before any string is built: for writers that store
 * numbers (Parquet, databases) and would otherwise parse back what was just formatted, which
 * costs more than generating the rows. Arguments, in the files' column order, are
 * - ids as their sequence numbers: account n is `accountId(n)`, and so on;
 * - categorical values as indexes into the model's lists: industry into `industries`,
 *   country into `countries`, source into `sources`, job title into `jobTitles`, an
 *   interaction's type into `interactions` and its detail into that entry's `details`;
 * - timestamps as epoch seconds (whole numbers), which `createTimestampFormatter` formats;
 * - an open deal's closed_at as null.
 * The calls come in the order `FunnelSink` describes.
 */
export interface EncodedFunnelSink {
  account(account: number, industry: number, employees: number, country: number, revenue: number): void;
  lead(lead: number, createdAt: number, account: number, source: number, jobTitle: number): void;
  interaction(lead: number, type: number, occurredAt: number, detail: number): void;
  deal(
    deal: number,
    lead: number,
    status: DealStatus,
    createdAt: number,
    closedAt: number | null,
    amount: number,
  ): void;
  fate?(
    lead: number,
    intent: LeadFate['intent'],
    fate: LeadFate['fate'],
    winProbability: number,
    decidedAt: number,
  ): void;
}

/** The id of the n-th account (from 1), as in the files. */
export function accountId(n: number): string {
  return `A${pad(n)}`;
}

/** The id of the n-th lead (from 1), as in the files. */
export function leadId(n: number): string {
  return `L${pad(n)}`;
}

/** The id of the n-th deal (from 1), as in the files. */
export function dealId(n: number): string {
  return `D${pad(n)}`;
}

/** Creates a generator for `options`; see `generateFunnel` for what it emits. */
export function createFunnelGenerator(options: FunnelOptions): FunnelGenerator {
  const resolved = resolveFunnelOptions(options);
  const { model } = resolved;
  const random = createRandom(resolved.seed);
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

  const specs = model.interactions;
  const exponents = specs.map((spec) => 1 / spec.lateness);

  // Per-lead scratch space, reused so millions of interactions allocate nothing. Only the
  // first n entries of each belong to the current lead.
  const times: number[] = [];
  const kinds: number[] = [];
  const details: number[] = [];
  const order: number[] = [];
  const byTime = (a: number, b: number) => times[a]! - times[b]!;
  // Sets order[0..n) to the indexes of the first n times from earliest to latest, equal
  // times keeping their order. A lead has a few dozen interactions, where an insertion sort
  // beats Array.prototype.sort with its comparator calls; both are stable, so they agree.
  const sortByTime = (n: number): void => {
    if (n > 64) {
      order.length = 0;
      for (let i = 0; i < n; i++) order.push(i);
      order.sort(byTime);
      return;
    }
    for (let i = 0; i < n; i++) {
      const time = times[i]!;
      let j = i - 1;
      while (j >= 0 && times[order[j]!]! > time) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = i;
    }
  };

  let accounts = 0;
  let leads = 0;
  let interactions = 0;
  let deals = 0;

  const emitLead = (
    sink: EncodedFunnelSink,
    account: number,
    segment: Segment,
    dealMedian: number,
  ): void => {
    leads += 1;
    const lead = leads;
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

    sink.lead(lead, created, account, source, title);

    const span = decided - created;
    let n = 0;
    for (let kind = 0; kind < specs.length; kind++) {
      const spec = specs[kind]!;
      if (!random.bernoulli(spec.probability[intent])) continue;
      const repeats = scale * spec.repeatMean * model.intent.activity[intent];
      const count = 1 + random.geometric(repeats);
      const exponent = exponents[kind]!;
      const choices = spec.details.length;
      for (let i = 0; i < count; i++, n++) {
        const position = Math.pow(random.uniform(), exponent);
        // In [created + 1, decided − 1]: strictly inside the lead's active window.
        times[n] = created + 1 + Math.floor(position * (span - 1));
        kinds[n] = kind;
        details[n] = random.integer(choices);
      }
    }
    sortByTime(n);
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const time = times[i]!;
      if (time >= asOfSeconds) break;
      interactions += 1;
      sink.interaction(lead, kinds[i]!, time, details[i]!);
    }

    if (fate !== 'no_deal') {
      const amount = roundTo(dealMedian * random.lognormal(0, model.dealAmountSigma), 100);
      if (dealCreated < asOfSeconds) {
        deals += 1;
        const closed = decided < asOfSeconds;
        sink.deal(deals, lead, closed ? fate : 'open', dealCreated, closed ? decided : null, amount);
      }
    }

    sink.fate?.(lead, intent, fate, pWin, decided);
  };

  const nextEncoded = (sink: EncodedFunnelSink): boolean => {
    if (leads >= resolved.leads) return false;
    accounts += 1;
    const account = accounts;
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
    sink.account(account, segment.industry, employees, segment.country, revenue);
    // Cutting the last account short to hit the lead count exactly biases nothing but
    // that one account's size.
    const count = Math.min(1 + random.geometric(band.extraLeadsMean), resolved.leads - leads);
    for (let i = 0; i < count; i++) emitLead(sink, account, segment, band.dealMedian);
    return leads < resolved.leads;
  };

  // A writer passes the same sink on every call, so its formatting adapter is made once.
  let lastSink: FunnelSink | undefined;
  let lastEncoded: EncodedFunnelSink | undefined;

  return {
    options: resolved,
    next(sink: FunnelSink): boolean {
      if (sink !== lastSink || !lastEncoded) {
        lastSink = sink;
        lastEncoded = formattingSink(model, sink);
      }
      return nextEncoded(lastEncoded);
    },
    nextEncoded,
    counts: () => ({ accounts, leads, interactions, deals }),
  };
}

/** Turns the encoded rows into the row objects of `FunnelSink`, with formatted timestamps. */
function formattingSink(model: FunnelModel, sink: FunnelSink): EncodedFunnelSink {
  const format = createTimestampFormatter();
  // A lead's id is needed for every one of its interactions: built once per lead.
  let lead = 0;
  let cachedId = '';
  const idOf = (n: number): string => {
    if (n !== lead) {
      lead = n;
      cachedId = leadId(n);
    }
    return cachedId;
  };
  const fate = sink.fate?.bind(sink);
  return {
    account: (account, industry, employees, country, revenue) =>
      sink.account({
        account_id: accountId(account),
        industry: valueAt(model.industries, industry).value,
        employees,
        country: valueAt(model.countries, country).value,
        revenue,
      }),
    lead: (n, createdAt, account, source, jobTitle) =>
      sink.lead({
        lead_id: idOf(n),
        created_at: format(createdAt),
        account_id: accountId(account),
        source: valueAt(model.sources, source).value,
        job_title: valueAt(model.jobTitles, jobTitle).value,
      }),
    interaction: (n, type, occurredAt, detail) => {
      const spec = valueAt(model.interactions, type);
      sink.interaction({
        lead_id: idOf(n),
        type: spec.type,
        occurred_at: format(occurredAt),
        detail: valueAt(spec.details, detail),
      });
    },
    deal: (deal, n, status, createdAt, closedAt, amount) =>
      sink.deal({
        deal_id: dealId(deal),
        lead_id: idOf(n),
        status,
        created_at: format(createdAt),
        closed_at: closedAt === null ? null : format(closedAt),
        amount,
      }),
    ...(fate && {
      fate: (n, intent, outcome, winProbability, decidedAt) =>
        fate({
          lead_id: idOf(n),
          intent,
          fate: outcome,
          win_probability: winProbability,
          decided_at: format(decidedAt),
        }),
    }),
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
