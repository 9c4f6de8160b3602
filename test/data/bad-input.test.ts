/**
 * Bad input, case by case: each gives either a clear InputError naming the file (and column),
 * or a counted reject naming file, row, column and value. Fixtures are written at run time into
 * a fresh temporary folder; expected row numbers are counted by hand from the fixture text
 * (data rows, 1-based, header not counted).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadMapping, parseMapping, resolveFiles } from '../../src/data/mapping.js';
import { InputError } from '../../src/errors.js';
import { analyze, type AnalyzeOptions, type AnalyzeResult } from '../../src/jobs/analyze.js';

const ROOT = mkdtempSync(join(tmpdir(), 'leadsift-bad-input-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));

let folders = 0;
/** Writes the files into a new folder and returns its path. */
function fixture(files: Record<string, string>): string {
  const dir = join(ROOT, `case-${++folders}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

interface Reject {
  file: string;
  row: number;
  column: string;
  value: string;
  reason: string;
  message: string;
}

interface Run {
  readonly result: AnalyzeResult;
  readonly rejects: Reject[];
  /** The rows of the extra query, if one was given. */
  readonly extra: Record<string, unknown>[];
}

/** Analyzes the folder with the raw mapping; closes the store before returning. */
async function run(
  dir: string,
  raw: unknown,
  options: AnalyzeOptions = { horizonDays: 0 },
  query?: string,
): Promise<Run> {
  const result = await analyze(resolveFiles(parseMapping(raw), dir), options);
  try {
    const rejects = await result.store.rows<Reject>('SELECT * FROM rejects ORDER BY file, "row"');
    const extra = query ? await result.store.rows(query) : [];
    return { result, rejects, extra };
  } finally {
    result.store.close();
  }
}

/** Runs and expects an InputError; returns it for further checks. */
async function failure(dir: string, raw: unknown): Promise<InputError> {
  let caught: unknown;
  try {
    const { result } = await run(dir, raw);
    result.store.close();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof InputError, `expected an InputError, got ${String(caught)}`);
  return caught;
}

const LEADS_HEADER = 'lead_id,created_at,source';
/** Ten leads L1..L10 created 2024-01-01..10, source alternating event / web. */
const LEADS_ROWS = Array.from(
  { length: 10 },
  (_, i) => `L${i + 1},2024-01-${String(i + 1).padStart(2, '0')},${i % 2 ? 'web' : 'event'}`,
);
const leadsCsv = (rows: readonly string[] = LEADS_ROWS) => `${LEADS_HEADER}\n${rows.join('\n')}\n`;
/** Deals for L1..L4: L1 and L3 won, L2 and L4 lost. */
const DEAL_ROWS = ['L1,won,2024-02-01', 'L2,lost,2024-02-02', 'L3,won,2024-02-03', 'L4,lost,2024-02-04'];
const dealsCsv = (rows: readonly string[] = DEAL_ROWS) => `lead_id,status,closed_at\n${rows.join('\n')}\n`;

const MAPPING = {
  leads: { file: 'leads.csv', id: 'lead_id', created_at: 'created_at', activity: ['source'] },
  outcomes: {
    file: 'deals.csv',
    lead_id: 'lead_id',
    status: 'status',
    closed_at: 'closed_at',
    won: ['won'],
    lost: ['lost'],
  },
};

const base = () => fixture({ 'leads.csv': leadsCsv(), 'deals.csv': dealsCsv() });

describe('a clean fixture (the baseline the bad cases differ from)', () => {
  test('10 leads, 2 won, 2 lost, 6 open, no rejects', async () => {
    const { result, rejects } = await run(base(), MAPPING);
    assert.deepEqual(rejects, []);
    assert.equal(result.analysis.totals.leads, 10);
    assert.deepEqual(result.analysis.totals.byStatus, { won: 2, lost: 2, open: 6 });
    // L1, L3 (won) are event leads, L2, L4 (lost) web leads.
    const rates = result.analysis.interactions.map((r) => [r.label, r.leads, r.wins]);
    assert.deepEqual(rates, [
      ['source = event', 5, 2],
      ['source = web', 5, 0],
    ]);
  });
});

describe('files that cannot be read', () => {
  test('a missing input file names its full path', async () => {
    const dir = fixture({ 'leads.csv': leadsCsv() });
    const error = await failure(dir, MAPPING);
    assert.equal(error.code, 'missing_file');
    assert.equal(error.where.file, join(dir, 'deals.csv'));
    assert.ok(error.message.includes(join(dir, 'deals.csv')), error.message);
  });

  test('a missing mapping file names its path', () => {
    const path = join(ROOT, 'no-such-mapping.yaml');
    assert.throws(
      () => loadMapping(path),
      (error: unknown) =>
        error instanceof InputError && error.code === 'missing_file' && error.message.includes(path),
    );
  });

  test('an empty (0-byte) file is refused as empty, naming it', async () => {
    const dir = fixture({ 'leads.csv': '', 'deals.csv': dealsCsv() });
    const error = await failure(dir, MAPPING);
    assert.equal(error.code, 'empty_file');
    assert.equal(error.where.file, join(dir, 'leads.csv'));
    assert.match(error.message, /is empty/);
  });

  test('a header-only file is refused as having no data rows', async () => {
    for (const header of [`${LEADS_HEADER}\n`, LEADS_HEADER, `${LEADS_HEADER}\r\n`]) {
      const dir = fixture({ 'leads.csv': header, 'deals.csv': dealsCsv() });
      const error = await failure(dir, MAPPING);
      assert.equal(error.code, 'empty_file', JSON.stringify(header));
      assert.equal(error.where.file, join(dir, 'leads.csv'));
      assert.match(error.message, /no data rows/);
    }
  });

  test('an unsupported file type is refused with the supported ones listed', async () => {
    const dir = fixture({ 'leads.xlsx': leadsCsv(), 'deals.csv': dealsCsv() });
    const error = await failure(dir, { ...MAPPING, leads: { ...MAPPING.leads, file: 'leads.xlsx' } });
    assert.equal(error.code, 'unsupported_format');
    assert.match(error.message, /\.xlsx/);
    assert.match(error.message, /\.parquet/);
  });
});

describe('mapping names a column the file does not have', () => {
  test('a misspelled leads column suggests the right one', async () => {
    const dir = base();
    const error = await failure(dir, { ...MAPPING, leads: { ...MAPPING.leads, created_at: 'created_att' } });
    assert.equal(error.code, 'missing_column');
    assert.equal(error.where.file, join(dir, 'leads.csv'));
    assert.equal(error.where.column, 'created_att');
    assert.ok(error.message.includes('Did you mean "created_at"?'), error.message);
    assert.ok(error.message.includes('leads.created_at'), error.message);
  });

  test('a misspelled outcomes column suggests the right one', async () => {
    const dir = base();
    const error = await failure(dir, { ...MAPPING, outcomes: { ...MAPPING.outcomes, status: 'stauts' } });
    assert.equal(error.code, 'missing_column');
    assert.equal(error.where.file, join(dir, 'deals.csv'));
    assert.ok(error.message.includes('Did you mean "status"?'), error.message);
  });

  test('case and surrounding spaces in a header are forgiven', async () => {
    const dir = fixture({
      'leads.csv': leadsCsv().replace(LEADS_HEADER, ' Lead_ID , Created_At ,SOURCE'),
      'deals.csv': dealsCsv(),
    });
    const { result, rejects } = await run(dir, MAPPING);
    assert.deepEqual(rejects, []);
    assert.equal(result.analysis.totals.leads, 10);
  });
});

describe('values that cannot be used become counted rejects', () => {
  test('an unparseable date: reason, row, column and value', async () => {
    const rows = [...LEADS_ROWS];
    rows[2] = 'L3,31/02/2024,event'; // data row 3
    const dir = fixture({ 'leads.csv': leadsCsv(rows), 'deals.csv': dealsCsv() });
    const { result, rejects } = await run(dir, MAPPING);
    const leadRejects = rejects.filter((r) => r.file === join(dir, 'leads.csv'));
    assert.equal(leadRejects.length, 1);
    const [reject] = leadRejects;
    assert.equal(reject?.reason, 'unparseable_date');
    assert.equal(reject?.row, 3);
    assert.equal(reject?.column, 'created_at');
    assert.equal(reject?.value, '31/02/2024');
    assert.ok(reject?.message.includes('"31/02/2024"'), reject?.message);
    assert.match(reject?.message ?? '', /date_formats/);
    assert.equal(result.analysis.totals.leads, 9);
    assert.deepEqual(
      result.analysis.rejects.find((r) => r.file === join(dir, 'leads.csv')),
      { file: join(dir, 'leads.csv'), reason: 'unparseable_date', rows: 1 },
    );
    // L3's deal now points at a lead that is not there.
    const deal = rejects.find((r) => r.file === join(dir, 'deals.csv'));
    assert.deepEqual([deal?.reason, deal?.row, deal?.value], ['unknown_lead', 3, 'L3']);
  });

  test('a date format named in the mapping reads what ISO parsing cannot', async () => {
    const rows = [...LEADS_ROWS];
    rows[2] = 'L3,13/01/2024,event';
    const dir = fixture({ 'leads.csv': leadsCsv(rows), 'deals.csv': dealsCsv() });
    const { result, rejects } = await run(dir, { ...MAPPING, date_formats: ['%d/%m/%Y'] });
    assert.deepEqual(rejects, []);
    assert.equal(result.analysis.totals.leads, 10);
  });

  test('an unknown outcome value is rejected and the known values are listed', async () => {
    const deals = [...DEAL_ROWS];
    deals[3] = 'L4,maybe,2024-02-04'; // data row 4
    const dir = fixture({ 'leads.csv': leadsCsv(), 'deals.csv': dealsCsv(deals) });
    const { result, rejects } = await run(dir, MAPPING);
    assert.equal(rejects.length, 1);
    const [reject] = rejects;
    assert.equal(reject?.file, join(dir, 'deals.csv'));
    assert.equal(reject?.row, 4);
    assert.equal(reject?.column, 'status');
    assert.equal(reject?.value, 'maybe');
    assert.equal(reject?.reason, 'unknown_outcome');
    assert.ok(reject?.message.includes('"maybe"'), reject?.message);
    assert.ok(reject?.message.includes('"won", "lost"'), reject?.message);
    // L4 has no usable outcome left, so it is open.
    assert.deepEqual(result.analysis.totals.byStatus, { won: 2, lost: 1, open: 7 });
  });

  test('a duplicate lead id: the second row is rejected and the first row named', async () => {
    const rows = [...LEADS_ROWS];
    rows[4] = 'L2,2024-01-05,event'; // data row 5 repeats L2 of row 2
    const dir = fixture({ 'leads.csv': leadsCsv(rows), 'deals.csv': dealsCsv() });
    const { result, rejects } = await run(dir, MAPPING);
    assert.equal(rejects.length, 1);
    const [reject] = rejects;
    assert.equal(reject?.file, join(dir, 'leads.csv'));
    assert.equal(reject?.row, 5);
    assert.equal(reject?.column, 'lead_id');
    assert.equal(reject?.value, 'L2');
    assert.equal(reject?.reason, 'duplicate_lead_id');
    assert.match(reject?.message ?? '', /already used at row 2\b/);
    assert.equal(result.analysis.totals.leads, 9);
    // The first L2 (web, created 2024-01-02) is the one kept.
    const web = result.analysis.interactions.find((r) => r.label === 'source = web');
    assert.deepEqual([web?.leads, web?.wins], [5, 0]);
  });

  test('a duplicate account id: the second row is rejected, the first row named and kept', async () => {
    const leads = `lead_id,created_at,account_id\n${LEADS_ROWS.map((r, i) => `${r.split(',').slice(0, 2).join(',')},A${(i % 3) + 1}`).join('\n')}\n`;
    const accounts = 'account_id,industry\nA1,retail\nA2,software\nA1,mining\nA3,software\n';
    const dir = fixture({ 'leads.csv': leads, 'accounts.csv': accounts, 'deals.csv': dealsCsv() });
    const { result, rejects } = await run(dir, {
      ...MAPPING,
      leads: { file: 'leads.csv', id: 'lead_id', created_at: 'created_at', account_id: 'account_id' },
      accounts: { file: 'accounts.csv', id: 'account_id', fit: ['industry'] },
    });
    assert.deepEqual(
      rejects.map((r) => [r.row, r.reason, r.column, r.value]),
      [[3, 'duplicate_account_id', 'account_id', 'A1']],
    );
    assert.match(rejects[0]?.message ?? '', /already used at row 1\b/);
    // A1 stays retail: L1, L4, L7, L10 (L1 won, L4 lost).
    const retail = result.analysis.fit.find((f) => f.attribute === 'industry')?.values.find((v) => v.value === 'retail');
    assert.deepEqual([retail?.leads, retail?.wins], [4, 1]);
  });

  test('an interaction for an unknown lead is rejected, the others kept', async () => {
    const interactions =
      'lead_id,type,occurred_at\nL1,webinar,2024-01-10\nL99,webinar,2024-01-11\nL2,demo,2024-01-12\n';
    const dir = fixture({ 'leads.csv': leadsCsv(), 'deals.csv': dealsCsv(), 'interactions.csv': interactions });
    const { result, rejects } = await run(dir, {
      ...MAPPING,
      interactions: { file: 'interactions.csv', lead_id: 'lead_id', type: 'type', occurred_at: 'occurred_at' },
    });
    assert.equal(rejects.length, 1);
    const [reject] = rejects;
    assert.equal(reject?.file, join(dir, 'interactions.csv'));
    assert.equal(reject?.row, 2);
    assert.equal(reject?.column, 'lead_id');
    assert.equal(reject?.value, 'L99');
    assert.equal(reject?.reason, 'unknown_lead');
    assert.ok(reject?.message.includes('"L99"'), reject?.message);
    const webinar = result.analysis.interactions.find((r) => r.label === 'webinar');
    assert.deepEqual([webinar?.leads, webinar?.wins], [1, 1]);
  });

  test('a deal for an unknown lead is rejected', async () => {
    const dir = fixture({ 'leads.csv': leadsCsv(), 'deals.csv': dealsCsv([...DEAL_ROWS, 'L99,won,2024-02-05']) });
    const { result, rejects } = await run(dir, MAPPING);
    assert.deepEqual(
      rejects.map((r) => [r.file, r.row, r.column, r.value, r.reason]),
      [[join(dir, 'deals.csv'), 5, 'lead_id', 'L99', 'unknown_lead']],
    );
    assert.equal(result.analysis.totals.naiveWins, 2);
  });

  test('an outcome dated before first contact is rejected with both dates', async () => {
    const deals = [...DEAL_ROWS];
    deals[2] = 'L3,won,2023-12-03'; // data row 3; L3 was created 2024-01-03
    const dir = fixture({ 'leads.csv': leadsCsv(), 'deals.csv': dealsCsv(deals) });
    const { result, rejects } = await run(dir, MAPPING);
    assert.equal(rejects.length, 1);
    const [reject] = rejects;
    assert.equal(reject?.file, join(dir, 'deals.csv'));
    assert.equal(reject?.row, 3);
    assert.equal(reject?.column, 'closed_at');
    assert.equal(reject?.value, '2023-12-03');
    assert.equal(reject?.reason, 'outcome_before_first_contact');
    assert.match(reject?.message ?? '', /2023-12-03/);
    assert.match(reject?.message ?? '', /2024-01-03/);
    assert.deepEqual(result.analysis.totals.byStatus, { won: 1, lost: 2, open: 7 });
  });

  test(
    'a date-only close on the day of a timestamped first contact is not called "before" it',
    async () => {
      const dir = fixture({
        'leads.csv': `${LEADS_HEADER}\nL1,2024-01-01 15:00:00,web\nL2,2024-01-02,web\n`,
        'deals.csv': 'lead_id,status,closed_at\nL1,won,2024-01-01\nL2,lost,2024-01-03\n',
      });
      const { rejects } = await run(dir, MAPPING);
      const contradictory = rejects.filter(
        (r) => r.reason === 'outcome_before_first_contact' && /Closed (\S+), .* on \1\./.test(r.message),
      );
      assert.deepEqual(contradictory, []);
    },
  );

  test(
    'an ISO 8601 timestamp with a UTC offset is read in UTC (or rejected), not as wall time',
    async () => {
      const dir = fixture({
        'leads.csv': `${LEADS_HEADER}\nL1,2024-01-01T10:00:00Z,web\nL2,2024-01-02T10:00:00+02:00,web\n`,
        'deals.csv': 'lead_id,status,closed_at\nL1,won,2024-01-05\n',
      });
      const { extra } = await run(dir, MAPPING, { horizonDays: 0 }, 'SELECT lead_id, created_at FROM leads ORDER BY lead_idx');
      const created = (id: string) => (extra.find((l) => l['lead_id'] === id)?.['created_at'] as Date | undefined)?.toISOString();
      assert.equal(created('L1'), '2024-01-01T10:00:00.000Z');
      // Either L2 is read in UTC, or it is rejected as unparseable; never read as 10:00 UTC.
      const l2 = created('L2');
      if (l2 !== undefined) assert.equal(l2, '2024-01-02T08:00:00.000Z');
    },
  );
});

describe('malformed CSV lines', () => {
  test('a line with the wrong column count is rejected; later rows keep their numbers', async () => {
    const rows = [...LEADS_ROWS.slice(0, 8)];
    rows[1] = 'L2,2024-01-02,web,surplus'; // data row 2: 4 fields
    rows[5] = 'L6,not a date,web'; // data row 6
    rows[6] = 'L4,2024-01-07,web'; // data row 7: duplicate of row 4
    const dir = fixture({ 'leads.csv': leadsCsv(rows), 'deals.csv': dealsCsv() });
    const { result, rejects, extra } = await run(
      dir,
      MAPPING,
      { horizonDays: 0 },
      'SELECT lead_id, source_row FROM leads ORDER BY lead_idx',
    );
    const leads = rejects.filter((r) => r.file === join(dir, 'leads.csv'));
    assert.deepEqual(
      leads.map((r) => [r.row, r.reason, r.column, r.value]),
      [
        [2, 'malformed_line', '', 'L2,2024-01-02,web,surplus'],
        [6, 'unparseable_date', 'created_at', 'not a date'],
        [7, 'duplicate_lead_id', 'lead_id', 'L4'],
      ],
    );
    assert.match(leads[0]?.message ?? '', /Expected Number of Columns: 3 Found: 4/);
    assert.match(leads[2]?.message ?? '', /already used at row 4\b/);
    assert.deepEqual(result.analysis.inputs.map((i) => i.rows), [8, 4]);
    assert.equal(result.analysis.totals.leads, 5);
    // The kept leads still sit on their own file rows.
    assert.deepEqual(
      extra.map((k) => [k['lead_id'], k['source_row']]),
      [['L1', 1], ['L3', 3], ['L4', 4], ['L5', 5], ['L8', 8]],
    );
  });

  test('a short line and a quoted line break before it do not shift row numbers', async () => {
    const text =
      `${LEADS_HEADER}\nL1,2024-01-01,web\nL2,2024-01-02,"two\nlines"\nL3,2024-01-03,event\n` +
      'L4,2024-01-04\nL5,bad,event\nL6,2024-01-06,web\n';
    const dir = fixture({ 'leads.csv': text, 'deals.csv': dealsCsv() });
    const { result, rejects } = await run(dir, MAPPING);
    const leads = rejects.filter((r) => r.file === join(dir, 'leads.csv'));
    assert.deepEqual(
      leads.map((r) => [r.row, r.reason, r.value]),
      [
        [4, 'malformed_line', 'L4,2024-01-04'],
        [5, 'unparseable_date', 'bad'],
      ],
    );
    assert.equal(result.analysis.inputs[0]?.rows, 6);
    assert.ok(result.analysis.interactions.some((r) => r.value === 'two\nlines'));
  });

  test(
    'a line with two surplus fields is one reject, and the file keeps its row count',
    async () => {
      const text =
        `${LEADS_HEADER}\nL1,2024-01-01,web\nL2,2024-01-02,web\nL3,2024-01-03,event,x,y\n` +
        'L4,2024-01-04,web\nL5,2024-01-05,event\n';
      const dir = fixture({ 'leads.csv': text, 'deals.csv': dealsCsv() });
      const { result, rejects } = await run(dir, MAPPING);
      const malformed = rejects.filter((r) => r.reason === 'malformed_line');
      assert.deepEqual(malformed.map((r) => r.row), [3]);
      assert.equal(result.analysis.inputs[0]?.rows, 5);
    },
  );
});

describe('CSV dialects', () => {
  test('BOM, CRLF, ";" delimiter and quoted delimiters read like a plain comma CSV', async () => {
    const rows = [
      ['L1', '2024-01-01', 'web; paid'],
      ['L2', '2024-01-02', 'web; paid'],
      ['L3', '2024-01-03', 'event'],
      ['L4', '2024-01-04', 'web; paid'],
      ['L5', '2024-01-05', 'event'],
    ];
    const quote = (v: string, sep: string) => (v.includes(sep) || v.includes(';') ? `"${v}"` : v);
    const semicolon =
      '\uFEFFlead_id;created_at;source\r\n' + rows.map((r) => r.map((v) => quote(v, ';')).join(';')).join('\r\n') + '\r\n';
    const comma = 'lead_id,created_at,source\n' + rows.map((r) => r.map((v) => quote(v, ',')).join(',')).join('\n') + '\n';
    const fancy = await run(fixture({ 'leads.csv': semicolon, 'deals.csv': dealsCsv() }), MAPPING);
    const plain = await run(fixture({ 'leads.csv': comma, 'deals.csv': dealsCsv() }), MAPPING);
    assert.deepEqual(fancy.rejects, []);
    assert.deepEqual(plain.rejects, []);
    const summary = (r: Run) => r.result.analysis.interactions.map((x) => [x.label, x.leads, x.wins]);
    // L1 (won), L2 (lost), L4 (lost) are "web; paid"; L3 (won), L5 (open) are event.
    assert.deepEqual(summary(fancy), [
      ['source = event', 2, 1],
      ['source = web; paid', 3, 1],
    ]);
    assert.deepEqual(summary(fancy), summary(plain));
    assert.deepEqual(fancy.result.analysis.totals, plain.result.analysis.totals);
  });
});

describe('JSON lines and Parquet inputs', () => {
  /**
   * 60 leads L1..L60 created 2024-01-(i mod 28 + 1) 09:30, source web / event / referral by
   * i mod 3, a numeric size 7·i; a deal when i is even or a multiple of 5, won when i is a
   * multiple of 3 or 5. Expected counts are worked out here from those rules, not by leadsift.
   */
  const SOURCES = ['web', 'event', 'referral'] as const;
  const leads = Array.from({ length: 60 }, (_, k) => {
    const i = k + 1;
    return {
      lead_id: `L${i}`,
      created_at: `2024-01-${String((i % 28) + 1).padStart(2, '0')} 09:30:00`,
      source: SOURCES[i % 3]!,
      size: i * 7,
    };
  });
  const deals = leads.flatMap((_, k) => {
    const i = k + 1;
    if (i % 2 !== 0 && i % 5 !== 0) return [];
    return [{ lead_id: `L${i}`, status: i % 3 === 0 || i % 5 === 0 ? 'won' : 'lost', closed_at: `2024-03-${String((i % 28) + 1).padStart(2, '0')}` }];
  });
  const expected = SOURCES.map((source) => {
    const ids = new Set(leads.filter((l) => l.source === source).map((l) => l.lead_id));
    return [`source = ${source}`, ids.size, deals.filter((d) => ids.has(d.lead_id) && d.status === 'won').length];
  }).sort((a, b) => (b[2] as number) / (b[1] as number) - (a[2] as number) / (a[1] as number));

  const toCsv = (rows: readonly Record<string, unknown>[]) =>
    `${Object.keys(rows[0]!).join(',')}\n${rows.map((r) => Object.values(r).join(',')).join('\n')}\n`;
  const toJsonl = (rows: readonly Record<string, unknown>[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
  const mappingFor = (ext: string) => ({
    leads: { file: `leads.${ext}`, id: 'lead_id', created_at: 'created_at', activity: ['source'], fit: ['size'] },
    outcomes: { ...MAPPING.outcomes, file: `deals.${ext}` },
  });

  test('give the same close rates as the CSV, which match the hand-worked counts', async () => {
    const dir = fixture({
      'leads.csv': toCsv(leads),
      'deals.csv': toCsv(deals),
      'leads.jsonl': toJsonl(leads),
      'deals.jsonl': toJsonl(deals),
    });
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await conn.run(
        `COPY (SELECT lead_id, CAST(created_at AS TIMESTAMP) AS created_at, source, CAST(size AS INTEGER) AS size
               FROM read_csv('${join(dir, 'leads.csv')}'))
         TO '${join(dir, 'leads.parquet')}' (FORMAT parquet)`,
      );
      await conn.run(
        `COPY (SELECT lead_id, status, CAST(closed_at AS DATE) AS closed_at FROM read_csv('${join(dir, 'deals.csv')}'))
         TO '${join(dir, 'deals.parquet')}' (FORMAT parquet)`,
      );
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
    const summary = (r: Run) => ({
      totals: r.result.analysis.totals,
      rejects: r.rejects,
      interactions: r.result.analysis.interactions.map((x) => [x.label, x.leads, x.wins, x.low, x.high]),
      fit: r.result.analysis.fit.map((f) => f.values.map((v) => [v.label, v.leads, v.wins])),
      mqls: r.result.mqls.map((m) => [m.leadId, m.estimate]),
    });
    const csv = summary(await run(dir, mappingFor('csv')));
    const jsonl = summary(await run(dir, mappingFor('jsonl')));
    const parquet = summary(await run(dir, mappingFor('parquet')));
    assert.deepEqual(csv.rejects, []);
    assert.equal(csv.totals.leads, 60);
    assert.deepEqual(csv.totals.byStatus, {
      won: deals.filter((d) => d.status === 'won').length,
      lost: deals.filter((d) => d.status === 'lost').length,
      open: 60 - deals.length,
    });
    assert.deepEqual(csv.interactions.map((x) => x.slice(0, 3)), expected);
    assert.equal(csv.fit[0]?.reduce((n, v) => n + (v[1] as number), 0), 60);
    assert.deepEqual(jsonl, csv);
    assert.deepEqual(parquet, csv);
  });
});

describe('attribute columns named like internal columns', () => {
  /** Profiles a lead column `name` holding a, b, a, b for L1..L4 (L1, L3 won; L2, L4 lost). */
  async function profile(name: string): Promise<string> {
    const dir = fixture({
      'leads.csv': `lead_id,created_at,${name}\nL1,2024-01-01,a\nL2,2024-01-02,b\nL3,2024-01-03,a\nL4,2024-01-04,b\n`,
      'deals.csv': dealsCsv(),
    });
    try {
      const { result } = await run(dir, { ...MAPPING, leads: { file: 'leads.csv', id: 'lead_id', created_at: 'created_at', fit: [name] } });
      const values = (result.analysis.fit[0]?.values ?? []).map((v) => [v.value, v.leads, v.wins]);
      return JSON.stringify(values.sort((x, y) => String(x[0]).localeCompare(String(y[0]))));
    } catch (error) {
      return (error as Error).message.split('\n')[0]!;
    }
  }
  const RIGHT = JSON.stringify([['a', 2, 2], ['b', 2, 0]]);

  test(
    'a lead column called status, best, excluded, closed_at, decision_at or cycle_days is profiled like any other',
    async () => {
      const wrong: string[] = [];
      for (const name of ['status', 'best', 'excluded', 'closed_at', 'decision_at', 'cycle_days']) {
        const got = await profile(name);
        if (got !== RIGHT) wrong.push(`${name}: ${got}`);
      }
      assert.deepEqual(wrong, []);
    },
  );

  test(
    'a lead column called lead_idx is profiled from its own values',
    async () => {
      assert.equal(await profile('lead_idx'), RIGHT);
    },
  );
});
