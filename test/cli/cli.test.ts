/**
 * The command line, end to end: `node --import tsx src/cli/main.ts`, so that the tests run the
 * current sources rather than a possibly stale dist/. Every run writes into a fresh temporary
 * folder (never the repository). The runs are independent and slow to start (tsx + DuckDB), so
 * the suite runs them concurrently.
 *
 * Exit codes: 0 ok, 1 bad input (InputError), 2 usage (UsageError, commander errors).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(REPO, 'src', 'cli', 'main.ts');
const ROOT = mkdtempSync(join(tmpdir(), 'leadsift-cli-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));

interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const show = (r: CliResult) => `exit ${r.code}\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr.slice(0, 2000)}`;

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
const SPECIAL_IDS = new Map<number, string>([
  [0, '=HYPERLINK("http://x.example","click")'],
  [3, '=1+2'],
  [7, '+44 20 7946'],
  [11, '-12'],
  [15, '@SUM(A1)'],
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
});
