/**
 * The command line, end to end: `node --import tsx src/cli/main.ts`, so that the tests run the
 * current sources rather than a possibly stale dist/. Every run writes into a fresh temporary
 * folder (never the repository). The runs are independent and slow to start (tsx + DuckDB), so
 * the suite runs them concurrently.
 *
 * Exit codes: 0 ok, 1 bad input (InputError), 2 usage (UsageError, commander errors).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { cli, REPO, show } from '../support/cli.js';

const ROOT = mkdtempSync(join(tmpdir(), 'leadsift-cli-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));



let folders = 0;
function folder(files: Record<string, string> = {}): string {
  const dir = join(ROOT, `case-${++folders}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** RFC 4180 reader: quoted fields, doubled quotes, line breaks inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

const csvField = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const day = (offset: number) => new Date(Date.UTC(2024, 0, 1 + offset)).toISOString().slice(0, 10);

/**
 * A normalised CRM export whose file and column names the CLI guesses: 120 leads, six accounts,
 * one or two interactions per lead, deals for three leads in four. Some lead ids start with
 * characters a spreadsheet runs as formulas. Expected counts come from these rules.
 */
// On webinar leads (index divisible by 3), the type that closes best, so they are MQLs.
const SPECIAL_IDS = new Map<number, string>([
  [0, '=HYPERLINK("http://x.example","click")'],
  [3, '=1+2'],
  [6, '+44 20 7946'],
  [9, '-12'],
  [12, '@SUM(A1)'],
]);
const TYPES = ['webinar', 'demo', 'email'] as const;
const LEADS = Array.from({ length: 120 }, (_, i) => {
  const type = TYPES[i % 3]!;
  const hasDeal = i % 4 !== 3;
  const won = hasDeal && (i * 37) % 10 < (type === 'webinar' ? 6 : type === 'demo' ? 4 : 1);
  return {
    id: SPECIAL_IDS.get(i) ?? `L${String(i).padStart(3, '0')}`,
    created: i % 60,
    industry: ['software', 'retail', 'finance'][(i >> 1) % 3]!,
    account: `A${i % 6}`,
    type,
    status: hasDeal ? (won ? 'won' : 'lost') : 'open',
  };
});
const EVIL_DEAL = '=EVIL()';

function crmFiles(): Record<string, string> {
  const leads = ['lead_id,created_at,account_id,industry'];
  const interactions = ['lead_id,type,occurred_at'];
  const deals = ['lead_id,status,closed_at'];
  LEADS.forEach((l, i) => {
    leads.push([l.id, day(l.created), l.account, l.industry].map(csvField).join(','));
    interactions.push([l.id, l.type, day(l.created + 2)].map(csvField).join(','));
    if (i % 5 === 0) interactions.push([l.id, 'pricing_page', day(l.created + 5)].map(csvField).join(','));
    if (l.status !== 'open') deals.push([l.id, l.status, day(l.created + 20 + (i % 15))].map(csvField).join(','));
  });
  deals.push([EVIL_DEAL, 'won', day(40)].map(csvField).join(','));
  const accounts = ['account_id,size,country'];
  for (let a = 0; a < 6; a++) accounts.push(`A${a},${a % 2 ? 'large' : 'small'},${['PT', 'DE', 'US'][a % 3]}`);
  return {
    'leads.csv': `${leads.join('\n')}\n`,
    'accounts.csv': `${accounts.join('\n')}\n`,
    'interactions.csv': `${interactions.join('\n')}\n`,
    'deals.csv': `${deals.join('\n')}\n`,
  };
}
const DEAL_ROWS = LEADS.filter((l) => l.status !== 'open').length; // the evil deal is row DEAL_ROWS + 1

/** One wide file, a row per lead, outcome column y: "yes", "TRUE" (won with --won yes,true) or "no". */
const WIDE = Array.from({ length: 200 }, (_, i) => ({
  job: ['admin', 'technician', 'manager', 'retired'][i % 4]!,
  y: i % 5 === 0 ? 'yes' : i % 7 === 0 ? 'TRUE' : 'no',
}));
const wideCsv = () => `job,y\n${WIDE.map((r) => `${r.job},${r.y}`).join('\n')}\n`;

