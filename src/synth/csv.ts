import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createFunnelGenerator,
  type FunnelCounts,
  type FunnelOptions,
  type ResolvedFunnelOptions,
} from './generate.js';
import { maturityDays, type FunnelModel } from './model.js';
import { DAY_SECONDS, createTimestampFormatter, parseDay } from './timestamps.js';
import { trueCloseRates, type TrueCloseRates } from './truth.js';
import type { FunnelSink } from './rows.js';

/** The files `writeFunnelCsv` writes, in the directory it is given. */
export const FUNNEL_FILES = {
  accounts: 'accounts.csv',
  leads: 'leads.csv',
  interactions: 'interactions.csv',
  deals: 'deals.csv',
  truth: 'truth.json',
} as const;

/** The contents of `truth.json`. */
export interface FunnelTruthFile {
  readonly seed: number;
  readonly leads: number;
  readonly start: string;
  readonly days: number;
  /** The export instant: nothing at or after it is in the files. */
  readonly as_of: string;
  /** Every lead's outcome is settled within this many days of its creation. */
  readonly maturity_days: number;
  /**
   * Leads created before this instant (as_of − maturity_days) have complete histories, and
   * their observed close rates estimate `truth` without bias: a lead among them is won
   * exactly when it has a won deal.
   */
  readonly complete_before: string;
  readonly counts: FunnelCounts;
  readonly truth: TrueCloseRates;
  readonly model: FunnelModel;
}

/** What `writeFunnelCsv` (or `writeFunnelParquet`) wrote. */
export interface FunnelCsvResult {
  readonly dir: string;
  readonly counts: FunnelCounts;
  readonly truth: FunnelTruthFile;
}

// Flushing in chunks of this many characters keeps write calls few without holding much.
const CHUNK = 1 << 16;

/**
 * Generates a funnel and writes it to `dir` (created if missing) as `accounts.csv`,
 * `leads.csv`, `interactions.csv`, `deals.csv` and `truth.json`. Rows are buffered into
 * chunks and written to streams, waiting for them to drain, so memory stays flat however
 * many rows there are. Fields are quoted only when they contain a comma, a quote or a line
 * break; an open deal's closed_at is empty. Same options, same bytes.
 */
export async function writeFunnelCsv(
  options: FunnelOptions,
  dir: string,
  control: { readonly signal?: AbortSignal } = {},
): Promise<FunnelCsvResult> {
  await mkdir(dir, { recursive: true });
  const generator = createFunnelGenerator(options);
  const resolved = generator.options;
  const files = {
    accounts: new CsvFile(join(dir, FUNNEL_FILES.accounts), [
      'account_id',
      'industry',
      'employees',
      'country',
      'revenue',
    ]),
    leads: new CsvFile(join(dir, FUNNEL_FILES.leads), [
      'lead_id',
      'created_at',
      'account_id',
      'source',
      'job_title',
    ]),
    interactions: new CsvFile(join(dir, FUNNEL_FILES.interactions), [
      'lead_id',
      'type',
      'occurred_at',
      'detail',
    ]),
    deals: new CsvFile(join(dir, FUNNEL_FILES.deals), [
      'deal_id',
      'lead_id',
      'status',
      'created_at',
      'closed_at',
      'amount',
    ]),
  };
  const all = Object.values(files);
  const sink: FunnelSink = {
    account: (r) =>
      files.accounts.add(
        `${r.account_id},${csvField(r.industry)},${r.employees},` +
          `${csvField(r.country)},${r.revenue}\n`,
      ),
    lead: (r) =>
      files.leads.add(
        `${r.lead_id},${r.created_at},${r.account_id},` +
          `${csvField(r.source)},${csvField(r.job_title)}\n`,
      ),
    interaction: (r) =>
      files.interactions.add(`${r.lead_id},${r.type},${r.occurred_at},${csvField(r.detail)}\n`),
    deal: (r) =>
      files.deals.add(
        `${r.deal_id},${r.lead_id},${r.status},` +
          `${r.created_at},${r.closed_at ?? ''},${r.amount}\n`,
      ),
  };
  try {
    for (let batch = 1; ; batch++) {
      // Writes that never have to wait would keep the event loop from ever seeing a signal.
      if (control.signal && batch % 1024 === 0) await new Promise((done) => setImmediate(done));
      control.signal?.throwIfAborted();
      const more = generator.next(sink);
      for (const file of all) await file.flushIfFull();
      if (!more) break;
    }
    await Promise.all(all.map((file) => file.close()));
  } catch (error) {
    for (const file of all) file.destroy();
    throw error;
  }

  const counts = generator.counts();
  const truth = await writeFunnelTruth(dir, resolved, counts);
  return { dir, counts, truth };
}

/**
 * Writes `truth.json` for a funnel generated with `resolved` that gave `counts`; every
 * writer of a funnel ends with it, so the file is the same whatever the format of the rows.
 */
export async function writeFunnelTruth(
  dir: string,
  resolved: ResolvedFunnelOptions,
  counts: FunnelCounts,
): Promise<FunnelTruthFile> {
  const maturity = maturityDays(resolved.model);
  const asOfSeconds = parseDay(resolved.start) + resolved.days * DAY_SECONDS;
  const truth: FunnelTruthFile = {
    seed: resolved.seed,
    leads: resolved.leads,
    start: resolved.start,
    days: resolved.days,
    as_of: resolved.asOf,
    maturity_days: maturity,
    complete_before: createTimestampFormatter()(asOfSeconds - maturity * DAY_SECONDS),
    counts,
    truth: trueCloseRates(resolved.model),
    model: resolved.model,
  };
  await writeFile(join(dir, FUNNEL_FILES.truth), `${JSON.stringify(truth, null, 2)}\n`);
  return truth;
}

/** A CSV field, quoted (with quotes doubled) only when it needs to be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One output file: rows are gathered into a string and written a chunk at a time. */
class CsvFile {
  private readonly stream: WriteStream;
  private buffer: string;
  private failure: Error | undefined;

  constructor(path: string, header: readonly string[]) {
    this.stream = createWriteStream(path);
    // Remembered rather than thrown from the event, so the caller's await sees it.
    this.stream.on('error', (error) => {
      this.failure = error;
    });
    this.buffer = `${header.join(',')}\n`;
  }

  add(line: string): void {
    this.buffer += line;
  }

  async flushIfFull(): Promise<void> {
    if (this.buffer.length >= CHUNK) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.check();
    this.stream.end();
    await once(this.stream, 'finish');
    this.check();
  }

  destroy(): void {
    this.stream.destroy();
  }

  private async flush(): Promise<void> {
    this.check();
    const chunk = this.buffer;
    this.buffer = '';
    if (chunk.length > 0 && !this.stream.write(chunk)) await once(this.stream, 'drain');
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}
