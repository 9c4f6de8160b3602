import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FUNNEL_FILES,
  csvField,
  writeFunnelCsv,
  type FunnelTruthFile,
} from '../../src/synth/csv.js';
import { collectFunnel } from '../../src/synth/collect.js';
import { DEFAULT_FUNNEL_MODEL } from '../../src/synth/model.js';
import { trueCloseRates } from '../../src/synth/truth.js';

// Enough leads (about 100 000 interaction rows) that the streams fill and must drain.
const options = { seed: 11, leads: 5000 };
const root = await mkdtemp(join(tmpdir(), 'leadsift-synth-'));
after(() => rm(root, { recursive: true, force: true }));

async function writeAndRead(seed: number, name: string) {
  const dir = join(root, name);
  const result = await writeFunnelCsv({ ...options, seed }, dir);
  const files = Object.fromEntries(
    await Promise.all(
      Object.entries(FUNNEL_FILES).map(
        async ([key, file]) => [key, await readFile(join(dir, file), 'utf8')] as const,
      ),
    ),
  ) as Record<keyof typeof FUNNEL_FILES, string>;
  return { result, files };
}

/** A strict RFC 4180 reader, enough to read back what the writer wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  assert.equal(field, '', 'file ends with a newline');
  return rows;
}

function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  assert.ok(header);
  return rows.map((r) => {
    assert.equal(r.length, header.length);
    return Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']));
  });
}

const first = await writeAndRead(11, 'a');

describe('writeFunnelCsv', () => {
  it('writes byte-identical files for the same seed', async () => {
    const again = await writeAndRead(11, 'b');
    for (const key of Object.keys(FUNNEL_FILES) as (keyof typeof FUNNEL_FILES)[]) {
      assert.ok(first.files[key] === again.files[key], `${key} differs between two runs`);
    }
  });

  it('writes different data for a different seed', async () => {
    const other = await writeAndRead(12, 'c');
    assert.notEqual(other.files.leads, first.files.leads);
    assert.notEqual(other.files.interactions, first.files.interactions);
  });

  it('writes exactly the rows the generator makes, readable back as CSV', () => {
    const data = collectFunnel(options);
    const asText = (rows: readonly object[]) =>
      rows.map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)]),
        ),
      );
    assert.deepEqual(records(first.files.accounts), asText(data.accounts));
    assert.deepEqual(records(first.files.leads), asText(data.leads));
    assert.deepEqual(records(first.files.interactions), asText(data.interactions));
    assert.deepEqual(records(first.files.deals), asText(data.deals));
    assert.deepEqual(first.result.counts, data.counts);
  });

  it('quotes only the fields that need it', () => {
    assert.match(first.files.leads, /,"Director, IT"\n/);
    assert.match(first.files.interactions, /,"Product deep dive: ""fit"" scoring"\n/);
    assert.doesNotMatch(first.files.leads, /"L\d/);
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
  });

  it('writes the exact truth, the model, the seed and the as-of instant to truth.json', () => {
    const truth = JSON.parse(first.files.truth) as FunnelTruthFile;
    assert.equal(truth.seed, 11);
    assert.equal(truth.as_of, '2025-12-31 00:00:00');
    assert.equal(truth.maturity_days, 365);
    assert.equal(truth.complete_before, '2024-12-31 00:00:00');
    assert.deepEqual(truth.truth, trueCloseRates(DEFAULT_FUNNEL_MODEL));
    assert.deepEqual(truth.model, DEFAULT_FUNNEL_MODEL);
    assert.deepEqual(truth.counts, first.result.counts);
  });
});