interface AnalysisJson {
  totals: { leads: number; byStatus: Record<string, number> };
  timeRules: { asOf: string | null; outcomesFrom: string | null; outcomesFromSource: string };
}

/** Runs SQL against a DuckDB file and returns the first column of the result. */
async function duckdb(path: string, sql: string): Promise<unknown[]> {
  const instance = await DuckDBInstance.create(path);
  try {
    const conn = await instance.connect();
    try {
      return (await conn.runAndReadAll(sql)).getColumnsJS()[0] ?? [];
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

describe('leadsift CLI', { concurrency: true }, () => {
  test('analyze --help exits 0 and documents --threshold', async () => {
    const r = await cli(['analyze', '--help']);
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /--threshold <rate>/);
    assert.match(r.stdout, /--out <dir>/);
  });

  test('an unknown option exits 2 and names it', async () => {
    const r = await cli(['analyze', folder(), '--no-such-option']);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /unknown option '--no-such-option'/);
  });

  test('--threshold 7 exits 2 with a message about the range', async () => {
    const out = join(ROOT, 'never-written');
    const r = await cli(['analyze', folder(crmFiles()), '--threshold', '7', '--out', out]);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /--threshold/);
    assert.match(r.stderr, /between 0 and 1/);
    assert.match(r.stderr, /"7"/);
    assert.equal(existsSync(out), false);
  });

  test('piped output has no colour codes and no progress bar; --quiet says only where MQLs went', async () => {
    const dir = folder(crmFiles());
    const full = await cli(['analyze', dir, '--out', join(ROOT, 'piped-out'), '--threshold', '0.02']);
    assert.equal(full.code, 0, show(full));
    assert.doesNotMatch(full.stdout + full.stderr, /\u001b/);
    assert.match(full.stdout, /QUALIFIES|promising|below/);
    const quiet = await cli(['analyze', dir, '--out', join(ROOT, 'quiet-out'), '--threshold', '0.02', '--quiet']);
    assert.equal(quiet.code, 0, show(quiet));
    assert.match(quiet.stdout, /^\d+ MQLs \(\d+ open\) written to .*mqls\.csv\n$/);
    assert.equal(quiet.stderr, '');
  });

  test('a missing input exits 1 with its path on stderr', async () => {
    const path = join(ROOT, 'no-such-export.csv');
    const r = await cli(['analyze', path, '--out', join(ROOT, 'unused-out')]);
    assert.equal(r.code, 1, show(r));
    assert.ok(r.stderr.includes(path), r.stderr);
    assert.equal(r.stdout, '');
  });

  test('a normalised folder analyzes: --json prints only JSON; mqls.csv and rejects.csv are right', async () => {
    const dir = folder(crmFiles());
    const out = join(ROOT, 'json-out');
    const r = await cli(['analyze', dir, '--out', out, '--json', '--threshold', '0.02']);
    assert.equal(r.code, 0, show(r));

    // stdout is one JSON document and nothing else.
    const printed = JSON.parse(r.stdout) as {
      totals: { leads: number; byStatus: Record<string, number> };
      inputs: { role: string; rows: number }[];
      mqlSummary: { total: number; open: number };
      rejects: { reason: string; rows: number }[];
    };
    assert.equal(r.stdout.trimStart()[0], '{');
    assert.equal(printed.totals.leads, 120);
    assert.deepEqual(printed.totals.byStatus, {
      won: LEADS.filter((l) => l.status === 'won').length,
      lost: LEADS.filter((l) => l.status === 'lost').length,
      open: 30,
    });
    assert.deepEqual(
      printed.inputs.map((i) => [i.role, i.rows]),
      [['leads', 120], ['accounts', 6], ['interactions', 144], ['outcomes', DEAL_ROWS + 1]],
    );
    assert.deepEqual(printed.rejects.map((x) => [x.reason, x.rows]), [['unknown_lead', 1]]);

    // The three files, and analysis.json is what was printed.
    for (const name of ['mqls.csv', 'analysis.json', 'rejects.csv']) assert.ok(existsSync(join(out, name)), name);
    assert.deepEqual(JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')), printed);

    // mqls.csv: header, sorted by estimate, statuses as generated, formula-looking ids defused.
    const text = readFileSync(join(out, 'mqls.csv'), 'utf8');
    const [header, ...rows] = parseCsv(text);
    assert.deepEqual(header, ['lead_id', 'status', 'created_at', 'estimated_close_rate', 'reason_1', 'reason_2', 'reason_3']);
    assert.equal(rows.length, printed.mqlSummary.total);
    assert.ok(rows.length > 0);
    const estimates = rows.map((row) => Number(row[3]));
    for (const e of estimates) assert.ok(e >= 0.02 && e <= 1, String(e));
    for (let i = 1; i < estimates.length; i++) {
      assert.ok(estimates[i - 1]! >= estimates[i]!, `row ${i + 1}: ${estimates[i - 1]} then ${estimates[i]}`);
    }
    const byId = new Map(LEADS.map((l) => [l.id, l]));
    for (const row of rows) {
      for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `unsafe cell ${JSON.stringify(cell)}`);
      const id = row[0]!.replace(/^'(?=[=+\-@])/, '');
      const lead = byId.get(id);
      assert.ok(lead, `unknown lead id ${row[0]}`);
      assert.equal(row[1], lead.status, id);
      assert.equal(row[2], `${day(lead.created)} 00:00:00`, id);
    }
    const ids = rows.map((row) => row[0]);
    for (const special of SPECIAL_IDS.values()) assert.ok(ids.includes(`'${special}`), `${special} not listed as '${special}`);
    assert.ok(text.includes(`"'=HYPERLINK(""http://x.example"",""click"")"`), 'quoted and defused HYPERLINK id');

    // rejects.csv: the deal for an unknown lead, its value defused too.
    const [rejectHeader, ...rejects] = parseCsv(readFileSync(join(out, 'rejects.csv'), 'utf8'));
    assert.deepEqual(rejectHeader, ['file', 'row', 'column', 'value', 'reason', 'message']);
    assert.equal(rejects.length, 1);
    const reject = rejects[0]!;
    assert.deepEqual(reject.slice(0, 5), [join(dir, 'deals.csv'), String(DEAL_ROWS + 1), 'lead_id', `'${EVIL_DEAL}`, 'unknown_lead']);
    assert.ok(reject[5]!.includes(EVIL_DEAL), reject[5]);
  });

  test('without --json the summary is printed and says where the files went', async () => {
    const out = join(ROOT, 'summary-out');
    const r = await cli(['analyze', folder(crmFiles()), '--out', out]);
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /^leadsift analysis of 120 leads\n/);
    // Long lines may be wrapped onto indented continuation lines.
    const unwrapped = r.stdout.replace(/\n +/g, ' ');
    assert.ok(unwrapped.includes(`Written: ${out}/mqls.csv, analysis.json, rejects.csv`), r.stdout);
    assert.throws(() => JSON.parse(r.stdout));
    assert.equal(r.stderr, '');
  });

  test('--out at the input folder, where the leads file is mqls.csv, is refused and the input kept', async () => {
    const files = crmFiles();
    const dir = folder({ 'mqls.csv': files['leads.csv']!, 'deals.csv': files['deals.csv']! });
    const before = readFileSync(join(dir, 'mqls.csv'));
    const r = await cli(['analyze', dir, '--out', relative(REPO, dir)]);
    assert.equal(r.code, 2, show(r));
    // The wording may name the input file or the folder; it names --out and the input.
    assert.match(r.stderr, /^leadsift: --out /);
    assert.match(r.stderr, /input/);
    assert.deepEqual(readFileSync(join(dir, 'mqls.csv')), before);
    assert.equal(existsSync(join(dir, 'analysis.json')), false);
    assert.equal(existsSync(join(dir, 'rejects.csv')), false);
  });

  test(
    'a leads.csv with a "status" column (a common CRM field) analyzes',
    async () => {
      const files = crmFiles();
      const leads = files['leads.csv']!.split('\n').map((line, i) =>
        line === '' ? line : `${line},${i === 0 ? 'status' : i % 2 ? 'MQL' : 'SQL'}`,
      );
      const dir = folder({ 'leads.csv': leads.join('\n'), 'deals.csv': files['deals.csv']! });
      const r = await cli(['analyze', dir, '--out', join(ROOT, 'status-out'), '--json']);
      assert.equal(r.code, 0, show(r));
      const analysis = JSON.parse(r.stdout) as { fit: { attribute: string }[] };
      assert.ok(analysis.fit.some((f) => f.attribute === 'status'));
    },
  );

  // --won takes one value (comma-separated for several), so a path after it stays a path.

  test('--won before the path takes one value: the path is still the input', async () => {
    const dir = folder({ 'bank.csv': wideCsv() });
    const r = await cli(['analyze', '--outcome', 'y', '--won', 'yes', join(dir, 'bank.csv'), '--out', join(dir, 'out'), '--json']);
    assert.equal(r.code, 0, show(r));
    const a = JSON.parse(r.stdout) as AnalysisJson;
    assert.equal(a.totals.leads, WIDE.length);
    assert.equal(a.totals.byStatus['won'], WIDE.filter((w) => w.y === 'yes').length);
  });

  test('--won yes,true: comma-separated, trimmed, case-insensitive', async () => {
    const dir = folder({ 'bank.csv': wideCsv() });
    const r = await cli(['analyze', join(dir, 'bank.csv'), '--outcome', 'y', '--won', 'yes, true', '--out', join(dir, 'out'), '--json']);
    assert.equal(r.code, 0, show(r));
    const a = JSON.parse(r.stdout) as AnalysisJson;
    assert.equal(a.totals.byStatus['won'], WIDE.filter((w) => w.y !== 'no').length);
  });

  test('--won without --outcome, or --outcome with --mapping, exits 2 instead of being ignored', async () => {
    const dir = folder(crmFiles());
    const won = await cli(['analyze', dir, '--won', 'won', '--out', join(dir, 'out')]);
    assert.equal(won.code, 2, show(won));
    assert.match(won.stderr, /--won won needs --outcome/);
    const mapping = join(dir, 'mapping.yaml');
    writeFileSync(mapping, 'leads: { file: leads.csv, id: lead_id }\n');
    const both = await cli(['analyze', dir, '--mapping', mapping, '--outcome', 'status', '--out', join(dir, 'out')]);
    assert.equal(both.code, 2, show(both));
    assert.match(both.stderr, /--outcome does not apply with --mapping/);
    assert.equal(existsSync(join(dir, 'out')), false);
  });

  // Dates: UTC unless an offset is given, never the machine's zone; impossible dates refused.

  test('--as-of and --outcomes-from are UTC without an offset, whatever the time zone', async () => {
    const dir = folder(crmFiles());
    const r = await cli(
      ['analyze', dir, '--out', join(dir, 'out'), '--json', '--as-of', '2024-06-30 12:00', '--outcomes-from', '2024-01-05T00:00+02:00'],
      { TZ: 'America/New_York' },
    );
    assert.equal(r.code, 0, show(r));
    const a = JSON.parse(r.stdout) as AnalysisJson;
    assert.equal(a.timeRules.asOf, '2024-06-30T12:00:00.000Z');
    assert.equal(a.timeRules.outcomesFrom, '2024-01-04T22:00:00.000Z');
    assert.equal(a.timeRules.outcomesFromSource, 'given');
  });

  test('an impossible date (2024-02-30, month 13) exits 2 with the value, before any work', async () => {
    const dir = folder(crmFiles());
    const feb = await cli(['analyze', dir, '--out', join(dir, 'out'), '--as-of', '2024-02-30']);
    assert.equal(feb.code, 2, show(feb));
    assert.match(feb.stderr, /--as-of/);
    assert.match(feb.stderr, /2024-02-30/);
    assert.match(feb.stderr, /February 2024 has 29 days/);
    const month = await cli(['analyze', dir, '--out', join(dir, 'out'), '--outcomes-from', '2024-13-01']);
    assert.equal(month.code, 2, show(month));
    assert.match(month.stderr, /--outcomes-from/);
    assert.match(month.stderr, /2024-13-01/);
    assert.equal(existsSync(join(dir, 'out')), false);
  });

  // --out and --data must be folders.

  test('--out naming an existing file exits 2 and leaves the file alone', async () => {
    const dir = folder(crmFiles());
    const file = join(folder({ 'results.csv': 'keep me\n' }), 'results.csv');
    const r = await cli(['analyze', dir, '--out', file]);
    assert.equal(r.code, 2, show(r));
    assert.ok(r.stderr.includes(`--out ${file} is a file; give a folder`), r.stderr);
    assert.equal(readFileSync(file, 'utf8'), 'keep me\n');
  });

  test('demo --data or --out naming a file exits 2 before generating anything', async () => {
    const files = folder({ 'data.csv': 'keep me\n' });
    const data = await cli(['demo', '--leads', '300', '--data', join(files, 'data.csv'), '--out', join(files, 'out')]);
    assert.equal(data.code, 2, show(data));
    assert.ok(data.stderr.includes(`--data ${join(files, 'data.csv')} is a file; give a folder`), data.stderr);
    const fresh = join(files, 'demo');
    const out = await cli(['demo', '--leads', '300', '--data', fresh, '--out', join(files, 'data.csv')]);
    assert.equal(out.code, 2, show(out));
    assert.match(out.stderr, /--out .* is a file; give a folder/);
    assert.equal(existsSync(fresh), false);
    assert.equal(readFileSync(join(files, 'data.csv'), 'utf8'), 'keep me\n');
  });

  // demo --data: new, empty, or an earlier demo's folder.

  test('demo --data holding only some of the demo files, without truth.json, is refused by name', async () => {
    const dir = folder({ 'leads.csv': 'lead_id\nmine\n' });
    const r = await cli(['demo', '--leads', '300', '--data', dir, '--out', join(ROOT, 'partial-demo-out')]);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /leads\.csv/);
    assert.match(r.stderr, /no truth\.json/);
    assert.doesNotMatch(r.stderr, /\(\)/);
    assert.equal(readFileSync(join(dir, 'leads.csv'), 'utf8'), 'lead_id\nmine\n');
  });

  test('demo --data holding other files names them', async () => {
    const dir = folder({ 'leads.csv': 'x\n', 'truth.json': '{}', 'notes.txt': 'mine\n' });
    const r = await cli(['demo', '--leads', '300', '--data', dir, '--out', join(ROOT, 'foreign-demo-out')]);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /not the demo's \(notes\.txt\)/);
    assert.equal(readFileSync(join(dir, 'leads.csv'), 'utf8'), 'x\n');
  });

  test('demo --data holding an earlier demo (truth.json and its files) is overwritten', async () => {
    const dir = folder({ 'leads.csv': 'stale\n', 'truth.json': '{}' });
    const r = await cli(['demo', '--leads', '300', '--data', dir, '--out', join(ROOT, 'again-demo-out'), '--json']);
    assert.equal(r.code, 0, show(r));
    assert.deepEqual(readdirSync(dir).sort(), ['accounts.csv', 'deals.csv', 'interactions.csv', 'leads.csv', 'truth.json']);
    assert.match(readFileSync(join(dir, 'leads.csv'), 'utf8'), /^lead_id,/);
  });

  // --store: new, empty, or a leadsift store; anything else is refused and left alone.

  test('--store on a DuckDB database of the user\'s exits 2 and keeps its tables', async () => {
    const dir = folder(crmFiles());
    const store = join(dir, 'crm.duckdb');
    await duckdb(store, "CREATE TABLE leads (id VARCHAR); INSERT INTO leads VALUES ('mine'); CREATE TABLE customers (id INTEGER)");
    const r = await cli(['analyze', dir, '--out', join(dir, 'out'), '--store', store]);
    assert.equal(r.code, 2, show(r));
    assert.ok(r.stderr.includes(`--store ${store}`), r.stderr);
    assert.match(r.stderr, /not a leadsift store/);
    assert.match(r.stderr, /customers/);
    assert.deepEqual(await duckdb(store, 'SELECT id FROM leads'), ['mine']);
    assert.deepEqual(await duckdb(store, "SELECT table_name FROM duckdb_tables() ORDER BY 1"), ['customers', 'leads']);
    assert.equal(existsSync(join(dir, 'out')), false);
  });

  test('--store on a folder or a non-DuckDB file exits 2 and leaves it alone', async () => {
    const dir = folder(crmFiles());
    const asFolder = await cli(['analyze', dir, '--out', join(dir, 'out'), '--store', dir]);
    assert.equal(asFolder.code, 2, show(asFolder));
    assert.ok(asFolder.stderr.includes(`--store ${dir} is a folder`), asFolder.stderr);
    const csv = join(dir, 'leads.csv');
    const before = readFileSync(csv);
    const asCsv = await cli(['analyze', dir, '--out', join(dir, 'out'), '--store', csv]);
    assert.equal(asCsv.code, 2, show(asCsv));
    assert.match(asCsv.stderr, /is not a DuckDB database/);
    assert.deepEqual(readFileSync(csv), before);
  });

  test('--store: a new file, then the same leadsift store again, and an empty file all work', async () => {
    const dir = folder(crmFiles());
    const store = join(ROOT, `store-${folders}.duckdb`);
    const first = await cli(['analyze', dir, '--out', join(ROOT, 'store-out-1'), '--store', store, '--json']);
    assert.equal(first.code, 0, show(first));
    const tables = await duckdb(store, 'SELECT table_name FROM duckdb_tables()');
    for (const t of ['leads', 'lead_facts', 'rejects']) assert.ok(tables.includes(t), `${t} in ${tables.join(', ')}`);
    const second = await cli(['analyze', dir, '--out', join(ROOT, 'store-out-2'), '--store', store, '--json']);
    assert.equal(second.code, 0, show(second));
    assert.deepEqual(JSON.parse(second.stdout), JSON.parse(first.stdout));

    const empty = join(ROOT, `empty-${folders}.duckdb`);
    writeFileSync(empty, '');
    const third = await cli(['analyze', dir, '--out', join(ROOT, 'store-out-3'), '--store', empty, '--json']);
    assert.equal(third.code, 0, show(third));
    assert.ok(statSync(empty).size > 0);
  });

  test('--store from a leadsift run that stopped early is refused with what to do', async () => {
    const dir = folder(crmFiles());
    const store = join(dir, 'partial.duckdb');
    await duckdb(store, 'CREATE TABLE leads (id VARCHAR); CREATE TABLE rejects (x INTEGER)');
    const r = await cli(['analyze', dir, '--out', join(dir, 'out'), '--store', store]);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /stopped early \(no lead_facts\), delete it and run again/);
  });

  // Help, version and option messages.

  test('--help documents --won as comma-separated, the date forms and the demo seed; --version prints it', async () => {
    const [analyze, demo, version] = await Promise.all([
      cli(['analyze', '--help']),
      cli(['demo', '--help']),
      cli(['--version']),
    ]);
    assert.equal(analyze.code, 0, show(analyze));
    assert.match(analyze.stdout, /--won <values>\s/);
    assert.match(analyze.stdout.replace(/\s+/g, ' '), /comma-separated.*\(default: yes,won,1,true\)/);
    assert.match(analyze.stdout.replace(/\s+/g, ' '), /read as UTC unless it ends in Z or an offset/);
    assert.equal(demo.code, 0, show(demo));
    assert.match(demo.stdout.replace(/\s+/g, ' '), /--seed <n> seed for the generated data/);
    assert.equal(version.code, 0, show(version));
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout.trim(), pkg.version);
  });

  test('--confidence 95 exits 2 saying it is a confidence level and how to write 95 %', async () => {
    const r = await cli(['analyze', folder(crmFiles()), '--confidence', '95', '--out', join(ROOT, 'never-confidence')]);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /confidence level between 0 and 1/);
    assert.match(r.stderr, /For 95 %, write 0\.95/);
  });
});
